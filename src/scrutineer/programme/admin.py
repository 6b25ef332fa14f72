from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from scrutineer.programme.models import Disposition, ForwardPlanItem, WorkProgrammeItem


class DispositionInline(admin.TabularInline):
    model = Disposition
    fk_name = "forward_plan_item"
    extra = 0


@admin.register(ForwardPlanItem)
class ForwardPlanItemAdmin(SimpleHistoryAdmin):
    """The forward plan is published by the executive; scrutiny officers enter or correct it."""

    list_display = ["title", "decision_maker", "decision_date", "is_key_decision", "urgency"]
    list_filter = ["is_key_decision", "decision_maker", "urgency"]
    search_fields = ["title", "portfolio"]
    date_hierarchy = "decision_date"
    inlines = [DispositionInline]


@admin.register(WorkProgrammeItem)
class WorkProgrammeItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "committee", "municipal_year", "planned_meeting", "status", "source"]
    list_filter = ["committee", "status", "source", "municipal_year"]
    search_fields = ["title"]
