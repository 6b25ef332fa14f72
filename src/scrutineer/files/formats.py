"""Which writer makes which format, with its file extension and media type."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from scrutineer.files.documents import (
    AnnualReportDocument,
    BriefingDocument,
    ClosureListDocument,
    PerformanceReportDocument,
    TrackerDocument,
)


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    extension: str
    content_type: str


TRACKER_FORMATS = {
    f.name: f
    for f in [
        Format(
            "docx",
            "Word",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        Format("pdf", "PDF", "pdf", "application/pdf"),
        Format(
            "xlsx",
            "Excel",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        Format("csv", "CSV", "csv", "text/csv; charset=utf-8"),
        Format("json", "JSON", "json", "application/json"),
        Format("html", "Web page", "html", "text/html; charset=utf-8"),
    ]
}
BRIEFING_FORMATS = {name: TRACKER_FORMATS[name] for name in ("docx", "pdf", "html")}
CLOSURE_LIST_FORMATS = {name: TRACKER_FORMATS[name] for name in ("docx", "pdf")}
PERFORMANCE_REPORT_FORMATS = {name: TRACKER_FORMATS[name] for name in ("docx", "pdf")}
ANNUAL_REPORT_FORMATS = {name: TRACKER_FORMATS[name] for name in ("docx", "pdf", "csv", "json")}


def tracker_chunks(
    document: TrackerDocument,
    format_name: str,
    *,
    with_forward_plan: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[bytes]:
    """The document in a format, as chunks: CSV streams; the others come in one piece."""
    from scrutineer.files.writers import docx, html, pdf, tabular

    if format_name == "csv":
        yield from tabular.tracker_csv_chunks(document)
    elif format_name == "docx":
        yield docx.tracker_docx(document, with_forward_plan=with_forward_plan, progress=progress)
    elif format_name == "pdf":
        yield pdf.tracker_pdf(document, with_forward_plan=with_forward_plan, progress=progress)
    elif format_name == "xlsx":
        yield tabular.tracker_xlsx(document)
    elif format_name == "json":
        yield tabular.tracker_json(document)
    elif format_name == "html":
        yield html.tracker_html(document, with_forward_plan=with_forward_plan).encode()
    else:
        raise ValueError(f"Unknown format {format_name!r}")


def briefing_bytes(document: BriefingDocument, format_name: str) -> bytes:
    from scrutineer.files.writers import docx, html, pdf

    writers: dict[str, Callable[[BriefingDocument], bytes]] = {
        "docx": docx.briefing_docx,
        "pdf": pdf.briefing_pdf,
        "html": lambda d: html.briefing_html(d).encode(),
    }
    return writers[format_name](document)


def performance_report_bytes(document: PerformanceReportDocument, format_name: str) -> bytes:
    from scrutineer.files.writers import performance_docx, performance_pdf

    writers: dict[str, Callable[[PerformanceReportDocument], bytes]] = {
        "docx": performance_docx.performance_report_docx,
        "pdf": performance_pdf.performance_report_pdf,
    }
    return writers[format_name](document)


def closure_list_bytes(document: ClosureListDocument, format_name: str) -> bytes:
    from scrutineer.files.writers import docx, pdf

    writers: dict[str, Callable[[ClosureListDocument], bytes]] = {
        "docx": docx.closure_list_docx,
        "pdf": pdf.closure_list_pdf,
    }
    return writers[format_name](document)


def annual_report_bytes(document: AnnualReportDocument, format_name: str) -> bytes:
    """The annual scrutiny report: Word and PDF in the house style, CSV and JSON as data."""
    from scrutineer.files.writers import annual_docx, annual_pdf, annual_report

    writers: dict[str, Callable[[AnnualReportDocument], bytes]] = {
        "docx": annual_docx.annual_report_docx,
        "pdf": annual_pdf.annual_report_pdf,
        "csv": lambda d: annual_report.annual_report_csv(d.report),
        "json": lambda d: annual_report.annual_report_json(d.report),
    }
    return writers[format_name](document)
