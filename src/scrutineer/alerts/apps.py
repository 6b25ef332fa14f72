from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "scrutineer.alerts"
    # The app began as `public`: the label keeps its tables and migration history unchanged.
    label = "public"
    verbose_name = "Public alerts"
