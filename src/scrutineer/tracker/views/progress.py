"""The progress page: an update on a recommendation, and a proposal to close it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from scrutineer.core import permissions
from scrutineer.core.forms import add_service_errors
from scrutineer.core.permissions import permission_required
from scrutineer.tracker import services
from scrutineer.tracker.forms import ProgressForm
from scrutineer.tracker.models import Recommendation
from scrutineer.tracker.views.conflicts import STALE_PAGE, conflicted_form, recommendation_conflict
from scrutineer.tracker.views.objects import get_recommendation


@permission_required(permissions.can_update_progress, get_object=get_recommendation)
def progress_add(request: HttpRequest, recommendation: Recommendation) -> HttpResponse:
    form = ProgressForm(
        request.POST or None, request.FILES or None, initial={"version": recommendation.version}
    )
    if not recommendation.is_open or not recommendation.needs_action:
        del form.fields["proposes_closure"]
    conflict: Any = None
    conflict_fields: list[tuple[str, ...]] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_add(
                item=recommendation.item,
                recommendation=recommendation,
                text=form.cleaned_data["text"],
                proposes_closure=form.cleaned_data.get("proposes_closure", False),
                expected_version=form.cleaned_data["version"],
                submission_key=form.cleaned_data.get("submission_key"),
                evidence=[
                    services.Upload(name=f.name, data=f.read())
                    for f in form.cleaned_data.get("evidence") or []
                ],
                author=permissions.person_of(request.user),
                by=request.user,
            )
        except services.AlreadyDone as exc:
            messages.info(request, str(exc))
            return redirect(recommendation)
        except services.EditConflict as exc:
            conflict = exc.current
            conflict_fields = recommendation_conflict(conflict, form.cleaned_data["version"])
            form = conflicted_form(ProgressForm, request, conflict, STALE_PAGE)
            if not conflict.is_open:
                del form.fields["proposes_closure"]
        except services.TrackerRuleBroken as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if form.cleaned_data.get("proposes_closure"):
                messages.success(
                    request, "Progress saved, and closure proposed to the committee's next meeting."
                )
            else:
                messages.success(request, "Progress saved.")
            return redirect(recommendation)
    return render(
        request,
        "tracker/form.html",
        {
            "form": form,
            "title": f"Update progress on {recommendation.reference}",
            "lead": recommendation.text,
            "committee": recommendation.item.meeting.committee,
            "submit": "Save progress",
            "conflict": conflict,
            "conflict_fields": conflict_fields,
            "conflict_mine": "When you opened this page",
        },
    )
