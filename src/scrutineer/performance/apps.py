from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "scrutineer.performance"
    verbose_name = "Corporate performance"

    def ready(self) -> None:
        from scrutineer.core.permissions import register_visibility
        from scrutineer.performance.models import Measurement
        from scrutineer.performance.selectors.figures import measurement_visible_list

        register_visibility(Measurement, measurement_visible_list)
