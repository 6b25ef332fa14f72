from django.urls import path

from scrutineer.programme.views import decisions
from scrutineer.programme.views import forward_plan as views

app_name = "programme"

urlpatterns = [
    path("forward-plan/", views.forward_plan_index, name="forward_plan_index"),
    path("forward-plan/new/", views.forward_plan_item_add, name="forward_plan_item_add"),
    path("forward-plan/<int:pk>/", views.forward_plan_item_edit, name="forward_plan_item_edit"),
    path("committees/<slug:slug>/forward-plan/", views.forward_plan, name="forward_plan"),
    path("dispositions/<int:pk>/", views.disposition_edit, name="disposition_edit"),
    path("committees/<slug:slug>/work-programme/", views.work_programme, name="work_programme"),
    path(
        "committees/<slug:slug>/work-programme/new/",
        views.work_programme_add,
        name="work_programme_add",
    ),
    path("committees/<slug:slug>/calendar.ics", views.committee_calendar, name="calendar"),
    path("calendar.ics", views.all_calendar, name="all_calendar"),
    path("meetings/<int:pk>/calendar.ics", views.meeting_calendar, name="meeting_calendar"),
    path("gaps/", views.gaps, name="gaps"),
    path("decisions/", decisions.decision_list, name="decision_list"),
    path("decisions/new/", decisions.decision_add, name="decision_add"),
    path("decisions/calendar.ics", decisions.decision_calendar, name="decision_calendar"),
    path("decisions/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/change/", decisions.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/call-in/", decisions.call_in_add, name="call_in_add"),
    path("call-ins/<int:pk>/outcome/", decisions.call_in_outcome, name="call_in_outcome"),
]
