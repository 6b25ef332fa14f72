"""The table in a CSV or XLSX file, or in a Word document: a header and numbered rows.

Pure: bytes in, a Table out, or ImportRefused saying why the file cannot be read. The header is
the first row (of the first ten) that names a tracker's columns, else the first row.
"""

import csv
import datetime
import io
import re
import string
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from scrutineer.core.calendar import long_date
from scrutineer.files.formulas import unneutralise
from scrutineer.files.limits import check_size
from scrutineer.files.parsers.cells import SPACES, cell_text
from scrutineer.files.parsers.errors import ImportRefused, refused
from scrutineer.files.parsers.mapping import is_tracker_header

# Zip members can inflate far past the upload limit; refuse before openpyxl or python-docx try.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_COLUMNS = 100  # the mapping form shows one choice per column
HEADER_SEARCH = 10  # rows above the header may hold a title or notes
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_T = TypeVar("_T")


@dataclass(frozen=True)
class Table:
    """A file's header row and the rows below it, each with the file's own row number."""

    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    title: str = ""
    sheet: str = ""  # the worksheet it is on, for a workbook


def _table(rows: Iterable[tuple[int, Sequence[str]]], *, fallback: bool) -> Table | None:
    """The table under the first header row that maps (or the first row, with ``fallback``)."""
    kept = []
    for number, cells in rows:
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
    return Table(
        headers=tuple(headers[:width]),
        rows=tuple((n, tuple((cells + [""] * width)[:width])) for n, cells in kept[at + 1 :]),
        title=SPACES.sub(" ", cell_text(titles[0])).strip() if titles else "",
    )


def _pick(candidates: Iterable[tuple[str, list[tuple[int, list[str]]]]]) -> Table | None:
    """The first candidate (sheet or table) with a tracker header, else the first with rows;
    each candidate comes with its sheet's name ("" for a Word table)."""
    first = None
    for sheet, rows in candidates:
        if table := _table(rows, fallback=False):
            return replace(table, sheet=sheet)
        if first is None and (table := _table(rows, fallback=True)):
            first = replace(table, sheet=sheet)
    return first


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
    first = next((line for line in text.splitlines() if re.search("[,;\t]", line)), "")
    unquoted = re.sub(r'"[^"]*"', "", first)  # a quoted header's commas do not separate
    delimiter = max(",;\t", key=unquoted.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = [(n, [unneutralise(cell) for cell in row]) for n, row in enumerate(reader, 1)]
        table = _table(rows, fallback=True)
    except csv.Error as exc:
        raise refused(f"The file cannot be read as CSV ({exc})", filename) from None
    if table is None:
        raise refused("The file is empty", filename)
    return table


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
    import openpyxl  # imported late: only spreadsheet uploads need it

    check_size(data, filename=filename)
    _check_zip(data, filename, "XLSX", "Excel")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            table = _pick((sheet.title, _sheet_rows(sheet)) for sheet in book.worksheets)
        finally:
            book.close()
    except Exception:  # openpyxl and lxml fail in many ways on damaged files
        raise refused("The XLSX file is damaged or is not an Excel workbook", filename) from None
    if table is None:
        raise refused("The workbook has no rows", filename)
    return table


def _sheet_rows(sheet: Any) -> list[tuple[int, list[str]]]:
    sheet.reset_dimensions()  # the stored size can be wrong, or huge
    rows = sheet.iter_rows(values_only=True)
    return [(number, [_cell_text(value) for value in row]) for number, row in enumerate(rows, 1)]


def read_docx(data: bytes, *, filename: str = "") -> Table:
    """The first table in a Word document with a tracker header (or the first with any rows)."""
    import docx  # imported late: only Word uploads need it

    check_size(data, filename=filename)
    _check_zip(data, filename, "DOCX", "Word")
    try:
        document = docx.Document(io.BytesIO(data))
        formats = _numbering_formats(document)
        tables = document.element.body.iterchildren(f"{_W}tbl")
        table = _pick(("", list(_docx_rows(element, formats))) for element in tables)
    except Exception:  # python-docx and lxml fail in many ways on damaged files
        raise refused("The DOCX file is damaged or is not a Word document", filename) from None
    if table is None:
        raise refused("The document has no table", filename)
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


# A reader for each file name extension.
READERS = {".csv": read_csv, ".xlsx": read_xlsx, ".docx": read_docx}
