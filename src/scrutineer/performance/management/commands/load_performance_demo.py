from django.core.management.base import BaseCommand

from scrutineer.performance.demo import performance_demo_load


class Command(BaseCommand):
    help = "Load the sample corporate performance framework (idempotent)."

    def handle(self, *args, **options):
        framework = performance_demo_load()
        self.stdout.write(
            self.style.SUCCESS(
                f"{framework.name}: {framework.indicators.count()} indicators, "
                f"{framework.milestones.count()} milestones."
            )
        )
