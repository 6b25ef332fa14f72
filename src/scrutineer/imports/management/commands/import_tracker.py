"""Import a recommendations tracker file into a committee, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scrutineer.committees.cli import committee_named
from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.files.readers import read_tracker_file
from scrutineer.imports.services import tracker_import


class Command(BaseCommand):
    help = "Import a tracker (TXT in the published format, CSV, XLSX or DOCX) into a committee."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--committee", required=True, help="Name, short name or slug.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change; save nothing."
        )

    def handle(self, *args, **options):
        path: Path = options["path"]
        committee = committee_named(options["committee"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: cannot read the file ({exc.strerror}).") from None
        try:
            parsed = read_tracker_file(data, filename=path.name)
            report = tracker_import(
                parsed=parsed, committee=committee, dry_run=options["dry_run"], filename=path.name
            )
        except ImportRefused as refused:
            lines = [f"{path.name}: {problem}" for problem in refused.problems]
            raise CommandError(
                "Nothing was imported. The file has these problems:\n  " + "\n  ".join(lines)
            ) from None
        for row in report.rows:
            details = f": {'; '.join(row.details)}" if row.details else ""
            self.stdout.write(f"line {row.line}, No {row.reference[0]}: {row.action}{details}")
        summary = (
            f"{report.count('create')} created, {report.count('update')} updated, "
            f"{report.count('unchanged')} unchanged, in {committee.name}."
        )
        if options["dry_run"]:
            self.stdout.write(self.style.WARNING(f"Dry run, nothing saved: {summary}"))
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {path.name}: {summary}"))
