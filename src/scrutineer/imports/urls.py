from django.urls import path

from scrutineer.imports import views

app_name = "imports"

urlpatterns = [
    path("tracker/", views.tracker_upload, name="tracker_upload"),
    path("tracker/<str:token>/", views.tracker_preview, name="tracker_preview"),
]
