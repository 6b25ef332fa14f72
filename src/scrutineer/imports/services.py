"""Applying a parsed tracker to the database: one transaction per file, idempotent.

New items go in through the tracker's bulk service (every record with the history the file's
own dates tell, the search text written once); items already recorded are changed one by one
through the tracker's services, field by field, so an edit made since is not overwritten.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from scrutineer.committees import services as committees
from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import clock
from scrutineer.core.models import Person
from scrutineer.core.services import person_find_or_create
from scrutineer.core.text import text_to_html
from scrutineer.core.validation import out_of_range, raise_if_any
from scrutineer.files.parsers.cells import ParsedUpdate
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused
from scrutineer.files.parsers.report import (
    ImportReport,
    Progress,
    ReportSection,
    RowOutcome,
    no_progress,
    report_check_expected,
)
from scrutineer.files.parsers.tracker_text import (
    ParsedRecommendation,
    ParsedTracker,
    ParsedTrackerRow,
)
from scrutineer.imports.describe import item_line, recommendation_values
from scrutineer.imports.models import ColumnMapping
from scrutineer.imports.people import Match, PeopleOnRecord
from scrutineer.imports.selectors import header_key
from scrutineer.programme.services.forward_plan import forward_plan_import, forward_plan_preview
from scrutineer.tracker import services as tracker
from scrutineer.tracker.models import Item, ProgressUpdate, Recommendation


def recommendation_kind(text: str) -> str:
    """Noting and agreement resolutions need no action from anyone; everything else does."""
    first = text.strip().lower()
    if first.startswith(("noted", "note ", "the committee noted")):
        return Recommendation.Kind.NOTING
    if first.startswith(("agreed", "the committee agreed")):
        return Recommendation.Kind.AGREEMENT
    return Recommendation.Kind.ACTION


@dataclass
class _Existing:
    """What the committee holds already, read once: a few queries, whatever the file's size."""

    meetings: dict[datetime.date, Meeting]
    items: dict[int, Item]
    titled: dict[tuple[datetime.date, str], Item]  # (meeting date, title) -> item
    recommendations: dict[int, dict[str, Recommendation]]  # item pk -> number -> recommendation
    assignees: dict[int, list[int]]  # recommendation pk -> person pks, in the order assigned
    imported_progress: dict[int, str]  # item pk -> its latest item-level update's HTML
    updates: dict[int, set[str]]  # recommendation pk -> the HTML of its updates
    responded: set[int]  # recommendation pks with an executive response
    references: dict[str, int]  # the file's references already taken -> recommendation pk
    people: PeopleOnRecord


def _existing(committee: Committee, parsed: ParsedTracker) -> _Existing:
    meetings: dict[datetime.date, Meeting] = {}
    for meeting in Meeting.objects.filter(committee=committee).order_by("pk"):
        meetings.setdefault(meeting.date, meeting)
    items: dict[int, Item] = {}
    titled: dict[tuple[datetime.date, str], Item] = {}
    ordering = Item._meta.ordering or ["pk"]
    found = Item.objects.filter(meeting__committee=committee).select_related("meeting")
    for item in found.order_by(*ordering):
        items.setdefault(item.number, item)
        titled.setdefault((item.meeting.date, item.report_title.casefold()), item)
    recommendations: dict[int, dict[str, Recommendation]] = {}
    item_pks = [item.pk for item in items.values()]
    for rec in Recommendation.objects.filter(item__in=item_pks).select_related("item"):
        recommendations.setdefault(rec.item_id, {})[rec.number] = rec
    assignees: dict[int, list[int]] = {}
    through = Recommendation.assignees.through
    links = through.objects.filter(recommendation__item__in=item_pks).order_by("id")
    for rec_pk, person_pk in links.values_list("recommendation_id", "person_id"):
        assignees.setdefault(rec_pk, []).append(person_pk)
    imported_progress: dict[int, str] = {}
    updates: dict[int, set[str]] = {}
    progress = ProgressUpdate.objects.filter(item__in=item_pks)
    for item_pk, rec_pk, text_html in progress.values_list(
        "item_id", "recommendation_id", "text_html"
    ):  # latest first
        if rec_pk is None:
            imported_progress.setdefault(item_pk, text_html)
        else:
            updates.setdefault(rec_pk, set()).add(text_html)
    responded = set(
        Recommendation.objects.filter(
            item__in=item_pks, executive_response__isnull=False
        ).values_list("pk", flat=True)
    )
    given = {r.reference for row in parsed.rows for r in row.recommendations if r.reference}
    references = dict(
        Recommendation.objects.filter(reference__in=given).values_list("reference", "pk")
    )
    return _Existing(
        meetings,
        items,
        titled,
        recommendations,
        assignees,
        imported_progress,
        updates,
        responded,
        references,
        PeopleOnRecord(),
    )


@dataclass
class _RecommendationPlan:
    number: str
    parsed: ParsedRecommendation
    names: tuple[str, ...]
    recommendation: Recommendation | None  # None: create it
    changes: dict[str, Any]
    assign: bool
    close: bool
    reopen: bool
    reference: str = ""  # the file's, when it is free
    closed_on: datetime.date | None = None
    updates: list[ParsedUpdate] = field(default_factory=list)  # the ones to add
    respond: bool = False
    detail: str = ""  # what a new recommendation will hold, for the preview


@dataclass
class _RowPlan:
    row: ParsedTrackerRow
    number: int
    item: Item | None  # None: create it
    item_changes: dict[str, Any]  # "meeting" holds the wanted meeting's date
    recommendations: list[_RecommendationPlan]
    progress: bool
    outcome: RowOutcome


@dataclass
class _Plan:
    rows: list[_RowPlan]
    report: ImportReport
    people: PeopleOnRecord


def _closed_on(parsed: ParsedRecommendation, row: ParsedTrackerRow) -> tuple[datetime.date, str]:
    """When a closed recommendation was closed, and where that date comes from: the file's
    own date, else its latest update's, else its meeting's."""
    today = clock.today()
    if parsed.closed_on is not None and row.meeting_date <= parsed.closed_on <= today:
        return parsed.closed_on, ""
    dated = [u.date for u in parsed.updates if u.date and row.meeting_date <= u.date <= today]
    if dated:
        return max(dated), " (its last update's date)"
    return row.meeting_date, " (no date in the file: the meeting's)"


def _plan_row(
    row: ParsedTrackerRow,
    existing: _Existing,
    numbers: set[int],
    new_people: set[str],
    warnings: list[ImportProblem],
    filename: str,
) -> _RowPlan:
    """What importing one row would do, worked out from reads alone."""
    item = None
    if row.number.isdigit():
        number = int(row.number)
        item = existing.items.get(number)
    else:
        item = existing.titled.get((row.meeting_date, row.report_title.casefold()))
        number = item.number if item is not None else max(numbers, default=0) + 1
    outcome = RowOutcome(
        line=row.line, action="unchanged", reference=(str(number),), sheet=row.sheet
    )
    if item is None and number in numbers:
        raise ImportRefused(
            [
                ImportProblem(
                    f"No {row.number} is in the file twice; give each item its own number",
                    row=row.line,
                    column="No",
                    sheet=row.sheet or None,
                )
            ],
            filename,
        )
    numbers.add(number)
    plan = _RowPlan(row, number, item, {}, [], False, outcome)
    if item is None:
        outcome.action = "create"
        outcome.details.append(f"item {number}: {row.report_title}")
    else:
        meeting = existing.meetings.get(row.meeting_date)
        if meeting is None or item.meeting_id != meeting.pk:
            plan.item_changes["meeting"] = row.meeting_date
        if item.report_title != row.report_title:
            plan.item_changes["report_title"] = row.report_title
        if item.summary_html != text_to_html(row.summary_html):
            plan.item_changes["summary"] = row.summary_html
        if row.exempt and not item.is_exempt:
            # Marked exempt in the file: made so. Never the other way: an item is made
            # public by a person on its page, not by a cell left empty.
            plan.item_changes["is_exempt"] = True
        if plan.item_changes:
            outcome.action = "update"
            outcome.details.append(
                "changed " + ", ".join(k.replace("_", " ") for k in plan.item_changes)
            )
    outcome.details.append(item_line(row))

    def changed() -> None:
        if outcome.action == "unchanged":
            outcome.action = "update"

    for name in (*row.assignees, *(n for r in row.recommendations for n in r.assignees)):
        match = existing.people.match(name)
        if match.person is None and name.lower() not in new_people:
            new_people.add(name.lower())
            if match.unknown_initials:
                warnings.append(
                    ImportProblem(
                        f"“{name}” are initials nobody on record has: they will be recorded "
                        f"as a new person named “{name}”. To match them, add the person (with "
                        "their full name) before importing, or write the name in the file",
                        row=row.line,
                        sheet=row.sheet or None,
                    )
                )
            outcome.details.append(
                f"new {match.kind} “{match.new_name}” recorded (no one of that name yet)"
            )
    current = existing.recommendations.get(item.pk, {}) if item is not None else {}
    planned: set[str] = set()
    for parsed in row.recommendations:
        number_text = parsed.number or "1"
        if number_text in planned:
            raise ImportRefused(
                [
                    ImportProblem(
                        f"Recommendation {number_text} of No {row.number or number} is in the "
                        "file twice; number each recommendation once",
                        row=parsed.line or row.line,
                        sheet=row.sheet or None,
                    )
                ],
                filename,
            )
        planned.add(number_text)
        step = _plan_recommendation(row, parsed, number_text, current, existing, warnings)
        plan.recommendations.append(step)
        if step.recommendation is None:
            changed()
            outcome.details.append(step.detail)
        elif step.changes or step.assign or step.updates or step.respond:
            changed()
            outcome.details.append(f"recommendation {number_text} changed")
        if step.recommendation is not None and (step.close or step.reopen):
            changed()
            outcome.details.append(
                f"recommendation {number_text} {'closed' if step.close else 'reopened'}"
            )
    if row.progress_html:
        imported = existing.imported_progress.get(item.pk) if item is not None else None
        if imported is None or imported != text_to_html(row.progress_html):
            plan.progress = True
            outcome.details.append("progress updated")
            changed()
    return plan


def _plan_recommendation(
    row: ParsedTrackerRow,
    parsed: ParsedRecommendation,
    number_text: str,
    current: dict[str, Recommendation],
    existing: _Existing,
    warnings: list[ImportProblem],
) -> _RecommendationPlan:
    names = parsed.assignees or row.assignees
    matches = [existing.people.match(name) for name in names]
    people = [m.person for m in matches]
    rec = current.get(number_text)
    step = _RecommendationPlan(number_text, parsed, names, rec, {}, False, False, False)
    wants_closed = (parsed.status or row.status) == "closed"
    closed = _closed_on(parsed, row) if wants_closed else None
    step.closed_on = closed[0] if closed else None
    line, sheet = parsed.line or row.line, row.sheet or None
    reference = parsed.reference
    taken_by = existing.references.get(reference) if reference else None
    if reference and (len(reference) > 40 or (taken_by and (rec is None or taken_by != rec.pk))):
        why = "too long to keep" if len(reference) > 40 else "another recommendation's"
        warnings.append(
            ImportProblem(
                f"The reference “{reference}” is {why}; this one takes the next reference of "
                "its municipal year",
                row=line,
                sheet=sheet,
            )
        )
        reference = ""
    elif reference:
        existing.references[reference] = rec.pk if rec is not None else -line
    step.reference = reference
    kind = recommendation_kind(parsed.text)
    if not wants_closed and not names and not parsed.addressee and kind == "action":
        message = f"Recommendation {number_text} is open and nobody is assigned to it"
        warnings.append(ImportProblem(message, row=line, sheet=sheet))
    if rec is None:
        step.assign = True
        step.close = wants_closed
        step.updates = list(parsed.updates)
        step.respond = _response(parsed, row) is not None
        details = recommendation_values(
            parsed,
            status=parsed.status or row.status,
            matches=matches,
            closed_on=closed,
            reference=reference,
        )
        step.detail = f"recommendation {number_text} added: {details}"
        return step
    wanted = {
        "text": parsed.text,
        "preamble": parsed.preamble,
        "status_wording": parsed.status_wording,
        "area": parsed.area,
        "cabinet_member": parsed.cabinet_member,
    }
    for name, value in wanted.items():
        if getattr(rec, name) != value and (value or name in ("text", "preamble")):
            step.changes[name] = value
    if parsed.addressee and rec.addressee != parsed.addressee:
        step.changes["addressee"] = parsed.addressee
    if parsed.due_date is not None and rec.due_date != parsed.due_date:
        step.changes["due_date"] = parsed.due_date
    ids = [p.pk if p is not None else None for p in people]
    step.assign = existing.assignees.get(rec.pk, []) != ids
    known = existing.updates.get(rec.pk, set())
    step.updates = [u for u in parsed.updates if text_to_html(u.text_html) not in known]
    step.respond = _response(parsed, row) is not None and rec.pk not in existing.responded
    step.close = wants_closed and rec.is_open
    step.reopen = not wants_closed and not rec.is_open
    return step


def _plan(
    *,
    parsed: ParsedTracker,
    committee: Committee,
    filename: str,
    dry_run: bool,
    progress: Progress = no_progress,
) -> _Plan:
    problems: list[ImportProblem] = []
    for row in parsed.rows:
        try:
            raise_if_any(meeting_date=out_of_range(row.meeting_date, label="Date of the meeting"))
        except ValidationError as refused:
            problems += [
                ImportProblem(m, row=row.line, sheet=row.sheet or None) for m in refused.messages
            ]
    if problems:
        raise ImportRefused(problems, filename=filename)
    existing = _existing(committee, parsed)
    numbers = set(existing.items)
    new_people: set[str] = set()
    warnings = list(parsed.warnings)
    rows: list[_RowPlan] = []
    progress(0, len(parsed.rows))
    for row in parsed.rows:
        rows.append(_plan_row(row, existing, numbers, new_people, warnings, filename))
        progress(len(rows), len(parsed.rows))
    sections = [ReportSection("Row by row", ("No",), [row.outcome for row in rows])]
    forward_plan = forward_plan_preview(items=parsed.forward_plan, committee=committee)
    if forward_plan:
        sections.append(ReportSection("Cabinet forward plan items", ("No.",), forward_plan))
    report = ImportReport(
        filename=filename,
        into=committee.name,
        dry_run=dry_run,
        sections=sections,
        warnings=warnings,
        status_words=list(parsed.status_words),
    )
    return _Plan(rows, report, existing.people)


class _Writer:
    """What applying a plan needs at hand: meetings and people, each made once."""

    def __init__(self, plan: _Plan, committee: Committee, by: Any) -> None:
        self.committee = committee
        self.by = by
        self.people = plan.people
        self.meetings = {
            m.date: m for m in Meeting.objects.filter(committee=committee).order_by("-pk")
        }
        self.made: dict[str, Person] = {}

    def meeting_on(self, date: datetime.date) -> Meeting:
        if date not in self.meetings:
            self.meetings[date] = committees.meeting_create(
                committee=self.committee, date=date, by=self.by
            )
        return self.meetings[date]

    def person(self, name: str) -> Person:
        match: Match = self.people.match(name)
        if match.person is not None:
            return match.person
        key = match.new_name.casefold()
        if key not in self.made:
            self.made[key] = person_find_or_create(name=match.new_name, kind=match.kind, by=self.by)
        return self.made[key]


def _apply(
    plan: _Plan, committee: Committee, by: Any, source: str, progress: Progress = no_progress
) -> None:
    """Carry out a plan. The rows it changes are read again here, under the transaction, so
    an edit made since the preview is changed field by field, not overwritten. ``progress``
    counts each row: a row changed as it is written; new rows, which are written together at
    the end, count half as they are made ready and the rest once written."""
    existing_items = [row.item.pk for row in plan.rows if row.item is not None]
    items = Item.objects.in_bulk(existing_items)
    recs = Recommendation.objects.select_related("item__meeting").in_bulk(
        [s.recommendation.pk for row in plan.rows for s in row.recommendations if s.recommendation]
    )
    writer = _Writer(plan, committee, by)
    problems: list[ImportProblem] = []
    new: list[tracker.ImportedItem] = []
    today = clock.today()
    total = len(plan.rows)
    ready = 0.0
    progress(0, total)
    for step in plan.rows:
        try:
            if step.item is None:
                spec = _imported_item(step, writer, source)
                tracker.imported_item_check(spec, today=today)
                new.append(spec)
            else:
                _apply_row(step, items, recs, writer, by, source)
        except ValidationError as refused:
            # The same rules as the pages: the row's line and what is wrong with it.
            problems += [
                ImportProblem(m, row=step.row.line, sheet=step.row.sheet or None)
                for m in refused.messages
            ]
        ready += 0.5 if step.item is None else 1
        progress(int(ready), total)
    if problems:
        raise ImportRefused(problems, filename=plan.report.filename)
    tracker.imported_items_create(committee=committee, items=new, by=by, source=source)
    progress(total, total)


def _imported_item(step: _RowPlan, writer: _Writer, source: str) -> tracker.ImportedItem:
    """A new item and all it holds, for the tracker's bulk service."""
    row = step.row
    lead = writer.person(row.lead_officer) if row.lead_officer else None
    return tracker.ImportedItem(
        meeting=writer.meeting_on(row.meeting_date),
        number=step.number,
        report_title=row.report_title,
        summary=row.summary_html,
        lead_officer=lead if lead is not None and lead.kind != Person.Kind.TEAM else None,
        is_exempt=row.exempt,
        draft=row.draft,
        recommendations=[
            _imported_recommendation(s, row, writer, source) for s in step.recommendations
        ],
        progress=_item_progress(row),
    )


def _item_progress(row: ParsedTrackerRow) -> tracker.ImportedUpdate | None:
    if not row.progress_html:
        return None
    return tracker.ImportedUpdate(row.progress_html, row.progress_date or row.meeting_date)


def _imported_recommendation(
    step: _RecommendationPlan, row: ParsedTrackerRow, writer: _Writer, source: str
) -> tracker.ImportedRecommendation:
    parsed = step.parsed
    return tracker.ImportedRecommendation(
        number=step.number,
        text=parsed.text,
        preamble=parsed.preamble,
        kind=recommendation_kind(parsed.text),
        reference=step.reference,
        addressee=parsed.addressee,
        assignees=[writer.person(name) for name in step.names],
        due_date=parsed.due_date,
        status_wording=parsed.status_wording,
        area=parsed.area,
        cabinet_member=parsed.cabinet_member,
        closed_on=step.closed_on if step.close else None,
        closure_reason=f"Closed in the imported tracker ({source})",
        updates=[
            tracker.ImportedUpdate(u.text_html, u.date or row.meeting_date) for u in step.updates
        ],
        response=_response(parsed, row),
    )


_CLASSIFIED = ("accepted", "partly_accepted", "rejected")


def _response(
    parsed: ParsedRecommendation, row: ParsedTrackerRow
) -> tracker.ImportedResponse | None:
    """The executive's response the file gives: its words, and its decision where the file
    states one. A date alone ("Exec Date") is the executive's meeting that considered it: a
    response, not yet classified."""
    if not (parsed.response or parsed.decision or parsed.executive_date or parsed.reasons):
        return None
    decision = parsed.decision or "responded"
    # A decision other than acceptance is recorded with its reasons: the file's own, else
    # its response.
    words_are_reasons = decision in _CLASSIFIED and not parsed.reasons
    return tracker.ImportedResponse(
        text="" if words_are_reasons else parsed.response,
        reasons=parsed.response if words_are_reasons else parsed.reasons,
        sent_on=parsed.executive_date or row.meeting_date,
        addressee=parsed.addressee or "Cabinet",
        given_by=parsed.cabinet_member,
        decision=decision,
        responded_on=parsed.response_date,
    )


def _apply_row(
    step: _RowPlan,
    items: dict[int, Item],
    recs: dict[int, Recommendation],
    writer: _Writer,
    by: Any,
    source: str,
) -> None:
    """Changes to an item already recorded, one service call each."""
    row = step.row
    assert step.item is not None
    item = items[step.item.pk]
    if step.item_changes:
        changes = dict(step.item_changes)
        if "meeting" in changes:
            changes["meeting"] = writer.meeting_on(changes["meeting"])
        tracker.item_update(item=item, expected_version=None, by=by, **changes)
    for rec_step in step.recommendations:
        assignees = [writer.person(name) for name in rec_step.names]
        parsed = rec_step.parsed
        if rec_step.recommendation is None:
            rec = tracker.recommendation_create(
                item=item,
                number=rec_step.number,
                text=parsed.text,
                preamble=parsed.preamble,
                kind=recommendation_kind(parsed.text),
                addressee=parsed.addressee,
                assignees=assignees,
                due_date=parsed.due_date,
                reference=rec_step.reference,
                status_wording=parsed.status_wording,
                area=parsed.area,
                cabinet_member=parsed.cabinet_member,
                by=by,
            )
        else:
            rec = recs[rec_step.recommendation.pk]
            if rec_step.changes or rec_step.assign:
                tracker.recommendation_update(
                    recommendation=rec,
                    expected_version=None,
                    by=by,
                    assignees=assignees if rec_step.assign else None,
                    **rec_step.changes,
                )
        for update in rec_step.updates:
            tracker.progress_add(
                item=item,
                recommendation=rec,
                text=update.text_html,
                date=update.date or row.meeting_date,
                by=by,
            )
        if rec_step.respond and (answer := _response(parsed, row)) is not None:
            tracker.executive_response_import(
                recommendation=rec,
                text=answer.text,
                reasons=answer.reasons,
                sent_on=answer.sent_on,
                addressee=answer.addressee,
                given_by=answer.given_by,
                decision=answer.decision,
                responded_on=answer.responded_on,
                by=by,
            )
        _close_or_reopen(rec_step, rec, by, source)
    if step.progress:
        tracker.progress_add(
            item=item, text=row.progress_html, date=row.progress_date or row.meeting_date, by=by
        )


def _close_or_reopen(step: _RecommendationPlan, rec: Recommendation, by: Any, source: str) -> None:
    if step.close and rec.is_open:
        tracker.recommendation_close(
            recommendation=rec,
            closed_by=by,
            agreed_at=None,
            reason=f"Closed in the imported tracker ({source})",
            closed_on=step.closed_on,
            record_progress=False,
        )
    elif step.reopen and not rec.is_open:
        tracker.recommendation_reopen(
            recommendation=rec,
            reopened_by=by,
            reason=f"Open in the imported tracker ({source})",
        )


def tracker_import_preview(
    *,
    parsed: ParsedTracker,
    committee: Committee,
    filename: str = "",
    progress: Progress = no_progress,
) -> ImportReport:
    """What importing the file would do, from reads alone: no transaction, no lock, no write.
    ``progress`` is told as each row is worked out."""
    return _plan(
        parsed=parsed, committee=committee, filename=filename, dry_run=True, progress=progress
    ).report


def tracker_import(
    *,
    parsed: ParsedTracker,
    committee: Committee,
    by: Any = None,
    dry_run: bool = False,
    filename: str = "",
    expected: ImportReport | None = None,
    progress: Progress = no_progress,
) -> ImportReport:
    """Apply a parsed tracker to a committee in one transaction; a dry run only previews it.

    The plan is worked out from reads before the transaction starts, so the write lock is
    held only while the changes are written. With ``expected`` (the preview that was shown),
    raises PreviewOutdated and writes nothing if the plan is not that preview. ``progress``
    is told as each row is written."""
    plan = _plan(parsed=parsed, committee=committee, filename=filename, dry_run=dry_run)
    report_check_expected(plan.report, expected)
    if not dry_run:
        with transaction.atomic(), tracker.search_index_deferred():
            _apply(plan, committee, by, filename or "import", progress)
            forward_plan_import(items=parsed.forward_plan, committee=committee, by=by)
    return plan.report


def column_mapping_save(
    *,
    committee: Committee,
    headers: tuple[str, ...],
    mapping: dict[int, str],
    statuses: dict[str, str] | None = None,
) -> None:
    """Remember which of this committee's columns hold which field, and what its status words
    mean, for the next import."""
    columns = {header_key(h): mapping.get(i, "") for i, h in enumerate(headers)}
    defaults: dict[str, Any] = {"columns": columns}
    if statuses is not None:
        remembered = ColumnMapping.objects.filter(committee=committee).first()
        defaults["statuses"] = {**(remembered.statuses if remembered else {}), **statuses}
    ColumnMapping.objects.update_or_create(committee=committee, defaults=defaults)
