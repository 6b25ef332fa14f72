"""Progress updates, each submitted once: a repeat of the same form is AlreadyDone."""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction

from scrutineer.core import clock
from scrutineer.core.history import history_user_set
from scrutineer.core.models import Person
from scrutineer.core.sanitise import plain_text
from scrutineer.core.text import text_to_html
from scrutineer.tracker import validation
from scrutineer.tracker.models import Item, ProgressUpdate, Recommendation
from scrutineer.tracker.services.errors import AlreadyDone, EditConflict, TrackerRuleBroken
from scrutineer.tracker.services.search import item_reindex
from scrutineer.tracker.services.versions import locked, saved
from scrutineer.tracker.services.withdrawal import Upload, evidence_attach

_SEE_RECOMMENDATION = re.compile(r"\bsee (?:recommendation|item|row) (\d+)\b", re.IGNORECASE)


@transaction.atomic
def progress_add(
    *,
    item: Item,
    text: str,
    recommendation: Recommendation | None = None,
    author: Person | None = None,
    date: datetime.date | None = None,
    proposes_closure: bool = False,
    expected_version: int | None = None,
    submission_key: uuid.UUID | None = None,
    evidence: Sequence[Upload] = (),
    by: Any = None,
) -> ProgressUpdate:
    """Post a progress update; "see recommendation 8" links the item to item 8. A proposal of
    closure changes the recommendation, so it checks the version the form was opened with.

    `submission_key` is the one-time key of the form or request: an update already saved
    with it is a second submit (a double click, a resent page, a retried API call), so
    nothing is written and AlreadyDone carries the first update. Two submits at once are
    kept apart by the key's unique constraint, not only by looking first. ``evidence``
    files are attached with it, or nothing is saved."""
    if recommendation is not None and recommendation.item_id != item.pk:
        raise TrackerRuleBroken("The recommendation does not belong to this item.")
    if submission_key is not None:
        _raise_if_submitted(submission_key, item=item, recommendation=recommendation, by=by)
    fresh = None
    text_html = text_to_html(text)
    if proposes_closure and recommendation is not None:
        fresh = locked(recommendation)
        if fresh.closure_proposed_at and _is_repeat(fresh, text_html, author):
            raise AlreadyDone(f"Closure of {fresh.reference} was already proposed.")
        if expected_version is not None and fresh.version != expected_version:
            raise EditConflict(fresh)
    if proposes_closure and (fresh is None or not fresh.is_open):
        raise TrackerRuleBroken("Only an open recommendation can be proposed for closure.")
    if proposes_closure and fresh is not None and not fresh.needs_action:
        raise TrackerRuleBroken(
            "A noting or an agreement needs no action, so it is not proposed for closure."
        )
    validation.progress_check(text=text, date=date or clock.today(), today=clock.today())
    update = ProgressUpdate(
        item=item,
        recommendation=recommendation,
        date=date or clock.today(),
        author=author,
        text_html=text_html,
        proposes_closure=proposes_closure,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        submission_key=submission_key,
    )
    if not update.text_html:
        raise TrackerRuleBroken("A progress update needs some text.")
    history_user_set(update, by)
    try:
        with transaction.atomic():  # a savepoint: the outer transaction survives a refusal
            update.save()
    except IntegrityError:
        if submission_key is None:
            raise
        # The same key was saved by a submit running alongside this one, committed first.
        _raise_if_submitted(submission_key, item=item, recommendation=recommendation, by=by)
        raise
    if evidence:
        evidence_attach(update=update, uploads=evidence, by=by)
    if fresh is not None and recommendation is not None:
        fresh.closure_proposed_at = clock.now()
        fresh.closure_proposed_by = author
        saved(fresh, recommendation, by)
    numbers = {int(n) for n in _SEE_RECOMMENDATION.findall(plain_text(update.text_html))}
    if numbers:
        linked = Item.objects.filter(
            meeting__committee_id=item.meeting.committee_id, number__in=numbers
        ).exclude(pk=item.pk)
        item.related_items.add(*linked)
    item_reindex(item)
    return update


def _raise_if_submitted(
    key: uuid.UUID, *, item: Item, recommendation: Recommendation | None, by: Any
) -> None:
    """AlreadyDone with the update saved under this key, if there is one. A key used for
    another recommendation, or by someone else, is refused rather than answered with their
    update: the key is the client's, and must not reveal or swallow another's work."""
    first = ProgressUpdate.objects.filter(submission_key=key).first()
    if first is None:
        return
    by_id = by.pk if getattr(by, "is_authenticated", False) else None
    if (
        first.item_id != item.pk
        or first.recommendation_id != (recommendation.pk if recommendation else None)
        or first.created_by_id != by_id
    ):
        raise TrackerRuleBroken(
            "This submission key was already used for another update: send a new one."
        )
    raise AlreadyDone("This update was already saved.", current=first)


def _is_repeat(recommendation: Recommendation, text_html: str, author: Person | None) -> bool:
    """Whether the latest update on the recommendation is this one already: a second submit."""
    latest = recommendation.progress_updates.order_by("-created_at", "-pk").first()
    return (
        latest is not None
        and latest.proposes_closure
        and latest.text_html == text_html
        and latest.author_id == (author.pk if author else None)
    )
