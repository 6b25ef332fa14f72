"""The sync's background jobs (Django's task framework; see settings.TASKS)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django_tasks import task

from scrutineer.integrations.models import SyncRun
from scrutineer.integrations.services import sync_run
from scrutineer.jobs.services import JobError, job_running, jobs_reap


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@task()
def sync_moderngov_now(job_id: str) -> None:
    """ "Sync now" from the administrators' sync page: a job whose progress counts the
    committees, ending on the sync page with what it changed."""
    jobs_reap()
    with job_running(job_id) as run:
        if run is None:
            return
        done = sync_run(
            url=run.job.params["url"],
            trigger=SyncRun.Trigger.PAGE,
            by=run.job.requested_by,
            progress=run.progress,
        )
        if done.failed:
            raise JobError(done.errors[0] if done.errors else "The sync failed.")
        run.send_to(reverse("integrations:moderngov"))


@task()
def sync_moderngov(
    *,
    url: str = "",
    date_from: str | None = None,
    date_to: str | None = None,
    committees: list[str] | None = None,
    dry_run: bool = False,
) -> dict[str, Any]:
    """The scheduled sync (``manage.py sync_moderngov --queue``): arguments and result are
    plain JSON, as every queue keeps them."""
    done = sync_run(
        url=url or settings.SCRUTINEER_MODERNGOV_URL,
        trigger=SyncRun.Trigger.SCHEDULE,
        date_from=_date(date_from),
        date_to=_date(date_to),
        committee_ids=committees or [],
        dry_run=dry_run,
    )
    return {
        "run": done.pk,
        "created": done.created,
        "updated": done.updated,
        "unchanged": done.unchanged,
        "conflicts": done.conflicts,
        "errors": done.errors,
    }
