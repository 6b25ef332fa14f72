"""Closure agreed by the committee, and bulk work at a meeting: the closures proposed for a
meeting, members' comments on them, the committee's decisions recorded in one form, and the
meeting's recommendations sent to the executive in one step."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from scrutineer.committees.models import Meeting
from scrutineer.core import clock, permissions
from scrutineer.core.forms import add_service_errors
from scrutineer.core.permissions import permission_required
from scrutineer.tracker import services
from scrutineer.tracker.forms import (
    ClosureCommentForm,
    ClosureDecisionFormSet,
    SendMeetingToExecutiveForm,
)
from scrutineer.tracker.models import Recommendation
from scrutineer.tracker.selectors import closures
from scrutineer.tracker.views.objects import get_meeting


def _closures_url(meeting: Meeting) -> str:
    return reverse("tracker:meeting_closures", args=[meeting.pk])


@permission_required(permissions.can_view_closure_list, get_object=get_meeting)
def meeting_closures(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """The closures proposed for the meeting, for members to read and comment on before it."""
    user = request.user
    return render(
        request,
        "tracker/meeting_closures.html",
        {
            "meeting": meeting,
            "committee": meeting.committee,
            "rows": closures.closures_proposed(meeting, user=user),
            "decided": closures.closures_decided(meeting, user=user),
            "can_comment": permissions.can_comment_on_closure(user, meeting),
            "can_record": permissions.can_record_closure_decisions(user, meeting),
            "is_past": meeting.date <= clock.today(),
        },
    )


def get_proposed_closure(meeting: int, pk: int) -> Recommendation:
    """The recommendation, with the meeting whose list it is on (404 if either is missing, or
    the recommendation is not of the meeting's committee)."""
    found = get_meeting(meeting)
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("item__meeting__committee", "closure_proposed_by"),
        pk=pk,
    )
    if recommendation.item.meeting.committee_id != found.committee_id:
        raise Http404
    recommendation.closure_meeting = found  # type: ignore[attr-defined]
    return recommendation


def _can_comment(user: Any, recommendation: Any) -> bool:
    return permissions.can_comment_on_closure(user, recommendation.closure_meeting)


@permission_required(_can_comment, get_object=get_proposed_closure)
def closure_comment(request: HttpRequest, recommendation: Any) -> HttpResponse:
    """A member's comment on one proposed closure, before the meeting decides it."""
    meeting = recommendation.closure_meeting
    form = ClosureCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.closure_comment_add(
                recommendation=recommendation,
                meeting=meeting,
                text=form.cleaned_data["text"],
                author=permissions.person_of(request.user),
                by=request.user,
            )
        except services.TrackerRuleBroken as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Your comment on {recommendation.reference} is saved.")
            return redirect(f"{_closures_url(meeting)}#rec-{recommendation.pk}")
    return render(
        request,
        "tracker/closure_comment.html",
        {
            "form": form,
            "meeting": meeting,
            "committee": meeting.committee,
            "recommendation": recommendation,
            "comments": closures.closure_comments_of(recommendation),
        },
    )


@permission_required(permissions.can_record_closure_decisions, get_object=get_meeting)
def closure_decisions(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """After the meeting: the committee's decision on each proposed closure, in one form."""
    rows = closures.closures_proposed(meeting, user=request.user)
    by_pk = {row.recommendation.pk: row for row in rows}
    if request.method == "POST" and not rows:
        # The form again once everything on it is decided (a second submit): say so.
        messages.info(request, "The committee's decisions at this meeting are already recorded.")
        return redirect(_closures_url(meeting))
    formset = ClosureDecisionFormSet(request.POST or None, initial=_initial(rows))
    problem = ""
    if request.method == "POST" and formset.is_valid():
        chosen = [form.cleaned_data for form in formset.forms if form.cleaned_data]
        unknown = [data for data in chosen if data["recommendation"] not in by_pk]
        repeated = len({data["recommendation"] for data in chosen}) != len(chosen)
        if unknown or repeated or not chosen:
            problem = (
                "The proposed closures changed since you opened this page (someone else may "
                "have recorded some). Nothing has been saved: check them and record the "
                "decisions again."
            )
            formset = ClosureDecisionFormSet(initial=_initial(rows))
        else:
            try:
                services.closure_decisions_record(
                    meeting=meeting,
                    decisions=[
                        services.DecisionInput(
                            recommendation=by_pk[data["recommendation"]].recommendation,
                            outcome=data["outcome"],
                            note=data["note"],
                            expected_version=data["version"],
                        )
                        for data in chosen
                    ],
                    author=permissions.person_of(request.user),
                    by=request.user,
                )
            except services.AlreadyDone as exc:
                rows = closures.closures_proposed(meeting, user=request.user)
                if not rows:  # the same form submitted again: everything is recorded
                    messages.info(request, str(exc))
                    return redirect(_closures_url(meeting))
                # Someone else recorded some of them meanwhile: nothing of this form is saved.
                problem = f"{exc} Nothing else has been saved: record the others again."
                by_pk = {row.recommendation.pk: row for row in rows}
                formset = ClosureDecisionFormSet(initial=_initial(rows))
            except services.EditConflict as exc:
                reference = getattr(exc.current, "reference", "")
                problem = (
                    f"Someone else changed recommendation {reference} after you "
                    "opened this page. Nothing has been saved: check the list and record the "
                    "decisions again."
                )
                rows = closures.closures_proposed(meeting, user=request.user)
                by_pk = {row.recommendation.pk: row for row in rows}
                formset = ClosureDecisionFormSet(initial=_initial(rows))
            except services.TrackerRuleBroken as exc:
                problem = str(exc)
            except ValidationError as exc:
                problem = " ".join(exc.messages)
            else:
                counts = _counts(chosen)
                messages.success(request, f"The committee's decisions are recorded: {counts}.")
                return redirect(_closures_url(meeting))
    for form in formset.forms:
        pk = form["recommendation"].value()
        row = by_pk.get(int(pk)) if str(pk or "").isdigit() else None
        form.row = row  # type: ignore[attr-defined]
        reference = row.recommendation.reference if row else ""
        # On the bound fields, which a submitted form has already made with the plain labels.
        form["outcome"].label = f"The committee's decision on {reference}"
        form["note"].label = f"The committee's note on {reference}"
    return render(
        request,
        "tracker/closure_decisions.html",
        {
            "meeting": meeting,
            "committee": meeting.committee,
            "formset": formset,
            "problem": problem,
            "is_future": meeting.date > clock.today(),
        },
    )


def _initial(rows: list[closures.ProposedClosure]) -> list[dict[str, int]]:
    return [
        {"recommendation": row.recommendation.pk, "version": row.recommendation.version}
        for row in rows
    ]


def _counts(chosen: list[dict[str, Any]]) -> str:
    words = {"agreed": "closed", "not_agreed": "not agreed", "deferred": "deferred"}
    parts = []
    for outcome, word in words.items():
        count = sum(1 for data in chosen if data["outcome"] == outcome)
        if count:
            parts.append(f"{count} {word}")
    return ", ".join(parts)


@permission_required(permissions.can_send_meeting_to_executive, get_object=get_meeting)
def meeting_send_to_executive(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """Every recommendation of the meeting sent to the executive on one date, in one step."""
    to_send, already, noting = closures.meeting_send_candidates(meeting)
    form = SendMeetingToExecutiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.meeting_send_to_executive(
                meeting=meeting, by=request.user, **form.cleaned_data
            )
        except services.AlreadyDone as exc:
            messages.info(request, str(exc))
            return redirect(meeting)
        except services.TrackerRuleBroken as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return render(
                request,
                "tracker/meeting_sent.html",
                {
                    "meeting": meeting,
                    "committee": meeting.committee,
                    "result": result,
                    "addressee": form.cleaned_data["addressee"],
                    "sent_on": form.cleaned_data["sent_on"],
                },
            )
    return render(
        request,
        "tracker/meeting_send.html",
        {
            "form": form,
            "meeting": meeting,
            "committee": meeting.committee,
            "to_send": to_send,
            "already": already,
            "noting": noting,
        },
    )
