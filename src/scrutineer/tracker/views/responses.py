"""The executive's side: sending a recommendation to it, and recording its response."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from scrutineer.core import permissions
from scrutineer.core.forms import add_service_errors
from scrutineer.core.permissions import permission_required
from scrutineer.tracker import services
from scrutineer.tracker.forms import ExecutiveResponseForm, SendToExecutiveForm
from scrutineer.tracker.models import Recommendation
from scrutineer.tracker.views.objects import get_recommendation


@permission_required(permissions.can_record_executive_response, get_object=get_recommendation)
def recommendation_send(request: HttpRequest, recommendation: Recommendation) -> HttpResponse:
    form = SendToExecutiveForm(
        request.POST or None, initial={"addressee": recommendation.addressee or "Cabinet"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            response = services.recommendation_send_to_executive(
                recommendation=recommendation, by=request.user, **form.cleaned_data
            )
        except services.AlreadyDone as exc:
            messages.info(request, str(exc))
            return redirect(recommendation)
        except services.TrackerRuleBroken as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Recorded. {response.addressee} must respond by {response.due_on:%-d %B %Y}.",
            )
            return redirect(recommendation)
    return render(
        request,
        "tracker/form.html",
        {
            "form": form,
            "title": f"Record that {recommendation.reference} was sent to the executive",
            "lead": recommendation.text,
            "committee": recommendation.item.meeting.committee,
            "submit": "Save",
        },
    )


@permission_required(permissions.can_record_executive_response, get_object=get_recommendation)
def response_record(request: HttpRequest, recommendation: Recommendation) -> HttpResponse:
    response = getattr(recommendation, "executive_response", None)
    if response is None:
        return redirect("tracker:recommendation_send", pk=recommendation.pk)
    # A response imported in the executive's words is classified here, on the date it was given.
    initial = {"responded_on": response.responded_on} if response.text else {}
    form = ExecutiveResponseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.executive_response_record(
                response=response, by=request.user, **form.cleaned_data
            )
        except services.AlreadyDone as exc:
            messages.info(request, str(exc))
            return redirect(recommendation)
        except services.TrackerRuleBroken as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{response.addressee}'s response recorded.")
            return redirect(recommendation)
    return render(
        request,
        "tracker/form.html",
        {
            "form": form,
            "title": f"Record {response.addressee}'s response to {recommendation.reference}",
            "lead": recommendation.text
            + (f" The executive's response: “{response.text}”" if response.text else ""),
            "committee": recommendation.item.meeting.committee,
            "submit": "Save response",
        },
    )
