from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "scrutineer.briefings"
    verbose_name = "Briefing notes"
