from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from scrutineer.core.middleware import request_too_large
from scrutineer.core.permissions import can_view_public_pages, permission_required
from scrutineer.core.queue_health import queue_health


@permission_required(can_view_public_pages)
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@permission_required(can_view_public_pages)
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@permission_required(can_view_public_pages)
def cookies(request: HttpRequest) -> HttpResponse:
    """The cookies the service sets: only the strictly necessary ones, so no banner asks."""
    return render(
        request,
        "core/cookies.html",
        {
            "cookies": [
                (
                    settings.CSRF_COOKIE_NAME,
                    "Protects the forms you send (such as signing in or signing up for alerts) "
                    "from being sent by another website",
                    "After 1 year",
                ),
                (
                    settings.SESSION_COOKIE_NAME,
                    "Keeps you signed in, if you sign in",
                    "When you close your browser, or after "
                    f"{settings.SESSION_COOKIE_AGE // 3600} hours",
                ),
                (
                    "messages",
                    "Carries a confirmation (such as “Item saved”) to the next page you see",
                    "When that page has shown it",
                ),
            ]
        },
    )


@require_GET
@never_cache
@permission_required(can_view_public_pages)
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers, over plain HTTP even when HTTPS is required elsewhere
    (SECURE_REDIRECT_EXEMPT): 200 when the database (and, on RQ, Redis) answers, 503 when
    not; with how the task queue is doing (a backlog is reported, not a failure: the app
    still serves pages without a worker)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    try:
        queue = queue_health()
    except DatabaseError:
        queue = {"backend": settings.SCRUTINEER_TASKS, "status": "unreachable"}
    healthy = queue["status"] != "unreachable"
    return JsonResponse(
        {"status": "ok" if healthy else "error", "database": "ok", "queue": queue},
        status=200 if healthy else 503,
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400, except that form fields over DATA_UPLOAD_MAX_MEMORY_SIZE are a 413."""
    if isinstance(exception, RequestDataTooBig):
        return request_too_large(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return defaults.bad_request(request, exception)
