"""The tables in a CSV or XLSX file, or in a Word document: a header and numbered rows.

Pure: bytes in, Tables out, or ImportRefused saying why the file cannot be read. The header is
the first row (of the first twenty, past title rows and notes) that names a tracker's columns,
else the first row. A workbook may hold a tracker on every sheet, and a Word document a table
per item with its meeting, committee and topic in the paragraphs above it; cells merged down
are read in every row they cover, and a row merged across the table under the header (a
meeting's heading) is kept aside as a banner over the rows below it.
"""

import csv
import datetime
import io
import re
import string
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from scrutineer.core.calendar import long_date
from scrutineer.files.formulas import unneutralise
from scrutineer.files.limits import check_size
from scrutineer.files.parsers.cells import SPACES, cell_text
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused, refused
from scrutineer.files.parsers.mapping import header_field, is_tracker_header

# Zip members can inflate far past the upload limit; refuse before openpyxl or python-docx try.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_COLUMNS = 100  # the mapping form shows one choice per column
HEADER_SEARCH = 20  # rows above the header may hold a title, notes and a key
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_T = TypeVar("_T")


@dataclass(frozen=True)
class Table:
    """A file's header row and the rows below it, each with the file's own row number."""

    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    title: str = ""
    sheet: str = ""  # the worksheet it is on, for a workbook
    # Key-value paragraphs above a Word table ("Meeting Date", "1 March 2011"), in order.
    context: tuple[tuple[str, str], ...] = ()
    # (row number, column) of each cell that goes on a cell merged down from the row above.
    merged: frozenset[tuple[int, int]] = frozenset()
    # Rows under the header merged across the table, a heading over the rows below: (row, text).
    banners: tuple[tuple[int, str], ...] = ()


@dataclass
class _Grid:
    """A sheet or Word table as read: each row's cells, and what is merged."""

    rows: list[tuple[int, list[str]]]
    merged: set[tuple[int, int]] = field(default_factory=set)  # continuations of a merge down
    across: dict[int, int] = field(default_factory=dict)  # row -> columns its one cell spans
    context: tuple[tuple[str, str], ...] = ()


def _table(grid: _Grid, *, fallback: bool) -> Table | None:
    """The table under the first header row that maps (or the first row, with ``fallback``)."""
    kept = []
    for number, cells in grid.rows:
        cleaned = [
            c.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip() for c in cells
        ]
        if any(cleaned):
            kept.append((number, cleaned))
    at = next(
        (i for i, (_, cells) in enumerate(kept[:HEADER_SEARCH]) if is_tracker_header(cells)), None
    )
    if at is None and fallback and kept:
        at = 0
    if at is None:
        return None
    headers = [SPACES.sub(" ", cell) for cell in kept[at][1]]
    width = min(max(i + 1 for i, h in enumerate(headers) if h), MAX_COLUMNS)
    titles = [next(c for c in cells if c) for _, cells in kept[:at] if sum(map(bool, cells)) == 1]
    rows = []
    banners = []
    for number, cells in kept[at + 1 :]:
        filled = [c for c in cells[:width] if c]
        if len(filled) == 1 and grid.across.get(number, 0) >= max(3, width // 2):
            banners.append((number, SPACES.sub(" ", cell_text(filled[0])).strip()))
            continue
        rows.append((number, tuple((cells + [""] * width)[:width])))
    numbers = {n for n, _ in rows}
    return Table(
        headers=tuple(headers[:width]),
        rows=tuple(rows),
        title=SPACES.sub(" ", cell_text(titles[0])).strip() if titles else "",
        context=grid.context,
        merged=frozenset((n, c) for n, c in grid.merged if n in numbers and c < width),
        banners=tuple(banners),
    )


def _pick_all(candidates: Iterable[tuple[str, _Grid]]) -> tuple[Table, ...]:
    """Every candidate (sheet or Word table) with a tracker header; if none has one, the first
    with rows. Each candidate comes with its sheet's name ("" for a Word table)."""
    found: list[Table] = []
    first = None
    for sheet, grid in candidates:
        if table := _table(grid, fallback=False):
            found.append(replace(table, sheet=sheet))
        elif first is None and not found and (table := _table(grid, fallback=True)):
            first = replace(table, sheet=sheet)
    if found:
        return tuple(found)
    return (first,) if first is not None else ()


def parse_on_sheet(table: Table, parse: Callable[..., _T], **kwargs: Any) -> _T:
    """``parse(table, **kwargs)``, each problem it finds placed on the table's worksheet."""
    try:
        return parse(table, **kwargs)
    except ImportRefused as refusal:
        if not table.sheet:
            raise
        problems = [p if p.sheet else replace(p, sheet=table.sheet) for p in refusal.problems]
        raise ImportRefused(problems, refusal.filename) from None


def read_csv(data: bytes, *, filename: str = "") -> Table:
    """The table in a CSV file: UTF-8 or Windows-1252, separated by commas, semicolons or tabs."""
    check_size(data, filename=filename)
    try:
        # Excel's "Unicode Text" is UTF-16 with a byte-order mark; nothing else starts so.
        utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
        text = data.decode("utf-16") if utf16 else data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise refused(
                "The file is not text in UTF-8 or Windows-1252; save it as “CSV UTF-8” "
                "and try again",
                filename,
            ) from None
    # The header decides: data cells may hold commas, and a title line above holds no separator.
    delimiter = _delimiter(text)
    rows: list[tuple[int, list[str]]] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for number, row in enumerate(reader, 1):
            rows.append((number, [unneutralise(cell) for cell in row]))
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise ImportRefused(
                [
                    ImportProblem(
                        f"A cell in this row is longer than {csv.field_size_limit():,} "
                        "characters, more than can be imported; shorten it",
                        row=len(rows) + 1,
                    )
                ],
                filename,
            ) from None
        raise refused(f"The file cannot be read as CSV ({exc})", filename) from None
    table = _table(_Grid(rows), fallback=True)
    if table is None:
        raise refused("The file is empty", filename)
    return table


def _delimiter(text: str) -> str:
    """The separator under which a tracker's header row shows in the first lines; else the one
    the first line with any separator uses most (a title or a key above holds fewer)."""
    head = "\n".join(text.splitlines()[: HEADER_SEARCH + 5])
    for delimiter in ",;\t":
        try:
            rows = list(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter))
        except csv.Error:
            continue
        if any(is_tracker_header(row) for row in rows):
            return delimiter
    first = next((line for line in text.splitlines() if re.search("[,;\t]", line)), "")
    unquoted = re.sub(r'"[^"]*"', "", first)  # a quoted header's commas do not separate
    return max(",;\t", key=unquoted.count)


def _check_zip(data: bytes, filename: str, kind: str, app: str) -> None:
    """Refuse what is not a zip archive (as XLSX and DOCX files are) or would inflate too far."""
    advice = f"The file is not a valid {kind} file; open it in {app}, save it as {kind} and retry"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            size = sum(info.file_size for info in archive.infolist())
    except Exception:  # zipfile raises several kinds of error for several kinds of damage
        raise refused(advice, filename) from None
    if size > MAX_UNZIPPED_BYTES:
        raise refused(f"The {kind} file unpacks to more than can be imported", filename)


def _cell_text(value: Any) -> str:
    """A spreadsheet cell's value as the text a person would type for it."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):  # datetimes too: a meeting's time does not matter
        return long_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(data: bytes, *, filename: str = "") -> Table:
    """The table on the first worksheet with a tracker header (or on the first with any rows)."""
    return read_xlsx_tables(data, filename=filename)[0]


def read_xlsx_tables(data: bytes, *, filename: str = "") -> tuple[Table, ...]:
    """The table on every worksheet with a tracker header (or on the first with any rows)."""
    import openpyxl  # imported late: only spreadsheet uploads need it

    check_size(data, filename=filename)
    _check_zip(data, filename, "XLSX", "Excel")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            tables = _pick_all((sheet.title, _sheet_grid(sheet)) for sheet in book.worksheets)
        finally:
            book.close()
    except Exception:  # openpyxl and lxml fail in many ways on damaged files
        raise refused("The XLSX file is damaged or is not an Excel workbook", filename) from None
    if not tables:
        raise refused("The workbook has no rows", filename)
    return tables


_MERGE = re.compile(
    rb'<(?:\w+:)?mergeCell\s[^>]{0,200}?ref="([A-Z]{1,3}[0-9]{1,7}):([A-Z]{1,3}[0-9]{1,7})"'
)


def _sheet_grid(sheet: Any) -> _Grid:
    """A worksheet's rows, each merged range's value in every cell it covers down."""
    from openpyxl.utils.cell import range_boundaries

    sheet.reset_dimensions()  # the stored size can be wrong, or huge
    rows = [
        (number, [_cell_text(value) for value in row])
        for number, row in enumerate(sheet.iter_rows(values_only=True), 1)
    ]
    grid = _Grid(rows)
    source = sheet._get_source()  # read-only sheets do not read their merged ranges
    try:
        xml = source.read()
    finally:
        source.close()
    by_number = dict(rows)
    for found in _MERGE.finditer(xml):
        first_col, first_row, last_col, last_row = range_boundaries(
            f"{found[1].decode()}:{found[2].decode()}"
        )
        top = by_number.get(first_row)
        if top is None or first_col - 1 >= len(top):
            continue
        value = top[first_col - 1]
        if last_col > first_col and last_row == first_row:
            grid.across[first_row] = last_col - first_col + 1
        for number in range(first_row + 1, min(last_row, first_row + 10_000) + 1):
            cells = by_number.get(number)
            if cells is None:
                continue
            for column in range(first_col - 1, min(last_col, first_col + MAX_COLUMNS)):
                if column < len(cells) and not cells[column]:
                    cells[column] = value if column == first_col - 1 else ""
                    grid.merged.add((number, column))
    return grid


def read_docx(data: bytes, *, filename: str = "") -> Table:
    """The first table in a Word document with a tracker header (or the first with any rows)."""
    return read_docx_tables(data, filename=filename)[0]


def read_docx_tables(data: bytes, *, filename: str = "") -> tuple[Table, ...]:
    """Every table in a Word document with a tracker header (or the first with any rows), each
    with the key-value paragraphs above it ("Meeting Date: 1 March 2011")."""
    import docx  # imported late: only Word uploads need it

    check_size(data, filename=filename)
    _check_zip(data, filename, "DOCX", "Word")
    try:
        document = docx.Document(io.BytesIO(data))
        formats = _numbering_formats(document)
        tables = _pick_all(("", grid) for grid in _docx_grids(document, formats))
        if len(tables) > 1:  # rows are numbered in each table: say which table a row is in
            tables = tuple(replace(t, sheet=f"table {n}") for n, t in enumerate(tables, 1))
    except Exception:  # python-docx and lxml fail in many ways on damaged files
        raise refused("The DOCX file is damaged or is not a Word document", filename) from None
    if not tables:
        raise refused("The document has no table", filename)
    return tables


_KEY_VALUE = re.compile(r"\s*(?P<key>[^:\n]{2,40}?)\s*:\s*(?P<value>\S.{0,1000})")


def _docx_grids(document: Any, formats: Mapping[tuple[str, str], str]) -> Iterable[_Grid]:
    """Each table of the document, with the key-value paragraphs between it and the table
    before it, read as a tracker's fields ("Committee", "Meeting Date", "Minute №", "Topic")."""
    context: list[tuple[str, str]] = []
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            found = _KEY_VALUE.fullmatch(_paragraph_text(element).strip())
            if found and header_field(found["key"]) is not None:
                context.append((SPACES.sub(" ", found["key"]), found["value"].strip()))
        elif element.tag == f"{_W}tbl":
            grid = _docx_grid(element, formats)
            grid.context = tuple(context)
            context = []
            yield grid


def _docx_grid(table: Any, formats: Mapping[tuple[str, str], str]) -> _Grid:
    """Each row's cells; a merged cell fills every grid column and row it spans, like Word."""
    grid = _Grid([])
    above: list[str] = []
    for number, tr in enumerate(table.iterchildren(f"{_W}tr"), start=1):
        cells: list[str] = []
        spans = 0
        for tc in tr.iterchildren(f"{_W}tc"):
            span = tc.find(f"{_W}tcPr/{_W}gridSpan")
            merged = tc.find(f"{_W}tcPr/{_W}vMerge")
            if merged is not None and merged.get(f"{_W}val", "continue") == "continue":
                text = above[len(cells)] if len(cells) < len(above) else ""
                grid.merged.add((number, len(cells)))
            else:
                text = _docx_cell(tc, formats)
            width = int(span.get(f"{_W}val", "1")) if span is not None else 1
            spans += 1
            cells.extend([text] + [""] * min(max(width - 1, 0), MAX_COLUMNS))
        if spans == 1:
            grid.across[number] = len(cells)
        above = cells
        grid.rows.append((number, cells))
    return grid


# A note mark in superscript ("Recommendationⁱ"): left out, as it refers to a note we do not read.
_NOTE_MARK = re.compile(r"[ivxlc]{1,6}|[0-9]{1,3}|[*\u2020\u2021\u00a7]{1,3}|[a-h]")


def _paragraph_text(p: Any) -> str:
    """A paragraph's text, without superscript note marks."""
    parts = []
    for run in p.iter(f"{_W}r"):
        text = run.text
        props = run.find(f"{_W}rPr")
        align = props.find(f"{_W}vertAlign") if props is not None else None
        if (
            align is not None
            and align.get(f"{_W}val") == "superscript"
            and _NOTE_MARK.fullmatch(text.strip())
        ):
            continue
        parts.append(text)
    return "".join(parts)


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
        text = _paragraph_text(p).strip()
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


def read_csv_tables(data: bytes, *, filename: str = "") -> tuple[Table, ...]:
    return (read_csv(data, filename=filename),)


# A reader for each file name extension: its first table, and all of its tables.
READERS = {".csv": read_csv, ".xlsx": read_xlsx, ".docx": read_docx}
TABLE_READERS = {".csv": read_csv_tables, ".xlsx": read_xlsx_tables, ".docx": read_docx_tables}
