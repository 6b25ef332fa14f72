"""Reference data of the performance framework. Figures are recorded and approved on the
performance pages (or imported), so that the route-to-green and approval rules apply."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from scrutineer.performance.models import Benchmark, Framework, Indicator, Milestone, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(SimpleHistoryAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "framework", "directorate", "theme", "polarity", "unit"]
    list_filter = ["framework", "directorate", "theme", "polarity"]
    search_fields = ["code", "name"]
    inlines = [TargetInline]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["name", "framework", "directorate", "planned_date", "forecast_date", "status"]
    list_filter = ["framework", "directorate", "status"]
    search_fields = ["name"]


@admin.register(Benchmark)
class BenchmarkAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "source"]
    search_fields = ["indicator__code", "indicator__name"]
