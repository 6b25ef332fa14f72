from django.apps import AppConfig


class HomeConfig(AppConfig):
    """Each role's home page: what needs doing today, read from every app below it."""

    name = "scrutineer.home"
    label = "home"
    verbose_name = "Home"
