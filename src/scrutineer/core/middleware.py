"""Middleware of the whole site: browser features no page needs are switched off, and plain
answers instead of server errors: the database is down (503), the request is too large (413)."""

from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string

from scrutineer.core.date_input import canonical_query
from scrutineer.core.queue_health import QueueUnavailable


def _unavailable() -> tuple[type[Exception], ...]:
    """What a service the app depends on raises when it does not answer: the database, the
    task queue, and Redis (the cache or RQ) where it is installed."""
    found: tuple[type[Exception], ...] = (OperationalError, InterfaceError, QueueUnavailable)
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover - redis is a dependency; kept optional here
        return found
    return (*found, RedisConnectionError, RedisTimeoutError)


_UNAVAILABLE = _unavailable()


class DatabaseUnavailableMiddleware:
    """A service that does not answer (the database, Redis, the task queue) is the 503 page,
    never a traceback."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, _UNAVAILABLE):
            return None
        # Rendered without a request: the context processors would ask the database again.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "60"
        return response


class PermissionsPolicyMiddleware:
    """A ``Permissions-Policy`` header on every response, from ``PERMISSIONS_POLICY``: no
    page uses the camera, microphone, location and the like, so none may (nor may anything
    embedded or injected)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        policy: dict[str, list[str]] = settings.PERMISSIONS_POLICY
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


class DateQueryMiddleware:
    """A search form's date, sent by GET as three fields (``as_at-day``, ``-month``,
    ``-year``), redirected to the one field the page reads and caches by (``as_at=…``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in {"GET", "HEAD"} and request.GET:
            canonical = canonical_query(request.GET)
            if canonical is not None:
                query = canonical.urlencode()
                return HttpResponseRedirect(f"{request.path}?{query}" if query else request.path)
        return self.get_response(request)


def request_too_large(request: HttpRequest, limit_bytes: int) -> HttpResponse:
    """413 with a page that says what the limit is; the API answers in JSON."""
    megabytes = limit_bytes / (1024 * 1024)
    limit = f"{megabytes:g} MB" if megabytes >= 1 else f"{limit_bytes // 1024} KB"
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": f"The request is too large: it must be {limit} or smaller."}, status=413
        )
    # Rendered without a request, like the 503 page: nothing else about it is needed.
    return HttpResponse(render_to_string("413.html", {"limit": limit}), status=413)


class RequestSizeLimitMiddleware:
    """Refuse a request whose body is over SCRUTINEER_MAX_REQUEST_BYTES before reading it: an
    anonymous 300 MB POST to a public form was read to the end and spooled to disk."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads an unreadable length as no body at all
        if length > settings.SCRUTINEER_MAX_REQUEST_BYTES:
            return request_too_large(request, settings.SCRUTINEER_MAX_REQUEST_BYTES)
        return self.get_response(request)
