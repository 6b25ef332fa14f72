from django.contrib import admin
from django.http import HttpRequest

from scrutineer.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read-only: jobs are made by the app; administrators read their tracebacks here."""

    list_display = ("title", "kind", "status", "requested_by", "requested_at", "finished_at")
    list_filter = ("status", "kind")
    search_fields = ("title",)
    date_hierarchy = "requested_at"

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
