from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from scrutineer.core.models import ClosureDay, Person


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "job_title", "directorate", "user"]
    list_filter = ["kind", "directorate"]
    search_fields = ["name", "email", "job_title"]
    filter_horizontal = ["teams"]
    autocomplete_fields = ["user"]


@admin.register(ClosureDay)
class ClosureDayAdmin(SimpleHistoryAdmin):
    """Days the council is closed, besides bank holidays: no deadline counts them."""

    list_display = ["date", "reason"]
    date_hierarchy = "date"
