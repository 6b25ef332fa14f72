"""The executive's forward plan as a table (CSV, XLSX or a Word table): rows in, entries out.

Pure: a Table (from the tabular readers) in, dataclasses out, or ImportRefused listing every
problem by row and column.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from scrutineer.files.parsers.dates import NotADate, parse_date, parse_date_and_precision
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused
from scrutineer.files.parsers.tables import Table

COLUMNS = {
    "title": ("title", "report title", "decision", "subject", "item"),
    "decision_maker": ("decision maker", "decision taker", "decided by"),
    "decision_date": ("decision date", "cabinet date", "date of decision", "expected decision"),
    "key_decision": ("key decision", "key"),
    "lead_officer": ("lead officer", "contact officer", "report author"),
    "portfolio": ("portfolio", "portfolio holder", "cabinet member"),
    "first_published": ("first published", "date first published", "published"),
    "exempt": ("exempt", "exempt information", "private", "confidential"),
}
REQUIRED = ("title", "decision_date")
LABELS = {"title": "Title", "decision_date": "Decision date"}
_YES = {"yes", "y", "true", "1", "key", "key decision", "exempt", "private"}
_NO = {"", "no", "n", "false", "0", "non-key", "not key", "open"}


@dataclass(frozen=True)
class ParsedPlanEntry:
    row: int
    title: str
    decision_maker: str
    decision_date: datetime.date
    precision: str  # "day" or "month"
    is_key_decision: bool
    lead_officer: str
    portfolio: str
    first_published: datetime.date | None
    is_exempt: bool


def _normal(header: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", header.lower()).split())


def _columns_of(headers: tuple[str, ...], known: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Each field's column, by the meaning of its header (any case and punctuation)."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = _normal(header)
        for field, names in known.items():
            if field not in found and key in names:
                found[field] = index
    return found


def read_columns(
    table: Table,
    known: dict[str, tuple[str, ...]],
    *,
    labels: Mapping[str, str],
    required: Iterable[str],
    filename: str,
) -> tuple[dict[str, int], Callable[[tuple[str, ...], str], str], Callable[[str], str]]:
    """Which column holds each field ``known`` names, refusing the file when one ``required``
    is missing; with how to read a row's cell of a field (stripped, "" when absent) and the
    header a field was found under (for problems)."""
    columns = _columns_of(table.headers, known)
    missing = [labels[f] for f in required if f not in columns]
    if missing:
        raise ImportRefused(
            [ImportProblem(f"The file has no “{name}” column") for name in missing], filename
        )

    def cell(cells: tuple[str, ...], field: str) -> str:
        index = columns.get(field)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def header(field: str) -> str:
        return table.headers[columns[field]] if field in columns else field

    return columns, cell, header


def _yes(value: str, row: int, column: str, problems: list[ImportProblem]) -> bool:
    text = value.strip().lower().rstrip(".")
    if text in _YES:
        return True
    if text not in _NO:
        problems.append(ImportProblem(f"“{value}” is not yes or no", row=row, column=column))
    return False


def parse_forward_plan_table(table: Table, *, filename: str = "") -> tuple[ParsedPlanEntry, ...]:
    """Entries of a forward plan; every problem is reported, with the file's own row number."""
    _, cell, header = read_columns(
        table, COLUMNS, labels=LABELS, required=REQUIRED, filename=filename
    )

    entries, problems = [], []
    for row, cells in table.rows:
        if not any(c.strip() for c in cells):
            continue
        title = cell(cells, "title")
        if not title:
            problems.append(ImportProblem("Enter the title", row=row, column=header("title")))
        when_text = cell(cells, "decision_date")
        when, precision = None, "month"
        try:
            when, precision = parse_date_and_precision(when_text)
        except NotADate:
            problems.append(
                ImportProblem(
                    f"“{when_text}” is not a date; write it like “18 March 2025” or “March 2025”",
                    row=row,
                    column=header("decision_date"),
                )
            )
        published_text = cell(cells, "first_published")
        published = None
        if published_text:
            try:
                published = parse_date(published_text)
            except NotADate:
                problems.append(
                    ImportProblem(
                        f"“{published_text}” is not a date",
                        row=row,
                        column=header("first_published"),
                    )
                )
        key = _yes(cell(cells, "key_decision"), row, header("key_decision"), problems)
        exempt = _yes(cell(cells, "exempt"), row, header("exempt"), problems)
        if title and when is not None:
            entries.append(
                ParsedPlanEntry(
                    row=row,
                    title=title,
                    decision_maker=cell(cells, "decision_maker") or "Cabinet",
                    decision_date=when,
                    precision=precision,
                    is_key_decision=key,
                    lead_officer=cell(cells, "lead_officer"),
                    portfolio=cell(cells, "portfolio"),
                    first_published=published,
                    is_exempt=exempt,
                )
            )
    if problems:
        raise ImportRefused(problems, filename)
    if not entries:
        raise ImportRefused([ImportProblem("The file has no forward plan entries")], filename)
    return tuple(entries)
