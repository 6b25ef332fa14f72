"""Large imports previewed and made by a worker (Django's task framework; see settings.TASKS).

Each task receives a job's id (``scrutineer.jobs``): the job names the upload waiting in
storage (``imports.pending``) by its token, and who asked. The task works as that person, and
asks again whether they may use the importer, for it may have changed while the job waited.
A refusal of the file is told to them in plain words, as the job's error; the import itself
is one transaction, so a failure leaves the records as they were.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django_tasks import task

from scrutineer.files.parsers.errors import ImportProblem, ImportRefused
from scrutineer.files.parsers.report import ImportReport, PreviewOutdated, report_from_json
from scrutineer.imports.pending import (
    PendingNotFound,
    PendingUpload,
    pending_data,
    pending_delete,
    pending_get,
    pending_preview_keep,
)
from scrutineer.imports.registry import IMPORTERS, Importer
from scrutineer.jobs.models import Job
from scrutineer.jobs.services import JobError, job_running, jobs_reap

PREVIEW = "import-preview"
APPLY = "import-apply"
# The problems a job's error lists; the preview, kept with the upload, lists every one.
PROBLEMS_LISTED = 5


def _upload(job: Job) -> tuple[PendingUpload, Importer, Any, Any]:
    """The job's upload, its importer, its target and who asked, as the wizard's pages find
    them: the upload is theirs, they may still use its importer, its target still exists."""
    user = job.requested_by
    if user is None or not user.is_active:
        raise JobError("The account that asked for this import can no longer import files.")
    try:
        pending = pending_get(token=job.params["token"], user=user)
    except PendingNotFound:
        raise JobError(
            "This upload is no longer waiting to be imported: it was imported, cancelled or "
            "replaced by another upload, or it was left for more than a day. Upload the file "
            "again."
        ) from None
    importer = IMPORTERS.get(pending.kind)
    if importer is None or not importer.may_use(user):
        raise JobError("You no longer have permission to import this kind of file.")
    target = importer.target_of(pending.target)
    if importer.target is not None and pending.target is not None and target is None:
        raise JobError("What this file was to be imported into no longer exists.")
    return pending, importer, target, user


def refusal_message(filename: str, problems: list[ImportProblem]) -> str:
    """Why a file cannot be imported, in plain words: each problem's file, sheet, row and
    column, as the preview lists them."""
    listed = [f"{filename}, {problem}" for problem in problems[:PROBLEMS_LISTED]]
    more = len(problems) - PROBLEMS_LISTED
    if more > 0:
        listed.append(f"and {more} more {'problem' if more == 1 else 'problems'}")
    return f"{filename} cannot be imported, and nothing has been imported: " + "; ".join(listed)


@task()
def preview_import(job_id: str) -> None:
    """Work out what importing a large upload would do, keep it with the upload, and lead on
    to its preview. A file that cannot be imported has a preview listing its problems."""
    jobs_reap()  # any job lost with a worker that died is noticed whenever another works
    with job_running(job_id) as run:
        if run is None:
            return
        pending, importer, target, _ = _upload(run.job)
        report = importer.report(
            pending_data(pending),
            filename=pending.filename,
            target=target,
            mapping=pending.column_mapping,
            statuses=pending.statuses,
            progress=run.progress,
        )
        # Kept unless the columns (or status words) were mapped again meanwhile: that mapping's
        # job keeps its own.
        current, _, _, _ = _upload(run.job)
        if (current.mapping, current.statuses) == (pending.mapping, pending.statuses):
            pending_preview_keep(current, report)
        run.send_to(reverse("imports:preview", args=[pending.token]))


@task()
def import_upload(job_id: str) -> None:
    """Import a large upload as its preview showed, in one transaction, and lead on to the
    page the wizard shows after an import, with what was imported (``imports:imported``)."""
    jobs_reap()
    with job_running(job_id) as run:
        if run is None:
            return
        pending, importer, target, user = _upload(run.job)
        if pending.preview is None:
            raise JobError(f"{pending.filename} has not been checked yet: check its preview.")
        shown = report_from_json(pending.preview)
        if shown.problems:
            raise JobError(refusal_message(pending.filename, shown.problems))
        try:
            report, next_page = importer.confirm(
                pending_data(pending),
                filename=pending.filename,
                target=target,
                mapping=pending.column_mapping,
                by=user,
                expected=shown,
                statuses=pending.statuses,
                progress=run.progress,
            )
        except PreviewOutdated as changed:
            pending_preview_keep(pending, changed.report)
            raise JobError(
                f"{importer.changed} since this preview was made. Nothing has been imported: "
                "check the new preview and import again."
            ) from None
        except ImportRefused as refused:
            fresh = ImportReport(filename=pending.filename, problems=list(refused.problems))
            pending_preview_keep(pending, fresh)
            raise JobError(refusal_message(pending.filename, fresh.problems)) from None
        mapping = pending.column_mapping
        if mapping is not None and importer.columns is not None and pending.headers is not None:
            importer.columns.remember(target, tuple(pending.headers), mapping, pending.statuses)
        pending_delete(token=pending.token)
        # What the wizard says after an import, shown once the person comes to the result.
        run.job.params = {
            **run.job.params,
            "message": importer.done_message(pending.filename, report),
            "next": next_page,
        }
        run.send_to(reverse("imports:imported", args=[run.job.pk]))
