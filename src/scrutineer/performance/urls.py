from django.urls import path

from scrutineer.performance import views

app_name = "performance"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/targets/", views.indicator_targets, name="targets"),
    path("indicators/<int:pk>/figures/", views.measurement_record, name="record_figure"),
    path(
        "indicators/<int:pk>/recommendation/",
        views.raise_recommendation,
        name="raise_recommendation",
    ),
    path(
        "indicators/<int:pk>/work-programme/",
        views.add_to_work_programme,
        name="add_to_work_programme",
    ),
    path("measurements/<int:pk>/approve/", views.measurement_approve, name="approve"),
    path("milestones/", views.milestone_list, name="milestones"),
    path("milestones/new/", views.milestone_create, name="milestone_create"),
    path("milestones/<int:pk>/edit/", views.milestone_edit, name="milestone_edit"),
    path("ambition/", views.ambition, name="ambition"),
    path("import/template.csv", views.values_template, name="import_template"),
]
