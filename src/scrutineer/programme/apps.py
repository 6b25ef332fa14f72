from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "scrutineer.programme"
    verbose_name = "Forward plan and work programmes"
