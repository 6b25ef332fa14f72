"""Downloads of the tracker and briefing notes, with the tracker page's own filters."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify

from scrutineer.briefings.selectors import briefing_visible_list
from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import clock, permissions
from scrutineer.core.page_cache import public_page_cache
from scrutineer.core.permissions import permission_required
from scrutineer.exports.selectors import (
    annual_report_document,
    briefing_document,
    closure_list_document,
    performance_report_document,
    tracker_document,
    tracker_document_size,
)
from scrutineer.exports.tasks import (
    make_performance_report,
    make_tracker_document,
    performance_report_filename,
    tracker_filename,
)
from scrutineer.files.documents import TrackerDocument
from scrutineer.files.formats import (
    ANNUAL_REPORT_FORMATS,
    BRIEFING_FORMATS,
    CLOSURE_LIST_FORMATS,
    PERFORMANCE_REPORT_FORMATS,
    TRACKER_FORMATS,
    annual_report_bytes,
    briefing_bytes,
    closure_list_bytes,
    performance_report_bytes,
    tracker_chunks,
)
from scrutineer.jobs.services import job_request
from scrutineer.performance.forms.dashboard import dashboard_filters
from scrutineer.performance.selectors.frameworks import framework_indicator_count
from scrutineer.tracker.forms import annual_report_form
from scrutineer.tracker.selectors.annual import year_label
from scrutineer.tracker.selectors.visibility import tracker_audience

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


# Formats whose large documents a worker makes; the others stream or take a moment.
BACKGROUND_FORMATS = {"pdf", "docx"}


def _filters(request: HttpRequest) -> dict[str, str]:
    """The tracker page's filters as this download understands them (the job's parameters)."""
    return {
        name: clean(request.GET.get(name, ""))
        for name, clean in {**DOCUMENT_READS, "forward_plan": _yes}.items()
    }


@permission_required(permissions.can_view_public_pages)
# Once per change and filter; a large Word or PDF file is made by a worker (see jobs).
@public_page_cache(reads={**DOCUMENT_READS, "forward_plan": _yes})
def tracker_download(request: HttpRequest, slug: str, format_name: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    chosen = TRACKER_FORMATS.get(format_name)
    if chosen is None:
        raise Http404("No such format")
    filters = _filters(request)
    if format_name in BACKGROUND_FORMATS and _is_large(request, committee, filters):
        job = job_request(
            task=make_tracker_document,
            kind="tracker-document",
            title=f"{committee.name} tracker ({chosen.label})",
            user=request.user,
            params={"committee": committee.pk, "format": format_name, **filters},
            audience=tracker_audience(request.user),
            back_url=committee.get_absolute_url(),
        )
        return redirect("jobs:detail", job.pk)
    document = _document(request, committee)
    with_plan = filters["forward_plan"] == "1"
    filename = tracker_filename(document.title, document.as_at, chosen.extension)
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


def _is_large(request: HttpRequest, committee: Committee, filters: dict[str, str]) -> bool:
    size = tracker_document_size(
        committee=committee,
        user=request.user,
        status=filters["status"],
        date_from=_date(filters["date_from"]),
        date_to=_date(filters["date_to"]),
        as_at=_date(filters["as_at"]),
        today=clock.today(),
    )
    return size > settings.SCRUTINEER_DOCUMENT_AT_ONCE_ITEMS


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


def _meeting(pk: int, **_: str) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)


def _closures_filename(meeting: Meeting, extension: str) -> str:
    return f"proposed-closures-{meeting.committee.slug}-{meeting.date:%Y-%m-%d}.{extension}"


@permission_required(permissions.can_view_closure_list, get_object=_meeting)
def closures_download(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """The closures proposed for a meeting, as the agenda pack's paper (Word or PDF)."""
    format_name = request.resolver_match.kwargs["format_name"] if request.resolver_match else ""
    chosen = CLOSURE_LIST_FORMATS.get(format_name)
    if chosen is None:
        raise Http404("No such format")
    data = closure_list_bytes(closure_list_document(meeting, user=request.user), format_name)
    response = HttpResponse(data, content_type=chosen.content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{_closures_filename(meeting, chosen.extension)}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@permission_required(permissions.can_view_closure_list, get_object=_meeting)
def closures_print(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """The closures proposed for a meeting, as a page to print with the print stylesheet."""
    from scrutineer.files.writers.html import closure_list_html

    document = closure_list_document(meeting, user=request.user)
    return render(
        request,
        "exports/print_page.html",
        {
            "title": f"{document.title}: {meeting.committee.name}, {meeting.date:%-d %B %Y}",
            "fragment": closure_list_html(document, standalone=False),
            "back": reverse("tracker:meeting_closures", args=[meeting.pk]),
            "back_text": "Back to the proposed closures",
            "portrait": True,
        },
    )


@permission_required(permissions.can_view_performance)
def performance_report_download(request: HttpRequest, format_name: str) -> HttpResponseBase:
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
    if format_name in BACKGROUND_FORMATS and (
        framework_indicator_count(framework) > settings.SCRUTINEER_DOCUMENT_AT_ONCE_ITEMS
    ):
        job = job_request(
            task=make_performance_report,
            kind="performance-report",
            title=f"{framework.name} performance report, {year}/{(year + 1) % 100:02d} "
            f"quarter {quarter} ({chosen.label})",
            user=request.user,
            params={
                "framework": framework.pk,
                "format": format_name,
                "year": year,
                "quarter": quarter,
                "directorate": filters.directorate,
                "theme": filters.theme,
            },
            audience=(
                "unapproved" if permissions.can_view_unapproved_figures(request.user) else "public"
            ),
            back_url=reverse("performance:dashboard"),
        )
        return redirect("jobs:detail", job.pk)
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
    filename = performance_report_filename(framework.name, year, quarter, chosen.extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if not document.includes_unapproved:  # unapproved figures are not published data
        response["Link"] = f'<{OGL}>; rel="license"'
    return response


@permission_required(permissions.can_view_public_pages)
@public_page_cache(reads=["year", "committee"])
def annual_report_download(request: HttpRequest, format_name: str) -> HttpResponse:
    """The annual scrutiny report for the page's year and committee: Word and PDF in the
    house style, CSV and JSON as open data; counted as the user may see it."""
    chosen = ANNUAL_REPORT_FORMATS.get(format_name)
    if chosen is None:
        raise Http404("No such format")
    _, year, committee = annual_report_form(request.GET)
    if year is None:
        raise Http404("There is no annual report for that year or committee.")
    document = annual_report_document(
        user=request.user, year=year, committee=committee, today=clock.today()
    )
    response = HttpResponse(
        annual_report_bytes(document, format_name), content_type=chosen.content_type
    )
    scope = committee.slug if committee else "all-committees"
    filename = f"annual-scrutiny-report-{year_label(year).replace('/', '-')}-{scope}"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{chosen.extension}"'
    if document.includes_exempt:  # the council's counts are not published data
        response["Cache-Control"] = "private, no-store"
    else:
        _licence(response)
    return response
