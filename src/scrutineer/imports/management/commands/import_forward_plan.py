"""Import the executive's forward plan from CSV, XLSX or a Word table, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scrutineer.committees.cli import committee_named
from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.files.readers import is_tabular, read_forward_plan_file
from scrutineer.programme.services.forward_plan import forward_plan_entries_import


class Command(BaseCommand):
    help = "Import forward-plan items (title, decision maker, decision date, key decision…)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--committee", help="Also suggest what this scrutiny committee does with each item."
        )

    def handle(self, *args, **options):
        path: Path = options["path"]
        committee = committee_named(options["committee"]) if options["committee"] else None
        if not is_tabular(path.name):
            raise CommandError(f"{path.name}: use a CSV, XLSX or DOCX file.")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: cannot read the file ({exc.strerror}).") from None
        try:
            entries = read_forward_plan_file(data, filename=path.name)
        except ImportRefused as refused:
            lines = [f"{path.name}: {problem}" for problem in refused.problems]
            raise CommandError(
                "Nothing was imported. The file has these problems:\n  " + "\n  ".join(lines)
            ) from None
        report = forward_plan_entries_import(
            entries=entries, committee=committee, filename=path.name
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {path.name}: {report.count_create} created, {report.count_update} "
                f"updated, {report.count_unchanged} unchanged."
            )
        )
