from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from scrutineer.api import services
from scrutineer.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    """Tokens are issued with the create_api_token command (the secret is shown once);
    here they are listed and revoked."""

    list_display = [
        "name",
        "user",
        "prefix",
        "scopes",
        "committee",
        "created",
        "expires",
        "last_used",
        "revoked",
    ]
    list_filter = ["revoked", "scopes", "committee"]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "key_hash",
        "scopes",
        "committee",
        "created",
        "expires",
        "last_used",
        "revoked",
    ]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            services.api_token_revoke(token=token, by=request.user)
