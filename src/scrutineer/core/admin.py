from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from scrutineer.core.models import Person


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "job_title", "directorate", "user"]
    list_filter = ["kind", "directorate"]
    search_fields = ["name", "email", "job_title"]
    filter_horizontal = ["teams"]
    autocomplete_fields = ["user"]
