"""Refresh the database's statistics (ANALYZE), so that its planner picks the right index.

PostgreSQL's autovacuum does this by itself; SQLite never does, and without statistics it
may walk a whole table where an index would stop at the page. Run it after a large import
and from time to time, e.g. nightly from cron.
"""

from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(f"Updated the statistics of the {connection.vendor} database.")
        )
