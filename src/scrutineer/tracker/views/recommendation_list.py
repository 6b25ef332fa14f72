"""The council-wide recommendations list: filtered, paged, downloadable as CSV, and for the
scrutiny team a button that reminds the officers behind it now."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from scrutineer.core import clock, permissions
from scrutineer.core.permissions import permission_required
from scrutineer.files.writers.tabular import rows_csv_chunks
from scrutineer.jobs.services import job_request
from scrutineer.tracker.forms import RecommendationFilterForm
from scrutineer.tracker.models import Recommendation
from scrutineer.tracker.selectors import recommendation_list as selectors
from scrutineer.tracker.tasks import send_requested_reminders

PAGE_SIZE = 50


def _filtered(
    request: HttpRequest,
) -> tuple[RecommendationFilterForm, selectors.RecommendationFilters]:
    """The form bound to the query string, and the filters it gives (none while invalid)."""
    signed_in = permissions.person_of(request.user) is not None
    form = RecommendationFilterForm(
        request.GET or None,
        choices=selectors.recommendation_list_choices(request.user),
        mine=list(selectors.MINE.items()) if signed_in else [],
        responses=list(selectors.RESPONSES.items()),
    )
    filters = selectors.RecommendationFilters()
    if form.is_bound and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "", False)}
        filters = selectors.RecommendationFilters(**data)
    return form, filters


def _query(filters: selectors.RecommendationFilters) -> str:
    query = QueryDict(mutable=True)
    query.update(filters.as_query())
    return query.urlencode()


@permission_required(permissions.can_view_public_pages)
def recommendation_list(request: HttpRequest) -> HttpResponse:
    form, filters = _filtered(request)
    today = clock.today()
    recs = selectors.recommendation_list(user=request.user, filters=filters, today=today)
    page = Paginator(recs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.recommendation_page(list(page.object_list), today=today)
    query = _query(filters)
    return render(
        request,
        "tracker/recommendation_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query,
            "filtered": bool(query),
            "can_remind": permissions.can_remind_officers(request.user),
            "reminded": _reminded(request),
        },
    )


def _reminded(request: HttpRequest) -> int | None:
    """How many people the reminders just sent reached (the job sends the user back here)."""
    value = request.GET.get("reminded", "")
    return int(value) if value.isdigit() and len(value) < 7 else None


@permission_required(permissions.can_view_public_pages)
def recommendation_list_csv(request: HttpRequest) -> HttpResponse:
    """The list with the same filters, as CSV (cells Excel would run neutralised)."""
    _form, filters = _filtered(request)
    today = clock.today()
    recs = selectors.recommendation_list(user=request.user, filters=filters, today=today)
    response = StreamingHttpResponse(
        rows_csv_chunks(selectors.recommendation_export_rows(recs, today=today)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="recommendations-{today:%Y-%m-%d}.csv"'
    return response  # type: ignore[return-value]


def _to_remind(request: HttpRequest, today: datetime.date) -> tuple[Any, list[int], int]:
    _form, filters = _filtered(request)
    recs = selectors.recommendation_list(user=request.user, filters=filters, today=today)
    open_recs = recs.filter(status="open", assignees__isnull=False).order_by().distinct()
    ids = sorted(open_recs.values_list("pk", flat=True))
    people = (
        Recommendation.assignees.through.objects.filter(recommendation_id__in=ids)
        .values("person_id")
        .distinct()
        .count()
    )
    return filters, ids, people


@require_http_methods(["GET", "POST"])
@permission_required(permissions.can_remind_officers)
def recommendation_list_remind(request: HttpRequest) -> HttpResponse:
    """Asks first (GET), then queues the reminders (POST) for the list's open recommendations."""
    today = clock.today()
    filters, ids, people = _to_remind(request, today)
    query = _query(filters)
    back = reverse("tracker:recommendation_list") + (f"?{query}" if query else "")
    if request.method == "POST":
        if not ids:
            messages.error(request, "There are no open recommendations with someone assigned.")
            return redirect(back)
        job = job_request(
            task=send_requested_reminders,
            kind="reminders",
            title=f"Reminders about {len(ids)} recommendation{'s' if len(ids) != 1 else ''}",
            user=request.user,
            params={"recommendations": ids, "filters": filters.as_query()},
            shared=False,
            unit="people",
            back_url=back,
        )
        return redirect("jobs:detail", job.pk)
    return render(
        request,
        "tracker/recommendation_remind.html",
        {"count": len(ids), "people": people, "query": query, "back": back},
    )
