from django.urls import path

from scrutineer.tracker.views import (
    annual,
    asked_before,
    closures,
    dashboards,
    items,
    meeting_closures,
    progress,
    recommendation_list,
    recommendations,
    responses,
    tracker_page,
    withdrawal,
)

app_name = "tracker"

urlpatterns = [
    path("", tracker_page.tracker_index, name="index"),
    path("my-actions/", dashboards.my_actions, name="my_actions"),
    path("my-actions/csv/", dashboards.my_actions_csv, name="my_actions_csv"),
    path(
        "recommendations/",
        recommendation_list.recommendation_list,
        name="recommendation_list",
    ),
    path(
        "recommendations/csv/",
        recommendation_list.recommendation_list_csv,
        name="recommendation_list_csv",
    ),
    path(
        "recommendations/remind/",
        recommendation_list.recommendation_list_remind,
        name="recommendation_list_remind",
    ),
    path("committees/<slug:slug>/", tracker_page.committee_tracker, name="committee_tracker"),
    path("committees/<slug:slug>/as-at/", tracker_page.committee_tracker_as_at, name="as_at"),
    path("meetings/<int:pk>/", items.meeting_moved, name="meeting_moved"),
    path("meetings/<int:pk>/items/new/", items.item_create, name="item_create"),
    path(
        "meetings/<int:pk>/closures/",
        meeting_closures.meeting_closures,
        name="meeting_closures",
    ),
    path(
        "meetings/<int:meeting>/closures/<int:pk>/comment/",
        meeting_closures.closure_comment,
        name="closure_comment",
    ),
    path(
        "meetings/<int:pk>/closures/decisions/",
        meeting_closures.closure_decisions,
        name="closure_decisions",
    ),
    path(
        "meetings/<int:pk>/send-to-executive/",
        meeting_closures.meeting_send_to_executive,
        name="meeting_send_to_executive",
    ),
    path("items/<int:pk>/", items.item_detail, name="item_detail"),
    path("items/<int:pk>/edit/", items.item_edit, name="item_edit"),
    path("items/<int:pk>/links/", withdrawal.item_links, name="item_links"),
    path("items/<int:pk>/publish/", withdrawal.item_publish, name="item_publish"),
    path("items/<int:pk>/withdraw/", withdrawal.item_withdraw, name="item_withdraw"),
    path("items/<int:pk>/reinstate/", withdrawal.item_reinstate, name="item_reinstate"),
    path(
        "items/<int:pk>/recommendations/new/",
        recommendations.recommendation_create,
        name="recommendation_create",
    ),
    path(
        "recommendations/<int:pk>/",
        recommendations.recommendation_detail,
        name="recommendation_detail",
    ),
    path(
        "recommendations/<int:pk>/edit/",
        recommendations.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "recommendations/<int:pk>/withdraw/",
        withdrawal.recommendation_withdraw,
        name="recommendation_withdraw",
    ),
    path(
        "recommendations/<int:pk>/reinstate/",
        withdrawal.recommendation_reinstate,
        name="recommendation_reinstate",
    ),
    path("recommendations/<int:pk>/progress/", progress.progress_add, name="progress_add"),
    path("progress/<int:pk>/withdraw/", withdrawal.progress_withdraw, name="progress_withdraw"),
    path("progress/<int:pk>/reinstate/", withdrawal.progress_reinstate, name="progress_reinstate"),
    path("evidence/<int:pk>/", withdrawal.evidence_download, name="evidence_download"),
    path("recommendations/<int:pk>/close/", closures.recommendation_close, name="close"),
    path("recommendations/<int:pk>/reopen/", closures.recommendation_reopen, name="reopen"),
    path(
        "recommendations/<int:pk>/sent-to-executive/",
        responses.recommendation_send,
        name="recommendation_send",
    ),
    path("recommendations/<int:pk>/response/", responses.response_record, name="response_record"),
    path("overdue/", dashboards.overdue_dashboard, name="overdue"),
    path("annual-report/", annual.annual_report, name="annual_report"),
    path("asked-before/", asked_before.asked_before, name="asked_before"),
    path("annual-report/impact-stories/", annual.impact_stories, name="impact_stories"),
    path(
        "annual-report/impact-stories/<int:pk>/remove/",
        annual.impact_story_remove,
        name="impact_story_remove",
    ),
]
