"""Read a recommendations tracker kept as CSV, XLSX or Word tables, in the layouts councils keep.

Pure: bytes in, the seed-text parser's dataclasses out. The readers in ``tables`` give Tables
(a sheet each, or a Word table each); ``tracker_rows`` reads each row's cells by meaning
(see ``mapping``); here rows become items:

- rows sharing a No are one item (the published tracker, a row per recommendation);
- without a No, rows sharing a meeting and a title (or minute) are one item; with neither,
  rows of one meeting (and origin) are, and the item's title is made from the area or the
  first recommendation, said so in the preview;
- a row whose recommendation goes on from the row above (merged down, or left empty) is more
  progress on that recommendation, not another one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import PurePath

from scrutineer.core.calendar import long_date
from scrutineer.files.limits import check_size
from scrutineer.files.parsers.cells import ROW_NUMBER, ParsedRecommendation, ParsedUpdate
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused, refused
from scrutineer.files.parsers.mapping import guess_mapping
from scrutineer.files.parsers.tables import TABLE_READERS, Table
from scrutineer.files.parsers.tracker_rows import Line, read_lines
from scrutineer.files.parsers.tracker_text import ParsedTracker, ParsedTrackerRow

_TITLE_LENGTH = 120  # a title made from a recommendation: its first words, up to this


def tracker_headers(tables: Sequence[Table]) -> tuple[str, ...]:
    """The columns a person maps for the whole file: the first table's headers, then each
    header of a later table (another sheet's) that the first does not have."""
    if not tables:
        return ()
    headers = list(tables[0].headers)
    seen = set(headers)
    for table in tables[1:]:
        for header in table.headers:
            if header and header not in seen:
                headers.append(header)
                seen.add(header)
    return tuple(headers)


def tracker_guess(tables: Sequence[Table]) -> dict[int, str]:
    """The fields each of ``tracker_headers`` is recognised as, each table's guessed on its
    own: one sheet's "Update" and another's "Progress" are both progress."""
    headers = tracker_headers(tables)
    guessed: dict[int, str] = {}
    for position, table in enumerate(tables):
        for index, name in guess_mapping(table.headers).items():
            at = index if position == 0 else headers.index(table.headers[index])
            guessed.setdefault(at, name)
    return dict(sorted(guessed.items()))


def tracker_sample(tables: Sequence[Table]) -> tuple[str, ...]:
    """An example value for each of ``tracker_headers``: the first non-empty cell below it."""
    samples: dict[str, str] = {}
    for table in tables:
        for index, header in enumerate(table.headers):
            if samples.get(header):
                continue
            samples[header] = next((c[index] for _, c in table.rows if c[index].strip()), "")
    return tuple(samples.get(h, "") for h in tracker_headers(tables))


def _table_mapping(
    table: Table, first: bool, headers: tuple[str, ...], mapping: Mapping[int, str] | None
) -> dict[int, str] | None:
    """The mapping of one table's columns, from a mapping of the file's ``headers``: the first
    table's by position, the others' by header."""
    if mapping is None:
        return None
    if first:
        return dict(mapping)
    by_header: dict[str, str] = {}
    for index, name in mapping.items():
        if 0 <= index < len(headers):
            by_header.setdefault(headers[index], name)
    return {i: by_header.get(h, "") for i, h in enumerate(table.headers)}


def parse_tables(
    tables: Sequence[Table],
    *,
    mapping: Mapping[int, str] | None = None,
    statuses: Mapping[str, str] | None = None,
    filename: str = "",
) -> ParsedTracker:
    """The tracker in ``tables`` (a file's sheets or Word tables); ``mapping`` maps the columns
    of ``tracker_headers(tables)``, ``statuses`` the committee's own status words. Raises
    ImportRefused listing every problem found."""
    headers = tracker_headers(tables)
    lines: list[Line] = []
    problems: list[ImportProblem] = []
    warnings: list[ImportProblem] = []
    unknown: set[str] = set()
    known: set[tuple[str, str]] = set()
    for position, table in enumerate(tables):
        try:
            found = read_lines(
                table,
                index=position,
                mapping=_table_mapping(table, position == 0, headers, mapping),
                statuses=statuses,
                filename=filename,
            )
        except ImportRefused as refusal:
            sheet = table.sheet or None
            problems += [p if p.sheet else replace(p, sheet=sheet) for p in refusal.problems]
            continue
        lines += found.lines
        problems += found.problems
        warnings += found.warnings
        unknown.update(found.unknown_statuses)
        known.update(found.status_words)
    if not lines and not problems:
        raise refused("The file has no rows below its header", filename)
    _number_rows(lines, problems)
    rows = _items(lines, problems, warnings)
    if len(tables) == 1:  # the sheet tells rows apart only in a file of several
        rows = [replace(row, sheet="") for row in rows]
    # Every word of the file's, whether or not it is the one a recommendation keeps.
    words = known | {(word, "") for word in unknown}
    status_words = tuple(sorted(words, key=lambda w: (w[0].casefold(), w[1])))
    if problems:
        raise ImportRefused(sorted(problems, key=_where), filename, status_words=status_words)
    return ParsedTracker(
        title=next((t.title for t in tables if t.title), ""),
        rows=tuple(rows),
        forward_plan=(),
        warnings=tuple(sorted(warnings, key=_where)),
        status_words=status_words,
    )


def _where(problem: ImportProblem) -> tuple[str, int]:
    return (problem.sheet or "", problem.row or 0)


def parse_table(
    table: Table,
    *,
    mapping: Mapping[int, str] | None = None,
    statuses: Mapping[str, str] | None = None,
    filename: str = "",
) -> ParsedTracker:
    """The tracker in one table; raises ImportRefused listing every problem found."""
    return parse_tables((table,), mapping=mapping, statuses=statuses, filename=filename)


def _number_rows(lines: list[Line], problems: list[ImportProblem]) -> None:
    """Check each row's No; unnumbered rows of a numbered table count on from the largest
    number anywhere, so they cannot collide."""
    numbered = [line for line in lines if line.numbered]
    leading = (re.match(r"[0-9]{1,9}", line.number) for line in numbered)
    next_number = max((int(m[0]) for m in leading if m), default=0) + 1
    for line in numbered:
        if line.continues and not line.number:
            continue
        if not line.number:
            line.number, next_number = str(next_number), next_number + 1
        elif not ROW_NUMBER.fullmatch(line.number):
            problems.append(line.problem(f"“{line.number}” is not a row number", "number"))


def _items(
    lines: list[Line], problems: list[ImportProblem], warnings: list[ImportProblem]
) -> list[ParsedTrackerRow]:
    """Rows grouped into items, each row's recommendations (or its progress, for a row that
    goes on from the one above) added to its item."""
    groups: dict[tuple[object, ...], list[Line]] = {}
    previous: Line | None = None
    for line in lines:
        if line.meeting_date is None:
            continue  # refused already: the row names no meeting
        if line.continues and previous is not None and previous.table == line.table:
            line.key = previous.key
        else:
            line.key = _key(line)
        first = groups.get(line.key)
        if first and line.numbered and not line.continues:
            head = first[0]
            if (head.title, head.meeting_date) != (line.title, line.meeting_date):
                problems.append(
                    line.problem(
                        f"No {line.number} is also row {head.line}, with a different title or "
                        "meeting date; give each item its own number",
                        "number",
                    )
                )
                continue
        groups.setdefault(line.key, []).append(line)
        previous = line
    items = [_item(group) for group in groups.values()]
    _warn_duplicate_titles(items, warnings)
    return items


def _key(line: Line) -> tuple[object, ...]:
    if line.numbered or line.number:
        return ("no", line.number)
    what = line.title.casefold() or line.minute.casefold()
    return ("at", line.table, line.meeting_date, line.committee.casefold(), what)


def _item(lines: list[Line]) -> ParsedTrackerRow:
    """One item from its rows."""
    head = lines[0]
    recommendations: list[ParsedRecommendation] = []
    # In a numbered table (the published tracker) progress is the item's, repeated on each of
    # its recommendations' rows; where it differs between rows, or the table numbers no items
    # (a row per recommendation), each row's progress is its recommendation's.
    progress = {line.progress_html for line in lines}
    per_recommendation = (
        not head.numbered or len(progress) > 1 or any(line.continues for line in lines[1:])
    )
    progress.discard("")
    item_progress = "" if per_recommendation else next(iter(progress), "")
    progress_date = None if per_recommendation else head.update_date
    for line in lines:
        recs = line.recommendations
        update = line.update() if per_recommendation else None
        if line.continues and recommendations:
            recommendations[-1] = _continued(recommendations[-1], line, update)
            continue
        if update is not None and len(recs) == 1:
            recs = (replace(recs[0], updates=(update,)),)
        elif update is not None and not item_progress:  # a row of several: the item's
            item_progress, progress_date = update.text_html, update.date
        recommendations.extend(recs)
    recommendations = _numbered(recommendations)
    title, title_from = head.title, ""
    if not title:
        title, title_from = _made_up_title(lines, recommendations)
    assignees = tuple(dict.fromkeys(n for r in recommendations for n in r.assignees))
    lead = next((n for line in lines for n in line.lead_officers), "")
    return ParsedTrackerRow(
        line=head.line,
        number=head.number,
        meeting_date=head.meeting_date,  # type: ignore[arg-type]  # rows without one are refused
        report_title=title,
        summary_html=next((line.summary_html for line in lines if line.summary_html), ""),
        recommendations=tuple(recommendations),
        status="open" if any(r.status == "open" for r in recommendations) else "closed",
        assignees=assignees,
        progress_html=item_progress,
        committee=head.committee,
        minute=head.minute,
        title_from=title_from,
        lead_officer=lead,
        sheet=head.sheet,
        progress_date=progress_date,
        exempt=any(line.exempt for line in lines),
        draft=any(line.draft for line in lines),
    )


def _continued(
    recommendation: ParsedRecommendation, line: Line, update: ParsedUpdate | None
) -> ParsedRecommendation:
    """A recommendation with a further row of the file (another of its actions, or a later
    update): its progress is another update; it is open while any of its rows is; its dates
    are the first row's, or the later row's where the first gives none."""
    given = line.recommendations[0] if line.recommendations else None
    changes: dict[str, object] = {}
    if update is not None:
        changes["updates"] = (*recommendation.updates, update)
    if given is not None:
        if line.has_status and recommendation.status != "open":
            # Open while any of its rows (its actions) is open; closed as its last one was.
            changes |= {"status": given.status, "status_wording": given.status_wording}
            changes["closed_on"] = given.closed_on or recommendation.closed_on
        for name in ("due_date", "due_text", "response", "response_suggestion", "executive_date"):
            if getattr(given, name) and not getattr(recommendation, name):
                changes[name] = getattr(given, name)
        names = tuple(n for n in given.assignees if n not in recommendation.assignees)
        if names:
            changes["assignees"] = recommendation.assignees + names
    return replace(recommendation, **changes)  # type: ignore[arg-type]


def _numbered(recommendations: list[ParsedRecommendation]) -> list[ParsedRecommendation]:
    """Unnumbered recommendations of an item of several take the next free number."""
    if len(recommendations) < 2:
        return recommendations
    taken = {r.number for r in recommendations if r.number}
    counter = 0
    numbered = []
    for rec in recommendations:
        if not rec.number:
            counter += 1
            while str(counter) in taken:
                counter += 1
            taken.add(str(counter))
            rec = replace(rec, number=str(counter))
        numbered.append(rec)
    return numbered


def _made_up_title(
    lines: list[Line], recommendations: list[ParsedRecommendation]
) -> tuple[str, str]:
    """An item's title when the file gives none: the area its rows share, else its first
    recommendation's first words."""
    areas = {line.area for line in lines}
    if len(areas) == 1 and (area := areas.pop()):
        return area, "area"
    text = recommendations[0].text if recommendations else ""
    if len(text) > _TITLE_LENGTH:
        text = text[: _TITLE_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text, "recommendation"


def _warn_duplicate_titles(items: list[ParsedTrackerRow], warnings: list[ImportProblem]) -> None:
    """Two items with the same title at one meeting are probably one item typed twice."""
    seen: dict[tuple[object, ...], ParsedTrackerRow] = {}
    for item in items:
        if item.title_from:
            continue
        key = (item.meeting_date, item.committee.casefold(), item.report_title.casefold())
        first = seen.setdefault(key, item)
        if first is not item:
            warnings.append(
                ImportProblem(
                    f"Rows {first.line} and {item.line} have the same title at one meeting "
                    f"(“{item.report_title}”, {long_date(item.meeting_date)}); they are "
                    "imported as two items",
                    row=item.line,
                    sheet=item.sheet or None,
                )
            )


def read_tracker(
    data: bytes,
    *,
    filename: str,
    mapping: Mapping[int, str] | None = None,
    statuses: Mapping[str, str] | None = None,
) -> ParsedTracker:
    """The tracker in a CSV, XLSX or DOCX file, chosen by the file name's extension."""
    return parse_tables(
        read_tracker_tables(data, filename=filename),
        mapping=mapping,
        statuses=statuses,
        filename=filename,
    )


def read_tracker_tables(data: bytes, *, filename: str) -> tuple[Table, ...]:
    """Every table of a CSV, XLSX or DOCX file that holds a tracker."""
    check_size(data, filename=filename)
    reader = TABLE_READERS.get(PurePath(filename).suffix.lower())
    if reader is None:
        raise refused(f"“{PurePath(filename).name}” is not a CSV, XLSX or DOCX file", filename)
    return reader(data, filename=filename)
