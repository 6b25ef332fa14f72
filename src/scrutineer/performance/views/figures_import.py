"""Importing quarterly (and monthly) figures and targets from a spreadsheet: the template,
the upload, and the preview that imports what it showed."""

from __future__ import annotations

import base64
import secrets
from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from scrutineer.core import permissions
from scrutineer.core.permissions import permission_required
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused
from scrutineer.performance import importing
from scrutineer.performance.forms.figures_import import ValuesUploadForm
from scrutineer.performance.models import Framework
from scrutineer.performance.selectors.frameworks import framework_list
from scrutineer.performance.selectors.import_template import framework_import_template
from scrutineer.performance.views.shared import framework_from_query as _framework

IMPORT_SESSION_KEY = "scrutineer_performance_import"


@permission_required(permissions.can_manage_performance)
def values_template(request: HttpRequest) -> HttpResponse:
    framework = _framework(request, framework_list())
    if framework is None:
        raise Http404("No performance framework has been set up yet.")
    year, quarter, rows = framework_import_template(framework)
    response = HttpResponse(importing.template_csv(rows), content_type="text/csv; charset=utf-8")
    name = f"performance-{year}-q{quarter}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _values_preview(*, filename: str, data: bytes, framework: Framework) -> dict[str, Any]:
    """Parse the file and say what importing it would do, from reads alone, as JSON."""
    try:
        parsed = importing.read_values_file(data, filename=filename)
        report = importing.values_import_preview(
            parsed=parsed, framework=framework, filename=filename
        )
    except ImportRefused as refused:
        return {"problems": [asdict(problem) for problem in refused.problems]}
    return {"report": importing.values_report_to_json(report)}


@permission_required(permissions.can_manage_performance)
def values_upload(request: HttpRequest) -> HttpResponse:
    frameworks = framework_list()
    framework = _framework(request, frameworks)
    initial = {"framework": framework.pk} if framework else {}
    form = ValuesUploadForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        chosen = form.cleaned_data["framework"]
        data = upload.read()
        token = secrets.token_urlsafe(16)
        # One pending upload per user: a new upload replaces the previous one. The preview is
        # worked out once, here, and kept with it: showing it again reads only the session.
        request.session[IMPORT_SESSION_KEY] = {
            "token": token,
            "filename": upload.name,
            "framework": chosen.pk,
            "data": base64.b64encode(data).decode("ascii"),
            "preview": _values_preview(filename=upload.name, data=data, framework=chosen),
        }
        return redirect("performance:import_preview", token=token)
    return render(
        request,
        "performance/import_upload.html",
        {"form": form, "framework": framework, "frameworks": frameworks},
    )


@permission_required(permissions.can_manage_performance)
def values_preview(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the stored preview (no write, no lock); POST imports what it showed."""
    stash = request.session.get(IMPORT_SESSION_KEY)
    if not stash or stash.get("token") != token:
        raise Http404("This upload has expired; upload the file again.")
    framework = get_object_or_404(Framework, pk=stash["framework"])
    filename, data = stash["filename"], base64.b64decode(stash["data"])
    if "preview" not in stash:  # an upload stashed before previews were kept
        stash["preview"] = _values_preview(filename=filename, data=data, framework=framework)
        request.session.modified = True
    preview = stash["preview"]
    if request.method == "POST" and "report" in preview:
        return _values_confirm(request, stash, data, framework, token)
    return render(
        request,
        "performance/import_preview.html",
        {
            "filename": filename,
            "framework": framework,
            "token": token,
            "report": (
                importing.values_report_from_json(preview["report"])
                if "report" in preview
                else None
            ),
            "problems": [ImportProblem(**problem) for problem in preview.get("problems", [])],
        },
    )


def _values_confirm(
    request: HttpRequest, stash: dict[str, Any], data: bytes, framework: Framework, token: str
) -> HttpResponse:
    """Import what the preview showed, in one transaction; if the figures have changed since,
    keep the new preview and show it instead of importing something nobody has seen."""
    filename = stash["filename"]
    try:
        parsed = importing.read_values_file(data, filename=filename)
        report = importing.values_import(
            parsed=parsed,
            framework=framework,
            by=request.user,
            filename=filename,
            expected=importing.values_report_from_json(stash["preview"]["report"]),
        )
    except (importing.PreviewOutdated, ImportRefused) as changed:
        if isinstance(changed, importing.PreviewOutdated):
            stash["preview"] = {"report": importing.values_report_to_json(changed.report)}
        else:
            stash["preview"] = {"problems": [asdict(problem) for problem in changed.problems]}
        request.session.modified = True
        messages.warning(
            request,
            "The figures changed since this preview was made. Nothing has been imported: "
            "check the new preview and import again.",
        )
        return redirect("performance:import_preview", token=token)
    request.session.pop(IMPORT_SESSION_KEY, None)
    messages.success(
        request,
        f"Imported {filename} into {framework.name}: {report.count_create} new, "
        f"{report.count_update} changed, {report.count_unchanged} unchanged.",
    )
    return redirect(f"{reverse('performance:dashboard')}?framework={framework.pk}")
