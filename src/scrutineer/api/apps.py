from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "scrutineer.api"
    verbose_name = "API"
