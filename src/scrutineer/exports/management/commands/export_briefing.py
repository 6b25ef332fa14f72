"""Export a briefing note as Word, PDF or a web page, in the structure of the seed."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scrutineer.briefings.models import BriefingNote
from scrutineer.exports.selectors import briefing_document
from scrutineer.files.formats import BRIEFING_FORMATS, briefing_bytes


class Command(BaseCommand):
    help = "Export a briefing note to Cabinet."

    def add_arguments(self, parser):
        parser.add_argument("id", type=int)
        parser.add_argument("--format", required=True, choices=sorted(BRIEFING_FORMATS))
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args, **options):
        note = (
            BriefingNote.objects.select_related("meeting", "committee")
            .filter(pk=options["id"])
            .first()
        )
        if note is None:
            raise CommandError(f"There is no briefing note {options['id']}.")
        data = briefing_bytes(briefing_document(note), options["format"])
        output: Path = options["output"]
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"{output}: cannot write the file ({exc.strerror}).") from None
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({len(data):,} bytes)."))
