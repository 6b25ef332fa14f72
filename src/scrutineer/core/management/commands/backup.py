"""Back up the whole database to a file, while the site runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scrutineer.core.backups import BackupFailed, backup_to


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, **options):
        try:
            backup_to(options["path"])
        except BackupFailed as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS("Backed up to " + str(options["path"])))
