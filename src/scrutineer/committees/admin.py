from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from scrutineer.committees.models import Committee, Meeting, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    autocomplete_fields = ["person"]
    extra = 1


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "parent", "is_expired"]
    list_filter = ["kind", "is_expired"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["committee", "date", "time", "venue", "status"]
    list_filter = ["committee", "status"]
    date_hierarchy = "date"
    filter_horizontal = ["invited_committees"]
