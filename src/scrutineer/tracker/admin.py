"""Admin is for reference data and repairs; day-to-day writes go through the tracker pages
so that the services' rules apply."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from scrutineer.tracker.models import Item, Recommendation


@admin.register(Item)
class ItemAdmin(SimpleHistoryAdmin):
    list_display = ["number", "report_title", "meeting", "is_exempt"]
    list_filter = ["meeting__committee", "is_exempt"]
    search_fields = ["report_title"]
    readonly_fields = ["summary_html", "version"]


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "status", "kind", "due_date"]
    list_filter = ["status", "kind", "item__meeting__committee"]
    search_fields = ["reference", "text"]
    readonly_fields = ["version", "status", "closed_on", "closure_agreed_at"]
