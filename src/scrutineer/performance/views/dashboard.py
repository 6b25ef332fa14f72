"""The quarterly dashboard of a framework, filtered by quarter, directorate and theme."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from scrutineer.core import permissions
from scrutineer.core.page_cache import public_page_cache
from scrutineer.core.permissions import permission_required
from scrutineer.files.formats import PERFORMANCE_REPORT_FORMATS
from scrutineer.performance.forms.dashboard import dashboard_filters
from scrutineer.performance.selectors.dashboard import framework_dashboard


@permission_required(permissions.can_view_performance)
@public_page_cache(reads=["framework", "period", "directorate", "theme"])
def dashboard(request: HttpRequest) -> HttpResponse:
    filters = dashboard_filters(data=request.GET, user=request.user)
    context: dict[str, Any] = {"framework": filters.framework, "board": None}
    context["form"] = filters.form
    if filters.framework is not None and filters.year is not None:
        context["board"] = framework_dashboard(
            user=request.user,
            framework=filters.framework,
            year=filters.year,
            quarter=filters.quarter,
            directorate=filters.directorate,
            theme=filters.theme,
        )
    context["can_see_unapproved"] = permissions.can_view_unapproved_figures(request.user)
    context["can_import"] = permissions.can_manage_performance(request.user)
    context["report_formats"] = list(PERFORMANCE_REPORT_FORMATS.values())
    return render(request, "performance/dashboard.html", context)
