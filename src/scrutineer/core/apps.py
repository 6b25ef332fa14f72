from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "scrutineer.core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Infrastructure, not a business rule: cached public pages expire on any change.
        from simple_history.signals import post_create_historical_record

        from scrutineer.core.page_cache import records_changed

        post_create_historical_record.connect(records_changed, dispatch_uid="page_cache")
