from django.urls import path

from scrutineer.tracker import views

app_name = "tracker"

urlpatterns = [
    path("", views.tracker_index, name="index"),
    path("my-actions/", views.my_actions, name="my_actions"),
    path("committees/<slug:slug>/", views.committee_tracker, name="committee_tracker"),
    path("committees/<slug:slug>/as-at/", views.committee_tracker_as_at, name="as_at"),
    path("meetings/<int:pk>/", views.meeting_moved, name="meeting_moved"),
    path("meetings/<int:pk>/items/new/", views.item_create, name="item_create"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path(
        "items/<int:pk>/recommendations/new/",
        views.recommendation_create,
        name="recommendation_create",
    ),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("recommendations/<int:pk>/edit/", views.recommendation_edit, name="recommendation_edit"),
    path("recommendations/<int:pk>/progress/", views.progress_add, name="progress_add"),
    path("recommendations/<int:pk>/close/", views.recommendation_close, name="close"),
    path("recommendations/<int:pk>/reopen/", views.recommendation_reopen, name="reopen"),
    path(
        "recommendations/<int:pk>/sent-to-executive/",
        views.recommendation_send,
        name="recommendation_send",
    ),
    path("recommendations/<int:pk>/response/", views.response_record, name="response_record"),
    path("overdue/", views.overdue_dashboard, name="overdue"),
]
