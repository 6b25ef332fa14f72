"""Closing a recommendation at a meeting, and reopening it, each on record as progress."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from scrutineer.committees.models import Meeting
from scrutineer.core import clock
from scrutineer.core.models import Person
from scrutineer.tracker import validation
from scrutineer.tracker.models import Recommendation
from scrutineer.tracker.services.errors import AlreadyDone, EditConflict, TrackerRuleBroken
from scrutineer.tracker.services.progress import progress_add
from scrutineer.tracker.services.search import item_reindex
from scrutineer.tracker.services.versions import locked, saved


@transaction.atomic
def recommendation_close(
    *,
    recommendation: Recommendation,
    closed_by: Any,
    agreed_at: Meeting | None,
    reason: str,
    closed_on: datetime.date | None = None,
    author: Person | None = None,
    record_progress: bool = True,
    expected_version: int | None = None,
) -> Recommendation:
    """Close a recommendation, recording the meeting at which the committee agreed it.
    Closing it again is AlreadyDone; closing from a page opened before a change, EditConflict."""
    fresh = locked(recommendation)
    if not fresh.is_open:
        raise AlreadyDone(f"{fresh.reference} is already closed.")
    if expected_version is not None and fresh.version != expected_version:
        raise EditConflict(fresh)
    if not reason.strip():
        raise TrackerRuleBroken("Give the reason for closing the recommendation.")
    validation.closure_check(
        recommendation=fresh,
        agreed_at=agreed_at,
        closed_on=closed_on,
        reason=reason,
        today=clock.today(),
    )
    fresh.status = Recommendation.Status.CLOSED
    fresh.closed_on = closed_on or (agreed_at.date if agreed_at else clock.today())
    fresh.closure_reason = reason.strip()
    fresh.closure_agreed_at = agreed_at
    saved(fresh, recommendation, closed_by)
    if not record_progress:
        item_reindex(recommendation.item)
        return recommendation
    progress_add(
        item=recommendation.item,
        recommendation=recommendation,
        text=f"Closed: {reason.strip()}",
        date=recommendation.closed_on,
        author=author,
        by=closed_by,
    )
    return recommendation


@transaction.atomic
def recommendation_reopen(
    *,
    recommendation: Recommendation,
    reopened_by: Any,
    reason: str,
    author: Person | None = None,
    expected_version: int | None = None,
) -> Recommendation:
    """Reopen a closed recommendation; the reason goes on record as a progress update.
    Reopening it again is AlreadyDone; from a page opened before a change, EditConflict."""
    fresh = locked(recommendation)
    if fresh.is_open:
        raise AlreadyDone(f"{fresh.reference} is already open.")
    if expected_version is not None and fresh.version != expected_version:
        raise EditConflict(fresh)
    if not reason.strip():
        raise TrackerRuleBroken("Give the reason for reopening the recommendation.")
    validation.reopen_check(reason=reason)
    fresh.status = Recommendation.Status.OPEN
    fresh.closed_on = None
    fresh.closure_reason = ""
    fresh.closure_agreed_at = None
    fresh.closure_proposed_at = None
    fresh.closure_proposed_by = None
    saved(fresh, recommendation, reopened_by)
    progress_add(
        item=recommendation.item,
        recommendation=recommendation,
        text=f"Reopened: {reason.strip()}",
        author=author,
        by=reopened_by,
    )
    return recommendation
