"""Demo logins (one per role), committees and the seed tracker, for a first look."""

from django.core.management.base import BaseCommand

from scrutineer.core.services import DEMO_PASSWORD, DEMO_USERS
from scrutineer.imports.demo import demo_load_all


class Command(BaseCommand):
    help = "Load demo users, committees and the seed tracker, and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Leave a database that already has users untouched.",
        )

    def handle(self, *args, **options):
        report = demo_load_all(only_if_empty=options["if_empty"])
        if report is None:
            self.stdout.write("The database already has users: demo data not loaded.")
        else:
            self.stdout.write(
                f"Loaded the seed tracker into {report.into}: "
                f"{report.count('create')} items created."
            )
        self.stdout.write(self.style.SUCCESS("Demo logins (username / password / role):"))
        for demo in DEMO_USERS:
            self.stdout.write(f"  {demo.username:<10} / {DEMO_PASSWORD} / {demo.role.value}")
