"""Which column of a table holds which tracker field: the headers recognised, and a mapping
(guessed, or chosen by a person) checked before any row is read.

Pure: headers in, a field-to-column mapping out, or ImportRefused saying what is missing.
"""

import re
from collections.abc import Mapping, Sequence

from scrutineer.files.columns import TRACKER_FIELDS
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused

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


def _key(header: str) -> str:
    """A header in comparable form: case, spaces and punctuation ignored (but “#” is a header)."""
    return re.sub(r"[\W_]", "", header.casefold()) or header.strip()


_BY_KEY = {
    _key(header): (name, rank)
    for name, label in FIELDS.items()
    for rank, header in enumerate((label, *_SYNONYMS[name]))
}


def guess_mapping(headers: Sequence[str]) -> dict[int, str]:
    """Column index to field, for the headers we recognise; each field gets its best column."""
    best: dict[str, tuple[int, int]] = {}  # field -> (rank, index)
    for index, header in enumerate(headers):
        found = _BY_KEY.get(_key(header))
        if found and (found[0] not in best or found[1] < best[found[0]][0]):
            best[found[0]] = (found[1], index)
    return {index: name for name, (_, index) in sorted(best.items(), key=lambda f: f[1][1])}


def is_tracker_header(headers: Sequence[str]) -> bool:
    """Whether a row names the columns every tracker has: it is the header row."""
    return set(REQUIRED_FIELDS) <= set(guess_mapping(headers).values())


def field_columns(
    headers: Sequence[str], mapping: Mapping[int, str] | None, filename: str
) -> dict[str, int]:
    """Field to column index; refuses a mapping that lacks a required field or doubles one."""
    chosen = guess_mapping(headers) if mapping is None else mapping
    columns: dict[str, int] = {}
    problems = []
    for index, name in sorted(chosen.items()):
        if name not in FIELDS or not 0 <= index < len(headers):
            continue  # "" is the form's "Do not import"
        if name in columns:
            both = f"“{headers[columns[name]]}” and “{headers[index]}”"
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
