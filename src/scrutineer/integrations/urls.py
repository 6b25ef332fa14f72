from django.urls import path

from scrutineer.integrations import views

app_name = "integrations"

urlpatterns = [
    path("moderngov/", views.moderngov, name="moderngov"),
]
