from typing import Any

from django.core.management.base import BaseCommand

from scrutineer.jobs.services import jobs_purge, jobs_reap


class Command(BaseCommand):
    help = (
        "Delete finished jobs past SCRUTINEER_JOB_KEEP_HOURS with their files, and mark jobs "
        "lost with their worker (run daily, like prune_db_task_results)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        lost = jobs_reap()
        purged = jobs_purge()
        self.stdout.write(f"{purged} finished job(s) purged; {lost} lost job(s) found.")
