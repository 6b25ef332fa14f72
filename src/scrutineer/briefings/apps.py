from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "scrutineer.briefings"
    verbose_name = "Briefing notes"

    def ready(self) -> None:
        from scrutineer.briefings import selectors
        from scrutineer.briefings.models import BriefingNote
        from scrutineer.core.permissions import register_visibility

        register_visibility(BriefingNote, selectors.briefing_visible_list)
