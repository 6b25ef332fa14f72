"""The quarterly performance report as an A4 landscape PDF, set by Typst.

Pure: a PerformanceReportDocument in, PDF bytes out. The template is laid out from the web
page's own context (performance_html.report_context), so both print the same figures; each
red indicator's trend chart is the same SVG, with its text alternative.
"""

from __future__ import annotations

from scrutineer.files.documents import PerformanceReportDocument
from scrutineer.files.writers.pdf import house, render
from scrutineer.files.writers.performance_html import report_context


def performance_report_pdf(document: PerformanceReportDocument) -> bytes:
    """The report as an A4 landscape PDF."""
    council = document.council or document.style.council_name
    data = {
        **report_context(document),
        **house(
            document.style,
            title=f"{document.framework}: {document.title}",
            header=(council, document.framework, document.period),
            margin=(14, 12, 14, 12),
            landscape=True,
        ),
        "heading": document.title,
        "furniture": True,
    }
    return render("performance_report.typ", data)
