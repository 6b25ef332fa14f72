"""The quarterly performance report as a landscape Word document, by python-docx.

Pure: a PerformanceReportDocument in, bytes out. python-docx cannot embed the SVG trend
charts, so each red indicator's trend is the table of the figures the chart plots.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm
from docx.table import _Cell

from scrutineer.core.calendar import long_date
from scrutineer.files.documents import (
    PerformanceReportDocument,
    ReportBreakdown,
    ReportIndicator,
    ReportMilestone,
    ReportTrend,
)
from scrutineer.files.labels import RAG_LABELS, RAG_ORDER, figure
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
    shade_cell,
    xml_safe,
)
from scrutineer.files.writers.pdf import svg_png
from scrutineer.files.writers.performance_html import (
    direction_label,
    rag_label,
    short_date,
    trend_chart_svg,
    trend_description,
)

_SIZE = 9
# The trend chart's width in the Word report, as in the PDF's.
_CHART_MM = 150
# Tints behind the RAG word: dark text on light, so the word stays readable in print.
_RAG_FILL = {"red": "F4CCCC", "amber": "FCE4CC", "green": "D9EAD3", "blue": "D2E2F1"}
# Landscape A4 less 1.5 cm margins leaves 26.7 cm.
_INDICATOR_WIDTHS = (6.6, 2.2, 2.2, 2.0, 2.3, 2.3, 9.1)
_INDICATOR_COLUMNS = (
    "Indicator",
    "Value",
    "Target",
    "RAG",
    "Short term",
    "Long term",
    "Commentary and route to green",
)
_BREAKDOWN_WIDTHS = (9.2, 3.0, 3.0, 3.0, 3.0, 2.5)
_TREND_WIDTHS = (3.2, 3.0, 3.0, 4.4, 4.4, 2.6)
_TREND_COLUMNS = ("Quarter", "Value", "Target", "Tolerance band", "Same quarter last year", "RAG")
_MILESTONE_WIDTHS = (7.7, 4.0, 2.6, 2.6, 2.6, 2.6, 2.4, 2.2)
_MILESTONE_COLUMNS = (
    "Milestone",
    "Directorate",
    "Planned",
    "Forecast",
    "Actual",
    "Status",
    "Slippage (days)",
    "RAG",
)
_NUMERIC = {
    *("Value", "Target", "Tolerance band", "Same quarter last year", "Slippage (days)"),
    *RAG_LABELS.values(),
    "Total",
}


def performance_report_docx(document: PerformanceReportDocument) -> bytes:
    """The report: summary, red and worsening indicators, their trends, milestones, all."""
    doc = new_document(document.style, _SIZE, title=document.title)
    report_headings(doc, points=(17, 13, 10.5), before_level_2=10)
    set_page(doc, landscape=True, margin=Cm(1.5))
    council = document.council or document.style.council_name
    page_header(doc, document.style, (council, document.framework, document.period))
    page_footer(doc, document.style)
    add_heading(doc, document.title)
    lead = doc.add_paragraph()
    add_run(lead, document.framework, bold=True)
    details = [
        council,
        document.scope,
        f"milestone slippage measured to {long_date(document.as_at)}",
    ]
    add_run(lead, "\n" + " \N{MIDDLE DOT} ".join(part for part in details if part))
    if document.is_demo:
        _notice(
            doc,
            "Sample data:",
            "these figures are invented to show how the report works; they are not the "
            "council's performance.",
        )
    if document.includes_unapproved:
        _notice(
            doc,
            "Not for publication:",
            "this report includes unapproved and provisional figures, marked as such. The "
            "published report shows approved figures only.",
        )
    _summary(doc, document)
    add_heading(doc, "Red indicators", level=2)
    _indicators(doc, document.red)
    add_heading(doc, "Worsening indicators", level=2)
    doc.add_paragraph(
        "Worse than the previous quarter (short term) or the same quarter last year (long term)."
    )
    _indicators(doc, document.worsening)
    if document.trends:
        add_heading(doc, "Trends of the red indicators", level=2)
        doc.add_paragraph(
            "Each red indicator's trend chart, with the figures it plots in a table after it."
        )
        for index, trend in enumerate(document.trends):
            _trend(doc, trend, index, font=document.style.font_family)
    add_heading(doc, "Milestones", level=2)
    _milestones(doc, document.milestones)
    add_heading(doc, "All indicators", level=2)
    _indicators(doc, document.indicators, empty="No indicators in this report.")
    return document_bytes(doc)


def _notice(doc: DocumentObject, label: str, text: str) -> None:
    paragraph = doc.add_paragraph()
    add_run(paragraph, label, bold=True)
    add_run(paragraph, f" {text}")


def _summary(doc: DocumentObject, document: PerformanceReportDocument) -> None:
    add_heading(doc, "Summary", level=2)
    total = document.overall.total
    counts = ", ".join(
        f"{count} {rag_label(rag).lower()} ({share}%)"
        for rag, count, share in document.overall.counts
    )
    doc.add_paragraph(f"{total} indicator{'' if total == 1 else 's'} in this report: {counts}.")
    for caption, heading, groups in (
        ("All indicators by RAG", "Indicators", (document.overall,)),
        ("By theme", "Theme", document.by_theme),
        ("By directorate", "Directorate", document.by_directorate),
    ):
        add_heading(doc, caption, level=3)
        _breakdowns(doc, heading, groups)


def _breakdowns(doc: DocumentObject, heading: str, groups: Sequence[ReportBreakdown]) -> None:
    headers = (heading, *(RAG_LABELS[rag] for rag in RAG_ORDER), "Total")
    add_row = add_table(doc, headers, _BREAKDOWN_WIDTHS)
    _align_header(doc, headers)
    for group in groups:
        cells = add_row(keep_together=True)
        plain_cell(cells[0], group.name, bold=True)
        for cell, (_, count, share) in zip(cells[1:], group.counts, strict=False):
            _number(cell, f"{count} ({share}%)")
        _number(cells[-1], str(group.total))


def _indicators(
    doc: DocumentObject, rows: Sequence[ReportIndicator], *, empty: str = "None in this report."
) -> None:
    if not rows:
        doc.add_paragraph(empty)
        return
    add_row = add_table(doc, _INDICATOR_COLUMNS, _INDICATOR_WIDTHS)
    _align_header(doc, _INDICATOR_COLUMNS)
    for row in rows:
        cells = add_row(keep_together=True)
        plain_cell(cells[0], f"{row.code} {row.name}", bold=True)
        add_run(cells[0].add_paragraph(), row.directorate)
        _number(cells[1], figure(row.value, row.unit))
        for flag, on in (("Unapproved", row.unapproved), ("Provisional", row.provisional)):
            if on:
                paragraph = cells[1].add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                add_run(paragraph, flag, bold=True)
        _number(cells[2], figure(row.target, row.unit))
        _rag(cells[3], row.rag)
        plain_cell(cells[4], direction_label(row.short_term))
        plain_cell(cells[5], direction_label(row.long_term))
        if row.commentary:
            plain_cell(cells[6], row.commentary)
        if row.route_to_green and row.rag != "green":
            paragraph = cells[6].add_paragraph() if row.commentary else cells[6].paragraphs[0]
            add_run(paragraph, "Route to green: ", bold=True)
            add_run(paragraph, row.route_to_green)


def _trend(doc: DocumentObject, trend: ReportTrend, index: int, *, font: str) -> None:
    add_heading(doc, f"{trend.code} {trend.name}", level=3)
    words = trend_description(trend, "The table gives every figure.")
    description = doc.add_paragraph(words)
    description.paragraph_format.keep_with_next = True  # never a chart's words without it
    # The chart the PDF and the web page draw, as a picture (Word shows no SVG) whose alt
    # text is the chart's own text alternative.
    chart = doc.add_paragraph()
    chart.paragraph_format.keep_with_next = True
    picture = chart.add_run().add_picture(
        io.BytesIO(svg_png(trend_chart_svg(trend, index), width_mm=_CHART_MM, font=font)),
        width=Mm(_CHART_MM + 4),
    )
    picture._inline.docPr.set("descr", xml_safe(words))
    picture._inline.docPr.set("title", xml_safe(f"Trend chart: {trend.code} {trend.name}"))
    add_row = add_table(doc, _TREND_COLUMNS, _TREND_WIDTHS)
    _align_header(doc, _TREND_COLUMNS)
    for index, point in enumerate(trend.points, start=1):
        cells = add_row(keep_together=True)
        if index < len(trend.points):  # the whole table on one page, as the chart would be
            for cell in cells:
                cell.paragraphs[0].paragraph_format.keep_with_next = True
        plain_cell(cells[0], point.label, bold=True)
        _number(cells[1], figure(point.value, trend.unit))
        _number(cells[2], figure(point.target, trend.unit))
        band = (
            f"{figure(point.band_low, trend.unit)} to {figure(point.band_high, trend.unit)}"
            if point.band_low is not None and point.band_high is not None
            else "\N{EM DASH}"
        )
        _number(cells[3], band)
        _number(cells[4], figure(point.previous_year, trend.unit))
        _rag(cells[5], point.rag)


def _milestones(doc: DocumentObject, milestones: Sequence[ReportMilestone]) -> None:
    if not milestones:
        doc.add_paragraph("No milestones recorded.")
        return
    doc.add_paragraph(
        "Slippage is the days between the planned date and the actual date (or, until then, "
        "the forecast). Green: on time or early; amber: up to 30 days late; red: later."
    )
    add_row = add_table(doc, _MILESTONE_COLUMNS, _MILESTONE_WIDTHS)
    _align_header(doc, _MILESTONE_COLUMNS)
    for milestone in milestones:
        cells = add_row(keep_together=True)
        plain_cell(cells[0], milestone.name, bold=True)
        if milestone.commentary:
            add_run(cells[0].add_paragraph(), milestone.commentary)
        plain_cell(cells[1], milestone.directorate)
        for cell, day in zip(
            cells[2:5],
            (milestone.planned_date, milestone.forecast_date, milestone.actual_date),
            strict=True,
        ):
            plain_cell(cell, short_date(day))
        plain_cell(cells[5], milestone.status)
        _number(cells[6], str(milestone.slippage))
        _rag(cells[7], milestone.rag)


def _align_header(doc: DocumentObject, headers: Sequence[str]) -> None:
    """Right-align the headers of numeric columns, over their figures."""
    header = doc.tables[-1].rows[0]  # the table _table has just added
    for cell, name in zip(header.cells, headers, strict=True):
        if name in _NUMERIC:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _number(cell: _Cell, text: str) -> None:
    plain_cell(cell, text)
    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _rag(cell: _Cell, rag: str) -> None:
    """The RAG as a word in bold, on a tint that repeats it."""
    plain_cell(cell, rag_label(rag), bold=True)
    if rag in _RAG_FILL:
        shade_cell(cell, _RAG_FILL[rag])
