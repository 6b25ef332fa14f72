from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "scrutineer.public"
    verbose_name = "Public alerts"
