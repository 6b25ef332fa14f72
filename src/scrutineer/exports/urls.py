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
        "annual-report/<str:format_name>/",
        views.annual_report_download,
        name="annual_report",
    ),
    path("meetings/<int:pk>/closures/print/", views.closures_print, name="closures_print"),
    path(
        "meetings/<int:pk>/closures/<str:format_name>/",
        views.closures_download,
        name="closures_download",
    ),
    path(
        "briefings/<int:pk>/<str:format_name>/",
        views.briefing_download,
        name="briefing_download",
    ),
]
