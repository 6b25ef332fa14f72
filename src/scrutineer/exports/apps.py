from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "scrutineer.exports"
    verbose_name = "Exports"
