"""Export the quarterly performance report of a framework as Word or PDF."""

from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from scrutineer.core import clock
from scrutineer.core.calendar import period_label
from scrutineer.exports.selectors import performance_report_document
from scrutineer.files.formats import PERFORMANCE_REPORT_FORMATS, performance_report_bytes
from scrutineer.performance.models import Framework
from scrutineer.performance.selectors.frameworks import framework_periods


def framework_named(name: str) -> Framework:
    """A framework by its name (any case) or its id."""
    query = Q(name__iexact=name) | (Q(pk=int(name)) if name.isdigit() else Q())
    found = list(Framework.objects.filter(query)[:2])
    if len(found) != 1:
        names = ", ".join(f"“{f.name}”" for f in Framework.objects.order_by("name")) or "none"
        raise CommandError(f"There is no framework “{name}”. Frameworks: {names}.")
    return found[0]


class Command(BaseCommand):
    help = "Export the quarterly performance report (published, approved figures only)."

    def add_arguments(self, parser):
        parser.add_argument("--framework", required=True, help="Name or id.")
        parser.add_argument(
            "--year", required=True, type=int, help="The financial year's start, e.g. 2024."
        )
        parser.add_argument("--quarter", required=True, type=int, choices=[1, 2, 3, 4])
        parser.add_argument("--directorate", default="")
        parser.add_argument("--theme", default="")
        parser.add_argument("--format", required=True, choices=sorted(PERFORMANCE_REPORT_FORMATS))
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args, **options):
        framework = framework_named(options["framework"])
        public = AnonymousUser()  # the published report: approved figures only
        published = framework_periods(framework, public)
        if (options["year"], options["quarter"]) not in published:
            quarters = ", ".join(period_label(y, q) for y, q in published) or "none yet"
            wanted = period_label(options["year"], options["quarter"])
            raise CommandError(
                f"{framework.name} has no published figures for {wanted}. "
                f"Published quarters: {quarters}."
            )
        document = performance_report_document(
            user=public,
            framework=framework,
            year=options["year"],
            quarter=options["quarter"],
            directorate=options["directorate"],
            theme=options["theme"],
            today=clock.today(),
        )
        if not document.indicators:
            raise CommandError(f"{framework.name} has no indicators matching those filters.")
        data = performance_report_bytes(document, options["format"])
        output: Path = options["output"]
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"{output}: cannot write the file ({exc.strerror}).") from None
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({len(data):,} bytes)."))
