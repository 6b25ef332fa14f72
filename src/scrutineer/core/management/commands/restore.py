"""Restore the whole database from a file made by `backup`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scrutineer.core.backups import BackupFailed, restore_from


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, **options):
        try:
            restore_from(options["path"])
        except BackupFailed as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS("Restored from " + str(options["path"])))
