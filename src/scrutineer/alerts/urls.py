from django.urls import path

from scrutineer.alerts import views

app_name = "alerts"

urlpatterns = [
    path("committees/<slug:slug>/", views.subscribe_committee, name="subscribe_committee"),
    path(
        "recommendations/<int:pk>/", views.subscribe_recommendation, name="subscribe_recommendation"
    ),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
