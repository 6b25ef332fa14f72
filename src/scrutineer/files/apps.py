from django.apps import AppConfig


class FilesConfig(AppConfig):
    """Installed only so that the print templates and print.css are found; it has no models."""

    name = "scrutineer.files"
    verbose_name = "Files"
