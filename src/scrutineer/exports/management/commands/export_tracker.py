"""Export a committee's tracker as Word, PDF, Excel, CSV, JSON or a web page."""

import datetime
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError

from scrutineer.committees.cli import committee_named
from scrutineer.core import clock
from scrutineer.exports.selectors import tracker_document
from scrutineer.files.formats import TRACKER_FORMATS, tracker_chunks


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"“{value}” is not a date: write it as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = "Export a committee's recommendations tracker."

    def add_arguments(self, parser):
        parser.add_argument("--committee", required=True, help="Name, short name or slug.")
        parser.add_argument("--format", required=True, choices=sorted(TRACKER_FORMATS))
        parser.add_argument("--output", required=True, type=Path)
        parser.add_argument("--status", choices=["open", "closed", "all"], default="all")
        parser.add_argument("--from", dest="date_from", help="Meetings on or after YYYY-MM-DD.")
        parser.add_argument("--to", dest="date_to", help="Meetings on or before YYYY-MM-DD.")
        parser.add_argument("--as-at", dest="as_at", help="The tracker as it stood on YYYY-MM-DD.")
        parser.add_argument("--with-forward-plan", action="store_true")

    def handle(self, *args, **options):
        committee = committee_named(options["committee"])
        document = tracker_document(
            committee=committee,
            user=AnonymousUser(),  # the published tracker: exempt items stay out
            status="" if options["status"] == "all" else options["status"],
            date_from=_date(options["date_from"]) if options["date_from"] else None,
            date_to=_date(options["date_to"]) if options["date_to"] else None,
            as_at=_date(options["as_at"]) if options["as_at"] else None,
            today=clock.today(),
        )
        total = len(document.items)
        self.stdout.write(f"Exporting {total} items of {committee.name} as {options['format']}…")

        def progress(done: int, of: int) -> None:
            if options["verbosity"] > 0:
                self.stderr.write(f"  {done} of {of} items")

        output: Path = options["output"]
        written = 0
        try:
            with output.open("wb") as handle:
                for chunk in tracker_chunks(
                    document,
                    options["format"],
                    with_forward_plan=options["with_forward_plan"],
                    progress=progress,
                ):
                    handle.write(chunk)
                    written += len(chunk)
        except OSError as exc:
            raise CommandError(f"{output}: cannot write the file ({exc.strerror}).") from None
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({written:,} bytes)."))
