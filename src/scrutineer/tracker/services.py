"""Every write to the tracker: items, recommendations, progress, closure and reopening."""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.db.models.functions import Length

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import clock
from scrutineer.core.history import history_user_set
from scrutineer.core.models import Person
from scrutineer.core.sanitise import plain_text
from scrutineer.core.text import text_to_html
from scrutineer.core.working_days import response_deadline
from scrutineer.tracker import validation
from scrutineer.tracker.models import ExecutiveResponse, Item, ProgressUpdate, Recommendation


class EditConflict(Exception):
    """Someone else saved the record after the form was opened."""

    def __init__(self, current: Model) -> None:
        self.current = current
        super().__init__(f"{current} was changed by someone else")


class TrackerRuleBroken(Exception):
    """A business rule refused the change; the message says which and why."""


class AlreadyDone(TrackerRuleBroken):
    """The change asked for is already made (a second submit of the same form): nothing was
    written twice, and the page can say so rather than report an error. `current` is the
    record the first submit wrote, where the caller can be given it (a progress update)."""

    def __init__(self, message: str, current: Model | None = None) -> None:
        self.current = current
        super().__init__(message)


def municipal_year(day: datetime.date) -> str:
    """The municipal year as "24/25". It begins at the annual meeting of the council in May
    (Local Government Act 1972, Sch. 12 para 1), taken here as 1 May."""
    start = day.year if day.month >= 5 else day.year - 1
    return f"{start % 100:02d}/{(start + 1) % 100:02d}"


def recommendation_reference(*, committee: Committee, day: datetime.date) -> str:
    """The next free reference for the committee's municipal year, e.g. "CO&S 24/25-09"."""
    prefix = f"{committee.short_name} {municipal_year(day)}-"
    # Longest first, then highest: "…-100" after "…-99", without loading every reference.
    taken = (
        Recommendation.objects.filter(reference__startswith=prefix)
        .order_by(Length("reference").desc(), "-reference")
        .values_list("reference", flat=True)
    )
    for reference in taken.iterator():
        if reference[len(prefix) :].isdigit():
            return f"{prefix}{int(reference[len(prefix) :]) + 1:02d}"
    return f"{prefix}01"


def _locked(instance: Any, expected_version: int | None = None) -> Any:
    """The row as it is now, locked until the transaction ends: every state change writes this
    copy, never the one loaded when the request began. Raises EditConflict when the form was
    opened at another version. (SQLite takes its write lock as the transaction begins.)"""
    fresh = type(instance).objects.select_for_update(no_key=True).get(pk=instance.pk)
    if expected_version is not None and fresh.version != expected_version:
        raise EditConflict(fresh)
    return fresh


def _saved(fresh: Item | Recommendation, instance: Item | Recommendation, by: Any) -> None:
    """Write the locked row at the next version, then show the caller's copy what was saved."""
    fresh.version += 1
    history_user_set(fresh, by)
    fresh.save()
    if instance is not fresh:
        instance.refresh_from_db()
        history_user_set(instance, by)  # for the assignees' history row, written through it


# Items whose search text is due, while a bulk write defers reindexing (see below).
_reindex_pending: ContextVar[set[int] | None] = ContextVar("reindex_pending", default=None)


@contextmanager
def search_index_deferred() -> Iterator[None]:
    """Reindex each item written in the block once, as the block ends, instead of after every
    write: an import touches an item several times per row. Nothing is reindexed on error."""
    if _reindex_pending.get() is not None:
        yield  # already deferred by an outer block
        return
    pending: set[int] = set()
    token = _reindex_pending.set(pending)
    try:
        yield
    finally:
        _reindex_pending.reset(token)
    for pk in sorted(pending):
        item_reindex(Item(pk=pk))


def item_reindex(item: Item) -> None:
    """Rebuild the item's search text from its title, summary, recommendations and progress."""
    pending = _reindex_pending.get()
    if pending is not None:
        pending.add(item.pk)
        return
    with transaction.atomic(savepoint=False):
        # Lock the item before reading what it holds: two progress updates posted at once
        # would otherwise each write a text that lacks the other's (PostgreSQL; SQLite
        # writes one transaction at a time anyway).
        current = Item.objects.select_for_update(no_key=True).get(pk=item.pk)
        parts = [current.report_title, plain_text(current.summary_html)]
        for recommendation in current.recommendations.all():
            parts += [recommendation.reference, recommendation.preamble, recommendation.text]
        parts += [plain_text(update.text_html) for update in current.progress_updates.all()]
        parts += [person.name for person in Person.objects.filter(recommendations__item=item)]
        document = "\n".join(p for p in parts if p)
        # On SQLite, triggers copy the text into the full-text index (migration 0006).
        Item.objects.filter(pk=item.pk).update(search_document=document)
    item.search_document = document


def item_next_number(committee: Committee) -> int:
    last = Item.objects.filter(meeting__committee=committee).order_by("-number").first()
    return (last.number if last else 0) + 1


@transaction.atomic
def item_create(
    *,
    meeting: Meeting,
    report_title: str,
    summary: str = "",
    lead_officer: Person | None = None,
    is_exempt: bool = False,
    number: int | None = None,
    by: Any = None,
) -> Item:
    """Add an item to a meeting; its summary is sanitised; it takes the next tracker number."""
    validation.item_check(report_title=report_title, summary=summary)
    item = Item(
        meeting=meeting,
        number=number or item_next_number(meeting.committee),
        report_title=report_title.strip(),
        summary_html=text_to_html(summary),
        lead_officer=lead_officer,
        is_exempt=is_exempt,
    )
    history_user_set(item, by)
    item.save()
    item_reindex(item)
    return item


@transaction.atomic
def item_update(
    *, item: Item, expected_version: int | None, by: Any = None, **changes: Any
) -> Item:
    """Change an item's fields; raises EditConflict when it changed since the form opened."""
    validation.item_check(report_title=changes.get("report_title"), summary=changes.get("summary"))
    fresh = _locked(item, expected_version)
    if "summary" in changes:
        fresh.summary_html = text_to_html(changes.pop("summary"))
    for field, value in changes.items():
        setattr(fresh, field, value)
    _saved(fresh, item, by)
    item_reindex(item)
    return item


@transaction.atomic
def recommendation_create(
    *,
    item: Item,
    text: str,
    number: str = "",
    preamble: str = "",
    kind: str = Recommendation.Kind.ACTION,
    addressee: str = "",
    assignees: Iterable[Person] = (),
    due_date: datetime.date | None = None,
    reference: str = "",
    by: Any = None,
) -> Recommendation:
    """Add a recommendation to an item, with the next reference of the municipal year."""
    validation.recommendation_check(
        text=text, preamble=preamble, addressee=addressee, due_date=due_date
    )
    if not number:
        number = str(item.recommendations.count() + 1)
    recommendation = Recommendation(
        item=item,
        number=number,
        text=text.strip(),
        preamble=preamble.strip(),
        kind=kind,
        addressee=addressee.strip(),
        due_date=due_date,
        reference=reference
        or recommendation_reference(committee=item.meeting.committee, day=item.meeting.date),
    )
    history_user_set(recommendation, by)
    recommendation.save()
    _assign(recommendation, list(assignees))
    item_reindex(item)
    return recommendation


def _assign(recommendation: Recommendation, assignees: list[Person]) -> None:
    """Set the assignees (one history record) and keep them in the order given, which is the
    order the tracker prints them in ("Tracie Heiser / O&S Officers")."""
    recommendation.assignees.set(assignees)
    through = Recommendation.assignees.through
    wanted = list(dict.fromkeys(p.pk for p in assignees))
    rows = through.objects.filter(recommendation=recommendation)
    if list(rows.order_by("id").values_list("person_id", flat=True)) != wanted:
        # Rewriting the link rows changes no one's assignment, so history has nothing to add.
        rows.delete()
        through.objects.bulk_create(
            through(recommendation=recommendation, person_id=pk) for pk in wanted
        )


@transaction.atomic
def recommendation_update(
    *,
    recommendation: Recommendation,
    expected_version: int | None,
    by: Any = None,
    assignees: Iterable[Person] | None = None,
    **changes: Any,
) -> Recommendation:
    """Change a recommendation; raises EditConflict when it changed since the form opened."""
    validation.recommendation_check(
        text=changes.get("text"),
        preamble=changes.get("preamble"),
        addressee=changes.get("addressee"),
        due_date=changes.get("due_date"),
    )
    fresh = _locked(recommendation, expected_version)
    for field, value in changes.items():
        setattr(fresh, field, value.strip() if isinstance(value, str) else value)
    _saved(fresh, recommendation, by)
    if assignees is not None:
        _assign(recommendation, list(assignees))
    item_reindex(recommendation.item)
    return recommendation


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
    by: Any = None,
) -> ProgressUpdate:
    """Post a progress update; "see recommendation 8" links the item to item 8. A proposal of
    closure changes the recommendation, so it checks the version the form was opened with.

    `submission_key` is the one-time key of the form or request: an update already saved
    with it is a second submit (a double click, a resent page, a retried API call), so
    nothing is written and AlreadyDone carries the first update. Two submits at once are
    kept apart by the key's unique constraint, not only by looking first."""
    if recommendation is not None and recommendation.item_id != item.pk:
        raise TrackerRuleBroken("The recommendation does not belong to this item.")
    if submission_key is not None:
        _raise_if_submitted(submission_key, item=item, recommendation=recommendation, by=by)
    fresh = None
    text_html = text_to_html(text)
    if proposes_closure and recommendation is not None:
        fresh = _locked(recommendation)
        if fresh.closure_proposed_at and _is_repeat(fresh, text_html, author):
            raise AlreadyDone(f"Closure of {fresh.reference} was already proposed.")
        if expected_version is not None and fresh.version != expected_version:
            raise EditConflict(fresh)
    if proposes_closure and (fresh is None or not fresh.is_open):
        raise TrackerRuleBroken("Only an open recommendation can be proposed for closure.")
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
    if fresh is not None and recommendation is not None:
        fresh.closure_proposed_at = clock.now()
        fresh.closure_proposed_by = author
        _saved(fresh, recommendation, by)
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
    fresh = _locked(recommendation)
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
    _saved(fresh, recommendation, closed_by)
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
    fresh = _locked(recommendation)
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
    _saved(fresh, recommendation, reopened_by)
    progress_add(
        item=recommendation.item,
        recommendation=recommendation,
        text=f"Reopened: {reason.strip()}",
        author=author,
        by=reopened_by,
    )
    return recommendation


@transaction.atomic
def recommendation_send_to_executive(
    *,
    recommendation: Recommendation,
    sent_on: datetime.date,
    addressee: str = "Cabinet",
    by: Any = None,
) -> ExecutiveResponse:
    """Record that the recommendation went to the executive; its response deadline follows.
    Recording it again (a second submit) is AlreadyDone."""
    from django.conf import settings

    fresh = _locked(recommendation)
    sent = ExecutiveResponse.objects.filter(recommendation=fresh).first()
    if sent is not None:
        raise AlreadyDone(f"{fresh.reference} was already sent to {sent.addressee}.")
    validation.sent_to_executive_check(
        recommendation=fresh, sent_on=sent_on, addressee=addressee, today=clock.today()
    )
    response = ExecutiveResponse(
        recommendation=fresh,
        addressee=addressee.strip() or "Cabinet",
        sent_on=sent_on,
        due_on=response_deadline(sent_on, settings.SCRUTINEER_RESPONSE_PERIOD),
    )
    history_user_set(response, by)
    response.save()
    if not fresh.addressee:
        fresh.addressee = response.addressee
        history_user_set(fresh, by)
        fresh.save(update_fields=["addressee"])
    if fresh is not recommendation:
        recommendation.refresh_from_db()
    return response


@transaction.atomic
def executive_response_record(
    *,
    response: ExecutiveResponse,
    decision: str,
    responded_on: datetime.date,
    reasons: str = "",
    action_plan: str = "",
    given_by: str = "",
    by: Any = None,
) -> ExecutiveResponse:
    """Record the executive's decision on a recommendation; reasons are required to reject."""
    if decision == ExecutiveResponse.Decision.PENDING:
        raise TrackerRuleBroken("Choose accepted, partly accepted or rejected.")
    if decision != ExecutiveResponse.Decision.ACCEPTED and not reasons.strip():
        raise TrackerRuleBroken("Give the executive's reasons when it does not accept in full.")
    validation.response_check(
        response=response,
        responded_on=responded_on,
        reasons=reasons,
        action_plan=action_plan,
        given_by=given_by,
        today=clock.today(),
    )
    fresh = ExecutiveResponse.objects.select_for_update(no_key=True).get(pk=response.pk)
    wanted = {
        "decision": decision,
        "responded_on": responded_on,
        "reasons": reasons.strip(),
        "action_plan": action_plan.strip(),
        "given_by": given_by.strip(),
    }
    if all(getattr(fresh, field) == value for field, value in wanted.items()):
        raise AlreadyDone(f"{fresh.addressee}'s response was already recorded.")
    for field, value in wanted.items():
        setattr(fresh, field, value)
    history_user_set(fresh, by)
    fresh.save()
    if fresh is not response:
        response.refresh_from_db()
    return response
