"""Downloads of the tracker and briefing notes, with the tracker page's own filters."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from scrutineer.briefings.selectors import briefing_visible_list
from scrutineer.committees.models import Committee
from scrutineer.core import clock, permissions
from scrutineer.core.page_cache import public_page_cache
from scrutineer.core.permissions import permission_required
from scrutineer.exports.selectors import (
    briefing_document,
    performance_report_document,
    tracker_document,
)
from scrutineer.files.documents import TrackerDocument
from scrutineer.files.formats import (
    BRIEFING_FORMATS,
    PERFORMANCE_REPORT_FORMATS,
    TRACKER_FORMATS,
    briefing_bytes,
    performance_report_bytes,
    tracker_chunks,
)
from scrutineer.performance.forms.dashboard import dashboard_filters

OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def _licence(response: HttpResponse | StreamingHttpResponse) -> None:
    """Every download says its licence, for files (CSV) that cannot carry it themselves."""
    response["Link"] = f'<{OGL}>; rel="license"'


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


STATUSES = {"open", "closed", "overdue", "stale"}


def _known_status(value: str) -> str:
    return value if value in STATUSES else ""


def _iso_date(value: str) -> str:
    found = _date(value)
    return found.isoformat() if found else ""


def _yes(value: str) -> str:
    return "1" if value == "1" else ""


# What the tracker's downloads read from the query (the tracker page's own filters), each
# as it is understood, so a made-up value shares the copy of the page it amounts to.
DOCUMENT_READS = {
    "status": _known_status,
    "date_from": _iso_date,
    "date_to": _iso_date,
    "as_at": _iso_date,
}


def _document(request: HttpRequest, committee: Committee) -> TrackerDocument:
    return tracker_document(
        committee=committee,
        user=request.user,
        status=_known_status(request.GET.get("status", "")),
        date_from=_date(request.GET.get("date_from")),
        date_to=_date(request.GET.get("date_to")),
        as_at=_date(request.GET.get("as_at")),
        today=clock.today(),
    )


@permission_required(permissions.can_view_public_pages)
# A large PDF takes seconds to lay out (a 2,000-item tracker): once per change and filter.
@public_page_cache(reads={**DOCUMENT_READS, "forward_plan": _yes})
def tracker_download(request: HttpRequest, slug: str, format_name: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    chosen = TRACKER_FORMATS.get(format_name)
    if chosen is None:
        raise Http404("No such format")
    document = _document(request, committee)
    with_plan = request.GET.get("forward_plan") == "1"
    filename = f"{slugify(document.title)}-{document.as_at:%Y-%m-%d}.{chosen.extension}"
    response: HttpResponse | StreamingHttpResponse
    if format_name == "csv":
        response = StreamingHttpResponse(
            tracker_chunks(document, "csv"), content_type=chosen.content_type
        )
    else:
        data = b"".join(tracker_chunks(document, format_name, with_forward_plan=with_plan))
        response = HttpResponse(data, content_type=chosen.content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    _licence(response)
    return response  # type: ignore[return-value]


@permission_required(permissions.can_view_public_pages)
@public_page_cache(reads=DOCUMENT_READS)
def tracker_print(request: HttpRequest, slug: str) -> HttpResponse:
    from scrutineer.files.writers.html import tracker_html

    committee = get_object_or_404(Committee, slug=slug)
    document = _document(request, committee)
    fragment = tracker_html(document, with_forward_plan=True, standalone=False)
    return render(
        request,
        "exports/print_page.html",
        {
            "title": document.title,
            "fragment": fragment,
            "back": committee.get_absolute_url(),
        },
    )


@permission_required(permissions.can_view_public_pages)
def briefing_download(request: HttpRequest, pk: int, format_name: str) -> HttpResponse:
    note = get_object_or_404(briefing_visible_list(request.user), pk=pk)
    chosen = BRIEFING_FORMATS.get(format_name)
    if chosen is None:
        raise Http404("No such format")
    data = briefing_bytes(briefing_document(note), format_name)
    response = HttpResponse(data, content_type=chosen.content_type)
    filename = f"briefing-note-{slugify(note.report_title)[:60]}.{chosen.extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    _licence(response)
    return response


@permission_required(permissions.can_view_public_pages)
def open_data(request: HttpRequest) -> HttpResponse:
    """Every published dataset, its formats and its licence (Open Government Licence v3.0)."""
    committees = Committee.objects.order_by("name")
    return render(
        request,
        "exports/open_data.html",
        {
            "committees": committees,
            "formats": [TRACKER_FORMATS[name] for name in ("csv", "json", "xlsx")],
        },
    )


@permission_required(permissions.can_view_performance)
def performance_report_download(request: HttpRequest, format_name: str) -> HttpResponse:
    """The quarterly report for the dashboard's filters, as Word or PDF: approved figures
    only, unless the user may see unapproved ones (and then it says so on its first page)."""
    chosen = PERFORMANCE_REPORT_FORMATS.get(format_name)
    if chosen is None:
        raise Http404("No such format")
    filters = dashboard_filters(data=request.GET, user=request.user)
    framework, year, quarter = filters.framework, filters.year, filters.quarter
    if framework is None:
        raise Http404("No performance framework has been set up yet.")
    if year is None:
        raise Http404("There are no figures for that quarter.")
    document = performance_report_document(
        user=request.user,
        framework=framework,
        year=year,
        quarter=quarter,
        directorate=filters.directorate,
        theme=filters.theme,
        today=clock.today(),
    )
    response = HttpResponse(
        performance_report_bytes(document, format_name), content_type=chosen.content_type
    )
    name = f"performance-report-{slugify(framework.name)[:60]}-{year}-{(year + 1) % 100:02d}"
    filename = f"{name}-q{quarter}.{chosen.extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if not document.includes_unapproved:  # unapproved figures are not published data
        response["Link"] = f'<{OGL}>; rel="license"'
    return response
