from django.contrib import admin
from django.db import models
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
    # The agenda page's address as typed: https unless it says otherwise (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
