from django.urls import path

from scrutineer.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.start, name="start"),
    path("pending/<str:token>/", views.preview, name="preview"),
    path("pending/<str:token>/columns/", views.columns, name="columns"),
    path("pending/<str:token>/statuses/", views.statuses, name="statuses"),
    path("pending/<str:token>/cancel/", views.cancel, name="cancel"),
    path("imported/<uuid:pk>/", views.imported, name="imported"),
    path("<slug:kind>/", views.upload, name="upload"),
]
