"""Parse the text of an O&S recommendations tracker, as pulled out of the council's PDF.

Pure: a string in, frozen dataclasses out. The text holds tab-separated tables whose cells are
HTML fragments or plain text; a row broken by a page break goes on in a line of leading empty cells.
"""

import contextlib
import datetime
import re
from dataclasses import dataclass, field

from scrutineer.core.sanitise import plain_text
from scrutineer.files.columns import FORWARD_PLAN_FIELDS, TRACKER_FIELDS
from scrutineer.files.parsers.cells import (
    ROW_NUMBER,
    SPACES,
    ParsedRecommendation,
    cell_html,
    cell_text,
    split_assignees,
    split_recommendations,
)
from scrutineer.files.parsers.dates import NotADate, parse_date
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused


@dataclass(frozen=True)
class ParsedTrackerRow:
    """One row of the recommendations tracker, re-joined across page breaks."""

    line: int
    number: str
    meeting_date: datetime.date
    report_title: str
    summary_html: str
    recommendations: tuple[ParsedRecommendation, ...]
    status: str
    assignees: tuple[str, ...]
    progress_html: str
    # What other councils' trackers say of an item besides the published columns.
    committee: str = ""  # the "Origin" or "Committee:" the file names, as written
    minute: str = ""  # "109", the meeting's minute
    title_from: str = ""  # "" for the file's own title; "recommendation" or "area" when made up
    lead_officer: str = ""  # the first lead officer the file names for the item
    sheet: str = ""  # the workbook's sheet it is on
    progress_date: datetime.date | None = None  # when the item's progress was written
    exempt: bool = False  # marked not for publication (the council's own copy)
    draft: bool = False  # marked a draft, not yet published (the council's own copy)


@dataclass(frozen=True)
class ParsedForwardPlanItem:
    """One item of the Cabinet Forward Plan table that follows the tracker."""

    line: int
    number: str
    title: str
    cabinet_date: datetime.date
    information: str
    disposition: str
    scheduled_for: datetime.date | None
    other_committee: str


@dataclass(frozen=True)
class ParsedTracker:
    """Everything read from one tracker file."""

    title: str
    rows: tuple[ParsedTrackerRow, ...]
    forward_plan: tuple[ParsedForwardPlanItem, ...]
    # What the preview should point out, each where it is: dates without a year, rows that
    # repeat one another. None of them stops the import.
    warnings: tuple[ImportProblem, ...] = ()
    # The status words the file uses (as written) and what each was read as.
    status_words: tuple[tuple[str, str], ...] = ()


_SEPARATOR = re.compile("[-\u2013\u2014_=]+")
_COMMITTEE = re.compile(r"\b(?:[A-Z][\w&'-]*\s+(?:and\s+)?){1,6}(?:Committee|Board|Panel|O&S)\b")
_ELSEWHERE = re.compile(r"\b(?:remit|within|considered by|referred to|terms of reference)\b", re.I)
_NOT_SCHEDULED = re.compile(r"\bnot\b[^.]{0,200}\b(?:work programme|scheduled)\b", re.I)
_SCHEDULED = re.compile(r"\b(?:scheduled|on (?:the )?\S+(?: O&S)? work programme)\b", re.I)
_DATE_IN_TEXT = re.compile(
    r"\b(?:[0-9]{1,2}\s*(?:st|nd|rd|th)?\s+)?[A-Za-z]{3,9}\.?\s+[0-9]{4}\b"
    r"|\b[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}\b|\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b"
)


def _normalise(header: str) -> str:
    """A header cell in a comparable form: “Open/Closed ” and “open / closed” are the same."""
    text = re.sub(r"\s*/\s*", " / ", plain_text(header).lower())
    return SPACES.sub(" ", text).strip(" .:")


# The published headers, normalised, to the field each column holds; "*" matches a prefix.
_TRACKER_COLUMNS = {_normalise(header): key for key, header in TRACKER_FIELDS.items()}
_PLAN_COLUMNS = {
    _normalise(FORWARD_PLAN_FIELDS[key]): key for key in ("number", "report_title", "cabinet_date")
} | {"information*": "information"}
# The two headers that mark each table's header row.
_TRACKER_HEADER = {_normalise(TRACKER_FIELDS[key]) for key in ("meeting_date", "report_title")}
_PLAN_HEADER = {_normalise(FORWARD_PLAN_FIELDS[key]) for key in ("cabinet_date", "report_title")}
_REQUIRED = ("number", "meeting_date", "report_title", "status")
_NOT_A_TRACKER = (
    f"This file is not a recommendations tracker: no header row with "
    f"“{TRACKER_FIELDS['meeting_date']}”, “{TRACKER_FIELDS['report_title']}” and the other "
    "tracker columns"
)


@dataclass
class _Table:
    line: int
    keys: list[str]  # the column key at each position; "" for a column we do not read
    names: dict[str, str]  # key to the header name as printed, for problem messages


@dataclass
class _RawRow:
    line: int
    names: dict[str, str]  # the table's, for problem messages
    cells: dict[str, list[str]] = field(default_factory=dict)

    def text(self, key: str) -> str:
        """The plain text of a column, its pieces joined with spaces."""
        return cell_text(" ".join(self.cells.get(key, ())))

    def problem(self, message: str, key: str) -> ImportProblem:
        """A problem in one of this row's cells."""
        return ImportProblem(message, row=self.line, column=self.names.get(key, key))


def parse_tracker_text(text: str, *, filename: str = "") -> ParsedTracker:
    """The tracker and forward plan in ``text``; raises ImportRefused listing every problem."""
    # nh3 cannot take lone surrogates; decoding is the caller's job, so just replace them
    text = text.encode("utf-8", "replace").decode("utf-8").lstrip("\ufeff")
    problems: list[ImportProblem] = []
    title = ""
    tracker: _Table | None = None
    plan: _Table | None = None
    rows: list[_RawRow] = []
    items: list[_RawRow] = []
    for number, line in enumerate(re.split(r"\r\n?|\n", text), start=1):
        cells = [cell.strip() for cell in line.split("\t")]
        if not any(cells):
            continue
        if len(cells) == 1:
            # Table cells always come tab-separated: a lone line is a title or page furniture.
            if tracker is None and not title:
                title = plain_text(cells[0])
            continue
        # every header names a date column; checking first saves sanitising every cell
        headers = {_normalise(c) for c in cells if c} if "date" in line.lower() else set()
        if headers >= _TRACKER_HEADER:
            if tracker is None:  # a header repeated after a page break adds nothing
                tracker = _header(cells, number, _TRACKER_COLUMNS)
                problems.extend(
                    ImportProblem(f"The header has no “{name}” column", row=number, column=name)
                    for name in (TRACKER_FIELDS[key] for key in _REQUIRED)
                    if _TRACKER_COLUMNS[_normalise(name)] not in tracker.names
                )
            continue
        if tracker is not None and headers >= _PLAN_HEADER:
            plan = plan or _header(cells, number, _PLAN_COLUMNS)
            continue
        if tracker is None or all(not cell or _SEPARATOR.fullmatch(cell) for cell in cells):
            continue
        if plan is None:
            _add_line(cells, number, tracker, rows, problems)
        else:
            _add_line(cells, number, plan, items, problems)
    if tracker is None:
        raise ImportRefused([ImportProblem(_NOT_A_TRACKER)], filename)
    if any(p.row == tracker.line for p in problems):  # a missing column would fail every row
        raise ImportRefused(problems, filename)
    parsed_rows = [_tracker_row(raw, problems) for raw in rows]
    # "Information for Corporate O&S" names this committee, which is not "another committee"
    information = plan.names.get("information", "") if plan else ""
    own = re.sub(r"^information for\s+", "", information, flags=re.I)
    parsed_items = [_plan_item(raw, own, problems) for raw in items]
    if problems:
        raise ImportRefused(sorted(problems, key=lambda p: p.row or 0), filename)
    return ParsedTracker(
        title=title,
        rows=tuple(row for row in parsed_rows if row is not None),
        forward_plan=tuple(item for item in parsed_items if item is not None),
    )


def _header(cells: list[str], line: int, columns: dict[str, str]) -> _Table:
    """Which column of the table is which, from its header row."""
    keys, names = [], {}
    for cell in cells:
        norm = _normalise(cell)
        key = columns.get(norm) or next(
            (v for k, v in columns.items() if k.endswith("*") and norm.startswith(k[:-1])), ""
        )
        if key and key not in names:
            names[key] = plain_text(cell)
        else:
            key = ""
        keys.append(key)
    return _Table(line, keys, names)


def _add_line(
    cells: list[str], line: int, table: _Table, rows: list[_RawRow], problems: list[ImportProblem]
) -> None:
    """Start a new row, or add a continuation line's cells to the row above."""
    width = len(table.keys)
    if any(cells[width:]):
        problems.append(ImportProblem(f"This line has more cells than the header ({width})", line))
    cells = cells[:width]
    if cells[0]:
        row = _RawRow(line, table.names)
        rows.append(row)
    elif rows:
        row = rows[-1]
        if len(cells) < width and not cells[-1]:
            # The PDF extractor sometimes merges two leading empty cells of a continuation line;
            # its trailing empty cells survive, so line the cells up from the right.
            cells = [""] * (width - len(cells)) + cells
    else:
        problems.append(ImportProblem("This line continues a row, but none starts above", line))
        return
    for key, cell in zip(table.keys, cells, strict=False):
        if key and cell:
            row.cells.setdefault(key, []).append(cell)


def _tracker_row(raw: _RawRow, problems: list[ImportProblem]) -> ParsedTrackerRow | None:
    """The parsed row, or None after adding its problems to ``problems``."""
    found: list[ImportProblem] = []
    number, meeting_date, title = _common_cells(raw, "meeting_date", "17 Sept 2024", found)
    status = raw.text("status")
    if status.lower() not in ("open", "closed"):
        message = f"“{status}” is not a status" if status else "This cell is empty"
        found.append(raw.problem(f"{message}; write “Open” or “Closed”", "status"))
    problems.extend(found)
    if found or meeting_date is None:
        return None
    return ParsedTrackerRow(
        line=raw.line,
        number=number,
        meeting_date=meeting_date,
        report_title=title,
        summary_html=cell_html(raw.cells.get("summary", [])),
        recommendations=split_recommendations(" ".join(raw.cells.get("recommendations", ()))),
        status=status.lower(),
        assignees=split_assignees(raw.text("assignees")),
        progress_html=cell_html(raw.cells.get("progress", [])),
    )


def _plan_item(
    raw: _RawRow, own: str, problems: list[ImportProblem]
) -> ParsedForwardPlanItem | None:
    """The parsed forward plan item, or None after adding its problems to ``problems``."""
    found: list[ImportProblem] = []
    number, cabinet_date, title = _common_cells(raw, "cabinet_date", "March 2025", found)
    information = raw.text("information")
    disposition, other, scheduled_for = _disposition(information, own)
    if not disposition:
        message = (
            f"“{information}” does not say whether the item is scheduled for a meeting, "
            "not on the work programme, or for another committee"
        )
        found.append(raw.problem(message, "information"))
    problems.extend(found)
    if found or cabinet_date is None:
        return None
    return ParsedForwardPlanItem(
        raw.line, number, title, cabinet_date, information, disposition, scheduled_for, other
    )


def _common_cells(
    raw: _RawRow, date_key: str, example: str, found: list[ImportProblem]
) -> tuple[str, datetime.date | None, str]:
    """The number, date and title every row needs, adding problems with them to ``found``."""
    number, text, title = (
        raw.text("number").rstrip("."),
        raw.text(date_key),
        raw.text("report_title"),
    )
    date = None
    if not ROW_NUMBER.fullmatch(number):
        found.append(raw.problem(f"“{number}” is not a row number", "number"))
    if not text:
        found.append(raw.problem(f"This cell is empty; write a date like “{example}”", date_key))
    else:
        try:
            date = parse_date(text)
        except NotADate:
            found.append(
                raw.problem(f"“{text}” is not a date; write it like “{example}”", date_key)
            )
    if not title:
        found.append(
            raw.problem("This cell is empty; every row needs a report title", "report_title")
        )
    return number, date, title


def _disposition(information: str, own: str) -> tuple[str, str, datetime.date | None]:
    """(disposition, other committee, meeting date) from an item's information; "" if unclear."""
    if _ELSEWHERE.search(information):
        for m in _COMMITTEE.finditer(information):
            name = SPACES.sub(" ", m[0]).strip()
            if not own or own.lower() not in name.lower():
                return "other_committee", name, None
    if _NOT_SCHEDULED.search(information):
        return "not_on_work_programme", "", None
    if _SCHEDULED.search(information):
        return "scheduled", "", _first_date(information)
    return "", "", None


def _first_date(text: str) -> datetime.date | None:
    """The first real date written in ``text``, if any."""
    for match in _DATE_IN_TEXT.finditer(text):
        with contextlib.suppress(NotADate):
            return parse_date(match[0])
    return None
