"""The Django admin is for reference data and repairs. Users, their roles (groups) and
committees are managed in the app (/users/), where invitations, history and the rules that
keep an administrator in place apply; so Django's own user and group pages are taken away."""

from django.contrib import admin
from django.contrib.auth.models import Group, User
from simple_history.admin import SimpleHistoryAdmin

from scrutineer.core.models import ClosureDay, Person
from scrutineer.core.services import person_links


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "job_title", "directorate", "party", "user"]
    list_filter = ["kind", "directorate", "party"]
    search_fields = ["name", "email", "job_title"]
    filter_horizontal = ["teams"]
    readonly_fields = ["user"]  # linked to a sign-in on the users page (/users/)

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


admin.site.unregister(User)
admin.site.unregister(Group)
