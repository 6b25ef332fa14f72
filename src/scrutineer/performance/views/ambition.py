"""The ambition check of a framework's targets."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from scrutineer.core import permissions
from scrutineer.core.permissions import permission_required
from scrutineer.performance.selectors.ambition import framework_ambition_check
from scrutineer.performance.selectors.frameworks import framework_list
from scrutineer.performance.views.shared import framework_from_query


@permission_required(permissions.can_view_performance)
def ambition(request: HttpRequest) -> HttpResponse:
    framework = framework_from_query(request, framework_list())
    check = framework_ambition_check(user=request.user, framework=framework) if framework else None
    return render(request, "performance/ambition.html", {"framework": framework, "check": check})
