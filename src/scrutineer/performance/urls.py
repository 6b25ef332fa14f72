from django.urls import path

from scrutineer.performance.views import (
    ambition,
    dashboard,
    figures,
    import_template,
    indicators,
    milestones,
    raising,
)

app_name = "performance"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("indicators/new/", indicators.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/", indicators.indicator_detail, name="indicator"),
    path("indicators/<int:pk>/edit/", indicators.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/targets/", figures.indicator_targets, name="targets"),
    path("indicators/<int:pk>/figures/", figures.measurement_record, name="record_figure"),
    path(
        "indicators/<int:pk>/recommendation/",
        raising.raise_recommendation,
        name="raise_recommendation",
    ),
    path(
        "indicators/<int:pk>/work-programme/",
        raising.add_to_work_programme,
        name="add_to_work_programme",
    ),
    path("measurements/<int:pk>/approve/", figures.measurement_approve, name="approve"),
    path("milestones/", milestones.milestone_list, name="milestones"),
    path("milestones/new/", milestones.milestone_create, name="milestone_create"),
    path("milestones/<int:pk>/edit/", milestones.milestone_edit, name="milestone_edit"),
    path("ambition/", ambition.ambition, name="ambition"),
    path("import/template.csv", import_template.values_template, name="import_template"),
]
