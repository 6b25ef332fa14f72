from django.urls import path

from scrutineer.exports import views

app_name = "exports"

urlpatterns = [
    path("tracker/<slug:slug>/print/", views.tracker_print, name="tracker_print"),
    path("tracker/<slug:slug>/<str:format_name>/", views.tracker_download, name="tracker_download"),
    path(
        "performance/<str:format_name>/",
        views.performance_report_download,
        name="performance_report",
    ),
    path(
        "briefings/<int:pk>/<str:format_name>/",
        views.briefing_download,
        name="briefing_download",
    ),
]
