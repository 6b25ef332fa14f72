from django.urls import path

from scrutineer.performance import views

app_name = "performance"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator"),
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
    path("ambition/", views.ambition, name="ambition"),
    path("import/", views.values_upload, name="import"),
    path("import/template.csv", views.values_template, name="import_template"),
    path("import/<str:token>/", views.values_preview, name="import_preview"),
]
