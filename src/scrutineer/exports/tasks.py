"""Large documents made by a worker (Django's task framework; see settings.TASKS).

Each task receives a job's id (``scrutineer.jobs``): the job holds what was asked for, as
plain JSON, and who asked; the document is built as that person may see the records, and
kept as the job's file.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils.text import slugify
from django_tasks import task

from scrutineer.committees.models import Committee
from scrutineer.core import clock
from scrutineer.exports.selectors import performance_report_document, tracker_document
from scrutineer.files.formats import (
    PERFORMANCE_REPORT_FORMATS,
    TRACKER_FORMATS,
    performance_report_bytes,
    tracker_chunks,
)
from scrutineer.jobs.services import JobError, job_running, jobs_reap
from scrutineer.performance.models import Framework


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _as(job: Any) -> Any:
    return job.requested_by or AnonymousUser()


def tracker_filename(title: str, as_at: datetime.date, extension: str) -> str:
    return f"{slugify(title)}-{as_at:%Y-%m-%d}.{extension}"


@task()
def make_tracker_document(job_id: str) -> None:
    """A committee's tracker as Word or PDF, with the filters of the page it was asked from."""
    jobs_reap()  # any job lost with a worker that died is noticed whenever another works
    with job_running(job_id) as run:
        if run is None:
            return
        params = run.job.params
        committee = Committee.objects.filter(pk=params["committee"]).first()
        if committee is None:
            raise JobError("The committee of this tracker no longer exists.")
        document = tracker_document(
            committee=committee,
            user=_as(run.job),
            status=params.get("status", ""),
            date_from=_date(params.get("date_from")),
            date_to=_date(params.get("date_to")),
            as_at=_date(params.get("as_at")),
            today=clock.today(),
        )
        run.progress(0, len(document.items))
        chosen = TRACKER_FORMATS[params["format"]]
        data = b"".join(
            tracker_chunks(
                document,
                chosen.name,
                with_forward_plan=bool(params.get("forward_plan")),
                progress=run.progress,
            )
        )
        run.save_file(
            data,
            tracker_filename(document.title, document.as_at, chosen.extension),
            chosen.content_type,
        )


@task()
def make_performance_report(job_id: str) -> None:
    """The quarter's performance report as Word or PDF, with the dashboard's filters."""
    jobs_reap()
    with job_running(job_id) as run:
        if run is None:
            return
        params = run.job.params
        framework = Framework.objects.filter(pk=params["framework"]).first()
        if framework is None:
            raise JobError("This performance framework no longer exists.")
        document = performance_report_document(
            user=_as(run.job),
            framework=framework,
            year=params["year"],
            quarter=params["quarter"],
            directorate=params.get("directorate", ""),
            theme=params.get("theme", ""),
            today=clock.today(),
        )
        run.progress(0, len(document.indicators))
        chosen = PERFORMANCE_REPORT_FORMATS[params["format"]]
        data = performance_report_bytes(document, chosen.name)
        run.save_file(
            data,
            performance_report_filename(
                framework.name, params["year"], params["quarter"], chosen.extension
            ),
            chosen.content_type,
        )


def performance_report_filename(framework: str, year: int, quarter: int, extension: str) -> str:
    name = f"performance-report-{slugify(framework)[:60]}-{year}-{(year + 1) % 100:02d}"
    return f"{name}-q{quarter}.{extension}"
