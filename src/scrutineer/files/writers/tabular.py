"""The tracker as CSV, XLSX and JSON: one row per recommendation, in the published columns.

Pure: dataclasses in, bytes out. Cells hold plain text, never markup: a summary's or an
update's paragraphs are lines of the cell and its list items lines starting "• " (see
``writers.plain``). Text that Excel would run as a formula is neutralised; the importer undoes
the CSV quote (see ``files.formulas``) and reads the lines back as paragraphs and lists, so an
exported tracker imports back exactly.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from scrutineer.core.calendar import long_date
from scrutineer.files.columns import (
    FORWARD_PLAN_COLUMNS,
    TRACKER_COLUMNS,
    TRACKER_EXTRA_COLUMNS,
)
from scrutineer.files.documents import (
    ExportExecutiveResponse,
    ExportItem,
    ExportRecommendation,
    TrackerDocument,
)
from scrutineer.files.formulas import looks_like_formula, neutralise
from scrutineer.files.labels import status_label
from scrutineer.files.writers.plain import cell_text

# Rows per CSV chunk: small enough to stream, big enough that chunks aren't mostly overhead.
_CHUNK_ROWS = 100
# Characters XML 1.0 cannot hold; openpyxl refuses the C0 controls, and Excel the non-characters.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TRACKER_WIDTHS = (
    6,
    18,
    36,
    60,
    60,
    10,
    24,
    60,
    18,
    18,
    24,
    16,
    24,
    24,
    24,
    18,
    18,
    18,
    60,
    60,
    30,
)
# The executive's decision as the spreadsheet writes it; the importer reads these words back.
_DECISIONS = {
    "pending": "Awaiting response",
    "responded": "Responded",
    "accepted": "Accepted",
    "partly_accepted": "Partly accepted",
    "rejected": "Rejected",
}
_PLAN_WIDTHS = (6, 50, 16, 60)
_BOLD = Font(bold=True)
# A cell of several lines is unreadable on one: wrapped and top-aligned, as the printed tracker.
_WRAP = Alignment(wrap_text=True, vertical="top")
_LONG_DATE = "d mmmm yyyy"
_MONTH_YEAR = "mmmm yyyy"

Value = str | int | datetime.date


def tracker_rows(document: TrackerDocument) -> Iterator[list[str]]:
    """The header, then one row of text per recommendation (one per item that has none): the
    published columns, then what the importer also reads (reference, target date, …)."""
    yield [*TRACKER_COLUMNS, *TRACKER_EXTRA_COLUMNS]
    for record in _records(document):
        yield [
            long_date(value) if isinstance(value, datetime.date) else str(value) for value in record
        ]


def tracker_csv_chunks(document: TrackerDocument) -> Iterator[bytes]:
    """The tracker as UTF-8 CSV with a BOM, in chunks of about a hundred rows, for streaming."""
    return rows_csv_chunks(tracker_rows(document))


def rows_csv_chunks(rows: Iterable[Sequence[str]]) -> Iterator[bytes]:
    """Rows of text (the header first) as UTF-8 CSV with a BOM, in chunks of about a hundred
    rows, every cell that Excel would run as a formula neutralised."""
    buffer = io.StringIO()
    # The BOM tells Excel the file is UTF-8; without it "£" and "é" come out as mojibake.
    buffer.write("\ufeff")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    for count, row in enumerate(rows, start=1):
        writer.writerow([neutralise(cell) for cell in row])
        if count % _CHUNK_ROWS == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def tracker_csv(document: TrackerDocument) -> bytes:
    """The whole tracker as CSV bytes."""
    return b"".join(tracker_csv_chunks(document))


def tracker_xlsx(document: TrackerDocument) -> bytes:
    """The tracker as an Excel workbook; a second sheet holds the forward plan, if any."""
    # write_only streams rows to a temporary file instead of keeping every cell in memory
    workbook = Workbook(write_only=True)
    workbook.properties.creator = document.style.council_name or document.council
    workbook.properties.title = document.title
    workbook.properties.description = document.style.licence or None
    sheet = _sheet(workbook, "Tracker", (*TRACKER_COLUMNS, *TRACKER_EXTRA_COLUMNS), _TRACKER_WIDTHS)
    for record in _records(document):
        sheet.append([_cell(sheet, value, _LONG_DATE) for value in record])
    if document.forward_plan:
        names = [name.format(committee=document.committee_short) for name in FORWARD_PLAN_COLUMNS]
        plan = _sheet(workbook, "Forward plan", names, _PLAN_WIDTHS)
        for entry in document.forward_plan:
            values = (entry.number, entry.title, entry.decision_date, entry.note)
            plan.append([_cell(plan, value, _MONTH_YEAR) for value in values])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def tracker_json(document: TrackerDocument) -> bytes:
    """The tracker as JSON: items with their recommendations, then the forward plan."""
    data = {
        "committee": document.committee,
        "as_at": document.as_at.isoformat(),
        "items": [_item_json(item) for item in document.items],
        "forward_plan": [
            {
                "number": entry.number,
                "title": entry.title,
                "decision_date": entry.decision_date.isoformat()[:7],
                "scrutiny": entry.scrutiny,
                "note": entry.note,
            }
            for entry in document.forward_plan
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _records(document: TrackerDocument) -> Iterator[tuple[Value, ...]]:
    """One row of typed values per recommendation; each format turns them into its own cells."""
    for item in document.items:
        recommendations: tuple[ExportRecommendation | None, ...] = item.recommendations or (None,)
        for recommendation in recommendations:
            status = recommendation.status if recommendation else item.status
            assigned = recommendation.assigned_to if recommendation else item.assigned_to
            yield (
                item.number,
                item.meeting_date,
                item.title,
                cell_text(item.summary_html),
                _recommendation_text(recommendation) if recommendation else "",
                status_label(status),
                " / ".join(assigned),
                cell_text(item.progress_html),
                *_extra(item, recommendation),
            )


def _extra(item: ExportItem, rec: ExportRecommendation | None) -> tuple[Value, ...]:
    """The cells after the published columns (``TRACKER_EXTRA_COLUMNS``)."""
    if rec is None:
        return ("", "", item.lead_officer, "", "", "", "", "", "", "", "", "", item.marking)
    answer = rec.response
    # The importer assigns a row's lead officer to its recommendation: name them only where
    # they are assigned already.
    lead = item.lead_officer if item.lead_officer in rec.assigned_to else ""
    return (
        rec.reference,
        rec.due_date or "",
        lead,
        rec.status_wording,
        rec.addressee,
        rec.area,
        rec.cabinet_member,
        answer.sent_on if answer else "",
        _DECISIONS.get(answer.decision, "") if answer else "",
        (answer.responded_on or "") if answer else "",
        answer.text if answer else "",
        answer.reasons if answer else "",
        item.marking,
    )


def _recommendation_text(recommendation: ExportRecommendation) -> str:
    """“2. Text”, under its preamble (“Cabinet to:”) when it has one, as the importer reads it."""
    number = recommendation.number.strip().rstrip(".")
    mark = f"{number})" if number.isalpha() else f"{number}."  # "a) …", as lettered ones are
    text = f"{mark} {recommendation.text}" if number else recommendation.text
    return f"{recommendation.preamble}\n{text}" if recommendation.preamble else text


def _item_json(item: ExportItem) -> dict[str, Any]:
    return {
        "number": item.number,
        "meeting_date": item.meeting_date.isoformat(),
        "title": item.title,
        "summary_html": item.summary_html,
        "status": item.status,
        "assigned_to": list(item.assigned_to),
        "lead_officer": item.lead_officer,
        "marking": item.marking,
        "progress_html": item.progress_html,
        "recommendations": [
            {
                "number": recommendation.number,
                "reference": recommendation.reference,
                "preamble": recommendation.preamble,
                "text": recommendation.text,
                "kind": recommendation.kind,
                "status": recommendation.status,
                "status_wording": recommendation.status_wording,
                "assigned_to": list(recommendation.assigned_to),
                "addressee": recommendation.addressee,
                "due_date": _iso(recommendation.due_date),
                "area": recommendation.area,
                "cabinet_member": recommendation.cabinet_member,
                "executive_response": _response_json(recommendation.response),
            }
            for recommendation in item.recommendations
        ],
    }


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _response_json(response: ExportExecutiveResponse | None) -> dict[str, Any] | None:
    if response is None:
        return None
    return {
        "decision": response.decision,
        "sent_on": response.sent_on.isoformat(),
        "responded_on": _iso(response.responded_on),
        "text": response.text,
        "reasons": response.reasons,
    }


def _sheet(
    workbook: Workbook, title: str, names: tuple[str, ...] | list[str], widths: tuple[int, ...]
) -> WriteOnlyWorksheet:
    """A write-only sheet with its column widths, a bold header and the header frozen."""
    sheet = workbook.create_sheet(title)
    # Widths and panes go in the sheet's XML before the rows, so they must be set first.
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = _BOLD
        header.append(cell)
    sheet.append(header)
    return sheet


def _cell(sheet: WriteOnlyWorksheet, value: Value, date_format: str) -> WriteOnlyCell:
    """A cell holding ``value``: dates as real dates, text always as text, never a formula."""
    if isinstance(value, str):
        value = _NOT_XML.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    cell.alignment = _WRAP
    if isinstance(value, datetime.date):
        cell.number_format = date_format
    elif isinstance(value, str) and looks_like_formula(value):
        # openpyxl makes any string starting "=" a formula; "s" stores it as text. quotePrefix
        # keeps Excel from turning it into a formula when someone edits the cell later.
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell
