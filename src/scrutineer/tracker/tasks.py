"""The tracker's background jobs (Django's task framework; see settings.TASKS)."""

import datetime
from typing import Any

from django_tasks import task

from scrutineer.core import clock
from scrutineer.tracker.reminders import reminders_send


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
