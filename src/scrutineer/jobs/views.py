"""A job's progress page, its status for the page's script, its file, and your recent jobs."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from scrutineer.core import permissions
from scrutineer.core.permissions import permission_required
from scrutineer.jobs.models import Job
from scrutineer.jobs.selectors import job_recent_list, job_visible_list
from scrutineer.jobs.services import jobs_reap


def _job(request: HttpRequest, pk: str) -> Job:
    if not Job.objects.filter(pk=pk, status=Job.Status.RUNNING).exists():
        return get_object_or_404(job_visible_list(request.user), pk=pk)
    jobs_reap()  # a job that stopped beating is marked as such before anyone waits on it
    return get_object_or_404(job_visible_list(request.user), pk=pk)


@dataclass(frozen=True)
class Wording:
    """What the progress page calls the work while it runs and if it fails."""

    waiting: str
    failed: str
    later: str  # how to come back to it after leaving the page


FILE = Wording(
    "Your file is being prepared",
    "Your file could not be prepared",
    "find the file later in",
)
# Jobs whose result is a page to go on to, not a file, by their kind.
WORDING = {
    "import-preview": Wording(
        "Your file is being checked", "Your file could not be checked", "come back to it from"
    ),
    "import-apply": Wording(
        "Your file is being imported", "Your file could not be imported", "come back to it from"
    ),
    "moderngov-sync": Wording(
        "Syncing with Modern.gov", "Sync with Modern.gov failed", "come back to it from"
    ),
}


def _summary(job: Job) -> str:
    if job.status == Job.Status.QUEUED:
        return "Waiting for a free worker to start it."
    if job.status == Job.Status.RUNNING:
        if job.total:
            return f"{job.done:,} of {job.total:,} {job.unit} done."
        return "Started."
    if job.status == Job.Status.DONE:
        return "Ready."
    return job.error


@never_cache
@permission_required(permissions.can_view_public_pages)
def detail(request: HttpRequest, pk: str) -> HttpResponse:
    job = _job(request, pk)
    if job.status == Job.Status.DONE and job.next_url:
        return redirect(job.next_url)
    context = {"job": job, "summary": _summary(job), "wording": WORDING.get(job.kind, FILE)}
    return render(request, "jobs/detail.html", context)


@never_cache
@permission_required(permissions.can_view_public_pages)
def status(request: HttpRequest, pk: str) -> JsonResponse:
    """What the progress page's script reads every few seconds."""
    job = _job(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "done": job.done,
            "total": job.total,
            "summary": _summary(job),
            "finished": job.finished,
        }
    )


@permission_required(permissions.can_view_public_pages)
def download(request: HttpRequest, pk: str) -> FileResponse:
    job = _job(request, pk)
    if job.status != Job.Status.DONE or not job.result:
        raise Http404("This file is not ready.")
    try:
        handle = job.result.open("rb")
    except FileNotFoundError:
        raise Http404("This file is no longer kept.") from None
    response = FileResponse(
        handle, as_attachment=True, filename=job.result_name, content_type=job.content_type
    )
    response["Cache-Control"] = "private, max-age=0"
    return response


@permission_required(permissions.can_view_own_jobs)
def recent(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "jobs/list.html",
        {"jobs": job_recent_list(request.user), "keep_hours": settings.SCRUTINEER_JOB_KEEP_HOURS},
    )
