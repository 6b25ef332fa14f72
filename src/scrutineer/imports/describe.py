"""What the preview says of each row of an imported tracker: the values that will be stored,
in words, and what it should warn of. Pure: parsed rows and matches in, text out."""

from __future__ import annotations

import datetime

from scrutineer.core.calendar import long_date
from scrutineer.files.parsers.cells import ParsedRecommendation
from scrutineer.files.parsers.responses import SUGGESTION_LABELS
from scrutineer.files.parsers.tracker_text import ParsedTrackerRow
from scrutineer.imports.people import Match

_QUOTE = 60  # characters of a response quoted in the preview


def item_line(row: ParsedTrackerRow) -> str:
    """“meeting 12 May 2025 (CRP, minute 109); title made from the area”."""
    where = [w for w in (row.committee, f"minute {row.minute}" if row.minute else "") if w]
    text = f"meeting {long_date(row.meeting_date)}"
    if where:
        text += f" ({', '.join(where)})"
    if row.title_from == "area":
        text += "; title made from the area (the file has no title column)"
    elif row.title_from == "recommendation":
        text += "; title made from the first recommendation (the file has no title column)"
    if row.exempt:
        text += "; exempt: not for publication (never shown to the public)"
    if row.draft:
        text += "; a draft, not yet published"
    return text


def recommendation_values(
    rec: ParsedRecommendation,
    *,
    status: str,
    matches: list[Match],
    closed_on: tuple[datetime.date, str] | None,
    reference: str,
) -> str:
    """The values one recommendation will hold: status in the file's words, reference, due
    date, who is assigned (matched or new), addressee, response and updates."""
    parts = []
    wording = f" (“{rec.status_wording}”)" if rec.status_wording else ""
    if closed_on is not None:
        day, source = closed_on
        parts.append(f"closed{wording} on {long_date(day)}{source}")
    else:
        parts.append(f"{status}{wording}")
    if reference:
        year = f", municipal year {rec.municipal_year}" if rec.municipal_year else ""
        parts.append(f"reference {reference}{year}")
    if rec.due_date:
        source = f" (from “{rec.due_text}”)" if rec.due_text else ""
        parts.append(f"due {long_date(rec.due_date)}{source}")
    elif rec.due_text:
        parts.append(f"timetable “{rec.due_text}”, no due date")
    if matches:
        parts.append("assigned to " + ", ".join(_who(m) for m in matches))
    if rec.addressee:
        parts.append(f"addressed to {rec.addressee}")
    if rec.cabinet_member:
        parts.append(f"cabinet member {rec.cabinet_member}")
    if rec.area:
        parts.append(f"area {rec.area}")
    if rec.response:
        quoted = rec.response if len(rec.response) <= _QUOTE else rec.response[: _QUOTE - 1] + "…"
        suggestion = SUGGESTION_LABELS.get(rec.response_suggestion)
        hint = f" (suggests {suggestion}: record the decision on its page)" if suggestion else ""
        if rec.decision:
            hint = f" ({rec.decision.replace('_', ' ')}, as the file states)"
        when = f" on {long_date(rec.executive_date)}" if rec.executive_date else ""
        parts.append(f"executive response{when} “{quoted}”{hint}")
    elif rec.executive_date:
        stated = rec.decision.replace("_", " ") if rec.decision else "not yet classified"
        parts.append(f"considered by the executive on {long_date(rec.executive_date)} ({stated})")
    if rec.updates:
        dates = [long_date(u.date) for u in rec.updates if u.date]
        dated = f" ({', '.join(dates)})" if dates else ""
        count = len(rec.updates)
        parts.append(f"{count} update{'s' if count > 1 else ''}{dated}")
    return "; ".join(parts)


def _who(match: Match) -> str:
    if match.person is None:
        what = "unknown initials, a new person" if match.unknown_initials else f"new {match.kind}"
        return f"{match.name} ({what})"
    if match.how == "name":
        return match.person.name
    return f"{match.name} = {match.person.name} (by {match.how})"
