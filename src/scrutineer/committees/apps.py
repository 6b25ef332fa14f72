from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "scrutineer.committees"
    verbose_name = "Committees and meetings"
