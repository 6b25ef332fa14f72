"""The tracker: the committees' list, a committee's tracker with its filters, and the
tracker as it stood on a past date."""

from __future__ import annotations

import datetime

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from scrutineer.committees.selectors import meeting_next
from scrutineer.core import clock, page_cache, permissions
from scrutineer.core.page_cache import public_page_cache
from scrutineer.core.permissions import permission_required
from scrutineer.files.formats import TRACKER_FORMATS
from scrutineer.tracker.as_at import as_at_reconstructed_from, tracker_as_at
from scrutineer.tracker.forms import AsAtForm, TrackerFilterForm
from scrutineer.tracker.selectors import tracker_page, visibility
from scrutineer.tracker.views.objects import get_committee

PAGE_SIZE = 25


@permission_required(permissions.can_view_public_pages)
@public_page_cache
def tracker_index(request: HttpRequest) -> HttpResponse:
    committees = tracker_page.committee_list_with_counts(request.user)
    return render(request, "tracker/index.html", {"committees": committees})


@permission_required(permissions.can_view_public_pages)
@public_page_cache(reads=[*TrackerFilterForm.base_fields, "page"])
def committee_tracker(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_committee(slug)
    people, directorates = page_cache.remembered(
        request,
        "tracker-filter-choices",
        lambda: tracker_page.tracker_filter_choices(committee, user=request.user),
        committee.pk,
        visibility.tracker_audience(request.user),
    )
    form = TrackerFilterForm(
        request.GET or None,
        people=people,
        directorates=directorates,
        council=permissions.is_staff_user(request.user),
    )
    filters = tracker_page.TrackerFilters()
    if form.is_bound and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        filters = tracker_page.TrackerFilters(**data)
    today = clock.today()
    items = tracker_page.tracker_items(
        user=request.user, committee=committee, filters=filters, today=today
    )
    # The same for everyone who sees what this user sees, until the records change.
    counts = page_cache.remembered(
        request,
        "tracker-counts",
        lambda: tracker_page.tracker_counts(items, today=today),
        committee.pk,
        visibility.tracker_audience(request.user),
        filters,
    )
    # Page through ids, then load that page's items: the list's annotations (open,
    # overdue, last update) are worked out only where the filter or the order needs them.
    page = Paginator(items.values_list("pk", flat=True), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    # Each row is kept by the page cache: only those it lacks are worked out.
    rows = tracker_page.TrackerPageRows(
        tracker_page.tracker_page_items(list(page.object_list)), today=today
    )
    query = request.GET.copy()
    query.pop("page", None)
    # The council side's way to the closures proposed for the committee's next meeting.
    closures_meeting = meeting_next(committee, today=today)
    if closures_meeting is not None and not permissions.can_view_closure_list(
        request.user, closures_meeting
    ):
        closures_meeting = None
    return render(
        request,
        "tracker/tracker.html",
        {
            "committee": committee,
            "form": form,
            "rows": rows,
            "page": page,
            "counts": counts,
            "query": query.urlencode(),
            "can_manage": permissions.can_manage_tracker(request.user),
            "closures_meeting": closures_meeting,
            "stale_days": tracker_page.progress_stale_before(today),
            "formats": [f for f in TRACKER_FORMATS.values() if f.name != "html"],
            "minutes_awaited": tracker_page.meetings_minutes_awaited(committee, today=today),
        },
    )


@permission_required(permissions.can_view_public_pages)
def committee_tracker_as_at(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_committee(slug)
    form = AsAtForm(request.GET or None)
    rows = None
    when = None
    files: list[str] = []
    if form.is_bound and form.is_valid():
        day: datetime.date = form.cleaned_data["date"]
        when = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
        rows = tracker_as_at(committee=committee, when=when, user=request.user)
        files = as_at_reconstructed_from(committee=committee, when=when) if rows else []
    return render(
        request,
        "tracker/as_at.html",
        {"committee": committee, "form": form, "rows": rows, "when": when, "files": files},
    )
