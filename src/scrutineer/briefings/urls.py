from django.urls import path

from scrutineer.briefings import views

app_name = "briefings"

urlpatterns = [
    path("", views.briefing_list, name="list"),
    path("<int:pk>/", views.briefing_detail, name="detail"),
    path("new/<int:item_pk>/", views.briefing_create, name="create"),
    path("<int:pk>/edit/", views.briefing_edit, name="edit"),
    path("<int:pk>/comments/new/", views.comment_add, name="comment_add"),
    path("comments/<int:pk>/responses/new/", views.response_add, name="response_add"),
    path("<int:pk>/recommendations/new/", views.recommendation_add, name="recommendation_add"),
    path("<int:pk>/issue/", views.briefing_issue, name="issue"),
]
