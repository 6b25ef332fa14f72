"""The import wizard, one for every importer: choose what you are importing, upload it (with
where it goes), say which column holds what for a spreadsheet that needs it, check the
preview, and import it in one transaction.

The upload waits in Django's storage (``imports.pending``); the session keeps only its token
and what it is. Each request first removes the uploads left for more than a day.

A file of more rows than ``SCRUTINEER_IMPORT_AT_ONCE_ROWS`` is previewed and imported by a
worker (``imports.tasks``): the person follows the job's progress page, which leads on to the
preview, then to the page the wizard shows after an import (``imported``, which says what was
imported, as a small import's request does).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from scrutineer.core import permissions
from scrutineer.core.permissions import permission_required
from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.files.parsers.report import (
    ImportReport,
    PreviewOutdated,
    report_from_json,
)
from scrutineer.imports.forms import (
    ColumnMappingForm,
    ImporterChoiceForm,
    StatusScaleForm,
    UploadForm,
)
from scrutineer.imports.pending import (
    PendingNotFound,
    PendingUpload,
    pending_at_once,
    pending_create,
    pending_data,
    pending_delete,
    pending_get,
    pending_prepare,
    pending_preview_forget,
    pending_preview_keep,
    pending_preview_work_out,
    pending_purge,
)
from scrutineer.imports.registry import IMPORTERS, Importer, importers_for
from scrutineer.imports.selectors import import_job_latest
from scrutineer.imports.tasks import APPLY, PREVIEW, import_upload, preview_import
from scrutineer.jobs.models import Job
from scrutineer.jobs.selectors import job_visible_list
from scrutineer.jobs.services import ACTIVE, job_request

SESSION_KEY = "scrutineer_import"


def _importer(request: HttpRequest, kind: str) -> Importer:
    importer = IMPORTERS.get(kind)
    if importer is None:
        raise Http404("No such import.")
    if not importer.may_use(request.user):
        raise PermissionDenied
    return importer


def _pending(request: HttpRequest, token: str) -> tuple[PendingUpload, Importer, Any]:
    """The user's upload, its importer and its target; 404 for anyone else's or a lost one."""
    pending_purge()
    try:
        pending = pending_get(token=token, user=request.user)
    except PendingNotFound:
        raise Http404("This upload has expired; upload the file again.") from None
    importer = _importer(request, pending.kind)
    target = importer.target_of(pending.target)
    if importer.target is not None and pending.target is not None and target is None:
        raise Http404("What this file was to be imported into no longer exists.")
    return pending, importer, target


def _importing(request: HttpRequest, token: str) -> Job | None:
    """The worker's import of this upload, while it is under way: the upload is left as it is
    until it is done, and the person is shown its progress instead."""
    job = import_job_latest(token=token, kind=APPLY, user=request.user)
    return job if job is not None and job.status in ACTIVE else None


def _upload_url(importer: Importer, pending: PendingUpload) -> str:
    """The upload page, with what the file was to go into chosen again."""
    url = reverse("imports:upload", args=[importer.kind])
    if importer.target is not None and pending.target is not None:
        url += f"?{importer.target.name}={pending.target}"
    return url


def _work_out(
    request: HttpRequest,
    pending: PendingUpload,
    importer: Importer,
    target: Any,
    data: bytes | None = None,
) -> HttpResponse:
    """Work the preview out and go to it: at once for a small file; for a large one, by a
    worker, whose progress page leads on to the preview."""
    if pending_at_once(pending):
        data = pending_data(pending) if data is None else data
        pending_preview_work_out(pending, importer=importer, target=target, data=data)
        return redirect("imports:preview", token=pending.token)
    pending_preview_forget(pending)
    into = f" for {target}" if target is not None else ""
    job = job_request(
        task=preview_import,
        kind=PREVIEW,
        title=f"Preview of {pending.filename}{into}",
        user=request.user,
        params={"token": pending.token},
        shared=False,
        unit="rows",
        back_url=_upload_url(importer, pending),
    )
    return redirect("jobs:detail", job.pk)


@permission_required(permissions.can_import)
def start(request: HttpRequest) -> HttpResponse:
    pending_purge()
    data = request.POST if request.method == "POST" else None
    form = ImporterChoiceForm(data, importers=importers_for(request.user))
    if request.method == "POST" and form.is_valid():
        return redirect("imports:upload", kind=form.cleaned_data["kind"])
    return render(request, "imports/start.html", {"form": form})


@permission_required(permissions.can_import)
def upload(request: HttpRequest, kind: str) -> HttpResponse:
    pending_purge()
    importer = _importer(request, kind)
    initial = {}
    if importer.target is not None and request.GET.get(importer.target.name, "").isdigit():
        initial[importer.target.name] = request.GET[importer.target.name]
    posted = request.method == "POST"
    form = UploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        importer=importer,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        # One pending upload per user: a new upload replaces the previous one.
        if previous := request.session.get(SESSION_KEY):
            _forget(request, previous["token"])
        target = form.target
        data = upload.read()
        pending = pending_create(
            kind=importer.kind,
            filename=upload.name,
            data=data,
            owner=request.user,
            target=target.pk if target is not None else None,
        )
        request.session[SESSION_KEY] = {
            "token": pending.token,
            "kind": importer.kind,
            "filename": upload.name,
        }
        if pending_prepare(pending, importer=importer, target=target, data=data) == "columns":
            return redirect("imports:columns", token=pending.token)
        return _work_out(request, pending, importer, target, data)
    context = {"form": form, "importer": importer, "targets": form.targets}
    return render(request, "imports/upload.html", context)


@permission_required(permissions.can_import)
def columns(request: HttpRequest, token: str) -> HttpResponse:
    """Which column of the spreadsheet holds which field; the preview is worked out again."""
    pending, importer, target = _pending(request, token)
    if importer.columns is None or pending.headers is None:
        return redirect("imports:preview", token=token)
    if (importing := _importing(request, token)) is not None:
        return redirect("jobs:detail", importing.pk)
    form = ColumnMappingForm(
        request.POST if request.method == "POST" else None,
        headers=tuple(pending.headers),
        sample=tuple(pending.sample or ()),
        fields=importer.columns.fields,
        initial_mapping=pending.column_mapping,
    )
    if request.method == "POST" and form.is_valid():
        pending.mapping = {str(index): name for index, name in form.mapping().items()}
        return _work_out(request, pending, importer, target)
    context = {"form": form, "pending": pending, "importer": importer, "target": target}
    return render(request, "imports/columns.html", context)


@permission_required(permissions.can_import)
def statuses(request: HttpRequest, token: str) -> HttpResponse:
    """What the file's own status words mean; the preview is worked out again."""
    pending, importer, target = _pending(request, token)
    if pending.preview is None:
        return redirect("imports:preview", token=token)
    if (importing := _importing(request, token)) is not None:
        return redirect("jobs:detail", importing.pk)
    words = [
        (word, pending.statuses.get(word, status))
        for word, status in report_from_json(pending.preview).status_words
    ]
    if not words:
        return redirect("imports:preview", token=token)
    form = StatusScaleForm(request.POST if request.method == "POST" else None, words=words)
    if request.method == "POST" and form.is_valid():
        pending.statuses = {**pending.statuses, **form.statuses()}
        return _work_out(request, pending, importer, target)
    context = {"form": form, "pending": pending, "importer": importer, "target": target}
    return render(request, "imports/statuses.html", context)


@permission_required(permissions.can_import)
def preview(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the stored preview (no write, no lock); POST imports what it showed. While a
    worker works the preview out, or imports the file, this leads to the job's progress."""
    pending, importer, target = _pending(request, token)
    if (importing := _importing(request, token)) is not None:
        return redirect("jobs:detail", importing.pk)
    if pending.preview is None:
        previewing = import_job_latest(token=token, kind=PREVIEW, user=request.user)
        if previewing is not None and previewing.status != Job.Status.DONE:
            return redirect("jobs:detail", previewing.pk)  # under way, or why it failed
        if importer.columns is not None and pending.headers is not None:
            return redirect("imports:columns", token=token)  # the columns are not yet mapped
        return _work_out(request, pending, importer, target)
    report = report_from_json(pending.preview)
    if request.method == "POST" and not report.problems:
        if not pending_at_once(pending):
            return _confirm_later(request, pending, report)
        return _confirm(request, pending, importer, target, report)
    context = {
        "pending": pending,
        "importer": importer,
        "report": report,
        "problems": report.problems,
        "maps_columns": pending.headers is not None and importer.columns is not None,
    }
    return render(request, "imports/preview.html", context)


def _confirm(
    request: HttpRequest,
    pending: PendingUpload,
    importer: Importer,
    target: Any,
    shown: ImportReport,
) -> HttpResponse:
    """Import what the preview showed, in one transaction; if the records have changed since,
    keep the new preview and show it instead of importing something nobody has seen."""
    mapping = pending.column_mapping
    try:
        report, next_page = importer.confirm(
            pending_data(pending),
            filename=pending.filename,
            target=target,
            mapping=mapping,
            by=request.user,
            expected=shown,
            statuses=pending.statuses,
        )
    except (PreviewOutdated, ImportRefused) as changed:
        if isinstance(changed, PreviewOutdated):
            fresh = changed.report
        else:
            fresh = ImportReport(filename=pending.filename, problems=list(changed.problems))
        pending_preview_keep(pending, fresh)
        messages.warning(
            request,
            f"{importer.changed} since this preview was made. Nothing has been imported: "
            "check the new preview and import again.",
        )
        return redirect("imports:preview", token=pending.token)
    if mapping is not None and importer.columns is not None and pending.headers is not None:
        importer.columns.remember(target, tuple(pending.headers), mapping, pending.statuses)
    _forget(request, pending.token)
    messages.success(request, importer.done_message(pending.filename, report))
    return redirect(next_page)


def _confirm_later(
    request: HttpRequest, pending: PendingUpload, shown: ImportReport
) -> HttpResponse:
    """Leave a large import to a worker (``imports.tasks.import_upload``): the same checks and
    the same one transaction, followed on the job's progress page."""
    job = job_request(
        task=import_upload,
        kind=APPLY,
        title=f"Import of {pending.filename} into {shown.into}",
        user=request.user,
        params={"token": pending.token},
        shared=False,
        unit="rows",
        total=len(shown.rows),
        back_url=reverse("imports:preview", args=[pending.token]),
    )
    return redirect("jobs:detail", job.pk)


@permission_required(permissions.can_view_own_jobs)
def imported(request: HttpRequest, pk: str) -> HttpResponse:
    """Where a worker's import leads, once done: what was imported, then the page the wizard
    shows after an import. Only for whoever asked for it."""
    jobs = job_visible_list(request.user).filter(kind=APPLY, status=Job.Status.DONE)
    job = get_object_or_404(jobs, pk=pk)
    messages.success(request, job.params["message"])
    return redirect(job.params["next"])


def _forget(request: HttpRequest, token: str) -> None:
    pending_delete(token=token)
    if request.session.get(SESSION_KEY, {}).get("token") == token:
        del request.session[SESSION_KEY]


@require_POST
@permission_required(permissions.can_import)
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    """Remove the upload without importing it (not while a worker is importing it)."""
    pending, importer, _ = _pending(request, token)
    if (importing := _importing(request, token)) is not None:
        return redirect("jobs:detail", importing.pk)
    _forget(request, pending.token)
    messages.success(request, f"{pending.filename} was not imported and has been removed.")
    return redirect("imports:upload", kind=importer.kind)
