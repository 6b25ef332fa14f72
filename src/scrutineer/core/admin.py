from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from scrutineer.core.models import ClosureDay, Person
from scrutineer.core.services import person_links


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "job_title", "directorate", "party", "user"]
    list_filter = ["kind", "directorate", "party"]
    search_fields = ["name", "email", "job_title"]
    filter_horizontal = ["teams"]
    autocomplete_fields = ["user"]

    def get_deleted_objects(self, objs, request):
        """Refuse, as for protected records, to delete anyone still assigned or seated:
        Django would silently drop those links (3 of 4 recommendations left unassigned)."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        links = [f"{person}: {link}" for person in objs for link in person_links(person)]
        return deleted, counts, perms_needed, [*protected, *links]


@admin.register(ClosureDay)
class ClosureDayAdmin(SimpleHistoryAdmin):
    """Days the council is closed, besides bank holidays: no deadline counts them."""

    list_display = ["date", "reason"]
    date_hierarchy = "date"
