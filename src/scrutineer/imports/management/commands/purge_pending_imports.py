"""Remove uploads left waiting in the import wizard for more than a day."""

from django.core.management.base import BaseCommand

from scrutineer.imports.pending import MAX_AGE, pending_purge


class Command(BaseCommand):
    help = "Remove uploads that have waited more than a day to be imported (run it daily)."

    def handle(self, *args, **options):
        removed = pending_purge()
        hours = int(MAX_AGE.total_seconds() // 3600)
        self.stdout.write(f"Removed {removed} pending upload files older than {hours} hours.")
