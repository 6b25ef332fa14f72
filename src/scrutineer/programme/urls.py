from django.urls import path

from scrutineer.programme import views

app_name = "programme"

urlpatterns = [
    path("committees/<slug:slug>/forward-plan/", views.forward_plan, name="forward_plan"),
]
