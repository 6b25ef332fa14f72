"""Bring in committees, meetings, agenda items and councillors from the council's Modern.gov.

Safe to run as often as you like: a second run with nothing changed there changes nothing
here, and edits made here are kept (reported as conflicts). Schedule it nightly with
``--queue`` (the README shows a systemd timer that does this).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from scrutineer.integrations.models import SyncRun
from scrutineer.integrations.services import sync_run, sync_run_text
from scrutineer.integrations.tasks import sync_moderngov


def _day(text: str | None, option: str) -> datetime.date | None:
    if not text:
        return None
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise CommandError(f"{option} “{text}” is not a date as DD/MM/YYYY.") from None


class Command(BaseCommand):
    help = "Sync committees, meetings, agenda items and councillors from Modern.gov."

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            default="",
            help="The web service, https://<host>/mgWebService.asmx "
            "(default: SCRUTINEER_MODERNGOV_URL).",
        )
        parser.add_argument(
            "--from",
            dest="date_from",
            help="Meetings from DD/MM/YYYY (default: the start of the last municipal year).",
        )
        parser.add_argument(
            "--to", dest="date_to", help="Meetings to DD/MM/YYYY (default: a year ahead)."
        )
        parser.add_argument(
            "--committee",
            action="append",
            default=[],
            metavar="ID",
            help="Only this committee (its Modern.gov id); may be given more than once.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; keep nothing."
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Put the sync on the task queue for a worker, instead of running it here.",
        )

    def handle(self, *args, **options):
        url = options["url"] or settings.SCRUTINEER_MODERNGOV_URL
        if not url:
            raise CommandError(
                "Give the web service's address with --url, or set SCRUTINEER_MODERNGOV_URL."
            )
        date_from = _day(options["date_from"], "--from")
        date_to = _day(options["date_to"], "--to")
        if date_from and date_to and date_from > date_to:
            raise CommandError("--from is after --to.")
        committees = [str(c).strip() for c in options["committee"]]
        if not all(c.isdigit() for c in committees):
            raise CommandError("--committee takes a committee's Modern.gov id, a number.")
        if options["queue"]:
            result = sync_moderngov.enqueue(
                url=url,
                date_from=date_from.isoformat() if date_from else None,
                date_to=date_to.isoformat() if date_to else None,
                committees=committees,
                dry_run=options["dry_run"],
            )
            self.stdout.write(f"Queued the sync with Modern.gov as task {result.id}.")
            return
        run = sync_run(
            url=url,
            trigger=SyncRun.Trigger.COMMAND,
            date_from=date_from,
            date_to=date_to,
            committee_ids=committees,
            dry_run=options["dry_run"],
        )
        for line in sync_run_text(run):
            self.stdout.write(line)
        if run.errors:
            raise CommandError(
                f"The sync had {len(run.errors)} problem{'s' if len(run.errors) != 1 else ''}"
                " (listed above)."
            )
