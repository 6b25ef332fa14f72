from django.urls import path

from scrutineer.committees import views

app_name = "committees"

urlpatterns = [
    path("", views.committee_list, name="list"),
    path("<slug:slug>/", views.committee_detail, name="detail"),
    path("<slug:slug>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("people/<int:pk>/", views.person_committees, name="person_committees"),
]
