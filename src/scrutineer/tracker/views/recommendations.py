"""Recommendation pages: adding one to an item, reading and changing it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from scrutineer.core import clock, permissions
from scrutineer.core.forms import add_service_errors
from scrutineer.core.history import history_of
from scrutineer.core.page_cache import public_page_cache, remembered
from scrutineer.core.permissions import permission_required
from scrutineer.tracker import services
from scrutineer.tracker.forms import RecommendationForm
from scrutineer.tracker.models import Item, Recommendation
from scrutineer.tracker.selectors import closures, records
from scrutineer.tracker.selectors.annual import municipal_year_of
from scrutineer.tracker.selectors.similar import items_asked_before
from scrutineer.tracker.selectors.visibility import tracker_audience
from scrutineer.tracker.views.conflicts import conflicted_form
from scrutineer.tracker.views.objects import get_item, get_recommendation, with_update_actions


def _can_view_recommendation(user: Any, recommendation: Recommendation) -> bool:
    return permissions.is_visible(user, recommendation)


def _can_add_recommendation(user: Any, item: Item) -> bool:
    return permissions.can_manage_tracker(user)


@permission_required(_can_add_recommendation, get_object=get_item)
def recommendation_create(request: HttpRequest, item: Item) -> HttpResponse:
    form = RecommendationForm(request.POST or None, initial={"kind": "action"})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            recommendation = services.recommendation_create(item=item, by=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Recommendation {recommendation.reference} added.")
            return redirect(item)
    return render(
        request,
        "tracker/form.html",
        {
            "form": form,
            "title": f"Add a recommendation to item {item.number}: {item.report_title}",
            "committee": item.meeting.committee,
            "submit": "Save recommendation",
            "asked_before_check": {"fields": "id_text", "exclude": item.pk},
        },
    )


@permission_required(_can_view_recommendation, get_object=get_recommendation, hide=True)
@public_page_cache
def recommendation_detail(request: HttpRequest, recommendation: Recommendation) -> HttpResponse:
    recommendation = records.recommendation_detail(recommendation.pk, user=request.user)
    user = request.user
    today = clock.today()
    # Members' comments and the committee's decisions on closure: the council side only.
    council = permissions.can_view_closure_list(user, recommendation.item.meeting)
    closure_meeting = (
        closures.next_meeting_for_closures(recommendation)
        if council and recommendation.closure_proposed_at and recommendation.is_open
        else None
    )
    decisions = closures.closure_decisions_of(recommendation) if council else []
    history = history_of(recommendation) if permissions.can_view_history(user) else None
    if history is not None and decisions:
        history = sorted(
            [*history, *(closures.decision_history_entry(d) for d in decisions)],
            key=lambda entry: entry.when,
            reverse=True,
        )
    return render(
        request,
        "tracker/recommendation.html",
        {
            "recommendation": recommendation,
            "updates": with_update_actions(user, recommendation.progress_updates.all()),
            "item": recommendation.item,
            # Kept, like the tracker's rows, until a record changes: it ranks the tracker.
            "asked_before": remembered(
                request,
                "asked-before",
                lambda: items_asked_before(recommendation.item, user=user),
                recommendation.item.pk,
                tracker_audience(user),
            ),
            "can_manage": permissions.can_manage_tracker(user),
            # The municipal year it was made in: the annual report it may be told in.
            "story_year": municipal_year_of(recommendation.item.meeting.date),
            "can_update": permissions.can_update_progress(user, recommendation),
            "can_close": permissions.can_close_recommendation(user, recommendation),
            "can_reopen": permissions.can_reopen_recommendation(user, recommendation),
            "can_record_response": permissions.can_record_executive_response(user, recommendation),
            "response": getattr(recommendation, "executive_response", None),
            "today": today,
            "council": council,
            "closure_meeting": closure_meeting,
            "closure_comments": closures.closure_comments_of(recommendation) if council else [],
            "closure_decisions": decisions,
            "history": history,
        },
    )


def _can_edit_recommendation(user: Any, recommendation: Recommendation) -> bool:
    return permissions.can_manage_tracker(user)


@permission_required(_can_edit_recommendation, get_object=get_recommendation)
def recommendation_edit(request: HttpRequest, recommendation: Recommendation) -> HttpResponse:
    initial = {
        "number": recommendation.number,
        "preamble": recommendation.preamble,
        "text": recommendation.text,
        "kind": recommendation.kind,
        "addressee": recommendation.addressee,
        "assignees": list(recommendation.assignees.all()),
        "due_date": recommendation.due_date,
        "version": recommendation.version,
    }
    form = RecommendationForm(request.POST or None, initial=initial)
    conflict: Any = None
    conflict_fields: list[tuple[str, str, str]] = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.recommendation_update(
                recommendation=recommendation, expected_version=version, by=request.user, **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except services.EditConflict as exc:
            conflict = exc.current
            form = conflicted_form(
                RecommendationForm,
                request,
                conflict,
                "Someone else changed this recommendation while you were editing it",
            )
            conflict_fields = [
                ("Recommendation", conflict.text, data["text"]),
                (
                    "Assigned to",
                    ", ".join(p.name for p in conflict.assignees.all()),
                    ", ".join(p.name for p in data["assignees"]),
                ),
                ("Due date", str(conflict.due_date or ""), str(data["due_date"] or "")),
            ]
        else:
            messages.success(request, f"Recommendation {recommendation.reference} saved.")
            return redirect(recommendation)
    return render(
        request,
        "tracker/form.html",
        {
            "form": form,
            "title": f"Change recommendation {recommendation.reference}",
            "committee": recommendation.item.meeting.committee,
            "submit": "Save recommendation",
            "asked_before_check": {"fields": "id_text", "exclude": recommendation.item_id},
            "conflict": conflict,
            "conflict_fields": conflict_fields,
        },
    )
