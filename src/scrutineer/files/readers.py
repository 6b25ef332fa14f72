"""Which parser reads which file: bytes and a file name in, what the file holds out (pure).

One reader for each kind of file the import wizard takes: a tracker, the executive's forward
plan, a briefing note and a file of performance figures.
"""

from __future__ import annotations

from pathlib import PurePath

from scrutineer.files.limits import check_size
from scrutineer.files.parsers.briefing_text import ParsedBriefingNote, parse_briefing_text
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused, refused
from scrutineer.files.parsers.executive_decisions import ParsedDecision, parse_decisions_table
from scrutineer.files.parsers.forward_plan import ParsedPlanEntry, parse_forward_plan_table
from scrutineer.files.parsers.performance_figures import ParsedValue, parse_values_table
from scrutineer.files.parsers.tables import READERS, Table, parse_on_sheet
from scrutineer.files.parsers.tabular import (
    read_tracker,
    read_tracker_tables,
    tracker_guess,
    tracker_headers,
    tracker_sample,
)
from scrutineer.files.parsers.tracker_text import ParsedTracker, parse_tracker_text

TEXT_SUFFIXES = {".txt", ".text", ".md"}
TABULAR_SUFFIXES = set(READERS)


def decode_text(data: bytes, *, filename: str) -> str:
    """UTF-8 (with or without a byte-order mark); anything else is refused with a reason."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            [
                ImportProblem(
                    f"The file is not UTF-8 text (byte {exc.start + 1} cannot be read). "
                    "Save it as “Plain text (UTF-8)” and try again."
                )
            ],
            filename,
        ) from None


def read_tracker_file(
    data: bytes,
    *,
    filename: str,
    mapping: dict[int, str] | None = None,
    statuses: dict[str, str] | None = None,
) -> ParsedTracker:
    """Parse a tracker in the seed's text format, or as CSV, XLSX or Word tables; ``mapping``
    maps the columns of ``tracker_headers``, ``statuses`` the committee's own status words."""
    check_size(data, filename=filename)
    suffix = PurePath(filename).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return parse_tracker_text(decode_text(data, filename=filename), filename=filename)
    if suffix in TABULAR_SUFFIXES:
        return read_tracker(data, filename=filename, mapping=mapping, statuses=statuses)
    raise refused(
        f"“{PurePath(filename).name}” is not a tracker file: use TXT, CSV, XLSX or DOCX", filename
    )


def is_tabular(filename: str) -> bool:
    return PurePath(filename).suffix.lower() in TABULAR_SUFFIXES


def read_table(data: bytes, *, filename: str, suffixes: frozenset[str] | None = None) -> Table:
    """The header and rows of a CSV, XLSX or DOCX file (or only those of ``suffixes``)."""
    check_size(data, filename=filename)
    suffix = PurePath(filename).suffix.lower()
    if suffix not in READERS or (suffixes is not None and suffix not in suffixes):
        names = sorted(suffixes or READERS)
        kinds = ", ".join(n[1:].upper() for n in names[:-1]) + f" or {names[-1][1:].upper()}"
        raise refused(f"“{PurePath(filename).name}” is not a {kinds} file", filename)
    return READERS[suffix](data, filename=filename)


def read_forward_plan_file(data: bytes, *, filename: str) -> tuple[ParsedPlanEntry, ...]:
    """The executive's forward plan in a CSV, XLSX or DOCX file."""
    table = read_table(data, filename=filename)
    return parse_on_sheet(table, parse_forward_plan_table, filename=filename)


def read_decisions_file(data: bytes, *, filename: str) -> tuple[ParsedDecision, ...]:
    """The executive's decisions in a CSV, XLSX or DOCX file."""
    table = read_table(data, filename=filename)
    return parse_on_sheet(table, parse_decisions_table, filename=filename)


def read_figures_file(data: bytes, *, filename: str) -> tuple[ParsedValue, ...]:
    """The performance figures in a CSV or XLSX file."""
    table = read_table(data, filename=filename, suffixes=frozenset({".csv", ".xlsx"}))
    return parse_on_sheet(table, parse_values_table, filename=filename)


def read_briefing_file(data: bytes, *, filename: str) -> ParsedBriefingNote:
    """A briefing note as text (UTF-8), as it is published."""
    check_size(data, filename=filename)
    return parse_briefing_text(decode_text(data, filename=filename), filename=filename)


def tracker_columns(
    data: bytes, filename: str
) -> tuple[tuple[str, ...], tuple[str, ...], dict[int, str], int]:
    """The columns a person maps in a tracker file (every sheet's or Word table's, each once),
    an example value of each, the fields they are recognised as, and how many rows it has."""
    tables = read_tracker_tables(data, filename=filename)
    rows = sum(len(table.rows) for table in tables)
    return tracker_headers(tables), tracker_sample(tables), tracker_guess(tables), rows
