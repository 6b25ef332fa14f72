"""The annual scrutiny report as a Word document in the house style, by python-docx.

Pure: an AnnualReportDocument in, bytes out. Word shows no SVG, so each chart is the page's
own drawing as a picture, its alt text the chart's text alternative, followed by a table of
the numbers it draws.
"""

from __future__ import annotations

import io
from typing import Any

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell

from scrutineer.files.documents import AnnualReportDocument
from scrutineer.files.writers.annual_context import report_context
from scrutineer.files.writers.docx_parts import (
    add_heading,
    add_run,
    add_table,
    document_bytes,
    new_document,
    page_footer,
    page_header,
    plain_cell,
    report_headings,
    set_page,
    xml_safe,
)
from scrutineer.files.writers.pdf import svg_png

_SIZE = 10
_CHART_MM = 150
# Landscape A4 less 1.8 cm margins leaves 26.1 cm: eleven columns of figures, each heading
# whole on its line or two (portrait would break "Accepted" within the word).
_PAIR_WIDTHS = (12.0, 4.0)
_GROUP_WIDTHS = (4.6, *([1.95] * 11))


def annual_report_docx(document: AnnualReportDocument) -> bytes:
    """The report: the year in figures, its charts, the tables, reviews and impact stories."""
    context = report_context(document.report, prefix="docx")
    council = document.council or document.style.council_name
    doc = new_document(document.style, _SIZE, title=f"{document.title}: {context['committee']}")
    report_headings(doc, points=(18, 13, 11), before_level_2=12)
    set_page(doc, landscape=True, margin=Cm(1.8))
    page_header(
        doc,
        document.style,
        (council, context["committee"], f"Municipal year {context['year']}"),
    )
    page_footer(doc, document.style)
    add_heading(doc, document.title)
    lead = doc.add_paragraph()
    add_run(lead, context["committee"], bold=True)
    add_run(lead, f"\n{council} \N{MIDDLE DOT} {context['period']}")
    add_run(lead, f" \N{MIDDLE DOT} as they stand on {context['as_of']}")
    if document.includes_exempt:
        notice = doc.add_paragraph()
        add_run(notice, "Not for publication:", bold=True)
        add_run(
            notice,
            " these figures count the exempt and draft business the person who made this "
            "report may see. The published report counts only what the public sees.",
        )
    add_heading(doc, "The year in figures", level=2)
    add_row = add_table(doc, ("Measure", "Figure"), _PAIR_WIDTHS)
    _right(doc.tables[-1].rows[0].cells[1])
    for label, value in context["headline"]:
        cells = add_row(keep_together=True)
        plain_cell(cells[0], label)
        _number(cells[1], value, bold=True)
    for chart in context["charts"]:
        _chart(doc, chart, font=document.style.font_family)
    for group in context["groups"]:
        if not group["rows"]:
            continue
        add_heading(doc, group["caption"], level=2)
        headers = (group["heading"], *context["group_headings"])
        add_row = add_table(doc, headers, _GROUP_WIDTHS)
        for cell in doc.tables[-1].rows[0].cells[1:]:
            _right(cell)
        for row in group["rows"]:
            cells = add_row(keep_together=True)
            plain_cell(cells[0], row["name"], bold=True)
            for cell, value in zip(cells[1:], row["cells"], strict=True):
                _number(cell, value)
        _shrink(doc.tables[-1])
    add_heading(doc, "Task-and-finish reviews", level=2)
    if context["reviews"]:
        add_row = add_table(doc, ("Review", "Meetings"), _PAIR_WIDTHS)
        _right(doc.tables[-1].rows[0].cells[1])
        for review in context["reviews"]:
            cells = add_row(keep_together=True)
            plain_cell(cells[0], review["name"])
            _number(cells[1], review["meetings"])
    else:
        doc.add_paragraph("No task-and-finish group met this year.")
    add_heading(doc, "Impact stories", level=2)
    if not context["stories"]:
        doc.add_paragraph("No impact stories have been chosen for this year.")
    for story in context["stories"]:
        add_heading(doc, f"{story['reference']}: {story['committee']}, {story['meeting']}", 3)
        for label, text in (
            ("Recommendation", story["recommendation"]),
            ("Executive's response", story["executive_response"]),
            ("Status", story["status"]),
            ("What came of it", story["outcome"]),
        ):
            if text:
                paragraph = doc.add_paragraph()
                add_run(paragraph, f"{label}: ", bold=True)
                add_run(paragraph, text)
    return document_bytes(doc)


def _chart(doc: DocumentObject, chart: dict[str, Any], *, font: str) -> None:
    add_heading(doc, chart["title"], level=2)
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER  # over the table, which is centred
    paragraph.paragraph_format.keep_with_next = True
    picture = paragraph.add_run().add_picture(
        io.BytesIO(svg_png(str(chart["svg"]), width_mm=_CHART_MM, font=font)),
        width=Mm(_CHART_MM + 4),
    )
    picture._inline.docPr.set("descr", xml_safe(chart["description"]))
    picture._inline.docPr.set("title", xml_safe(chart["title"]))
    add_row = add_table(doc, (chart["heading"], "Number"), _PAIR_WIDTHS)
    _right(doc.tables[-1].rows[0].cells[1])
    for row in chart["rows"]:
        cells = add_row(keep_together=True)
        plain_cell(cells[0], row["label"])
        _number(cells[1], row["value"])


def _right(cell: _Cell) -> None:
    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _number(cell: _Cell, text: str, *, bold: bool = False) -> None:
    plain_cell(cell, text, bold=bold)
    _right(cell)


def _shrink(table: Any) -> None:
    """Eleven columns of figures fit the page at 8 points."""
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)
