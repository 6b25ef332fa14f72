"""Send the daily e-mail alerts: run once a day, e.g. from cron at 18:00."""

from django.core.management.base import BaseCommand

from scrutineer.alerts.services import alerts_send


class Command(BaseCommand):
    help = "E-mail each confirmed subscriber what changed since their last alert."

    def handle(self, *args, **options):
        self.stdout.write(f"Sent {alerts_send()} alert(s).")
