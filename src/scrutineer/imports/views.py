"""Upload a tracker, see exactly what it would change, then import it in one transaction."""

from __future__ import annotations

import base64
import secrets
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from scrutineer.committees.models import Committee
from scrutineer.core import permissions
from scrutineer.core.permissions import permission_required
from scrutineer.imports.forms import ColumnMappingForm, TrackerUploadForm
from scrutineer.imports.parsers.errors import ImportRefused
from scrutineer.imports.readers import is_tabular, read_table, read_tracker_file
from scrutineer.imports.services import column_mapping_for, column_mapping_save, tracker_import

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


def _pending(request: HttpRequest, token: str) -> tuple[str, bytes, Committee]:
    stash = request.session.get(SESSION_KEY)
    if not stash or stash.get("token") != token:
        raise Http404("This upload has expired; upload the file again.")
    committee = get_object_or_404(Committee, pk=stash["committee"])
    return stash["filename"], base64.b64decode(stash["data"]), committee


@permission_required(permissions.can_import)
def tracker_upload(request: HttpRequest) -> HttpResponse:
    form = TrackerUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        token = _stash(
            request,
            filename=upload.name,
            data=upload.read(),
            committee=form.cleaned_data["committee"],
        )
        return redirect("imports:tracker_preview", token=token)
    return render(request, "imports/upload.html", {"form": form})


def _mapping_form(
    request: HttpRequest, data: bytes, filename: str, committee: Committee, source: Any
) -> tuple[ColumnMappingForm, dict[int, str]]:
    from scrutineer.imports.parsers.tabular import FIELDS

    table = read_table(data, filename=filename)
    initial = column_mapping_for(committee=committee, headers=table.headers)
    form = ColumnMappingForm(
        source or None, headers=table.headers, fields=FIELDS, initial_mapping=initial
    )
    if form.is_bound and form.is_valid():
        return form, form.mapping()
    return form, initial


@permission_required(permissions.can_import)
def tracker_preview(request: HttpRequest, token: str) -> HttpResponse:
    filename, data, committee = _pending(request, token)
    mapping_form = None
    mapping: dict[int, str] | None = None
    problems: list[Any] = []
    report = None
    source = request.POST if request.method == "POST" else request.GET
    try:
        if is_tabular(filename):
            mapping_form, mapping = _mapping_form(
                request, data, filename, committee, source if "column_0" in source else None
            )
        parsed = read_tracker_file(data, filename=filename, mapping=mapping)
        dry_run = request.method != "POST"
        report = tracker_import(
            parsed=parsed,
            committee=committee,
            by=request.user,
            dry_run=dry_run,
            filename=filename,
        )
    except ImportRefused as refused:
        problems = refused.problems
    if report is not None and not report.dry_run:
        if mapping is not None:
            column_mapping_save(
                committee=committee, headers=_headers(data, filename), mapping=mapping
            )
        request.session.pop(SESSION_KEY, None)
        messages.success(
            request,
            f"Imported {filename}: {report.count('create')} items created, "
            f"{report.count('update')} updated, {report.count('unchanged')} unchanged.",
        )
        return redirect(committee)
    return render(
        request,
        "imports/preview.html",
        {
            "filename": filename,
            "committee": committee,
            "token": token,
            "report": report,
            "problems": problems,
            "mapping_form": mapping_form,
        },
    )


def _headers(data: bytes, filename: str) -> tuple[str, ...]:
    return tuple(read_table(data, filename=filename).headers)
