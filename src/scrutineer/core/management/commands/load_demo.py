"""Demo users (one per role) for a newcomer's first look at Scrutineer."""

from django.core.management.base import BaseCommand

from scrutineer.core.services import DEMO_PASSWORD, DEMO_USERS, demo_load


class Command(BaseCommand):
    help = "Load demo users and data, and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Leave a database that already has users untouched.",
        )

    def handle(self, *args, **options):
        if demo_load(only_if_empty=options["if_empty"]) is None:
            self.stdout.write("The database already has users: demo data not loaded.")
        self.stdout.write(self.style.SUCCESS("Demo logins (username / password / role):"))
        for demo in DEMO_USERS:
            self.stdout.write(f"  {demo.username:<10} / {DEMO_PASSWORD} / {demo.role.value}")
