"""Export the annual scrutiny report's figures for a municipal year, as open data."""

from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError

from scrutineer.committees.cli import committee_named
from scrutineer.core import clock
from scrutineer.files.writers.annual_report import annual_report_csv, annual_report_json
from scrutineer.tracker.selectors.annual import scrutiny_year_report

WRITERS = {"json": annual_report_json, "csv": annual_report_csv}


class Command(BaseCommand):
    help = (
        "Export what scrutiny achieved in a municipal year (recommendations made, responses, "
        "closed, open, medians), as the public may see it, for one committee or all."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--committee", default="", help="Name, short name or slug; all committees if left out."
        )
        parser.add_argument(
            "--year", required=True, type=int, help="The municipal year's first year, e.g. 2024."
        )
        parser.add_argument("--format", required=True, choices=sorted(WRITERS))
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args, **options):
        year = options["year"]
        if not 1990 <= year <= 2100:
            raise CommandError(f"--year {year}: give the municipal year's first year, e.g. 2024.")
        committee = committee_named(options["committee"]) if options["committee"] else None
        report = scrutiny_year_report(
            user=AnonymousUser(), year=year, committee=committee, today=clock.today()
        )
        data = WRITERS[options["format"]](report.as_dict())
        try:
            options["output"].write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {options['output']}: {error.strerror}.") from None
        figures = report.recommendations
        self.stdout.write(
            f"{report.committee.name if report.committee else 'All committees'}, "
            f"{report.label}: {figures.made} recommendations made, {figures.closed} closed, "
            f"{figures.open} open. Written to {options['output']}."
        )
