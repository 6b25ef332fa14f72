from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "scrutineer.imports"
    verbose_name = "Imports"
