"""Closures proposed for a committee's meeting: what the committee is asked to agree, with
the officer's reason, members' comments, and the decisions recorded at the meeting."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from scrutineer.committees.models import Meeting
from scrutineer.core.calendar import long_date
from scrutineer.core.history import HistoryEntry
from scrutineer.core.models import Person
from scrutineer.core.sanitise import plain_text
from scrutineer.tracker.models import (
    ClosureComment,
    ClosureDecision,
    ProgressUpdate,
    Recommendation,
)
from scrutineer.tracker.selectors.visibility import in_force, recommendation_visible_list

# Only an action needs anything done: a noting or an agreement is never anyone's action.
NEEDS_ACTION = Q(kind=Recommendation.Kind.ACTION)


@dataclass
class ProposedClosure:
    """A recommendation proposed for closure, as the committee's list shows it."""

    recommendation: Recommendation
    latest_update: ProgressUpdate | None
    proposal: ProgressUpdate | None
    comments: list[ClosureComment] = field(default_factory=list)

    @property
    def reason(self) -> str:
        """The officer's reason: the update that proposed closure, as plain text."""
        return plain_text(self.proposal.text_html) if self.proposal else ""


def _proposed(meeting: Meeting) -> Q:
    """Open actions of the meeting's committee proposed for closure on or before its date."""
    return (
        NEEDS_ACTION
        & in_force()
        & Q(
            item__meeting__committee_id=meeting.committee_id,
            status=Recommendation.Status.OPEN,
            closure_proposed_at__isnull=False,
            closure_proposed_at__date__lte=meeting.date,
        )
        # A meeting cannot agree to close what it made at that meeting, or after it.
        & Q(item__meeting__date__lte=meeting.date)
    )


def _shaped(recommendations: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    return (
        recommendations.select_related("item__meeting__committee", "closure_proposed_by")
        .prefetch_related(
            Prefetch("assignees", queryset=Person.objects.order_by("name")),
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.select_related("author").order_by(
                    "-date", "-created_at", "-pk"
                ),
                to_attr="updates_latest_first",
            ),
            Prefetch(
                "closure_comments",
                queryset=ClosureComment.objects.select_related("author").order_by(
                    "created_at", "pk"
                ),
                to_attr="comments_in_order",
            ),
        )
        .order_by("item__meeting__date", "item__number", "pk")
    )


def _row(recommendation: Any) -> ProposedClosure:
    updates = recommendation.updates_latest_first
    proposal = next((u for u in updates if u.proposes_closure), None)
    return ProposedClosure(
        recommendation=recommendation,
        latest_update=updates[0] if updates else None,
        proposal=proposal,
        comments=list(recommendation.comments_in_order),
    )


def closures_proposed(meeting: Meeting, *, user: Any) -> list[ProposedClosure]:
    """The closures the meeting is asked to agree, that it has not decided yet, which the
    user may see (exempt items only for those entitled). Constant queries."""
    pending = (
        recommendation_visible_list(user)
        .filter(_proposed(meeting))
        .exclude(closure_decisions__meeting=meeting)
    )
    return [_row(r) for r in _shaped(pending)]


def closures_decided(meeting: Meeting, *, user: Any) -> list[ClosureDecision]:
    """The decisions recorded at the meeting, on what the user may see."""
    visible = recommendation_visible_list(user).values("pk")
    return list(
        ClosureDecision.objects.filter(meeting=meeting, recommendation__in=visible)
        .select_related("recommendation__item", "recorded_by", "proposed_by")
        .order_by("recommendation__item__number", "recommendation__pk")
    )


def closure_decisions_of(recommendation: Recommendation) -> list[ClosureDecision]:
    """The committee's decisions on closing the recommendation, latest meeting first."""
    return list(
        ClosureDecision.objects.filter(recommendation=recommendation)
        .select_related("meeting", "proposed_by", "recorded_by")
        .order_by("-meeting__date", "-pk")
    )


_DECIDED: dict[str, str] = {
    ClosureDecision.Outcome.AGREED: "Closure agreed",
    ClosureDecision.Outcome.NOT_AGREED: "Closure not agreed",
    ClosureDecision.Outcome.DEFERRED: "Closure deferred to the next meeting",
}


def decision_history_entry(decision: ClosureDecision) -> HistoryEntry:
    """The committee's decision as a line of the recommendation's history."""
    user = decision.recorded_by
    return HistoryEntry(
        when=decision.recorded_at,
        who=(user.get_full_name() or user.get_username()) if user else "System",
        action=f"{_DECIDED[decision.outcome]} by the committee at its meeting of "
        f"{long_date(decision.meeting.date)}",
        changes=[],
        reason=decision.note,
    )


def closure_comments_of(recommendation: Recommendation) -> list[ClosureComment]:
    """Members' comments on the recommendation's proposed closures, oldest first."""
    return list(
        ClosureComment.objects.filter(recommendation=recommendation)
        .select_related("author", "meeting")
        .order_by("created_at", "pk")
    )


def next_meeting_for_closures(recommendation: Recommendation) -> Meeting | None:
    """The meeting whose list of proposed closures the recommendation is on: the committee's
    first meeting (not cancelled) on or after the day closure was proposed that has not
    decided it (a deferral moves it to the next)."""
    proposed = recommendation.closure_proposed_at
    if proposed is None:
        return None
    return (
        Meeting.objects.filter(
            committee_id=recommendation.item.meeting.committee_id,
            date__gte=max(timezone.localdate(proposed), recommendation.item.meeting.date),
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .exclude(closure_decisions__recommendation=recommendation)
        .order_by("date", "time", "pk")
        .first()
    )


def meeting_send_candidates(meeting: Meeting) -> tuple[list[Recommendation], int, int]:
    """The meeting's recommendations to send to the executive (never a withdrawn one), and
    how many are left out as already sent and as notings."""
    recommendations = list(
        Recommendation.objects.filter(in_force(), item__meeting=meeting)
        .select_related("executive_response", "item")
        .order_by("item__number", "pk")
    )
    sent = [r for r in recommendations if hasattr(r, "executive_response")]
    noting = [
        r
        for r in recommendations
        if r.kind == Recommendation.Kind.NOTING and not hasattr(r, "executive_response")
    ]
    send = [r for r in recommendations if r not in sent and r not in noting]
    return send, len(sent), len(noting)
