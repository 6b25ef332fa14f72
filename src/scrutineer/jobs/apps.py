from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "scrutineer.jobs"
    verbose_name = "Background jobs"
