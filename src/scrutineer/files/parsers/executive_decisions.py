"""The executive's decisions as a table (CSV, XLSX or a Word table), as a council's decision
notices list them: rows in, decisions out. Headers are recognised by their meaning, in the
forward plan's way (``forward_plan.py``).

Pure: a Table in, dataclasses out, or ImportRefused listing every problem by row and column.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from scrutineer.core.calendar import time_of_day
from scrutineer.files.parsers.dates import NotADate, parse_date
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused
from scrutineer.files.parsers.forward_plan import _yes, read_columns
from scrutineer.files.parsers.tables import Table

COLUMNS = {
    "title": ("title", "decision title", "report title", "subject", "item"),
    "decision_maker": ("decision maker", "decision taker", "decided by", "portfolio holder"),
    "decided_on": ("decision date", "date of decision", "date decided", "decided on", "date"),
    "summary": ("summary", "decision", "decision summary", "details", "what was decided"),
    "key_decision": ("key decision", "key"),
    "published": (
        "published",
        "date published",
        "publication date",
        "published on",
        "date of publication",
    ),
    "urgent": (
        "urgent",
        "exempt from call in",
        "call in exempt",
        "urgency",
        "not subject to call in",
    ),
    "urgency_reason": ("urgency reason", "reason for urgency", "reasons for urgency", "why urgent"),
    "exempt": ("exempt", "exempt information", "private", "confidential"),
    "report_url": ("report", "report link", "report url", "link", "url"),
    "reference": ("reference", "ref", "decision reference", "decision number", "id"),
    "forward_plan": (
        "forward plan",
        "forward plan item",
        "forward plan entry",
        "forward plan title",
    ),
}
REQUIRED = ("title", "decided_on")
LABELS = {"title": "Title", "decided_on": "Decision date"}
_TRAILING_TIME = re.compile(r"^(.*?)[\s,]+(?:at\s+)?(\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)$", re.I)
NAME_MAX, TITLE_MAX, TEXT_MAX, URL_MAX, REFERENCE_MAX = 200, 500, 10_000, 500, 100


@dataclass(frozen=True)
class ParsedDecision:
    row: int
    title: str
    decision_maker: str
    decided_on: datetime.date
    summary: str
    is_key_decision: bool
    published: datetime.datetime | None  # naive: the council's local time
    exempt_from_call_in: bool
    urgency_reason: str
    is_exempt: bool
    report_url: str
    external_reference: str
    forward_plan_title: str = ""  # the forward-plan entry it came from, by its title
    forward_plan_column: str = ""


def published_moment(text: str) -> datetime.datetime:
    """“11 June 2025 10:30”, “11/06/2025 at 4pm” or “11 June 2025” (the start of the day) as a
    local date and time; NotADate for anything else."""
    text = text.strip()
    try:
        return datetime.datetime.combine(parse_date(text), datetime.time(0, 0))
    except NotADate:
        pass
    found = _TRAILING_TIME.match(text)
    moment = time_of_day(found[2]) if found else None
    if found is None or moment is None:
        raise NotADate(text)
    return datetime.datetime.combine(parse_date(found[1]), moment)


def parse_decisions_table(table: Table, *, filename: str = "") -> tuple[ParsedDecision, ...]:
    """Decisions of a table; every problem is reported, with the file's own row number and
    the column's header."""
    columns, cell, header = read_columns(
        table, COLUMNS, labels=LABELS, required=REQUIRED, filename=filename
    )

    decisions: list[ParsedDecision] = []
    problems: list[ImportProblem] = []
    seen: dict[tuple[str, datetime.date], int] = {}
    for row, cells in table.rows:
        if not any(c.strip() for c in cells):
            continue

        def problem(message: str, field: str, row: int = row) -> None:
            problems.append(ImportProblem(message, row=row, column=header(field)))

        title = cell(cells, "title")
        if not title:
            problem("Enter the title of the decision", "title")
        elif len(title) > TITLE_MAX:
            problem(f"Title must be {TITLE_MAX} characters or fewer", "title")
        decided_text = cell(cells, "decided_on")
        decided_on = None
        if not decided_text:
            problem("Enter the date of the decision", "decided_on")
        else:
            try:
                decided_on = parse_date(decided_text)
            except NotADate:
                problem(
                    f"“{decided_text}” is not a date; write it like “11 June 2025”", "decided_on"
                )
        published_text = cell(cells, "published")
        published = None
        if published_text:
            try:
                published = published_moment(published_text)
            except NotADate:
                problem(
                    f"“{published_text}” is not a date and time; write it like "
                    "“11 June 2025 10:30”",
                    "published",
                )
        if published and decided_on and published.date() < decided_on:
            problem("Date published must be on or after the date of the decision", "published")
        key = _yes(cell(cells, "key_decision"), row, header("key_decision"), problems)
        urgent = _yes(cell(cells, "urgent"), row, header("urgent"), problems)
        exempt = _yes(cell(cells, "exempt"), row, header("exempt"), problems)
        reason = cell(cells, "urgency_reason")
        if urgent and not reason:
            problem(
                "Enter why the decision is urgent and exempt from call-in",
                "urgency_reason" if "urgency_reason" in columns else "urgent",
            )
        maker = cell(cells, "decision_maker") or "Cabinet"
        for field, value, limit, label in (
            ("decision_maker", maker, NAME_MAX, "Decision-maker"),
            ("summary", cell(cells, "summary"), TEXT_MAX, "Summary"),
            ("urgency_reason", reason, TEXT_MAX, "Reason"),
            ("report_url", cell(cells, "report_url"), URL_MAX, "Link to the report"),
            ("reference", cell(cells, "reference"), REFERENCE_MAX, "Reference"),
        ):
            if len(value) > limit:
                problem(f"{label} must be {limit:,} characters or fewer", field)
        url = cell(cells, "report_url")
        if url and not re.match(r"^https?://[^\s/]+\.[^\s]+$", url):
            problem(
                f"“{url}” is not a link; write it like https://example.gov.uk/report", "report_url"
            )
        if title and decided_on is not None:
            key_of = (title.lower(), decided_on)
            if key_of in seen:
                problem(f"The same decision is on row {seen[key_of]} too", "title")
            seen[key_of] = row
            decisions.append(
                ParsedDecision(
                    row=row,
                    title=title,
                    decision_maker=maker,
                    decided_on=decided_on,
                    summary=cell(cells, "summary"),
                    is_key_decision=key,
                    published=published,
                    exempt_from_call_in=urgent,
                    urgency_reason=reason if urgent else "",
                    is_exempt=exempt,
                    report_url=url,
                    external_reference=cell(cells, "reference"),
                    forward_plan_title=cell(cells, "forward_plan"),
                    forward_plan_column=header("forward_plan"),
                )
            )
    if problems:
        raise ImportRefused(problems, filename)
    if not decisions:
        raise ImportRefused([ImportProblem("The file has no decisions")], filename)
    return tuple(decisions)
