"""Adding a whole imported tracker at once: items, recommendations, assignments, progress,
closures and the executive's responses in a few bulk inserts, with the history that the
file's own dates tell (each item and recommendation made at its meeting, each update on its
date, each closure on its closure date), so that the tracker as it stood on an earlier date
can be shown, marked as reconstructed from the file. The search text of every new item is
written once, at the end.

The one-by-one services (``item_create``, ``recommendation_close``, …) do the same for one
record at a time, each write with its own history at the moment it is made; an import of
2,000 rows through them takes minutes, through this seconds.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models.functions import Length
from django.utils import timezone

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import clock
from scrutineer.core.calendar import municipal_year, response_deadline
from scrutineer.core.history import history_values, rows_insert
from scrutineer.core.models import Person
from scrutineer.core.page_cache import records_changed
from scrutineer.core.sanitise import plain_text
from scrutineer.core.text import text_to_html
from scrutineer.core.validation import (
    TEXT_MAX,
    before,
    first_of,
    in_future,
    raise_if_any,
    too_long,
)
from scrutineer.tracker import validation
from scrutineer.tracker.models import ExecutiveResponse, Item, ProgressUpdate, Recommendation

# The start of the history reason of every record an import back-dates; the as-at view
# looks for it to say the past it shows was reconstructed from a file.
RECONSTRUCTED = "Reconstructed from the imported file"
# Times of day for back-dated records, so that on one day a recommendation is made before it
# is updated, and updated before it is closed.
_MADE, _UPDATED, _CLOSED = datetime.time(9), datetime.time(12), datetime.time(17)


@dataclass
class ImportedUpdate:
    text_html: str
    date: datetime.date


@dataclass
class ImportedResponse:
    """The executive's response as the file gives it: in its own words, classified only where
    the file states the decision."""

    text: str
    sent_on: datetime.date
    addressee: str = "Cabinet"
    given_by: str = ""
    decision: str = ExecutiveResponse.Decision.RESPONDED
    responded_on: datetime.date | None = None  # None: the day it was sent
    reasons: str = ""


@dataclass
class ImportedRecommendation:
    number: str
    text: str
    preamble: str = ""
    kind: str = Recommendation.Kind.ACTION
    reference: str = ""  # "" for the next of the municipal year
    addressee: str = ""
    assignees: Sequence[Person] = ()
    due_date: datetime.date | None = None
    status_wording: str = ""
    area: str = ""
    cabinet_member: str = ""
    closed_on: datetime.date | None = None  # closed on this day; None while open
    closure_reason: str = ""
    updates: Sequence[ImportedUpdate] = ()
    response: ImportedResponse | None = None


@dataclass
class ImportedItem:
    meeting: Meeting
    number: int
    report_title: str
    summary: str = ""
    lead_officer: Person | None = None
    is_exempt: bool = False
    draft: bool = False  # a draft until published on its page (or by its meeting's minutes)
    recommendations: Sequence[ImportedRecommendation] = field(default_factory=list)
    progress: ImportedUpdate | None = None  # the item's own, as the published tracker has


def imported_item_check(item: ImportedItem, *, today: datetime.date) -> None:
    """The rules the one-by-one services apply, for one item and all it holds: raises one
    ValidationError listing what is wrong."""
    problems: list[str] = []
    made = item.meeting.date

    def gather(check: Callable[[], None]) -> None:
        try:
            check()
        except ValidationError as invalid:
            problems.extend(invalid.messages)

    gather(lambda: validation.item_check(report_title=item.report_title, summary=item.summary))
    updates = [item.progress] if item.progress else []
    for rec in item.recommendations:
        gather(
            lambda rec=rec: validation.recommendation_check(  # type: ignore[misc]
                text=rec.text, preamble=rec.preamble, addressee=rec.addressee, due_date=rec.due_date
            )
        )
        gather(
            lambda rec=rec: raise_if_any(  # type: ignore[misc]
                reference=too_long(rec.reference, label="Reference", limit=40),
                status_wording=too_long(rec.status_wording, label="Status", limit=100),
                area=too_long(rec.area, label="Area or directorate", limit=200),
                cabinet_member=too_long(rec.cabinet_member, label="Cabinet member", limit=200),
                closed_on=first_of(
                    before(rec.closed_on, label="Date closed", earliest=made, what="the meeting"),
                    in_future(rec.closed_on, label="Date closed", today=today),
                ),
                response=too_long(
                    rec.response.text or rec.response.reasons if rec.response else None,
                    label="Executive response",
                    limit=TEXT_MAX,
                ),
                sent_on=first_of(
                    before(
                        rec.response.sent_on if rec.response else None,
                        label="Executive date",
                        earliest=made,
                        what="the meeting",
                    ),
                    in_future(
                        rec.response.sent_on if rec.response else None,
                        label="Executive date",
                        today=today,
                    ),
                ),
            )
        )
        updates += rec.updates
    for update in updates:
        gather(
            lambda update=update: validation.progress_check(  # type: ignore[misc]
                text=update.text_html, date=update.date, today=today
            )
        )
    if problems:
        raise ValidationError(list(dict.fromkeys(problems)))


class _References:
    """The next free reference of each municipal year, worked out once per year."""

    def __init__(self, committee: Committee, taken: set[str]) -> None:
        self.committee = committee
        self.taken = taken
        self.next: dict[str, int] = {}

    def __call__(self, day: datetime.date) -> str:
        prefix = f"{self.committee.short_name} {municipal_year(day)}-"
        if prefix not in self.next:
            highest = (
                Recommendation.objects.filter(reference__startswith=prefix)
                .order_by(Length("reference").desc(), "-reference")
                .values_list("reference", flat=True)
            )
            last = next((int(r[len(prefix) :]) for r in highest if r[len(prefix) :].isdigit()), 0)
            self.next[prefix] = last + 1
        while True:
            reference = f"{prefix}{self.next[prefix]:02d}"
            self.next[prefix] += 1
            if reference not in self.taken:
                self.taken.add(reference)
                return reference


def _moment(day: datetime.date, at: datetime.time, now: datetime.datetime) -> datetime.datetime:
    """A back-dated history time on ``day``, never later than now."""
    return min(timezone.make_aware(datetime.datetime.combine(day, at)), now)


@transaction.atomic
def imported_items_create(
    *, committee: Committee, items: Sequence[ImportedItem], by: Any = None, source: str = ""
) -> list[Item]:
    """Add new items with everything they hold, in bulk, each dated by the file, with their
    search text. The items are checked already (``imported_item_check``); their references,
    when given, are free."""
    if not items:
        return []
    now = clock.now()
    reason = f"{RECONSTRUCTED} {source}".strip()[:100]
    author = by if getattr(by, "is_authenticated", False) else None

    def history(instance: Any, day: datetime.date, at: datetime.time, kind: str = "+") -> Any:
        return history_values(
            instance, when=_moment(day, at, now), kind=kind, by=author, reason=reason
        )

    given = {r.reference for spec in items for r in spec.recommendations if r.reference}
    references = _References(committee, given)
    chosen = [
        [r.reference or references(spec.meeting.date) for r in spec.recommendations]
        for spec in items
    ]
    new_items = []
    for spec, refs in zip(items, chosen, strict=True):
        item = Item(
            meeting=spec.meeting,
            number=spec.number,
            report_title=spec.report_title.strip(),
            summary_html=text_to_html(spec.summary),
            lead_officer=spec.lead_officer,
            is_exempt=spec.is_exempt,
            # A council's existing tracker is its published record: imported, it stays so,
            # but for what the file marks a draft (the council's own copy of its tracker).
            published_at=None if spec.draft else clock.now(),
        )
        item.search_document = _search_document(item, spec, refs)
        new_items.append(item)
    # On SQLite a trigger copies each new item's search text into the full-text index.
    Item.objects.bulk_create(new_items)
    rows_insert(
        Item.history.model,
        [history(i, s.meeting.date, _MADE) for i, s in zip(new_items, items, strict=True)],
    )

    recs: list[Recommendation] = []
    specs: list[ImportedRecommendation] = []
    for item, spec, refs in zip(new_items, items, chosen, strict=True):
        for position, (rec_spec, reference) in enumerate(
            zip(spec.recommendations, refs, strict=True), 1
        ):
            closed = rec_spec.closed_on is not None
            rec = Recommendation(
                item=item,
                number=rec_spec.number or str(position),
                reference=reference,
                preamble=rec_spec.preamble.strip(),
                text=rec_spec.text.strip(),
                kind=rec_spec.kind,
                addressee=rec_spec.addressee.strip(),
                due_date=rec_spec.due_date,
                status=Recommendation.Status.CLOSED if closed else Recommendation.Status.OPEN,
                status_wording=rec_spec.status_wording,
                area=rec_spec.area,
                cabinet_member=rec_spec.cabinet_member,
                closed_on=rec_spec.closed_on,
                closure_reason=rec_spec.closure_reason if closed else "",
            )
            recs.append(rec)
            specs.append(rec_spec)
    Recommendation.objects.bulk_create(recs)
    made_on = {id(i): s.meeting.date for i, s in zip(new_items, items, strict=True)}
    records = []
    for rec in recs:
        made = made_on[id(rec.item)]
        closed_on = max(rec.closed_on or made, made)
        if rec.status == Recommendation.Status.CLOSED and closed_on > made:
            # Closed later: open from its meeting until then. (Closed the day it was made,
            # it is one record, closed.)
            records.append(history(rec, closed_on, _CLOSED, "~"))
            records.append(
                history(rec, made, _MADE)
                | {"status": "open", "closed_on": None, "closure_reason": ""}
            )
        else:
            records.append(history(rec, made, _MADE))
    rows_insert(Recommendation.history.model, records)
    _assign(recs, specs)

    updates: list[ProgressUpdate] = []
    for item, spec in zip(new_items, items, strict=True):
        if spec.progress is not None:
            updates.append(_update(item, None, spec.progress, author))
    for rec, rec_spec in zip(recs, specs, strict=True):
        updates += [_update(rec.item, rec, u, author) for u in rec_spec.updates]
    ProgressUpdate.objects.bulk_create(updates)
    rows_insert(ProgressUpdate.history.model, [history(u, u.date, _UPDATED) for u in updates])

    responses = []
    for rec, rec_spec in zip(recs, specs, strict=True):
        if rec_spec.response is None:
            continue
        answer = rec_spec.response
        pending = answer.decision == ExecutiveResponse.Decision.PENDING
        responses.append(
            ExecutiveResponse(
                recommendation=rec,
                addressee=(answer.addressee or "Cabinet")[:200],
                sent_on=answer.sent_on,
                due_on=response_deadline(answer.sent_on, settings.SCRUTINEER_RESPONSE_PERIOD),
                decision=answer.decision,
                responded_on=None if pending else (answer.responded_on or answer.sent_on),
                text=answer.text.strip(),
                reasons=answer.reasons.strip(),
                given_by=answer.given_by[:200],
            )
        )
    ExecutiveResponse.objects.bulk_create(responses)
    rows_insert(
        ExecutiveResponse.history.model,
        [history(r, r.responded_on or r.sent_on, _UPDATED) for r in responses],
    )
    records_changed()  # bulk inserts send no signals: the page cache is told here
    return new_items


def _update(
    item: Item, rec: Recommendation | None, update: ImportedUpdate, author: Any
) -> ProgressUpdate:
    return ProgressUpdate(
        item=item,
        recommendation=rec,
        date=update.date,
        text_html=text_to_html(update.text_html),
        created_by=author,
    )


def _assign(recs: list[Recommendation], specs: list[ImportedRecommendation]) -> None:
    """Each recommendation's assignees, in the order given, and on each of its history records
    (as the as-at view reads them): one insert for the links and one for the snapshots."""
    through = Recommendation.assignees.through
    rows_insert(
        through,
        [
            {"recommendation_id": rec.pk, "person_id": person.pk}
            for rec, spec in zip(recs, specs, strict=True)
            for person in dict.fromkeys(spec.assignees)
        ],
    )
    snapshot = apps.get_model("tracker", "HistoricalRecommendation_assignees")
    history = Recommendation.history.model
    quote = connection.ops.quote_name
    links, records = quote(through._meta.db_table), quote(history._meta.db_table)
    table = quote(snapshot._meta.db_table)
    assigned = [rec.pk for rec, spec in zip(recs, specs, strict=True) if spec.assignees]
    with connection.cursor() as cursor:
        for start in range(0, len(assigned), 500):
            batch = assigned[start : start + 500]
            # Table names from the models' metadata, quoted; every value is a parameter.
            marks = ", ".join(["%s"] * len(batch))
            sql = (
                f"INSERT INTO {table} (id, history_id, recommendation_id, person_id) "  # noqa: S608  # nosec B608
                f"SELECT l.id, h.history_id, l.recommendation_id, l.person_id FROM {links} l "
                f"JOIN {records} h ON h.id = l.recommendation_id "
                f"WHERE l.recommendation_id IN ({marks}) ORDER BY h.history_id, l.id"
            )
            cursor.execute(
                sql,
                batch,
            )


def _search_document(item: Item, spec: ImportedItem, references: list[str]) -> str:
    """The item's search text, as ``item_reindex`` writes it: title, summary, each
    recommendation's reference, preamble and text, the progress (latest first) and the names
    of the people assigned."""
    parts = [item.report_title, plain_text(item.summary_html)]
    for rec, reference in zip(spec.recommendations, references, strict=True):
        parts += [reference, rec.preamble.strip(), rec.text.strip()]
    updates = [spec.progress] if spec.progress else []
    updates += [u for rec in spec.recommendations for u in rec.updates]
    ordered = sorted(enumerate(updates), key=lambda u: (u[1].date, u[0]), reverse=True)
    parts += [plain_text(text_to_html(u.text_html)) for _, u in ordered]
    parts += sorted(
        (p.name for rec in spec.recommendations for p in dict.fromkeys(rec.assignees)),
        key=str.casefold,
    )
    return "\n".join(p for p in parts if p)
