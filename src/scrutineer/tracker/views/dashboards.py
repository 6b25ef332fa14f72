"""What is assigned to me, and what is late across the committees."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from scrutineer.core import clock, permissions
from scrutineer.core.permissions import permission_required
from scrutineer.tracker.selectors import dashboards


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


@permission_required(permissions.can_view_overdue_dashboard)
def overdue_dashboard(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    return render(
        request,
        "tracker/overdue.html",
        {
            "dashboard": dashboards.recommendation_overdue_dashboard(
                user=request.user, today=today
            ),
            "today": today,
        },
    )
