"""Import a briefing note to Cabinet; the id of the note is the last line printed."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scrutineer.briefings.services import briefing_import
from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.files.readers import read_briefing_file


class Command(BaseCommand):
    help = "Import a briefing note (text as published) and print the id of the note."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, **options):
        path: Path = options["path"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: cannot read the file ({exc.strerror}).") from None
        try:
            parsed = read_briefing_file(data, filename=path.name)
            result = briefing_import(parsed=parsed, filename=path.name)
        except ImportRefused as refused:
            lines = [f"{path.name}: {problem}" for problem in refused.problems]
            raise CommandError(
                "Nothing was imported. The file has these problems:\n  " + "\n  ".join(lines)
            ) from None
        verb = {"create": "Created", "update": "Updated", "unchanged": "Unchanged:"}[result.action]
        self.stdout.write(
            f"{verb} briefing note “{result.note.title}” for {result.note.addressee}."
        )
        self.stdout.write(str(result.note.pk))
