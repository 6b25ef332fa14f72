"""Send the daily e-mail alerts: run once a day, e.g. at 18:00, as it is or with ``--queue``
to hand the work to the task workers (the README shows a systemd timer that does this)."""

from django.core.management.base import BaseCommand

from scrutineer.alerts.services import alerts_send
from scrutineer.alerts.tasks import send_alerts


class Command(BaseCommand):
    help = "E-mail each confirmed subscriber what changed since their last alert."

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Put the job on the task queue for a worker, instead of sending here.",
        )

    def handle(self, *args, **options):
        if options["queue"]:
            result = send_alerts.enqueue()
            self.stdout.write(f"Queued the alerts as task {result.id}.")
            return
        self.stdout.write(f"Sent {alerts_send()} alert(s).")
