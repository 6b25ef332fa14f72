"""The quarterly dashboard of a framework, filtered by quarter, directorate and theme."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from scrutineer.core import permissions
from scrutineer.core.calendar import period_label
from scrutineer.core.page_cache import public_page_cache
from scrutineer.core.permissions import permission_required
from scrutineer.files.formats import PERFORMANCE_REPORT_FORMATS
from scrutineer.performance.forms.dashboard import dashboard_filters
from scrutineer.performance.selectors.dashboard import framework_dashboard


@permission_required(permissions.can_view_performance)
@public_page_cache(reads=["framework", "period", "directorate", "theme"])
def dashboard(request: HttpRequest) -> HttpResponse:
    filters = dashboard_filters(data=request.GET, user=request.user)
    context: dict[str, Any] = {"framework": filters.framework, "board": None, "period": None}
    context["form"] = filters.form
    framework, year = filters.framework, filters.year
    if framework is not None and year is not None:
        context["period"] = period_label(year, filters.quarter)
        # Worked out only when the page cache lacks the dashboard's tables (the template
        # keeps them, for everyone who sees the same figures, until the records change).
        context["board"] = SimpleLazyObject(
            lambda: framework_dashboard(
                user=request.user,
                framework=framework,
                year=year,
                quarter=filters.quarter,
                directorate=filters.directorate,
                theme=filters.theme,
            )
        )
    context["can_see_unapproved"] = permissions.can_view_unapproved_figures(request.user)
    context["can_import"] = permissions.can_manage_performance(request.user)
    context["report_formats"] = list(PERFORMANCE_REPORT_FORMATS.values())
    return render(request, "performance/dashboard.html", context)
