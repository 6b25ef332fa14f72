"""The tracker's background jobs (Django's task framework; see settings.TASKS)."""

import datetime
from typing import Any

from django_tasks import task

from scrutineer.core import clock
from scrutineer.jobs.services import job_running
from scrutineer.tracker.reminders import reminders_send, reminders_send_requested


@task()
def send_reminders(
    *, today: str | None = None, dry_run: bool = False, weekly: bool | None = None
) -> list[dict[str, Any]]:
    """Send the reminder digests due on ``today`` (YYYY-MM-DD; by default the day it runs).

    Arguments and the result are plain JSON, as every queue keeps them: one entry a message.
    """
    day = datetime.date.fromisoformat(today) if today else clock.today()
    return [
        {"kind": kind, "to": recipient, "references": references}
        for kind, recipient, references in reminders_send(today=day, dry_run=dry_run, weekly=weekly)
    ]


@task()
def send_requested_reminders(job_id: str) -> None:
    """Remind the assignees behind a filtered list now (the job holds the recommendations'
    ids, as the scrutiny officer saw them); the job ends on the list it was asked from."""
    with job_running(job_id) as run:
        if run is None:
            return
        ids = [int(pk) for pk in run.job.params.get("recommendations", [])]
        sent = reminders_send_requested(
            recommendation_ids=ids, today=clock.today(), progress=run.progress
        )
        run.job.params = {**run.job.params, "sent": [recipient for recipient, _ in sent]}
        back = run.job.back_url or "/"
        run.send_to(f"{back}{'&' if '?' in back else '?'}reminded={len(sent)}")
