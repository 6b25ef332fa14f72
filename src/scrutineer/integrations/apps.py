from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "scrutineer.integrations"
    verbose_name = "Integrations"
