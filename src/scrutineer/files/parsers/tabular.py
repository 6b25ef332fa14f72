"""Read a recommendations tracker kept as CSV, XLSX or a table in a Word document.

Pure: bytes in, the seed-text parser's dataclasses out. The readers in ``tables`` give a Table;
``parse_table`` maps its columns to fields (see ``mapping``) and splits cells as the seed parser
does.
"""

import datetime
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from scrutineer.files.limits import check_size
from scrutineer.files.parsers.cells import (
    BULLET,
    ROW_NUMBER,
    SPACES,
    ParsedRecommendation,
    cell_html,
    cell_text,
    split_assignees,
    split_recommendations,
)
from scrutineer.files.parsers.dates import NotADate, parse_date
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused, refused
from scrutineer.files.parsers.mapping import FIELDS, field_columns
from scrutineer.files.parsers.tables import READERS, Table, parse_on_sheet
from scrutineer.files.parsers.tracker_text import ParsedTracker, ParsedTrackerRow

_EXAMPLE_DATE = "17 Sept 2024"
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,20}(?:\s[^<>]{0,2000})?/?>")
# Spreadsheets have no bullet lists, so people type "- item" or "* item"
_TYPED_BULLET = re.compile(r"^\s*[-*\u2013]\s+")


@dataclass(frozen=True)
class TabularExtras:
    """Columns a tabular tracker may have that the seed tracker's rows do not."""

    lead_officer: str
    due_date: datetime.date | None


@dataclass
class _Row:
    line: int
    cells: dict[str, str]  # field -> the raw cell
    labels: Mapping[str, str]  # field -> the file's header, for problems
    problems: list[ImportProblem] = field(default_factory=list)

    def text(self, name: str) -> str:
        """The cell as one line of plain text."""
        return SPACES.sub(" ", cell_text(self.cells.get(name, ""))).strip()

    def problem(self, message: str, name: str) -> None:
        self.problems.append(ImportProblem(message, row=self.line, column=self.labels[name]))

    def date(self, name: str, *, required: bool) -> datetime.date | None:
        """The cell's date; an empty or unreadable cell is a problem (empty is fine if optional)."""
        text = self.text(name)
        if not text:
            if required:
                self.problem(f"This cell is empty; write a date like “{_EXAMPLE_DATE}”", name)
            return None
        try:
            return parse_date(text)
        except NotADate:
            self.problem(f"“{text}” is not a date; write it like “{_EXAMPLE_DATE}”", name)
            return None


def parse_table_with_extras(
    table: Table, *, mapping: Mapping[int, str] | None = None, filename: str = ""
) -> tuple[ParsedTracker, dict[int, TabularExtras]]:
    """The tracker in ``table`` and each row's extras by row number; refuses listing problems."""
    columns = field_columns(table.headers, mapping, filename)
    labels = {name: table.headers[index] or FIELDS[name] for name, index in columns.items()}
    rows = [
        _Row(
            line, {name: cells[i] if i < len(cells) else "" for name, i in columns.items()}, labels
        )
        for line, cells in table.rows
        if any(cell.strip() for cell in cells)
    ]
    if not rows:
        raise refused("The file has no rows below its header", filename)
    # Unnumbered rows count on from the largest number anywhere, so they cannot collide.
    leading = (re.match(r"[0-9]{1,9}", row.text("number").rstrip(".")) for row in rows)
    next_number = max((int(m[0]) for m in leading if m), default=0) + 1
    parsed: list[ParsedTrackerRow] = []
    extras: dict[int, TabularExtras] = {}
    problems: list[ImportProblem] = []
    for row in rows:
        number = row.text("number").rstrip(".")
        if not number:
            number, next_number = str(next_number), next_number + 1
        elif not ROW_NUMBER.fullmatch(number):
            row.problem(f"“{number}” is not a row number", "number")
        meeting_date = row.date("meeting_date", required=True)
        due_date = row.date("due_date", required=False)
        title = row.text("report_title")
        if not title:
            row.problem("This cell is empty; every row needs a report title", "report_title")
        status = row.text("status").lower().rstrip(".") or "open"
        if status not in ("open", "closed"):
            row.problem(
                f"“{row.text('status')}” is not a status; write “Open” or “Closed”", "status"
            )
        cell = row.cells["recommendations"]
        recommendations = _single_recommendation(cell) or split_recommendations(_one_line(cell))
        if not recommendations:
            message = "This cell is empty; every row needs at least one recommendation"
            row.problem(message, "recommendations")
        problems.extend(row.problems)
        if row.problems or meeting_date is None:
            continue
        # a line break in the cell separates people, as "/" does
        assignees = split_assignees(cell_text(row.cells.get("assignees", "")).replace("\n", ";"))
        lead = split_assignees(cell_text(row.cells.get("lead_officer", "")).replace("\n", ";"))
        # The lead officer is answerable for the recommendation: one of its assignees.
        named = {name.casefold() for name in assignees}
        assignees += tuple(name for name in lead if name.casefold() not in named)
        parsed.append(
            ParsedTrackerRow(
                line=row.line,
                number=number,
                meeting_date=meeting_date,
                report_title=title,
                summary_html=_rich(row.cells.get("summary", "")),
                recommendations=tuple(
                    replace(r, status=status, assignees=assignees, due_date=due_date)
                    for r in recommendations
                ),
                status=status,
                assignees=assignees,
                progress_html=_rich(row.cells.get("progress", "")),
            )
        )
        extras[row.line] = TabularExtras(row.text("lead_officer"), due_date)
    merged = _merge_items(parsed, labels, problems)
    if problems:
        raise ImportRefused(sorted(problems, key=lambda p: p.row or 0), filename)
    return ParsedTracker(title=table.title, rows=merged, forward_plan=()), extras


_SINGLE = re.compile(
    r"(?:(?P<pre>[^\n]*)\n)?(?P<num>[0-9]{1,3}[a-z]?)\.[ \t]+(?P<text>\S.*)", re.DOTALL
)
_LIST_START = re.compile(r"\s*(?:[0-9]{1,3}[a-z]?|[a-z])[.)]\s|\s*[•*-]\s")
_NUMBERED_LINE = re.compile(r"\n\s*[0-9]{1,3}[a-z]?[.)]\s")


def _single_recommendation(cell: str) -> tuple[ParsedRecommendation, ...]:
    """A cell holding one numbered recommendation (as our export writes a row per
    recommendation): keep its own number, which need not be 1."""
    match = _SINGLE.fullmatch(cell.strip())
    if match is None or _NUMBERED_LINE.search("\n" + match["text"]) or _TAG.search(cell):
        return ()
    if match["pre"] and _LIST_START.match(match["pre"]):  # "1. First\n2. Second": a list
        return ()
    return (
        ParsedRecommendation(
            number=match["num"],
            text=cell_text(match["text"]),
            preamble=cell_text(match["pre"] or ""),
        ),
    )


def _merge_items(
    rows: list[ParsedTrackerRow], labels: Mapping[str, str], problems: list[ImportProblem]
) -> tuple[ParsedTrackerRow, ...]:
    """Rows that share a No are one item with several recommendations, one row each."""
    items: dict[str, ParsedTrackerRow] = {}
    for row in rows:
        first = items.get(row.number)
        if first is None:
            items[row.number] = row
            continue
        if (first.report_title, first.meeting_date) != (row.report_title, row.meeting_date):
            problems.append(
                ImportProblem(
                    f"No {row.number} is also row {first.line}, with a different title or "
                    "meeting date; give each item its own number",
                    row=row.line,
                    column=labels.get("number", "No"),
                )
            )
            continue
        recommendations = first.recommendations + row.recommendations
        items[row.number] = replace(
            first,
            recommendations=recommendations,
            status="open" if any(r.status == "open" for r in recommendations) else "closed",
            assignees=tuple(dict.fromkeys(first.assignees + row.assignees)),
            summary_html=first.summary_html or row.summary_html,
            progress_html=first.progress_html or row.progress_html,
        )
    return tuple(items.values())


def parse_table(
    table: Table, *, mapping: Mapping[int, str] | None = None, filename: str = ""
) -> ParsedTracker:
    """The tracker in ``table``; raises ImportRefused listing every problem found."""
    return parse_table_with_extras(table, mapping=mapping, filename=filename)[0]


def _one_line(cell: str) -> str:
    """A cell's lines joined, typed “- ” bullets made real, ready for the seed's list splitting."""
    return " ".join(_TYPED_BULLET.sub("• ", line) for line in cell.splitlines())


def _rich(cell: str) -> str:
    """Sanitised HTML for a cell: HTML as it is, plain text as a paragraph per line."""
    if _TAG.search(cell):
        return cell_html([cell])
    paragraphs: list[str] = []
    in_list = False
    for line in cell.splitlines():
        line = _TYPED_BULLET.sub("• ", line).strip()
        if not line:
            continue
        bullet = bool(BULLET.match(line))
        # consecutive bullet lines share a paragraph so the seed's splitting makes one list
        if bullet and in_list:
            paragraphs[-1] += " " + html.escape(line, quote=False)
        else:
            paragraphs.append(html.escape(line, quote=False))
        in_list = bullet
    return cell_html(["".join(f"<p>{p}</p>" for p in paragraphs)])


def read_tracker(
    data: bytes, *, filename: str, mapping: Mapping[int, str] | None = None
) -> ParsedTracker:
    """The tracker in a CSV, XLSX or DOCX file, chosen by the file name's extension."""
    check_size(data, filename=filename)
    reader = READERS.get(PurePath(filename).suffix.lower())
    if reader is None:
        raise refused(f"“{PurePath(filename).name}” is not a CSV, XLSX or DOCX file", filename)
    table = reader(data, filename=filename)
    return parse_on_sheet(table, parse_table, mapping=mapping, filename=filename)
