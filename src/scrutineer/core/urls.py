from django.urls import path

from scrutineer.core import people_views, user_views, views

app_name = "core"

urlpatterns = [
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
    path("healthz", views.healthz, name="healthz"),
    path("users/", user_views.user_list, name="user_list"),
    path("users/invite/", user_views.user_invite, name="user_invite"),
    path("users/<int:pk>/", user_views.user_detail, name="user_detail"),
    path("users/<int:pk>/edit/", user_views.user_edit, name="user_edit"),
    path("users/<int:pk>/deactivate/", user_views.user_deactivate, name="user_deactivate"),
    path("users/<int:pk>/reactivate/", user_views.user_reactivate, name="user_reactivate"),
    path(
        "users/<int:pk>/invitation/",
        user_views.user_invitation_resend,
        name="user_invitation_resend",
    ),
    path("invitation/<uidb64>/<token>/", user_views.invitation, name="invitation"),
    path("people/", people_views.person_list, name="person_list"),
    path("people/new/", people_views.person_add, name="person_add"),
    path("people/<int:pk>/", people_views.person_edit, name="person_edit"),
]
