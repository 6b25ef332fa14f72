"""Applying a parsed tracker to the database: one transaction per file, idempotent."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core.models import Person
from scrutineer.core.text import text_to_html
from scrutineer.core.validation import out_of_range, raise_if_any
from scrutineer.imports.parsers.errors import ImportProblem, ImportRefused
from scrutineer.imports.parsers.tracker_text import ParsedTracker, ParsedTrackerRow
from scrutineer.programme.services import ForwardPlanOutcome, forward_plan_import
from scrutineer.tracker import services as tracker
from scrutineer.tracker.models import Item, Recommendation

_TEAM_WORDS = re.compile(r"\b(officers|team|services|group|board|panel)\b", re.IGNORECASE)


@dataclass
class RowOutcome:
    line: int
    number: str
    action: str  # "create", "update" or "unchanged"
    details: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    filename: str
    committee: str
    dry_run: bool
    rows: list[RowOutcome] = field(default_factory=list)
    forward_plan: list[ForwardPlanOutcome] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def count_create(self) -> int:
        return self.count("create")

    @property
    def count_update(self) -> int:
        return self.count("update")

    @property
    def count_unchanged(self) -> int:
        return self.count("unchanged")


class _DryRun(Exception):
    pass


def recommendation_kind(text: str) -> str:
    """Noting and agreement resolutions need no action from anyone; everything else does."""
    first = text.strip().lower()
    if first.startswith(("noted", "note ", "the committee noted")):
        return Recommendation.Kind.NOTING
    if first.startswith(("agreed", "the committee agreed")):
        return Recommendation.Kind.AGREEMENT
    return Recommendation.Kind.ACTION


def person_find_or_create(name: str) -> Person:
    """Match a name from a file to a person or team (case-insensitively), or record them."""
    found = Person.objects.filter(name__iexact=name).first()
    if found is not None:
        return found
    kind = Person.Kind.TEAM if _TEAM_WORDS.search(name) else Person.Kind.OFFICER
    return Person.objects.create(name=name, kind=kind)


def committee_find_or_create(name: str) -> Committee:
    found = Committee.objects.filter(name__iexact=name).first()
    if found is not None:
        return found
    short = "".join(word[0] for word in re.findall(r"[A-Za-z]+", name) if word[0].isupper())
    return Committee.objects.create(
        name=name, short_name=short[:20] or "C", slug=slugify(name)[:60]
    )


def _apply_row(
    committee: Committee,
    row: ParsedTrackerRow,
    by: Any,
    source: str,
    known: dict[str, Person],
) -> RowOutcome:
    raise_if_any(meeting_date=out_of_range(row.meeting_date, label="Date of the meeting"))
    meeting, _ = Meeting.objects.get_or_create(
        committee=committee, date=row.meeting_date, defaults={}
    )
    number = int(row.number) if row.number.isdigit() else tracker.item_next_number(committee)
    item = Item.objects.filter(meeting__committee=committee, number=number).first()
    outcome = RowOutcome(line=row.line, number=row.number, action="unchanged")
    if item is None:
        item = tracker.item_create(
            meeting=meeting,
            number=number,
            report_title=row.report_title,
            summary=row.summary_html,
            by=by,
        )
        outcome.action = "create"
        outcome.details.append(f"item {number}: {row.report_title}")
    else:
        changes: dict[str, Any] = {}
        if item.meeting_id != meeting.pk:
            changes["meeting"] = meeting
        if item.report_title != row.report_title:
            changes["report_title"] = row.report_title
        if item.summary_html != text_to_html(row.summary_html):
            changes["summary"] = row.summary_html
        if changes:
            tracker.item_update(item=item, expected_version=None, by=by, **changes)
            outcome.action = "update"
            outcome.details.append("changed " + ", ".join(k.replace("_", " ") for k in changes))

    def person(name: str) -> Person:
        # The same few names recur on every row; look each up once per file.
        if name.lower() not in known:
            known[name.lower()] = person_find_or_create(name)
        return known[name.lower()]

    people = {name: person(name) for name in row.assignees}
    existing = {rec.number: rec for rec in item.recommendations.all()}
    for parsed in row.recommendations:
        names = parsed.assignees or row.assignees
        assignees = [people.get(name) or person(name) for name in names]
        number_text = parsed.number or "1"
        rec = existing.get(number_text)
        if rec is None:
            rec = tracker.recommendation_create(
                item=item,
                number=number_text,
                text=parsed.text,
                preamble=parsed.preamble,
                kind=recommendation_kind(parsed.text),
                assignees=assignees,
                by=by,
            )
            if outcome.action == "unchanged":
                outcome.action = "update"
            outcome.details.append(f"recommendation {number_text} added")
        else:
            changes = {}
            if rec.text != parsed.text:
                changes["text"] = parsed.text
            if rec.preamble != parsed.preamble:
                changes["preamble"] = parsed.preamble
            new_assignees = None
            through = Recommendation.assignees.through
            current = through.objects.filter(recommendation=rec).order_by("id")
            if list(current.values_list("person_id", flat=True)) != [p.pk for p in assignees]:
                new_assignees = assignees
            if changes or new_assignees is not None:
                tracker.recommendation_update(
                    recommendation=rec,
                    expected_version=None,
                    by=by,
                    assignees=new_assignees,
                    **changes,
                )
                if outcome.action == "unchanged":
                    outcome.action = "update"
                outcome.details.append(f"recommendation {number_text} changed")
        wants_closed = (parsed.status or row.status) == "closed"
        if wants_closed and rec.is_open:
            tracker.recommendation_close(
                recommendation=rec,
                closed_by=by,
                agreed_at=None,
                reason=f"Closed in the imported tracker ({source})",
                closed_on=row.meeting_date,
                record_progress=False,
            )
            outcome.details.append(f"recommendation {number_text} closed")
            outcome.action = "update" if outcome.action == "unchanged" else outcome.action
        elif not wants_closed and not rec.is_open:
            tracker.recommendation_reopen(
                recommendation=rec,
                reopened_by=by,
                reason=f"Open in the imported tracker ({source})",
            )
            outcome.details.append(f"recommendation {number_text} reopened")
            outcome.action = "update" if outcome.action == "unchanged" else outcome.action
    if row.progress_html:
        progress_html = text_to_html(row.progress_html)
        imported = item.progress_updates.filter(recommendation__isnull=True).first()
        if imported is None or imported.text_html != progress_html:
            tracker.progress_add(item=item, text=row.progress_html, date=row.meeting_date, by=by)
            outcome.details.append("progress updated")
            outcome.action = "update" if outcome.action == "unchanged" else outcome.action
    return outcome


def tracker_import(
    *,
    parsed: ParsedTracker,
    committee: Committee,
    by: Any = None,
    dry_run: bool = False,
    filename: str = "",
) -> ImportReport:
    """Apply a parsed tracker to a committee in one transaction; a dry run rolls it back."""
    report = ImportReport(filename=filename, committee=committee.name, dry_run=dry_run)
    try:
        with transaction.atomic(), tracker.search_index_deferred():
            known: dict[str, Person] = {}
            problems: list[ImportProblem] = []
            for row in parsed.rows:
                try:
                    report.rows.append(_apply_row(committee, row, by, filename or "import", known))
                except ValidationError as refused:
                    # The same rules as the pages: the row's line and what is wrong with it.
                    problems += [ImportProblem(m, row=row.line) for m in refused.messages]
            if problems:
                raise ImportRefused(problems, filename=filename)
            report.forward_plan = forward_plan_import(
                items=parsed.forward_plan, committee=committee, by=by
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _header_key(header: str) -> str:
    return " ".join(header.lower().split())


def column_mapping_for(*, committee: Committee, headers: tuple[str, ...]) -> dict[int, str]:
    """The committee's remembered mapping where it knows a header; a guess elsewhere."""
    from scrutineer.imports.models import ColumnMapping
    from scrutineer.imports.parsers.tabular import guess_mapping

    guessed = dict(guess_mapping(headers))
    remembered = ColumnMapping.objects.filter(committee=committee).first()
    if remembered is None:
        return guessed
    for index, header in enumerate(headers):
        field = remembered.columns.get(_header_key(header))
        if field is not None:
            guessed[index] = field
        # A column the user chose not to import stays unmapped.
        if field == "":
            guessed.pop(index, None)
    return guessed


def column_mapping_save(
    *, committee: Committee, headers: tuple[str, ...], mapping: dict[int, str]
) -> None:
    """Remember which of this committee's columns hold which field, for the next import."""
    from scrutineer.imports.models import ColumnMapping

    columns = {_header_key(h): mapping.get(i, "") for i, h in enumerate(headers)}
    ColumnMapping.objects.update_or_create(committee=committee, defaults={"columns": columns})
