"""Read a recommendations tracker kept as CSV, XLSX or a table in a Word document.

Pure: bytes in, the seed-text parser's dataclasses out. Each reader gives a Table (a header and
numbered rows); parse_table maps its columns to fields and splits cells as the seed parser does.
"""

import csv
import datetime
import html
import io
import re
import string
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Any

from scrutineer.files.columns import TRACKER_FIELDS
from scrutineer.files.formulas import unneutralise
from scrutineer.files.parsers.dates import NotADate, parse_date
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused
from scrutineer.files.parsers.tracker_text import (
    _BULLET,
    _ROW_NUMBER,
    _SPACES,
    ParsedRecommendation,
    ParsedTracker,
    ParsedTrackerRow,
    _assignees,
    _html,
    _recommendations,
    _text,
)

MAX_BYTES = 10 * 1024 * 1024
# Zip members can inflate far past the upload limit; refuse before openpyxl or python-docx try.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_COLUMNS = 100  # the mapping form shows one choice per column
HEADER_SEARCH = 10  # rows above the header may hold a title or notes

# The published columns, and two a council's own spreadsheet may add.
FIELDS = TRACKER_FIELDS | {"lead_officer": "Lead officer", "due_date": "Target date"}
REQUIRED_FIELDS = ("meeting_date", "report_title", "recommendations")

# Headers each field goes by, best first; the field's own label always comes first.
_SYNONYMS = {
    "number": ("No.", "Number", "Ref", "Reference", "#"),
    "meeting_date": ("Date", "Meeting", "Date of meeting"),
    "report_title": ("Title", "Report", "Item"),
    "summary": ("Summary", "Discussion"),
    "recommendations": ("Recommendation(s)", "Recommendations", "Recommendation"),
    "status": ("Open/Closed", "Status"),
    "assignees": ("Owner", "Responsible officer"),
    "progress": ("Progress", "Progress update"),
    "lead_officer": ("Report author",),
    "due_date": ("Due date", "Deadline"),
}
_EXAMPLE_DATE = "17 Sept 2024"
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,20}(?:\s[^<>]{0,2000})?/?>")
# Spreadsheets have no bullet lists, so people type "- item" or "* item"
_TYPED_BULLET = re.compile(r"^\s*[-*\u2013]\s+")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _key(header: str) -> str:
    """A header in comparable form: case, spaces and punctuation ignored (but “#” is a header)."""
    return re.sub(r"[\W_]", "", header.casefold()) or header.strip()


_BY_KEY = {
    _key(header): (name, rank)
    for name, label in FIELDS.items()
    for rank, header in enumerate((label, *_SYNONYMS[name]))
}


@dataclass(frozen=True)
class Table:
    """A file's header row and the rows below it, each with the file's own row number."""

    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    title: str = ""


@dataclass(frozen=True)
class TabularExtras:
    """Columns a tabular tracker may have that the seed tracker's rows do not."""

    lead_officer: str
    due_date: datetime.date | None


def _refused(message: str, filename: str) -> ImportRefused:
    return ImportRefused([ImportProblem(message)], filename)


def _check_size(data: bytes, filename: str) -> None:
    """Refuse a file over MAX_BYTES before anything reads it."""
    if len(data) > MAX_BYTES:
        limit = f"{MAX_BYTES / 1024 / 1024:.1f}".removesuffix(".0")
        raise _refused(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; "
            f"the largest file that can be imported is {limit} MB",
            filename,
        )


def guess_mapping(headers: Sequence[str]) -> dict[int, str]:
    """Column index to field, for the headers we recognise; each field gets its best column."""
    best: dict[str, tuple[int, int]] = {}  # field -> (rank, index)
    for index, header in enumerate(headers):
        found = _BY_KEY.get(_key(header))
        if found and (found[0] not in best or found[1] < best[found[0]][0]):
            best[found[0]] = (found[1], index)
    return {index: name for name, (_, index) in sorted(best.items(), key=lambda f: f[1][1])}


def _maps(headers: Sequence[str]) -> bool:
    return set(REQUIRED_FIELDS) <= set(guess_mapping(headers).values())


def _table(rows: Iterable[tuple[int, Sequence[str]]], *, fallback: bool) -> Table | None:
    """The table under the first header row that maps (or the first row, with ``fallback``)."""
    kept = []
    for number, cells in rows:
        cleaned = [
            c.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip() for c in cells
        ]
        if any(cleaned):
            kept.append((number, cleaned))
    at = next((i for i, (_, cells) in enumerate(kept[:HEADER_SEARCH]) if _maps(cells)), None)
    if at is None and fallback and kept:
        at = 0
    if at is None:
        return None
    headers = [_SPACES.sub(" ", cell) for cell in kept[at][1]]
    width = min(max(i + 1 for i, h in enumerate(headers) if h), MAX_COLUMNS)
    titles = [next(c for c in cells if c) for _, cells in kept[:at] if sum(map(bool, cells)) == 1]
    return Table(
        headers=tuple(headers[:width]),
        rows=tuple((n, tuple((cells + [""] * width)[:width])) for n, cells in kept[at + 1 :]),
        title=_SPACES.sub(" ", _text(titles[0])).strip() if titles else "",
    )


def _pick(candidates: Iterable[list[tuple[int, list[str]]]]) -> Table | None:
    """The first candidate (sheet or table) with a tracker header, else the first with rows."""
    first = None
    for rows in candidates:
        if table := _table(rows, fallback=False):
            return table
        first = first or _table(rows, fallback=True)
    return first


def read_csv(data: bytes, *, filename: str = "") -> Table:
    """The table in a CSV file: UTF-8 or Windows-1252, separated by commas, semicolons or tabs."""
    _check_size(data, filename)
    try:
        # Excel's "Unicode Text" is UTF-16 with a byte-order mark; nothing else starts so.
        utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
        text = data.decode("utf-16") if utf16 else data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise _refused(
                "The file is not text in UTF-8 or Windows-1252; save it as “CSV UTF-8” "
                "and try again",
                filename,
            ) from None
    # The header decides: data cells may hold commas, and a title line above holds no separator.
    first = next((line for line in text.splitlines() if re.search("[,;\t]", line)), "")
    unquoted = re.sub(r'"[^"]*"', "", first)  # a quoted header's commas do not separate
    delimiter = max(",;\t", key=unquoted.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = [(n, [unneutralise(cell) for cell in row]) for n, row in enumerate(reader, 1)]
        table = _table(rows, fallback=True)
    except csv.Error as exc:
        raise _refused(f"The file cannot be read as CSV ({exc})", filename) from None
    if table is None:
        raise _refused("The file is empty", filename)
    return table


def _check_zip(data: bytes, filename: str, kind: str, app: str) -> None:
    """Refuse what is not a zip archive (as XLSX and DOCX files are) or would inflate too far."""
    advice = f"The file is not a valid {kind} file; open it in {app}, save it as {kind} and retry"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            size = sum(info.file_size for info in archive.infolist())
    except Exception:  # zipfile raises several kinds of error for several kinds of damage
        raise _refused(advice, filename) from None
    if size > MAX_UNZIPPED_BYTES:
        raise _refused(f"The {kind} file unpacks to more than can be imported", filename)


def _cell_text(value: Any) -> str:
    """A spreadsheet cell's value as the text a person would type for it."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):  # datetimes too: a meeting's time does not matter
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(data: bytes, *, filename: str = "") -> Table:
    """The table on the first worksheet with a tracker header (or on the first with any rows)."""
    import openpyxl  # imported late: only spreadsheet uploads need it

    _check_size(data, filename)
    _check_zip(data, filename, "XLSX", "Excel")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            table = _pick(_sheet_rows(sheet) for sheet in book.worksheets)
        finally:
            book.close()
    except Exception:  # openpyxl and lxml fail in many ways on damaged files
        raise _refused("The XLSX file is damaged or is not an Excel workbook", filename) from None
    if table is None:
        raise _refused("The workbook has no rows", filename)
    return table


def _sheet_rows(sheet: Any) -> list[tuple[int, list[str]]]:
    sheet.reset_dimensions()  # the stored size can be wrong, or huge
    rows = sheet.iter_rows(values_only=True)
    return [(number, [_cell_text(value) for value in row]) for number, row in enumerate(rows, 1)]


def read_docx(data: bytes, *, filename: str = "") -> Table:
    """The first table in a Word document with a tracker header (or the first with any rows)."""
    import docx  # imported late: only Word uploads need it

    _check_size(data, filename)
    _check_zip(data, filename, "DOCX", "Word")
    try:
        document = docx.Document(io.BytesIO(data))
        formats = _numbering_formats(document)
        tables = document.element.body.iterchildren(f"{_W}tbl")
        table = _pick(list(_docx_rows(element, formats)) for element in tables)
    except Exception:  # python-docx and lxml fail in many ways on damaged files
        raise _refused("The DOCX file is damaged or is not a Word document", filename) from None
    if table is None:
        raise _refused("The document has no table", filename)
    return table


def _docx_rows(
    table: Any, formats: Mapping[tuple[str, str], str]
) -> Iterable[tuple[int, list[str]]]:
    """Each row's cells; a merged cell fills every grid column and row it spans, like Word."""
    above: list[str] = []
    for number, tr in enumerate(table.iterchildren(f"{_W}tr"), start=1):
        cells: list[str] = []
        for tc in tr.iterchildren(f"{_W}tc"):
            span = tc.find(f"{_W}tcPr/{_W}gridSpan")
            merged = tc.find(f"{_W}tcPr/{_W}vMerge")
            if merged is not None and merged.get(f"{_W}val", "continue") == "continue":
                text = above[len(cells)] if len(cells) < len(above) else ""
            else:
                text = _docx_cell(tc, formats)
            width = int(span.get(f"{_W}val", "1")) if span is not None else 1
            cells.extend([text] + [""] * min(max(width - 1, 0), MAX_COLUMNS))
        above = cells
        yield number, cells


def _docx_cell(tc: Any, formats: Mapping[tuple[str, str], str]) -> str:
    """A cell's paragraphs as lines; list paragraphs get the number or bullet Word shows."""
    counts: dict[tuple[str, str], int] = {}
    lines = []
    for p in tc.iter(f"{_W}p"):
        style = p.style or ""
        num = p.pPr.numPr if p.pPr is not None else None
        if num is not None and num.numId is not None:
            level = str(num.ilvl.val) if num.ilvl is not None else "0"
            key = (str(num.numId.val), level)
            fmt = "none" if key[0] == "0" else formats.get(key, "bullet")
        elif style.startswith(("ListNumber", "ListBullet")):
            key, fmt = (style, "0"), "decimal" if "Number" in style else "bullet"
        else:
            key, fmt = ("", ""), "none"
        # Each cell counts from 1: a row's recommendations are numbered on their own.
        n = counts[key] = counts.get(key, 0) + 1
        text = p.text.strip()
        if not text:
            continue
        if fmt in ("lowerLetter", "upperLetter"):  # the seed's splitting knows "a)", not "A)"
            label = f"{string.ascii_lowercase[(n - 1) % 26]})"
        else:  # roman numerals and the rest count as numbers
            label = {"none": "", "bullet": "•"}.get(fmt, f"{n}.")
        lines.append(f"{label} {text}" if label else text)
    return "\n".join(lines)


def _numbering_formats(document: Any) -> dict[tuple[str, str], str]:
    """(numId, level) to Word's number format (“decimal”, “bullet”, …) from the numbering part."""
    try:
        root = document.part.numbering_part.element
    except Exception:  # no numbering part: list paragraphs fall back to bullets
        return {}
    abstract = {
        a.get(f"{_W}abstractNumId"): {
            lvl.get(f"{_W}ilvl"): lvl.find(f"{_W}numFmt").get(f"{_W}val", "decimal")
            for lvl in a.iterchildren(f"{_W}lvl")
            if lvl.find(f"{_W}numFmt") is not None
        }
        for a in root.iterchildren(f"{_W}abstractNum")
    }
    formats = {}
    for num in root.iterchildren(f"{_W}num"):
        ref = num.find(f"{_W}abstractNumId")
        levels = abstract.get(ref.get(f"{_W}val") if ref is not None else None, {})
        for level, fmt in levels.items():
            formats[(str(num.get(f"{_W}numId")), str(level))] = fmt
    return formats


@dataclass
class _Row:
    line: int
    cells: dict[str, str]  # field -> the raw cell
    labels: Mapping[str, str]  # field -> the file's header, for problems
    problems: list[ImportProblem] = field(default_factory=list)

    def text(self, name: str) -> str:
        """The cell as one line of plain text."""
        return _SPACES.sub(" ", _text(self.cells.get(name, ""))).strip()

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


def _columns(table: Table, mapping: Mapping[int, str] | None, filename: str) -> dict[str, int]:
    """Field to column index; refuses a mapping that lacks a required field or doubles one."""
    chosen = guess_mapping(table.headers) if mapping is None else mapping
    columns: dict[str, int] = {}
    problems = []
    for index, name in sorted(chosen.items()):
        if name not in FIELDS or not 0 <= index < len(table.headers):
            continue  # "" is the form's "Do not import"
        if name in columns:
            both = f"“{table.headers[columns[name]]}” and “{table.headers[index]}”"
            problems.append(ImportProblem(f"Both {both} are mapped to “{FIELDS[name]}”"))
        else:
            columns[name] = index
    problems.extend(
        ImportProblem(f"The file has no column for “{FIELDS[name]}”; map one of its columns to it")
        for name in REQUIRED_FIELDS
        if name not in columns
    )
    if problems:
        raise ImportRefused(problems, filename)
    return columns


def parse_table_with_extras(
    table: Table, *, mapping: Mapping[int, str] | None = None, filename: str = ""
) -> tuple[ParsedTracker, dict[int, TabularExtras]]:
    """The tracker in ``table`` and each row's extras by row number; refuses listing problems."""
    columns = _columns(table, mapping, filename)
    labels = {name: table.headers[index] or FIELDS[name] for name, index in columns.items()}
    rows = [
        _Row(
            line, {name: cells[i] if i < len(cells) else "" for name, i in columns.items()}, labels
        )
        for line, cells in table.rows
        if any(cell.strip() for cell in cells)
    ]
    if not rows:
        raise _refused("The file has no rows below its header", filename)
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
        elif not _ROW_NUMBER.fullmatch(number):
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
        recommendations = _single_recommendation(row.cells["recommendations"]) or _recommendations(
            _one_line(row.cells["recommendations"])
        )
        if not recommendations:
            message = "This cell is empty; every row needs at least one recommendation"
            row.problem(message, "recommendations")
        problems.extend(row.problems)
        if row.problems or meeting_date is None:
            continue
        # a line break in the cell separates people, as "/" does
        assignees = _assignees(_text(row.cells.get("assignees", "")).replace("\n", ";"))
        lead = _assignees(_text(row.cells.get("lead_officer", "")).replace("\n", ";"))
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
            text=_text(match["text"]),
            preamble=_text(match["pre"] or ""),
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
        return _html([cell])
    paragraphs: list[str] = []
    in_list = False
    for line in cell.splitlines():
        line = _TYPED_BULLET.sub("• ", line).strip()
        if not line:
            continue
        bullet = bool(_BULLET.match(line))
        # consecutive bullet lines share a paragraph so the seed's splitting makes one list
        if bullet and in_list:
            paragraphs[-1] += " " + html.escape(line, quote=False)
        else:
            paragraphs.append(html.escape(line, quote=False))
        in_list = bullet
    return _html(["".join(f"<p>{p}</p>" for p in paragraphs)])


_READERS = {".csv": read_csv, ".xlsx": read_xlsx, ".docx": read_docx}


def read_tracker(
    data: bytes, *, filename: str, mapping: Mapping[int, str] | None = None
) -> ParsedTracker:
    """The tracker in a CSV, XLSX or DOCX file, chosen by the file name's extension."""
    _check_size(data, filename)
    reader = _READERS.get(PurePath(filename).suffix.lower())
    if reader is None:
        raise _refused(f"“{PurePath(filename).name}” is not a CSV, XLSX or DOCX file", filename)
    return parse_table(reader(data, filename=filename), mapping=mapping, filename=filename)
