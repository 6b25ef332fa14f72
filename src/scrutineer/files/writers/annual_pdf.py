"""The annual scrutiny report as an A4 portrait PDF, set by Typst in the house style.

Pure: an AnnualReportDocument in, PDF bytes out. Laid out from the web page's own context
(annual_context.report_context), so both print the same figures; each chart is the page's
SVG with its text alternative, followed by a table of the numbers it draws.
"""

from __future__ import annotations

from scrutineer.files.documents import AnnualReportDocument
from scrutineer.files.writers.annual_context import report_context
from scrutineer.files.writers.pdf import house, render


def annual_report_pdf(document: AnnualReportDocument) -> bytes:
    """The report as a tagged PDF/UA-1 document."""
    council = document.council or document.style.council_name
    context = report_context(document.report, prefix="pdf")
    data = {
        **context,
        "charts": [{**chart, "svg": str(chart["svg"])} for chart in context["charts"]],
        "headline": [list(pair) for pair in context["headline"]],
        **house(
            document.style,
            title=f"{document.title}: {context['committee']}",
            header=(council, context["committee"], f"Municipal year {context['year']}"),
            margin=(16, 16, 16, 16),
            landscape=False,
        ),
        "heading": document.title,
        "council": council,
        "includes_exempt": document.includes_exempt,
        "furniture": True,
    }
    return render("annual_report.typ", data)
