from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "scrutineer.tracker"
    verbose_name = "Recommendations tracker"

    def ready(self) -> None:
        from scrutineer.core.permissions import register_visibility
        from scrutineer.tracker.models import EvidenceFile, Item, ProgressUpdate, Recommendation
        from scrutineer.tracker.selectors import visibility

        register_visibility(Item, visibility.item_visible_list)
        register_visibility(Recommendation, visibility.recommendation_visible_list)
        register_visibility(ProgressUpdate, visibility.progress_update_visible_list)
        register_visibility(EvidenceFile, visibility.evidence_file_visible_list)
