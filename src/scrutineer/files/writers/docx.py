"""Word (DOCX) versions of the recommendations tracker and of briefing notes, by python-docx.

Pure: dataclasses in, bytes out. Lists are typed out ("1. ", "• ") rather than left to
numbering.xml, so the printed numbers are exactly those of the record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docx.document import Document as DocumentObject
from docx.shared import Cm, Length
from docx.table import _Cell

from scrutineer.core.calendar import long_date, month_year
from scrutineer.files.columns import CLOSURE_COLUMNS, FORWARD_PLAN_COLUMNS, TRACKER_COLUMNS
from scrutineer.files.documents import (
    BriefingDocument,
    ClosureListDocument,
    ExportItem,
    ExportRecommendation,
    TrackerDocument,
)
from scrutineer.files.labels import status_label
from scrutineer.files.writers.docx_html import html_cell
from scrutineer.files.writers.docx_parts import (
    TABLE_PT,
    add_heading,
    add_link,
    add_run,
    add_table,
    cell_paragraphs,
    document_bytes,
    hang,
    list_label,
    new_document,
    page_footer,
    page_header,
    plain_cell,
    set_page,
)

_BRIEFING_PT = 11
# Landscape A4 less 1.5 cm margins leaves 26.7 cm; text-heavy columns get the room.
_TRACKER_WIDTHS = (1.0, 2.4, 3.4, 6.6, 5.4, 1.6, 2.5, 3.8)
_PLAN_WIDTHS = (1.2, 10.0, 3.0, 12.5)
# Portrait A4 less 1.8 cm margins leaves 17.4 cm.
_CLOSURE_WIDTHS = (2.2, 6.4, 5.8, 3.0)


def tracker_docx(
    document: TrackerDocument,
    *,
    with_forward_plan: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """The tracker as a landscape Word document, optionally followed by the forward plan."""
    doc = new_document(document.style, TABLE_PT, title=document.title)
    set_page(doc, landscape=True, margin=Cm(1.5))
    date = f"As at {long_date(document.as_at)}"
    page_header(doc, document.style, (document.council, document.committee, date))
    page_footer(doc, document.style)
    add_heading(doc, document.title)
    cells = add_table(doc, TRACKER_COLUMNS, _TRACKER_WIDTHS)
    total = len(document.items)
    for done, item in enumerate(document.items, start=1):
        _tracker_row(cells(), item)
        if progress is not None and (done % 100 == 0 or done == total):
            progress(done, total)
    if with_forward_plan:
        _forward_plan(doc, document)
    return document_bytes(doc)


def briefing_docx(document: BriefingDocument) -> bytes:
    """The briefing note as a portrait Word document laid out like the council's own."""
    doc = new_document(document.style, _BRIEFING_PT, title=f"Briefing Note: {document.title}")
    set_page(doc, landscape=False, margin=Cm(2.0))
    council = document.council or document.style.council_name
    if council or document.style.logo_png:
        page_header(doc, document.style, (council,))
    page_footer(doc, document.style)
    add_heading(doc, document.addressee)
    add_heading(doc, f"Briefing Note: {document.title}", level=2)
    purpose = doc.add_paragraph()
    add_run(purpose, "Purpose of the briefing note:", bold=True)
    add_run(purpose, f" {document.purpose}")
    _briefing_body(doc, document)
    _contact(doc, document)
    return document_bytes(doc)


def closure_list_docx(document: ClosureListDocument) -> bytes:
    """The closures proposed for a meeting, as a portrait Word paper for the agenda pack."""
    council = document.council or document.style.council_name
    meeting = f"Meeting of {long_date(document.meeting_date)}"
    title = f"{document.title}: {document.committee}, {meeting}"
    doc = new_document(document.style, TABLE_PT + 1, title=title)
    set_page(doc, landscape=False, margin=Cm(1.8))
    page_header(doc, document.style, (council, document.committee, meeting))
    page_footer(doc, document.style)
    add_heading(doc, document.title)
    add_heading(
        doc, f"{document.committee}, meeting of {long_date(document.meeting_date)}", level=2
    )
    intro = doc.add_paragraph()
    if not document.closures:
        add_run(intro, "No recommendations are proposed for closure at this meeting.")
        return document_bytes(doc)
    add_run(
        intro,
        "Officers have reported these recommendations complete and propose that they be "
        "closed. The committee is asked to agree, not agree or defer the closure of each.",
    )
    cells = add_table(doc, CLOSURE_COLUMNS, _CLOSURE_WIDTHS)
    for closure in document.closures:
        reference, recommendation, reason, proposed = cells()
        plain_cell(reference, closure.reference, bold=True)
        paragraphs = cell_paragraphs(recommendation)
        add_run(next(paragraphs), closure.item, bold=True)
        add_run(next(paragraphs), closure.text)
        if closure.is_exempt:
            add_run(next(paragraphs), "Exempt: not for publication", italic=True)
        paragraphs = cell_paragraphs(reason)
        add_run(next(paragraphs), closure.reason or "No reason given.")
        if closure.latest_update and closure.latest_update_on:
            latest = next(paragraphs)
            add_run(latest, f"Latest update, {long_date(closure.latest_update_on)}: ", bold=True)
            add_run(latest, closure.latest_update)
        proposed_on = long_date(closure.proposed_on) if closure.proposed_on else ""
        plain_cell(proposed, ", ".join(part for part in (closure.proposed_by, proposed_on) if part))
    return document_bytes(doc)


# Tracker


def _tracker_row(cells: Sequence[_Cell], item: ExportItem) -> None:
    """Fill one row's cells from an item."""
    plain_cell(cells[0], str(item.number))
    plain_cell(cells[1], long_date(item.meeting_date))
    plain_cell(cells[2], item.title)
    if item.marking:
        add_run(cells[2].add_paragraph(), item.marking, italic=True)
    html_cell(cells[3], item.summary_html)
    _recommendations(cells[4], item.recommendations)
    plain_cell(cells[5], status_label(item.status))
    plain_cell(cells[6], " / ".join(item.assigned_to))
    html_cell(cells[7], item.progress_html)


def _recommendations(cell: _Cell, recommendations: Sequence[ExportRecommendation]) -> None:
    """Each recommendation as "1. text", with its preamble printed once before its group."""
    paragraphs = cell_paragraphs(cell)
    preamble = ""
    for recommendation in recommendations:
        if recommendation.preamble and recommendation.preamble != preamble:
            add_run(next(paragraphs), recommendation.preamble)
        preamble = recommendation.preamble
        prefix = f"{list_label(recommendation.number)} " if recommendation.number else ""
        paragraph = next(paragraphs)
        hang(paragraph, prefix, Length(0), TABLE_PT)
        add_run(paragraph, prefix + recommendation.text)


def _forward_plan(doc: DocumentObject, document: TrackerDocument) -> None:
    """A page break, then the Cabinet Forward Plan items in a table of their own."""
    doc.add_page_break()
    add_heading(doc, document.forward_plan_title)
    headers = [name.format(committee=document.committee_short) for name in FORWARD_PLAN_COLUMNS]
    cells = add_table(doc, headers, _PLAN_WIDTHS)
    for item in document.forward_plan:
        row = cells(keep_together=True)  # one-line rows: nothing is gained by splitting them
        texts = (str(item.number), item.title, month_year(item.decision_date), item.note)
        for cell, text in zip(row, texts, strict=True):
            plain_cell(cell, text)


# Briefing note


def _briefing_body(doc: DocumentObject, document: BriefingDocument) -> None:
    """Section 1.1 with its comments and responses, then 1.2 and the recommendations."""
    start = Length(0)
    inner = _numbered(doc, "1.1", document.introduction, start)
    for comment in document.comments:
        below = _numbered(doc, comment.number, comment.text, inner)
        for response in comment.responses:
            _numbered(doc, list_label(response.letter), response.text, below)
    _numbered(doc, "1.2", f"The {document.committee} agreed the recommendations:", start)
    for number, text in document.recommendations:
        _numbered(doc, list_label(number), text, inner, italic=True)


def _numbered(
    doc: DocumentObject, number: str, text: str, start: Length, *, italic: bool = False
) -> Length:
    """A paragraph "number text" at ``start``; returns where its text starts, for sub-items."""
    paragraph = doc.add_paragraph()
    prefix = f"{number} "
    add_run(paragraph, prefix + text, italic=italic)
    return hang(paragraph, prefix, start, _BRIEFING_PT)


def _contact(doc: DocumentObject, document: BriefingDocument) -> None:
    """The "please contact" block, with labels in bold and the e-mail address as a link."""
    lead = doc.add_paragraph()
    add_run(lead, "For any questions regarding this briefing note, please contact:", bold=True)
    fields = (
        ("Name", document.contact_name),
        ("Job title", document.contact_role),
        ("E-mail", document.contact_email),
        ("Telephone", document.contact_phone),
    )
    for label, value in fields:
        if not value and label != "Name":  # the seed prints only the lines it has
            continue
        paragraph = doc.add_paragraph()
        add_run(paragraph, f"{label}: ", bold=True)
        if label == "E-mail":
            add_link(paragraph, f"mailto:{value}", value)
        else:
            add_run(paragraph, value)
