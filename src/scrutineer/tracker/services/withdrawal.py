"""Withdrawing and reinstating records, publishing drafts, and attaching evidence: what the
public may see of the tracker changes only through these (the rule itself is in
``tracker.selectors.visibility``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from scrutineer.core import clock
from scrutineer.core.history import history_user_set
from scrutineer.files.evidence import evidence_problem
from scrutineer.tracker.models import EvidenceFile, Item, ProgressUpdate, Recommendation
from scrutineer.tracker.services.errors import AlreadyDone, TrackerRuleBroken
from scrutineer.tracker.services.search import item_reindex
from scrutineer.tracker.services.versions import locked, saved

Withdrawable = Item | Recommendation | ProgressUpdate
REASON_MAX = 2000


def _item_of(record: Withdrawable) -> Item:
    return record if isinstance(record, Item) else record.item


def _save(fresh: Any, record: Any, by: Any) -> None:
    if isinstance(fresh, ProgressUpdate):  # updates carry no version: none is edited
        history_user_set(fresh, by)
        fresh.save()
        record.refresh_from_db()
    else:
        saved(fresh, record, by)


@transaction.atomic
def record_withdraw(
    *, record: Withdrawable, reason: str, by: Any = None, expected_version: int | None = None
) -> Withdrawable:
    """Withdraw an item, recommendation or progress update with a reason: kept, in history,
    and shown to the council as withdrawn; gone from everything the public sees."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why it is being withdrawn"})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": f"The reason must be {REASON_MAX} characters or fewer"})
    fresh = locked(record, expected_version)
    if fresh.withdrawn_at is not None:
        raise AlreadyDone("It was already withdrawn.", current=fresh)
    fresh.withdrawn_at = clock.now()
    fresh.withdrawal_reason = reason
    _save(fresh, record, by)
    item_reindex(_item_of(record))
    return record


@transaction.atomic
def record_reinstate(
    *, record: Withdrawable, by: Any = None, expected_version: int | None = None
) -> Withdrawable:
    """Undo a withdrawal: the record is as it was before, and its history says both."""
    fresh = locked(record, expected_version)
    if fresh.withdrawn_at is None:
        raise AlreadyDone("It is not withdrawn.", current=fresh)
    fresh.withdrawn_at = None
    fresh.withdrawal_reason = ""
    _save(fresh, record, by)
    item_reindex(_item_of(record))
    return record


@transaction.atomic
def item_publish(*, item: Item, by: Any = None) -> Item:
    """Publish a draft item: from now on the public sees it (unless it is exempt or
    withdrawn), with its recommendations and progress."""
    fresh = locked(item)
    if fresh.published_at is not None:
        raise AlreadyDone(f"Item {fresh.number} was already published.", current=fresh)
    fresh.published_at = clock.now()
    saved(fresh, item, by)
    return item


@dataclass(frozen=True)
class Upload:
    """A file as a form or the API received it: its name and its content."""

    name: str
    data: bytes


def evidence_check(uploads: Sequence[Upload]) -> list[str]:
    """What is wrong with each file, in GOV.UK words naming it; empty when all may be kept."""
    problems = []
    for upload in uploads:
        problem, _ = evidence_problem(
            name=upload.name, data=upload.data, max_bytes=settings.SCRUTINEER_EVIDENCE_MAX_BYTES
        )
        if problem:
            problems.append(problem)
    return problems


@transaction.atomic
def evidence_attach(
    *, update: ProgressUpdate, uploads: Sequence[Upload], by: Any = None
) -> list[EvidenceFile]:
    """Attach files to a progress update, each checked by its content, stored in Django's
    default storage under a name nobody can guess."""
    problems = evidence_check(uploads)
    if problems:
        raise ValidationError({"evidence": problems})
    if update.withdrawn_at is not None:
        raise TrackerRuleBroken("Evidence cannot be added to a withdrawn update.")
    attached = []
    for upload in uploads:
        _, kind = evidence_problem(
            name=upload.name, data=upload.data, max_bytes=settings.SCRUTINEER_EVIDENCE_MAX_BYTES
        )
        assert kind is not None
        evidence = EvidenceFile(
            progress_update=update,
            name=upload.name[-255:],
            content_type=kind.content_type,
            size=len(upload.data),
        )
        evidence.file.save("evidence", ContentFile(upload.data), save=False)
        history_user_set(evidence, by)
        evidence.save()
        attached.append(evidence)
    return attached
