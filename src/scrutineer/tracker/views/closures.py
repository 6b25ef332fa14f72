"""Closing and reopening a recommendation: one flow for both."""

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
from scrutineer.tracker.forms import CloseForm, ReopenForm
from scrutineer.tracker.models import Recommendation
from scrutineer.tracker.views.conflicts import STALE_PAGE, conflicted_form, recommendation_conflict
from scrutineer.tracker.views.objects import get_recommendation


def _closure_change(
    request: HttpRequest,
    recommendation: Recommendation,
    *,
    form_class: Any,
    change: Any,
    done: str,
    verb: str,
    **form_kwargs: Any,
) -> HttpResponse:
    """The close and reopen pages: one form, the service under a version check, the conflict
    page when the recommendation changed since the page opened, "already done" on a repeat."""
    committee = recommendation.item.meeting.committee
    form = form_class(
        request.POST or None, initial={"version": recommendation.version}, **form_kwargs
    )
    conflict: Any = None
    conflict_fields: list[tuple[str, ...]] = []
    if request.method == "POST" and form.is_valid():
        try:
            change(form.cleaned_data)
        except services.AlreadyDone as exc:
            messages.info(request, str(exc))
            return redirect(recommendation)
        except services.EditConflict as exc:
            conflict = exc.current
            conflict_fields = recommendation_conflict(conflict, form.cleaned_data["version"])
            form = conflicted_form(form_class, request, conflict, STALE_PAGE, **form_kwargs)
        except services.TrackerRuleBroken as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Recommendation {recommendation.reference} {done}.")
            return redirect(recommendation)
    return render(
        request,
        "tracker/form.html",
        {
            "form": form,
            "title": f"{verb} recommendation {recommendation.reference}",
            "lead": recommendation.text,
            "committee": committee,
            "submit": f"{verb} recommendation",
            "conflict": conflict,
            "conflict_fields": conflict_fields,
            "conflict_mine": "When you opened this page",
        },
    )


@permission_required(permissions.can_decide_closure, get_object=get_recommendation)
def recommendation_close(request: HttpRequest, recommendation: Recommendation) -> HttpResponse:
    if not recommendation.is_open and request.method != "POST":
        messages.info(request, f"{recommendation.reference} is already closed.")
        return redirect(recommendation)
    return _closure_change(
        request,
        recommendation,
        form_class=CloseForm,
        change=lambda data: services.recommendation_close(
            recommendation=recommendation,
            closed_by=request.user,
            agreed_at=data["agreed_at"],
            reason=data["reason"],
            author=permissions.person_of(request.user),
            expected_version=data["version"],
        ),
        done="closed",
        verb="Close",
        committee=recommendation.item.meeting.committee,
    )


@permission_required(permissions.can_decide_closure, get_object=get_recommendation)
def recommendation_reopen(request: HttpRequest, recommendation: Recommendation) -> HttpResponse:
    if recommendation.is_open and request.method != "POST":
        messages.info(request, f"{recommendation.reference} is already open.")
        return redirect(recommendation)
    return _closure_change(
        request,
        recommendation,
        form_class=ReopenForm,
        change=lambda data: services.recommendation_reopen(
            recommendation=recommendation,
            reopened_by=request.user,
            reason=data["reason"],
            author=permissions.person_of(request.user),
            expected_version=data["version"],
        ),
        done="reopened",
        verb="Reopen",
    )
