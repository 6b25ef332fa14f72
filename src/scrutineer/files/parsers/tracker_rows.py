"""Each row of a tracker table read by meaning: its meeting, title, recommendations, status,
people, dates, response and progress, wherever in the table or around it the file gives them.

Pure: a Table in, Lines out (one per row, ready to be grouped into items by ``tabular``), with
every problem found and every warning for the preview. A row takes what it does not say from
the heading row above it ("Council Meeting - 27/4/2022") and from the paragraphs above a Word
table ("Meeting Date: 1 March 2011"); a row whose recommendation cell goes on from the row
above (merged down, or left empty) takes that row's meeting, title and number too.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from scrutineer.core.sanitise import clean_html
from scrutineer.files.labels import STATUS_LABELS
from scrutineer.files.parsers.cells import (
    BULLET,
    ORDINAL,
    ROW_NUMBER,
    SPACES,
    ParsedRecommendation,
    ParsedUpdate,
    cell_html,
    cell_text,
    split_recommendations,
)
from scrutineer.files.parsers.dates import (
    DateInText,
    NotADate,
    date_in_text,
    last_day_of_month,
    parse_date_and_precision,
)
from scrutineer.files.parsers.errors import ImportProblem
from scrutineer.files.parsers.mapping import FIELDS, field_columns, header_field
from scrutineer.files.parsers.people import name_kind, split_people
from scrutineer.files.parsers.responses import decision_key, municipal_year_in, suggest_decision
from scrutineer.files.parsers.statuses import (
    CLOSED,
    OPEN,
    ReadStatus,
    read_status,
    status_in_text,
    status_key,
)
from scrutineer.files.parsers.tables import Table

_EXAMPLE_DATE = "17 Sept 2024"
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,20}(?:\s[^<>]{0,2000})?/?>")
# Spreadsheets have no bullet lists, so people type "- item" or "* item"
_TYPED_BULLET = re.compile(r"^\s*[-*\u2013]\s+")
_TYPED_BULLETS = re.compile(r"^\s*[-*\u2013]\s+", re.MULTILINE)
# Text written as a date that is not one: "31/09/2024", "31 Sept 2024", "02/31/2025".
_LOOKS_LIKE_A_DATE = re.compile(
    r"[0-9]{1,4}[/.-][0-9]{1,2}(?:[/.-][0-9]{1,4})?|[0-9]{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s+[0-9]{2,4}"
)
# The fields that say which item a row belongs to: a row that goes on from the row above
# takes them from it.
_IDENTITY = ("number", "meeting_date", "report_title", "minute", "committee", "area")
_CONTENT = ("progress", "action", "status", "update_date", "closed_date", "assignees")


@dataclass
class Line:
    """One row of a table, read: what it says of its item and its recommendations."""

    line: int
    sheet: str
    table: int  # which of the file's tables it is in
    labels: Mapping[str, str]  # field -> the file's header, for problems
    numbered: bool  # the table numbers its items (a "No" column)
    number: str
    meeting_date: datetime.date | None
    committee: str
    minute: str
    title: str
    area: str
    summary_html: str
    recommendations: tuple[ParsedRecommendation, ...]
    continues: bool  # its recommendation goes on from the row above
    has_status: bool  # it gives a status (in its status cell, or its text)
    lead_officers: tuple[str, ...]
    progress_html: str
    update_date: datetime.date | None
    key: tuple[object, ...] = ()  # its item's, set when rows are grouped
    exempt: bool = False  # the file marks it not for publication (exempt or confidential)
    draft: bool = False  # the file marks it a draft, not yet published

    def problem(self, message: str, name: str) -> ImportProblem:
        column = self.labels.get(name) or FIELDS.get(name, name)
        return ImportProblem(message, row=self.line, column=column, sheet=self.sheet or None)

    def update(self) -> ParsedUpdate | None:
        """The row's progress as an update of its recommendation."""
        if not self.progress_html:
            return None
        return ParsedUpdate(self.progress_html, self.update_date, self.line)


@dataclass
class ReadLines:
    lines: list[Line] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)
    unknown_statuses: list[str] = field(default_factory=list)  # status words no scale knows
    status_words: set[tuple[str, str]] = field(default_factory=set)  # (as written, status)


@dataclass
class _Row:
    """One row's cells by field, and where it is, for problems and warnings."""

    line: int
    sheet: str
    cells: dict[str, str]  # field -> the raw cell
    labels: Mapping[str, str]
    read: ReadLines
    _texts: dict[str, str] = field(default_factory=dict)

    def text(self, name: str) -> str:
        """The cell as one line of plain text."""
        if name not in self._texts:
            self._texts[name] = SPACES.sub(" ", self.lines(name)).strip()
        return self._texts[name]

    def lines(self, name: str) -> str:
        """The cell as plain text, its lines kept."""
        cell = self.cells.get(name, "")
        return cell_text(cell).strip() if cell else ""

    def _where(self, message: str, name: str) -> ImportProblem:
        column = self.labels.get(name) or FIELDS.get(name, name)
        return ImportProblem(message, row=self.line, column=column, sheet=self.sheet or None)

    def problem(self, message: str, name: str) -> None:
        self.read.problems.append(self._where(message, name))

    def warn(self, message: str, name: str) -> None:
        self.read.warnings.append(self._where(message, name))

    def date(self, name: str) -> DateInText | None:
        """The cell's date: the whole cell, or a date in its words ("Cabinet - 12 October
        2011"); a cell that looks like a date and is not one is a problem."""
        text = self.text(name)
        if not text:
            return None
        try:
            day, precision = parse_date_and_precision(text)
            return DateInText(day, precision, text)
        except NotADate as exc:
            if exc.impossible:
                self.problem(f"“{text}” is not a date; write it like “{_EXAMPLE_DATE}”", name)
                return None
        found = date_in_text(text)
        if found is None and _LOOKS_LIKE_A_DATE.search(text):
            self.problem(f"“{text}” is not a date; write it like “{_EXAMPLE_DATE}”", name)
        return found


@dataclass(frozen=True)
class _Banner:
    """A heading row over the rows below it: "Council Meeting - 27/4/2022"."""

    line: int
    date: datetime.date | None
    committee: str


def read_lines(
    table: Table,
    *,
    index: int = 0,
    mapping: Mapping[int, str] | None = None,
    statuses: Mapping[str, str] | None = None,
    filename: str = "",
) -> ReadLines:
    """Every row of ``table`` read; refuses (ImportRefused) a mapping without the columns a
    tracker needs, and lists every other problem with its row and column."""
    columns = field_columns(table.headers, mapping, filename)
    labels = {name: table.headers[i] or FIELDS[name] for name, i in columns.items()}
    read = ReadLines()
    context = _context(table, read)
    banners = [_banner(line, text) for line, text in table.banners]
    references = (
        [cells[columns["reference"]] for _, cells in table.rows]
        if ("reference" in columns and "number" not in columns)
        else []
    )
    # Plain numbers in a "Ref" column number the items, as a "No" column does.
    numbers_in_references = (
        bool(references)
        and all(ROW_NUMBER.fullmatch(r.strip().rstrip(".")) for r in references if r.strip())
        and any(r.strip() for r in references)
    )
    numbered = "number" in columns or numbers_in_references
    column_of = dict(columns)
    if numbers_in_references:
        column_of["number"] = column_of.pop("reference")
        labels["number"] = labels.pop("reference")
    recommendation_column = column_of["recommendations"]
    previous: dict[str, str] | None = None
    undated: list[_Row] = []
    for line, cells in table.rows:
        if not any(cell.strip() for cell in cells):
            continue
        filled = [(i, c) for i, c in enumerate(cells) if c.strip()]
        if len(filled) == 1 and filled[0][0] != recommendation_column:
            found = date_in_text(filled[0][1])
            if found is not None and found.date is not None:
                banners.append(_banner(line, filled[0][1]))
                continue
        values = {name: cells[i] if i < len(cells) else "" for name, i in column_of.items()}
        merged = (line, recommendation_column) in table.merged
        continues = merged or _goes_on(values, previous)
        if continues and previous is not None:
            for name in _IDENTITY:
                if not values.get(name, "").strip() and previous.get(name, "").strip():
                    values[name] = previous[name]
        row = _Row(line, table.sheet, values, labels, read)
        banner = next((b for b in reversed(banners) if b.line < line), None)
        result = _read_row(
            row,
            table=index,
            numbered=numbered,
            continues=continues,
            context=context,
            banner=banner,
            statuses=statuses,
            has_title_column="report_title" in column_of,
        )
        if result is None:
            continue
        if result.meeting_date is None and "meeting_date" not in column_of:
            undated.append(row)
        read.lines.append(result)
        previous = values
        banners.sort(key=lambda b: b.line)
    if undated:
        _no_meeting_dates(undated, read, table)
    return read


def _goes_on(values: Mapping[str, str], previous: Mapping[str, str] | None) -> bool:
    """Whether a row with no recommendation of its own adds progress to the row above's:
    it says something (progress, a status) and names no other item."""
    if previous is None or values.get("recommendations", "").strip():
        return False
    if not any(values.get(name, "").strip() for name in _CONTENT):
        return False
    return all(
        not values.get(name, "").strip() or values[name].strip() == previous.get(name, "").strip()
        for name in _IDENTITY
    )


def _no_meeting_dates(undated: list[_Row], read: ReadLines, table: Table) -> None:
    """Rows with no meeting date from anywhere: one problem for the table if none has one."""
    undated_lines = {row.line for row in undated}
    for line in read.lines:
        if line.line in undated_lines:
            line.meeting_date = None
    if len(undated) == len(read.lines):
        read.problems.append(
            ImportProblem(
                f"The file has no column for “{FIELDS['meeting_date']}” and names no meeting "
                "above its rows; map one of its columns to it",
                sheet=table.sheet or None,
            )
        )
        return
    for row in undated:
        row.problem(
            "No meeting date for this row: there is no heading with a date above it",
            "meeting_date",
        )


def _banner(line: int, text: str) -> _Banner:
    text = SPACES.sub(" ", cell_text(text)).strip()
    found = date_in_text(text)
    committee = text.replace(found.words, "") if found else text
    committee = committee.strip(" -\u2013\u2014:,;()")
    return _Banner(line, found.date if found else None, committee)


def _context(table: Table, read: ReadLines) -> dict[str, object]:
    """What the paragraphs above a Word table say of its item, by field."""
    found: dict[str, object] = {}
    for key, value in table.context:
        name = header_field(key)
        if name is None or name[0] in found:
            continue
        if name[0] == "meeting_date":
            day = date_in_text(value)
            if day is None or day.date is None:
                read.problems.append(
                    ImportProblem(
                        f"“{value}” is not a date; write it like “{_EXAMPLE_DATE}”",
                        column=key,
                        sheet=table.sheet or None,
                    )
                )
                continue
            found["meeting_date"] = day.date
        else:
            found[name[0]] = SPACES.sub(" ", cell_text(value)).strip()
    return found


def _read_row(
    row: _Row,
    *,
    table: int,
    numbered: bool,
    continues: bool,
    context: Mapping[str, object],
    banner: _Banner | None,
    statuses: Mapping[str, str] | None,
    has_title_column: bool,
) -> Line | None:
    """One row read, its problems and warnings noted on the way."""
    number = row.text("number").rstrip(".")
    meeting_date = _meeting_date(row, context, banner)
    title = row.text("report_title") or str(context.get("report_title", ""))
    if not title and has_title_column:
        row.problem("This cell is empty; every row needs a report title", "report_title")
    committee = row.text("committee") or (banner.committee if banner else "")
    committee = committee or str(context.get("committee", ""))
    progress_html = _rich(row.cells.get("action", "")) + _rich(row.cells.get("progress", ""))
    # An item that made no recommendation, as the tracker's own export writes it.
    made_none = row.text("status").casefold() == STATUS_LABELS["none"].casefold()
    status, has_status = (None, False) if made_none else _status(row, statuses, progress_html)
    cell_says = bool(row.text("status"))
    due_date, due_text = _due(row, status)
    cell = row.cells.get("recommendations", "")
    recommendations = _single_recommendation(cell) or split_recommendations(_one_line(cell))
    if not recommendations and not continues and not made_none:
        message = "This cell is empty; every row needs at least one recommendation"
        row.problem(message, "recommendations")
    names = split_people(row.lines("assignees"))
    leads = split_people(row.lines("lead_officer"))
    everyone = tuple(dict.fromkeys((*names, *leads)))
    bodies = [n for n in everyone if name_kind(n) == "body"]
    if addressed := row.text("addressee"):
        bodies = [addressed, *(b for b in bodies if b.casefold() != addressed.casefold())]
    people = tuple(n for n in everyone if n not in bodies)
    response = row.lines("response")
    executive = row.date("executive_date")
    if executive is not None and executive.date is None:
        row.warn(
            f"“{row.text('executive_date')}” names no year; no date is recorded", "executive_date"
        )
    responded = row.date("response_date")
    decision = ""
    if stated := row.text("decision"):
        decision = decision_key(stated) or ""
        if not decision:
            row.problem(
                f"“{stated}” is not a decision; write “Accepted”, “Partly accepted” or "
                "“Rejected”, or leave it empty",
                "decision",
            )
    reference = row.text("reference")
    exempt, draft = _marking(row)
    update_date = _update_date(row)
    closed_on = _closed_on(row, status) if status is not None and status.status == CLOSED else None
    if closed_on is None and status is not None and status.status == CLOSED and not cell_says:
        # "The contract was awarded on 01/10/2021. Closed.": closed as of the text's last date
        dates = [d.date for d in _dates_in(cell_text(progress_html)) if d.date]
        closed_on = dates[-1] if dates else None
    if status is not None and status_key(status.wording) in STATUS_NAMES:
        status = replace(status, wording="")
    if status is not None and (written := row.text("status_wording")):
        status = replace(status, wording=written)  # the file's own word, beside Open / Closed
    if status is not None and status.wording:
        row.read.status_words.add((status.wording, status.status))
    values = {
        "status": status.status if status else OPEN,
        "status_wording": status.wording if status else "",
        "assignees": people,
        "due_date": due_date,
        "due_text": due_text,
        "reference": reference,
        "municipal_year": municipal_year_in(reference),
        "addressee": "; ".join(bodies),
        "lead_officers": tuple(n for n in leads if n in people),
        "response": response,
        "response_suggestion": suggest_decision(response),
        "executive_date": executive.date if executive else None,
        "response_date": responded.date if responded else None,
        "reasons": row.lines("reasons"),
        "decision": decision,
        "cabinet_member": row.text("cabinet_member"),
        "area": row.text("area") or str(context.get("area", "")),
        "closed_on": closed_on,
        "line": row.line,
    }
    return Line(
        line=row.line,
        sheet=row.sheet,
        table=table,
        labels=row.labels,
        numbered=numbered,
        number=number,
        meeting_date=meeting_date,
        committee=committee,
        minute=row.text("minute") or str(context.get("minute", "")),
        title=title,
        area=str(values["area"]),
        summary_html=_rich(row.cells.get("summary", "")),
        recommendations=tuple(replace(r, **values) for r in recommendations),  # type: ignore[arg-type]
        continues=continues,
        has_status=has_status,
        lead_officers=tuple(n for n in leads if n in people),
        progress_html=progress_html,
        update_date=update_date,
        exempt=exempt,
        draft=draft,
    )


# The words of a "Not for publication" cell: each says the item is exempt, or a draft, or
# neither (an empty cell is neither).
_EXEMPT_WORDS = ("exempt", "confidential", "restricted", "private", "part ii", "part 2", "not for")
_DRAFT_WORDS = ("draft", "not yet published", "unpublished")
_PUBLIC_WORDS = frozenset(("no", "n", "false", "public", "published", "open", "-", "none"))
_YES_WORDS = frozenset(("yes", "y", "true", "x"))


def _marking(row: _Row) -> tuple[bool, bool]:
    """Whether the row's "Not for publication" cell marks its item exempt, and a draft."""
    text = row.text("marking").casefold()
    if not text or text in _PUBLIC_WORDS:
        return False, False
    exempt = text in _YES_WORDS or any(word in text for word in _EXEMPT_WORDS)
    draft = any(word in text for word in _DRAFT_WORDS)
    if not exempt and not draft:
        row.problem(
            f"“{row.text('marking')}” does not say whether the item may be published; write "
            "“Exempt: not for publication”, “Draft: not yet published”, or leave it empty",
            "marking",
        )
    return exempt, draft


STATUS_NAMES = frozenset(("open", "closed"))


def _meeting_date(
    row: _Row, context: Mapping[str, object], banner: _Banner | None
) -> datetime.date | None:
    """The row's meeting: its own cell, else the heading above it, else the table's context."""
    text = row.text("meeting_date")
    if text:
        before = len(row.read.problems)
        found = row.date("meeting_date")
        if found is not None and found.date is not None:
            return found.date
        if found is not None:
            row.problem(f"“{text}” names no year; write it like “{_EXAMPLE_DATE}”", "meeting_date")
        elif len(row.read.problems) == before:
            row.problem(f"“{text}” is not a date; write it like “{_EXAMPLE_DATE}”", "meeting_date")
        return None
    if "meeting_date" in row.labels:
        if banner is not None and banner.date is not None:
            return banner.date
        if isinstance(context.get("meeting_date"), datetime.date):
            return context["meeting_date"]  # type: ignore[return-value]
        row.problem(f"This cell is empty; write a date like “{_EXAMPLE_DATE}”", "meeting_date")
        return None
    if banner is not None and banner.date is not None:
        return banner.date
    day = context.get("meeting_date")
    return day if isinstance(day, datetime.date) else None


def _status(
    row: _Row, statuses: Mapping[str, str] | None, progress_html: str
) -> tuple[ReadStatus | None, bool]:
    """The row's status and whether the file gave one: its status cell, else the status its
    progress or timetable states ("Still in progress.", "Completed")."""
    cell = row.text("status") or row.text("status_wording")
    if cell:
        found = read_status(cell, statuses)
        if found is None:
            row.read.unknown_statuses.append(cell)
            row.problem(
                f"“{cell}” is not a status Scrutineer knows; write “Open” or “Closed”, or say "
                f"whether “{cell}” means open or closed",
                "status",
            )
        return found, found is not None
    found = status_in_text(cell_text(progress_html), statuses)
    if found is None and (timetable := row.text("due_date")):
        found = read_status(timetable, statuses)
        found = found if found is not None and not found.rest else None
    return found, found is not None


def _due(row: _Row, status: ReadStatus | None) -> tuple[datetime.date | None, str]:
    """The due date and, when the cell said more than a date, its words; a date without a
    year is flagged, never guessed."""
    text = row.text("due_date")
    if not text:
        return None, ""
    before = len(row.read.problems)
    found = row.date("due_date")
    if found is not None and found.date is not None:
        day = last_day_of_month(found.date) if found.precision == "month" else found.date
        return day, "" if found.words == text else text
    if found is not None and found.no_year:
        row.warn(f"“{text}” names no year; no due date is recorded: add the year", "due_date")
    elif (
        found is None
        and len(row.read.problems) == before
        and (status is None or status.wording != text)
    ):
        row.warn(f"“{text}” names no date; no due date is recorded", "due_date")
    return None, text


def _update_date(row: _Row) -> datetime.date | None:
    """When the row's progress was written: its date column, or a date its update (else its
    action) starts with ("14/07/25: the review started")."""
    found = row.date("update_date")
    if found is not None:
        return found.date
    for name in ("progress", "action"):
        text = row.text(name)
        head = date_in_text(text[:40])
        if head is not None and head.date is not None and text.find(head.words) <= 12:
            return head.date
    return None


def _dates_in(text: str) -> list[DateInText]:
    """Every dated date in ``text``, in order."""
    found = []
    while (day := date_in_text(text)) is not None and day.date is not None:
        found.append(day)
        text = text[text.find(day.words) + len(day.words) :]
    return found


def _closed_on(row: _Row, status: ReadStatus) -> datetime.date | None:
    """When the file says the recommendation was closed: its column, or the status cell's
    date ("Closed 12/05/2023")."""
    found = row.date("closed_date")
    if found is not None:
        return found.date
    if status.rest and (day := date_in_text(status.rest)) is not None:
        return day.date
    return None


_SINGLE = re.compile(
    r"(?:(?P<pre>[^\n]*)\n)?(?P<num>[0-9]{1,3}[a-z]?|[a-z])[.)][ \t]+(?P<text>\S.*)", re.DOTALL
)
_LIST_START = re.compile(r"\s*(?:[0-9]{1,3}[a-z]?|[a-z])[.)]\s|\s*[•*-]\s")
_NUMBERED_LINE = re.compile(r"\n\s*(?:[0-9]{1,3}[a-z]?|[a-z])[.)]\s")


def _single_recommendation(cell: str) -> tuple[ParsedRecommendation, ...]:
    """A cell holding one numbered or lettered recommendation (as our export writes a row per
    recommendation, and a Word plan a row per lettered one): keep its own number."""
    match = _SINGLE.fullmatch(cell.strip())
    if match is None or _NUMBERED_LINE.search("\n" + match["text"]) or _TAG.search(cell):
        return ()
    if match["pre"] and _LIST_START.match(match["pre"]):  # "1. First\n2. Second": a list
        return ()
    if match["num"].isalpha():
        following = chr(ord(match["num"]) + 1)
        if "." in cell[: match.start("text")] or re.search(rf"(?<!\S){following}\)\s", cell):
            return ()  # "a) First b) Second" is a list; "a." is not a lettered recommendation
    return (
        ParsedRecommendation(
            number=match["num"],
            text=cell_text(match["text"]),
            preamble=cell_text(match["pre"] or ""),
        ),
    )


def _one_line(cell: str) -> str:
    """A cell's lines joined, typed “- ” bullets made real, ready for the seed's list splitting."""
    return " ".join(_TYPED_BULLET.sub("• ", line) for line in cell.splitlines())


@lru_cache(maxsize=512)  # a summary or progress cell is often repeated on every row of its item
def _rich(cell: str) -> str:
    """Sanitised HTML for a cell: HTML as it is, plain text as a paragraph per line."""
    if not cell.strip():
        return ""
    if _TAG.search(cell):
        return cell_html([cell])
    if not BULLET.search(cell) and not _TYPED_BULLETS.search(cell):
        # Plain paragraphs: what cell_html makes of them, without parsing each one again.
        lines = (ORDINAL.sub(r"\1\2", SPACES.sub(" ", line)).strip() for line in cell.splitlines())
        return clean_html("".join(f"<p>{html.escape(p, quote=False)}</p>" for p in lines if p))
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
