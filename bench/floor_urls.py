"""The app's URLs plus one floor view: given bytes served through the same middleware.

The floor is what a request costs before any page logic runs (sessions, authentication,
security headers, CSP); a page's time over its floor's is the page's own work.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from scrutineer.urls import urlpatterns as app_urlpatterns

BODIES: dict[str, tuple[bytes, str]] = {}


def floor(request: HttpRequest, name: str) -> HttpResponse:
    body, content_type = BODIES[name]
    return HttpResponse(body, content_type=content_type)


urlpatterns = [path("__floor__/<str:name>", floor), *app_urlpatterns]
