"""E-mail reminder digests. Safe to run more than once a day: nothing is sent twice.

Schedule it daily on working days (the weekly digest to scrutiny officers goes on Mondays):
either run it as it is, or with ``--queue`` to hand the work to the task workers (the README
shows a systemd timer that does this).
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from scrutineer.core import clock
from scrutineer.tracker.reminders import reminders_send
from scrutineer.tracker.tasks import send_reminders


class Command(BaseCommand):
    help = "Send each assignee a digest of recommendations that need an update."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List, but send nothing.")
        parser.add_argument("--date", help="Act as if today were YYYY-MM-DD.")
        parser.add_argument(
            "--weekly", action="store_true", help="Send the weekly digest even if not Monday."
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Put the job on the task queue for a worker, instead of sending here.",
        )

    def handle(self, *args, **options):
        today = clock.today()
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"“{options['date']}” is not a date (YYYY-MM-DD).") from None
        weekly = True if options["weekly"] else None
        if options["queue"]:
            result = send_reminders.enqueue(
                today=options["date"], dry_run=options["dry_run"], weekly=weekly
            )
            self.stdout.write(f"Queued the reminders as task {result.id}.")
            return
        sent = reminders_send(today=today, dry_run=options["dry_run"], weekly=weekly)
        verb = "Would send" if options["dry_run"] else "Sent"
        for kind, recipient, refs in sent:
            self.stdout.write(f"{verb} {kind} to {recipient}: {', '.join(refs) or 'summary'}")
        self.stdout.write(f"{verb} {len(sent)} message{'s' if len(sent) != 1 else ''}.")
