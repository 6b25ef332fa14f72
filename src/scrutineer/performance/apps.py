from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "scrutineer.performance"
    verbose_name = "Corporate performance"

    def ready(self) -> None:
        from scrutineer.core.permissions import register_visibility
        from scrutineer.performance import selectors
        from scrutineer.performance.models import Measurement

        register_visibility(Measurement, selectors.measurements_visible_to)
