from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "scrutineer.tracker"
    verbose_name = "Recommendations tracker"

    def ready(self) -> None:
        from scrutineer.core.permissions import register_visibility
        from scrutineer.tracker import selectors
        from scrutineer.tracker.models import Item, Recommendation

        register_visibility(Item, selectors.items_visible_to)
        register_visibility(Recommendation, selectors.recommendations_visible_to)
