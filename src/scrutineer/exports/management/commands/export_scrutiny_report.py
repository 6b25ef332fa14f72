"""Export the annual scrutiny report of a municipal year: Word or PDF in the house style, or
its figures as open data (CSV, JSON)."""

from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError

from scrutineer.committees.cli import committee_named
from scrutineer.core import clock
from scrutineer.exports.selectors import annual_report_document
from scrutineer.files.formats import ANNUAL_REPORT_FORMATS, annual_report_bytes


class Command(BaseCommand):
    help = (
        "Export what scrutiny achieved in a municipal year (recommendations made, responses, "
        "closed, open, medians, impact stories), as the public may see it, for one committee "
        "or all."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--committee", default="", help="Name, short name or slug; all committees if left out."
        )
        parser.add_argument(
            "--year", required=True, type=int, help="The municipal year's first year, e.g. 2024."
        )
        parser.add_argument("--format", required=True, choices=sorted(ANNUAL_REPORT_FORMATS))
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args, **options):
        year = options["year"]
        if not 1990 <= year <= 2100:
            raise CommandError(f"--year {year}: give the municipal year's first year, e.g. 2024.")
        committee = committee_named(options["committee"]) if options["committee"] else None
        document = annual_report_document(
            user=AnonymousUser(), year=year, committee=committee, today=clock.today()
        )
        data = annual_report_bytes(document, options["format"])
        try:
            options["output"].write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {options['output']}: {error.strerror}.") from None
        figures = document.report["recommendations"]
        self.stdout.write(
            f"{document.report['committee']}, {document.report['municipal_year']}: "
            f"{figures['made']} recommendations made, {figures['closed']} closed, "
            f"{figures['open']} open. Written to {options['output']}."
        )
