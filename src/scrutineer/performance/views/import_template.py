"""The template for importing a framework's figures and targets (the import itself is the
import wizard's, in ``scrutineer.imports``)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from scrutineer.core import permissions
from scrutineer.core.permissions import permission_required
from scrutineer.files.writers.figures_template import figures_template_csv
from scrutineer.performance.selectors.frameworks import framework_list
from scrutineer.performance.selectors.import_template import framework_import_template
from scrutineer.performance.views.shared import framework_from_query as _framework


@permission_required(permissions.can_manage_performance)
def values_template(request: HttpRequest) -> HttpResponse:
    framework = _framework(request, framework_list())
    if framework is None:
        raise Http404("No performance framework has been set up yet.")
    year, quarter, rows = framework_import_template(framework)
    response = HttpResponse(figures_template_csv(rows), content_type="text/csv; charset=utf-8")
    name = f"performance-{year}-q{quarter}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
