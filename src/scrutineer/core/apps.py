from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "scrutineer.core"
    verbose_name = "Core"
