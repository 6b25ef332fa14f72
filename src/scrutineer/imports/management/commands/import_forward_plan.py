"""Import the executive's forward plan from CSV, XLSX or a Word table, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scrutineer.committees.cli import committee_named
from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.files.parsers.forward_plan import parse_forward_plan_table
from scrutineer.files.readers import is_tabular, read_table
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
            entries = parse_forward_plan_table(
                read_table(data, filename=path.name), filename=path.name
            )
        except ImportRefused as refused:
            lines = [f"{path.name}: {problem}" for problem in refused.problems]
            raise CommandError(
                "Nothing was imported. The file has these problems:\n  " + "\n  ".join(lines)
            ) from None
        outcomes = forward_plan_entries_import(entries=entries, committee=committee)
        counts = {a: sum(1 for o in outcomes if o.action == a) for a in ("create", "update")}
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {path.name}: {counts['create']} created, {counts['update']} updated, "
                f"{len(outcomes) - counts['create'] - counts['update']} unchanged."
            )
        )
