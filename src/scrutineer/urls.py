from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from scrutineer.core import permissions
from scrutineer.core.forms import LoginForm
from scrutineer.core.permissions import permission_required

# Signing in and out is for anyone: the pages show no records.
anyone = permission_required(permissions.can_view_public_pages)

# A request body over DATA_UPLOAD_MAX_MEMORY_SIZE is "too large" (413), not "bad" (400).
handler400 = "scrutineer.core.views.bad_request"

urlpatterns = [
    path(
        "login/",
        anyone(
            auth_views.LoginView.as_view(
                authentication_form=LoginForm, redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("logout/", anyone(auth_views.LogoutView.as_view()), name="logout"),
    path("admin/", admin.site.urls),
    path("committees/", include("scrutineer.committees.urls")),
    path("tracker/", include("scrutineer.tracker.urls")),
    path("imports/", include("scrutineer.imports.urls")),
    path("briefings/", include("scrutineer.briefings.urls")),
    path("programme/", include("scrutineer.programme.urls")),
    path("exports/", include("scrutineer.exports.urls")),
    path("performance/", include("scrutineer.performance.urls")),
    path("api/", include("scrutineer.api.urls")),
    path("alerts/", include("scrutineer.alerts.urls")),
    path("jobs/", include("scrutineer.jobs.urls")),
    path("integrations/", include("scrutineer.integrations.urls")),
    path("", include("scrutineer.home.urls")),
    path("", include("scrutineer.core.urls")),
]
