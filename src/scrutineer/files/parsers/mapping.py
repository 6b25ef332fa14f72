"""Which column of a table holds which tracker field: the headers recognised by meaning, and a
mapping (guessed, or chosen by a person) checked before any row is read.

Pure: headers in, a field-to-column mapping out, or ImportRefused saying what is missing.
Councils name the same column many ways ("Lead Officer/EM", "Responsible officer", "Action
by"); a header is recognised whatever its case, spacing, punctuation and note marks
("Recommendationⁱ" comes out of Word as "Recommendationi").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from scrutineer.files.columns import TRACKER_EXTRA_FIELDS, TRACKER_FIELDS
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused

# The published columns first (in their printed order), then those other councils keep.
FIELDS = (
    TRACKER_FIELDS
    | TRACKER_EXTRA_FIELDS
    | {
        "committee": "Committee or origin",
        "minute": "Minute",
        "action": "Action",
        "update_date": "Date of update",
        "closed_date": "Date closed",
    }
)
REQUIRED_FIELDS = ("recommendations",)

# Headers each field goes by, best first; the field's own label always comes first.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("No.", "Number", "#", "Item No", "Item number", "Row", "Tracker No", "Rec No"),
    "reference": (
        "Ref", "Reference", "Ref No", "Reference number", "Rec Ref", "Recommendation reference",
        "Recommendation No", "Recommendation number", "ID", "Our ref",
    ),
    "meeting_date": (
        "Date", "Meeting", "Date of meeting", "Committee date", "Meeting held", "Date agreed",
        "Date of committee", "Date raised", "Date of recommendation", "Date of resolution",
    ),
    "committee": (
        "Origin", "Committee", "Body", "Source", "Scrutiny committee", "Panel", "Raised by",
        "Meeting type",
    ),
    "minute": ("Minute No", "Minute number", "Min No", "Minute ref", "Minute reference", "Min"),
    "report_title": (
        "Title", "Report", "Item", "Topic", "Subject", "Agenda item", "Report name", "Review",
        "Scrutiny review", "Issue", "Report title or topic",
    ),
    "area": (
        "Area", "Directorate", "Service area", "Department", "Service", "Theme", "Portfolio",
        "Directorate or service",
    ),
    "summary": ("Summary", "Discussion", "Background", "Summary of discussion"),
    "recommendations": (
        "Recommendation(s)", "Recommendations", "Recommendation", "Resolution", "Resolutions",
        "Recommendation or resolution", "Scrutiny recommendation", "Agreed action",
        "Decision", "Recommendation or action", "Recommendations agreed",
    ),
    "status": (
        "Open/Closed", "Status", "RAG", "RAG status", "Progress status", "Current status",
        "State", "Outcome", "Implementation status", "Complete", "Completed",
    ),
    "assignees": (
        "Owner", "Responsible officer", "Responsible", "Officer", "Action by", "Action owner",
        "Who", "Responsibility", "Officer responsible", "Assigned officer", "Responsible person",
    ),
    "lead_officer": (
        "Report author", "Lead Officer/EM", "Lead", "Lead officer or member", "Contact officer",
        "Lead officers", "Lead Officer/Executive Member",
    ),
    "cabinet_member": (
        "Cabinet Member", "Portfolio holder", "Executive member", "Cabinet lead",
        "Lead member", "Executive Member/Portfolio", "Cabinet portfolio holder",
    ),
    "response": (
        "Response", "Executive response", "Cabinet response", "Executive's response",
        "Response from the executive", "Response of the executive", "Management response",
    ),
    "decision": (
        "Decision of the executive", "Accepted/Rejected", "Cabinet decision",
        "Accepted or rejected", "Executive's decision",
    ),
    "reasons": ("Reasons", "Reasons for rejection", "Reasons given", "Executive reasons"),
    "response_date": ("Response date", "Date responded", "Date of executive response"),
    "status_wording": ("Status wording", "Status in the file", "Status as worded"),
    "addressee": ("Addressee", "Addressed", "Recommendation to", "Made to"),
    "executive_date": (
        "Exec Date", "Executive date", "Cabinet date", "Date of executive",
        "Date considered by the executive", "Date to executive", "Executive meeting",
    ),
    "due_date": (
        "Due date", "Deadline", "Timetable", "Timescale", "Timescales", "Target", "By when",
        "Date due", "Implementation date", "Target completion date", "Target date for completion",
        "Expected completion", "Completion date",
    ),
    "action": ("Actions", "Action required", "Action agreed", "Actions agreed", "Action to take"),
    "progress": (
        "Progress", "Progress update", "Update", "Updates", "Action taken", "Actions taken",
        "Comments", "Latest position", "Current position", "Commentary", "Notes",
        "Progress to date", "Latest update", "Update on progress",
    ),
    "marking": (
        "Exempt", "Exempt or draft", "Exempt information", "Confidential", "Restricted",
        "Publication", "Private", "Part II", "Exempt or confidential",
    ),
    "update_date": ("Update date", "Date updated", "Last updated", "Date of last update"),
    "closed_date": (
        "Closed on", "Date completed", "Completed on", "Date signed off", "Closure date",
        "Date of closure",
    ),
}  # fmt: skip

# Words that say what a header is about, when no synonym matches it whole ("Lead officer
# for the action", "Recommendation made"): ranked after every whole synonym.
_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("recommend", "recommendations"),
    ("resolution", "recommendations"),
    ("response", "response"),
    ("cabinet member", "cabinet_member"),
    ("portfolio", "cabinet_member"),
    ("lead officer", "lead_officer"),
    ("officer", "assignees"),
    ("responsib", "assignees"),
    ("status", "status"),
    ("rag", "status"),
    ("deadline", "due_date"),
    ("timescale", "due_date"),
    ("timetable", "due_date"),
    ("target", "due_date"),
    ("due", "due_date"),
    ("progress", "progress"),
    ("update", "progress"),
    ("comment", "progress"),
    ("minute", "minute"),
    ("ref", "reference"),
    ("title", "report_title"),
    ("topic", "report_title"),
    ("subject", "report_title"),
    ("committee", "committee"),
    ("origin", "committee"),
    ("directorate", "area"),
    ("meeting", "meeting_date"),
    ("date", "meeting_date"),
)
_NOTE_MARK = re.compile(r"[ivx]{1,4}|[0-9]{1,2}|[a-e*]")


def _key(header: str) -> str:
    """A header in comparable form: case, spaces and punctuation ignored (but “#” is a header)."""
    return re.sub(r"[\W_]", "", header.casefold()) or header.strip()


_BY_KEY = {
    _key(header): (name, rank)
    for name, label in FIELDS.items()
    for rank, header in enumerate((label, *_SYNONYMS[name]))
}
_KEYWORD_RANK = 1000


def header_field(header: str) -> tuple[str, int] | None:
    """The field a header names and how well (lower is better), or None. A note mark at its
    end (“Recommendationi”, “Response2”) is ignored when the header is not known with it."""
    key = _key(header)
    if key in _BY_KEY:
        return _BY_KEY[key]
    for cut in range(1, 5):
        if _NOTE_MARK.fullmatch(key[-cut:]) and key[:-cut] in _BY_KEY:
            return _BY_KEY[key[:-cut]]
    words = " ".join(re.sub(r"[\W_]+", " ", header.casefold()).split())
    for rank, (word, name) in enumerate(_KEYWORDS):
        if re.search(rf"\b{re.escape(word)}", words):
            return name, _KEYWORD_RANK + rank
    return None


def guess_mapping(headers: Sequence[str]) -> dict[int, str]:
    """Column index to field, for the headers we recognise; each field gets its best column."""
    best: dict[str, tuple[int, int]] = {}  # field -> (rank, index)
    for index, header in enumerate(headers):
        found = header_field(header) if header.strip() else None
        if found and (found[0] not in best or found[1] < best[found[0]][0]):
            best[found[0]] = (found[1], index)
    return {index: name for name, (_, index) in sorted(best.items(), key=lambda f: f[1][1])}


def is_tracker_header(headers: Sequence[str]) -> bool:
    """Whether a row names a tracker's columns, so that it is the header row: a column of
    recommendations and at least two other columns we know."""
    found = set(guess_mapping(headers).values())
    return set(REQUIRED_FIELDS) <= found and len(found) >= 3


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
