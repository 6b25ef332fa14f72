"""Closure agreed by the committee: members' comments on a proposed closure before the
meeting, the committee's decisions recorded after it in one write, and a meeting's
recommendations sent to the executive in one step."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from scrutineer.committees.models import Meeting
from scrutineer.core import clock
from scrutineer.core.history import history_user_set
from scrutineer.core.models import Person
from scrutineer.core.sanitise import plain_text
from scrutineer.core.validation import TEXT_MAX, raise_if_any, too_long
from scrutineer.tracker.models import ClosureComment, ClosureDecision, Recommendation
from scrutineer.tracker.selectors.closures import meeting_send_candidates
from scrutineer.tracker.services.closure import recommendation_close
from scrutineer.tracker.services.errors import AlreadyDone, TrackerRuleBroken
from scrutineer.tracker.services.responses import recommendation_send_to_executive
from scrutineer.tracker.services.versions import locked, saved

Outcome = ClosureDecision.Outcome


def _is_proposed_for(recommendation: Recommendation, meeting: Meeting) -> bool:
    proposed = recommendation.closure_proposed_at
    return (
        recommendation.is_open
        and recommendation.kind == Recommendation.Kind.ACTION
        and proposed is not None
        and recommendation.item.meeting.committee_id == meeting.committee_id
        and timezone.localdate(proposed) <= meeting.date
    )


@transaction.atomic
def closure_comment_add(
    *,
    recommendation: Recommendation,
    meeting: Meeting,
    text: str,
    author: Person | None = None,
    by: Any = None,
) -> ClosureComment:
    """A comment on a closure proposed for the meeting, for the council's eyes only."""
    if not text.strip():
        raise TrackerRuleBroken("Enter your comment")
    raise_if_any(text=too_long(text, label="Comment", limit=TEXT_MAX))
    fresh = locked(recommendation)
    if not _is_proposed_for(fresh, meeting):
        raise TrackerRuleBroken(
            f"Recommendation {fresh.reference} is not proposed for closure at this meeting."
        )
    comment = ClosureComment(
        recommendation=fresh,
        meeting=meeting,
        author=author,
        text=text.strip(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    history_user_set(comment, by)
    comment.save()
    return comment


@dataclass(frozen=True)
class DecisionInput:
    """The committee's decision on one recommendation, as the form gives it."""

    recommendation: Recommendation
    outcome: str
    note: str = ""
    expected_version: int | None = None


@transaction.atomic
def closure_decisions_record(
    *,
    meeting: Meeting,
    decisions: Sequence[DecisionInput],
    author: Person | None = None,
    by: Any = None,
) -> list[ClosureDecision]:
    """Record what the committee decided at the meeting on each closure proposed to it, all
    or nothing: agreed closes the recommendation with the meeting (closed on its date, for
    the officer's reason); not agreed clears the proposal, with the committee's note;
    deferred leaves it for the next meeting. A recommendation changed since the form was
    opened is EditConflict, and nothing is written; the same form again is AlreadyDone."""
    if not decisions:
        raise TrackerRuleBroken("There are no proposed closures to decide at this meeting.")
    if meeting.is_cancelled:
        raise TrackerRuleBroken("The meeting was cancelled: record the decisions at another.")
    if meeting.date > clock.today():
        raise TrackerRuleBroken(
            "The meeting has not taken place yet: record its decisions after "
            f"{meeting.date:%-d %B %Y}."
        )
    recorded: list[ClosureDecision] = []
    for decision in decisions:
        if decision.outcome not in Outcome.values:
            raise TrackerRuleBroken("Choose agreed, not agreed or deferred.")
        raise_if_any(note=too_long(decision.note, label="Note", limit=TEXT_MAX))
        note = decision.note.strip()
        if decision.outcome == Outcome.NOT_AGREED and not note:
            raise TrackerRuleBroken(
                f"Say why the committee did not agree to close {decision.recommendation.reference}."
            )
        recommendation = decision.recommendation
        if ClosureDecision.objects.filter(recommendation=recommendation, meeting=meeting).exists():
            raise AlreadyDone(
                f"The committee's decision on {recommendation.reference} was already recorded."
            )
        fresh = locked(recommendation, decision.expected_version)
        if not _is_proposed_for(fresh, meeting):
            raise TrackerRuleBroken(
                f"Recommendation {fresh.reference} is no longer proposed for closure."
            )
        record = ClosureDecision(
            recommendation=fresh,
            meeting=meeting,
            outcome=decision.outcome,
            note=note,
            proposed_at=fresh.closure_proposed_at,
            proposed_by=fresh.closure_proposed_by,
            recorded_by=by if getattr(by, "is_authenticated", False) else None,
        )
        if decision.outcome == Outcome.AGREED:
            recommendation_close(
                recommendation=fresh,
                closed_by=by,
                agreed_at=meeting,
                reason=_officers_reason(fresh) or note or "Closure agreed by the committee.",
                closed_on=meeting.date,
                author=author,
            )
        elif decision.outcome == Outcome.NOT_AGREED:
            fresh.closure_proposed_at = None
            fresh.closure_proposed_by = None
            saved(fresh, fresh, by)
        history_user_set(record, by)
        try:
            with transaction.atomic():
                record.save()
        except IntegrityError:
            raise AlreadyDone(
                f"The committee's decision on {fresh.reference} was already recorded."
            ) from None
        if recommendation is not fresh:
            recommendation.refresh_from_db()
        recorded.append(record)
    return recorded


def _officers_reason(recommendation: Recommendation) -> str:
    """The reason the officer gave in the update that proposed closure, or the one already
    recorded: kept as the closure's reason."""
    if recommendation.closure_reason:
        return recommendation.closure_reason
    proposal = (
        recommendation.progress_updates.filter(proposes_closure=True)
        .order_by("-date", "-created_at", "-pk")
        .first()
    )
    return plain_text(proposal.text_html)[:TEXT_MAX] if proposal else ""


@dataclass(frozen=True)
class SentToExecutive:
    """What sending a meeting's recommendations did: how many went, and how many did not."""

    sent: int
    already_sent: int
    noting: int


@transaction.atomic
def meeting_send_to_executive(
    *,
    meeting: Meeting,
    sent_on: datetime.date,
    addressee: str = "Cabinet",
    by: Any = None,
) -> SentToExecutive:
    """Send every recommendation of the meeting to the executive on one date, all or none:
    those already sent, and notings (nothing for the executive to do), are left out."""
    to_send, already, noting = meeting_send_candidates(meeting)
    if not to_send:
        raise AlreadyDone("Every recommendation of this meeting was already sent, or is a noting.")
    for recommendation in to_send:
        recommendation_send_to_executive(
            recommendation=recommendation,
            sent_on=sent_on,
            addressee=addressee or recommendation.addressee or "Cabinet",
            by=by,
        )
    return SentToExecutive(sent=len(to_send), already_sent=already, noting=noting)
