from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "scrutineer.programme"
    verbose_name = "Forward plan and work programmes"

    def ready(self) -> None:
        from scrutineer.core.permissions import register_visibility
        from scrutineer.programme import selectors
        from scrutineer.programme.models import CallIn, ExecutiveDecision, WorkProgrammeItem

        register_visibility(WorkProgrammeItem, selectors.work_programme_visible_list)
        register_visibility(ExecutiveDecision, selectors.decision_visible_list)
        register_visibility(CallIn, selectors.call_in_visible_list)
