"""Upload a tracker, see exactly what it would change, then import it in one transaction."""

from __future__ import annotations

import base64
import secrets
from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from scrutineer.committees.models import Committee
from scrutineer.core import permissions
from scrutineer.core.permissions import permission_required
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused
from scrutineer.files.readers import is_tabular, read_table, read_tracker_file
from scrutineer.imports.forms import ColumnMappingForm, TrackerUploadForm
from scrutineer.imports.services import (
    column_mapping_for,
    column_mapping_save,
    import_report_from_json,
    import_report_to_json,
    tracker_import,
    tracker_import_preview,
)

SESSION_KEY = "scrutineer_imports"


def _stash(request: HttpRequest, *, filename: str, data: bytes, committee: Committee) -> str:
    token = secrets.token_urlsafe(16)
    # One pending upload per user: a new upload replaces the previous one.
    request.session[SESSION_KEY] = {
        "token": token,
        "filename": filename,
        "committee": committee.pk,
        "data": base64.b64encode(data).decode("ascii"),
    }
    return token


def _pending(request: HttpRequest, token: str) -> tuple[dict[str, Any], bytes, Committee]:
    stash = request.session.get(SESSION_KEY)
    if not stash or stash.get("token") != token:
        raise Http404("This upload has expired; upload the file again.")
    committee = get_object_or_404(Committee, pk=stash["committee"])
    return stash, base64.b64decode(stash["data"]), committee


def _preview(
    *, filename: str, data: bytes, committee: Committee, mapping: dict[int, str] | None
) -> dict[str, Any]:
    """Parse, check and compare the file with what is stored, from reads alone, as JSON."""
    try:
        parsed = read_tracker_file(data, filename=filename, mapping=mapping)
        report = tracker_import_preview(parsed=parsed, committee=committee, filename=filename)
    except ImportRefused as refused:
        return {"problems": [asdict(problem) for problem in refused.problems]}
    return {"report": import_report_to_json(report)}


def _compute_preview(
    request: HttpRequest,
    stash: dict[str, Any],
    data: bytes,
    committee: Committee,
    mapping: dict[int, str] | None = None,
) -> None:
    """Work the preview out once and keep it with the upload: showing it reads only that."""
    filename = stash["filename"]
    stash["headers"] = None
    if is_tabular(filename):
        try:
            headers = read_table(data, filename=filename).headers
        except ImportRefused as refused:
            stash["preview"] = {"problems": [asdict(p) for p in refused.problems]}
            request.session.modified = True
            return
        stash["headers"] = list(headers)
        if mapping is None:
            mapping = column_mapping_for(committee=committee, headers=tuple(headers))
        stash["mapping"] = {str(index): name for index, name in mapping.items()}
    stash["preview"] = _preview(filename=filename, data=data, committee=committee, mapping=mapping)
    request.session.modified = True


def _mapping_of(stash: dict[str, Any]) -> dict[int, str] | None:
    if stash.get("headers") is None:
        return None
    return {int(index): name for index, name in stash.get("mapping", {}).items()}


@permission_required(permissions.can_import)
def tracker_upload(request: HttpRequest) -> HttpResponse:
    form = TrackerUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        committee = form.cleaned_data["committee"]
        data = upload.read()
        token = _stash(request, filename=upload.name, data=data, committee=committee)
        _compute_preview(request, request.session[SESSION_KEY], data, committee)
        return redirect("imports:tracker_preview", token=token)
    return render(request, "imports/upload.html", {"form": form})


@permission_required(permissions.can_import)
def tracker_preview(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the stored preview (no write, no lock); POST changes the mapping or imports."""
    from scrutineer.files.parsers.mapping import FIELDS

    stash, data, committee = _pending(request, token)
    filename = stash["filename"]
    if "preview" not in stash:  # an upload stashed before previews were kept
        _compute_preview(request, stash, data, committee)
    headers = stash.get("headers")
    mapping = _mapping_of(stash)
    mapping_form = None
    if headers is not None:
        mapping_form = ColumnMappingForm(
            request.POST if request.POST.get("action") == "remap" else None,
            headers=tuple(headers),
            fields=FIELDS,
            initial_mapping=mapping,
        )
    if request.method == "POST" and request.POST.get("action") == "remap":
        if mapping_form is not None and mapping_form.is_valid():
            _compute_preview(request, stash, data, committee, mapping_form.mapping())
        return redirect("imports:tracker_preview", token=token)
    if request.method == "POST":
        return _confirm(request, stash, data, committee, mapping, token)
    preview = stash["preview"]
    return render(
        request,
        "imports/preview.html",
        {
            "filename": filename,
            "committee": committee,
            "token": token,
            "report": import_report_from_json(preview["report"]) if "report" in preview else None,
            "problems": [ImportProblem(**p) for p in preview.get("problems", [])],
            "mapping_form": mapping_form,
        },
    )


def _confirm(
    request: HttpRequest,
    stash: dict[str, Any],
    data: bytes,
    committee: Committee,
    mapping: dict[int, str] | None,
    token: str,
) -> HttpResponse:
    """Import what the preview showed, in one transaction; if the records have changed since,
    show the new preview instead of importing something nobody has seen."""
    filename = stash["filename"]
    fresh = _preview(filename=filename, data=data, committee=committee, mapping=mapping)
    if "report" not in fresh and fresh == stash["preview"]:
        return redirect("imports:tracker_preview", token=token)  # the file's problems again
    if fresh != stash["preview"]:
        stash["preview"] = fresh
        request.session.modified = True
        messages.warning(
            request,
            "The records changed since this preview was made. Nothing has been imported: "
            "check the new preview and import again.",
        )
        return redirect("imports:tracker_preview", token=token)
    try:
        parsed = read_tracker_file(data, filename=filename, mapping=mapping)
        report = tracker_import(
            parsed=parsed, committee=committee, by=request.user, filename=filename
        )
    except ImportRefused:  # the records changed between the check and the import
        return redirect("imports:tracker_preview", token=token)
    if mapping is not None:
        column_mapping_save(committee=committee, headers=tuple(stash["headers"]), mapping=mapping)
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        f"Imported {filename}: {report.count('create')} items created, "
        f"{report.count('update')} updated, {report.count('unchanged')} unchanged.",
    )
    return redirect(committee)
