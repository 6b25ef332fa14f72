"""Which parser reads which file: bytes and a file name in, a parsed tracker out (pure)."""

from __future__ import annotations

from pathlib import PurePath

from scrutineer.files.limits import check_size
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused, refused
from scrutineer.files.parsers.tables import READERS, Table
from scrutineer.files.parsers.tabular import read_tracker
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
    data: bytes, *, filename: str, mapping: dict[int, str] | None = None
) -> ParsedTracker:
    """Parse a tracker in the seed's text format, or as CSV, XLSX or a Word table."""
    check_size(data, filename=filename)
    suffix = PurePath(filename).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return parse_tracker_text(decode_text(data, filename=filename), filename=filename)
    if suffix in TABULAR_SUFFIXES:
        return read_tracker(data, filename=filename, mapping=mapping)
    raise refused(
        f"“{PurePath(filename).name}” is not a tracker file: use TXT, CSV, XLSX or DOCX", filename
    )


def is_tabular(filename: str) -> bool:
    return PurePath(filename).suffix.lower() in TABULAR_SUFFIXES


def read_table(data: bytes, *, filename: str) -> Table:
    """The header and rows of a CSV, XLSX or DOCX file, for the column-mapping step."""
    check_size(data, filename=filename)
    return READERS[PurePath(filename).suffix.lower()](data, filename=filename)
