"""Applying a parsed tracker to the database: one transaction per file, idempotent."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from scrutineer.committees import services as committees
from scrutineer.committees.models import Committee, Meeting
from scrutineer.core.models import Person
from scrutineer.core.services import person_find_or_create, person_kind_for
from scrutineer.core.text import text_to_html
from scrutineer.core.validation import out_of_range, raise_if_any
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
from scrutineer.imports.models import ColumnMapping
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
    recommendations: dict[int, dict[str, Recommendation]]  # item pk -> number -> recommendation
    assignees: dict[int, list[int]]  # recommendation pk -> person pks, in the order assigned
    imported_progress: dict[int, str]  # item pk -> its latest item-level update's HTML
    people: dict[str, Person | None]  # a name in lower case -> who it matches, if anyone


def _existing(committee: Committee, parsed: ParsedTracker) -> _Existing:
    meetings: dict[datetime.date, Meeting] = {}
    for meeting in Meeting.objects.filter(committee=committee).order_by("pk"):
        meetings.setdefault(meeting.date, meeting)
    items: dict[int, Item] = {}
    ordering = Item._meta.ordering or ["pk"]
    for item in Item.objects.filter(meeting__committee=committee).order_by(*ordering):
        items.setdefault(item.number, item)
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
    updates = ProgressUpdate.objects.filter(item__in=item_pks, recommendation__isnull=True)
    for item_pk, text_html in updates.values_list("item_id", "text_html"):  # latest first
        imported_progress.setdefault(item_pk, text_html)
    names = {
        name.lower(): name
        for row in parsed.rows
        for name in (*row.assignees, *(n for r in row.recommendations for n in r.assignees))
    }
    people = {key: Person.objects.filter(name__iexact=name).first() for key, name in names.items()}
    return _Existing(meetings, items, recommendations, assignees, imported_progress, people)


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


def _plan_row(
    row: ParsedTrackerRow,
    existing: _Existing,
    numbers: set[int],
    new_people: set[str],
    filename: str,
) -> _RowPlan:
    """What importing one row would do, worked out from reads alone."""
    number = int(row.number) if row.number.isdigit() else max(numbers, default=0) + 1
    outcome = RowOutcome(line=row.line, action="unchanged", reference=(row.number,))
    item = existing.items.get(number)
    if item is None and number in numbers:
        raise ImportRefused(
            [
                ImportProblem(
                    f"No {row.number} is in the file twice; give each item its own number",
                    row=row.line,
                    column="No",
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
        if plan.item_changes:
            outcome.action = "update"
            outcome.details.append(
                "changed " + ", ".join(k.replace("_", " ") for k in plan.item_changes)
            )

    def changed() -> None:
        if outcome.action == "unchanged":
            outcome.action = "update"

    for name in (*row.assignees, *(n for r in row.recommendations for n in r.assignees)):
        if existing.people.get(name.lower()) is None and name.lower() not in new_people:
            new_people.add(name.lower())
            kind = "team" if person_kind_for(name) == Person.Kind.TEAM else "officer"
            outcome.details.append(f"new {kind} “{name}” recorded (no one of that name yet)")
    current = existing.recommendations.get(item.pk, {}) if item is not None else {}
    planned: set[str] = set()
    for parsed in row.recommendations:
        number_text = parsed.number or "1"
        if number_text in planned:
            raise ImportRefused(
                [
                    ImportProblem(
                        f"Recommendation {number_text} of No {row.number} is in the file "
                        "twice; number each recommendation once",
                        row=row.line,
                    )
                ],
                filename,
            )
        planned.add(number_text)
        names = parsed.assignees or row.assignees
        people = [existing.people.get(name.lower()) for name in names]
        rec = current.get(number_text)
        step = _RecommendationPlan(number_text, parsed, names, rec, {}, False, False, False)
        wants_closed = (parsed.status or row.status) == "closed"
        if rec is None:
            step.assign = True
            step.close = wants_closed
            changed()
            outcome.details.append(f"recommendation {number_text} added")
        else:
            if rec.text != parsed.text:
                step.changes["text"] = parsed.text
            if rec.preamble != parsed.preamble:
                step.changes["preamble"] = parsed.preamble
            if parsed.due_date is not None and rec.due_date != parsed.due_date:
                step.changes["due_date"] = parsed.due_date
            ids = [p.pk if p is not None else None for p in people]
            step.assign = existing.assignees.get(rec.pk, []) != ids
            if step.changes or step.assign:
                changed()
                outcome.details.append(f"recommendation {number_text} changed")
            step.close = wants_closed and rec.is_open
            step.reopen = not wants_closed and not rec.is_open
        if step.close:
            outcome.details.append(f"recommendation {number_text} closed")
            changed()
        elif step.reopen:
            outcome.details.append(f"recommendation {number_text} reopened")
            changed()
        plan.recommendations.append(step)
    if row.progress_html:
        imported = existing.imported_progress.get(item.pk) if item is not None else None
        if imported is None or imported != text_to_html(row.progress_html):
            plan.progress = True
            outcome.details.append("progress updated")
            changed()
    return plan


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
            problems += [ImportProblem(m, row=row.line) for m in refused.messages]
    if problems:
        raise ImportRefused(problems, filename=filename)
    existing = _existing(committee, parsed)
    numbers = set(existing.items)
    new_people: set[str] = set()
    rows: list[_RowPlan] = []
    progress(0, len(parsed.rows))
    for row in parsed.rows:
        rows.append(_plan_row(row, existing, numbers, new_people, filename))
        progress(len(rows), len(parsed.rows))
    sections = [ReportSection("Row by row", ("No",), [row.outcome for row in rows])]
    forward_plan = forward_plan_preview(items=parsed.forward_plan, committee=committee)
    if forward_plan:
        sections.append(ReportSection("Cabinet forward plan items", ("No.",), forward_plan))
    report = ImportReport(
        filename=filename, into=committee.name, dry_run=dry_run, sections=sections
    )
    return _Plan(rows, report)


def _apply(
    plan: _Plan, committee: Committee, by: Any, source: str, progress: Progress = no_progress
) -> None:
    """Carry out a plan. The rows it changes are read again here, under the transaction, so
    an edit made since the preview is changed field by field, not overwritten."""
    existing_items = [row.item.pk for row in plan.rows if row.item is not None]
    items = Item.objects.in_bulk(existing_items)
    recs = Recommendation.objects.select_related("item").in_bulk(
        [s.recommendation.pk for row in plan.rows for s in row.recommendations if s.recommendation]
    )
    meetings = {m.date: m for m in Meeting.objects.filter(committee=committee).order_by("-pk")}
    people: dict[str, Person] = {}

    def meeting_on(date: datetime.date) -> Meeting:
        if date not in meetings:
            meetings[date] = committees.meeting_create(committee=committee, date=date, by=by)
        return meetings[date]

    def person(name: str) -> Person:
        if name.lower() not in people:
            people[name.lower()] = person_find_or_create(name=name)
        return people[name.lower()]

    problems: list[ImportProblem] = []
    progress(0, len(plan.rows))
    for done, step in enumerate(plan.rows, start=1):
        try:
            _apply_row(step, items, recs, meeting_on, person, by, source)
        except ValidationError as refused:
            # The same rules as the pages: the row's line and what is wrong with it.
            problems += [ImportProblem(m, row=step.row.line) for m in refused.messages]
        progress(done, len(plan.rows))
    if problems:
        raise ImportRefused(problems, filename=plan.report.filename)


def _apply_row(
    step: _RowPlan,
    items: dict[int, Item],
    recs: dict[int, Recommendation],
    meeting_on: Callable[[datetime.date], Meeting],
    person: Callable[[str], Person],
    by: Any,
    source: str,
) -> None:
    row = step.row
    if step.item is None:
        item = tracker.item_create(
            meeting=meeting_on(row.meeting_date),
            number=step.number,
            report_title=row.report_title,
            summary=row.summary_html,
            by=by,
        )
    else:
        item = items[step.item.pk]
        if step.item_changes:
            changes = dict(step.item_changes)
            if "meeting" in changes:
                changes["meeting"] = meeting_on(changes["meeting"])
            tracker.item_update(item=item, expected_version=None, by=by, **changes)
    for rec_step in step.recommendations:
        assignees = [person(name) for name in rec_step.names]
        parsed = rec_step.parsed
        if rec_step.recommendation is None:
            rec = tracker.recommendation_create(
                item=item,
                number=rec_step.number,
                text=parsed.text,
                preamble=parsed.preamble,
                kind=recommendation_kind(parsed.text),
                assignees=assignees,
                due_date=parsed.due_date,
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
        if rec_step.close and rec.is_open:
            tracker.recommendation_close(
                recommendation=rec,
                closed_by=by,
                agreed_at=None,
                reason=f"Closed in the imported tracker ({source})",
                closed_on=row.meeting_date,
                record_progress=False,
            )
        elif rec_step.reopen and not rec.is_open:
            tracker.recommendation_reopen(
                recommendation=rec,
                reopened_by=by,
                reason=f"Open in the imported tracker ({source})",
            )
    if step.progress:
        tracker.progress_add(item=item, text=row.progress_html, date=row.meeting_date, by=by)


def tracker_import_preview(
    *,
    parsed: ParsedTracker,
    committee: Committee,
    filename: str = "",
    progress: Progress = no_progress,
) -> ImportReport:
    """What importing the file would do, from reads alone: no transaction, no lock, no write.
    ``progress`` is told as each row is worked out."""
    plan = _plan(
        parsed=parsed, committee=committee, filename=filename, dry_run=True, progress=progress
    )
    return plan.report


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
    *, committee: Committee, headers: tuple[str, ...], mapping: dict[int, str]
) -> None:
    """Remember which of this committee's columns hold which field, for the next import."""
    columns = {header_key(h): mapping.get(i, "") for i, h in enumerate(headers)}
    ColumnMapping.objects.update_or_create(committee=committee, defaults={"columns": columns})
