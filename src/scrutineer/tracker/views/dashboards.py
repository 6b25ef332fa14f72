"""What is assigned to me, and what is late across the committees."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from scrutineer.core import clock, permissions
from scrutineer.core.permissions import permission_required
from scrutineer.files.writers.tabular import rows_csv_chunks
from scrutineer.tracker.forms import OverdueFilterForm
from scrutineer.tracker.selectors import dashboards, recommendation_list
from scrutineer.tracker.selectors.recommendation_list import RecommendationFilters


@permission_required(permissions.can_view_my_actions)
def my_actions(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    actions = dashboards.recommendation_action_list(user=request.user, today=today)
    return render(
        request,
        "tracker/my_actions.html",
        {
            "actions": actions,
            "person": permissions.person_of(request.user),
            "overdue": len([a for a in actions if a.is_overdue]),
            "stale": len([a for a in actions if a.is_stale]),
        },
    )


@permission_required(permissions.can_view_my_actions)
def my_actions_csv(request: HttpRequest) -> HttpResponse:
    """My actions as CSV: the open recommendations assigned to me or my teams."""
    today = clock.today()
    recs = recommendation_list.recommendation_list(
        user=request.user, filters=RecommendationFilters(mine="assigned"), today=today
    )
    response = StreamingHttpResponse(
        rows_csv_chunks(recommendation_list.recommendation_export_rows(recs, today=today)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="my-actions-{today:%Y-%m-%d}.csv"'
    return response  # type: ignore[return-value]


@permission_required(permissions.can_view_overdue_dashboard)
def overdue_dashboard(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    people, directorates = recommendation_list.tracker_filter_choices(None, user=request.user)
    form = OverdueFilterForm(request.GET or None, people=people, directorates=directorates)
    assignee, directorate = None, ""
    if form.is_bound and form.is_valid():
        assignee = form.cleaned_data["assignee"]
        directorate = form.cleaned_data["directorate"]
    filters = RecommendationFilters(overdue=True, assignee=assignee, directorate=directorate)
    return render(
        request,
        "tracker/overdue.html",
        {
            "dashboard": dashboards.recommendation_overdue_dashboard(
                user=request.user, today=today, assignee=assignee, directorate=directorate
            ),
            "today": today,
            "form": form,
            "filtered": bool(assignee or directorate),
            "list_query": urlencode(filters.as_query()),
        },
    )
