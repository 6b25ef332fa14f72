from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from scrutineer.briefings.models import BriefingNote


@admin.register(BriefingNote)
class BriefingNoteAdmin(SimpleHistoryAdmin):
    """For looking things up; notes are written and issued on the briefing-note pages."""

    list_display = ["report_title", "committee", "meeting", "status", "issued_on"]
    list_filter = ["status", "committee"]
    search_fields = ["title", "report_title"]
    readonly_fields = ["status", "issued_on", "issued_to"]
