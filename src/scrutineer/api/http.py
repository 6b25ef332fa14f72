"""The API object: JSON responses with CORS for reads, ETags and conditional GET, and clear
error messages."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, Throttled
from ninja.operation import Operation

READ_METHODS = ("GET", "HEAD")


class TokenExpired(AuthenticationError):
    """A real token past its expiry: 401, saying so, so its owner knows to get a new one."""

    def __init__(self, token: Any) -> None:
        super().__init__(
            message=f"This API token ({token.prefix}…) expired on "
            f"{token.expires:%d %B %Y at %H:%M} UTC: ask an administrator for a new one."
        )


def set_last_modified(request: HttpRequest, when: datetime.datetime | None) -> None:
    """Endpoints say when their data last changed; the response carries it."""
    request.api_last_modified = when  # type: ignore[attr-defined]


class ScrutineerAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """The endpoint's own short name (``recommendation_list``), which is also its URL
        name, rather than ninja's default of module path and name: a client generated from
        the schema names its functions after these."""
        return operation.view_func.__name__

    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        if request.method not in READ_METHODS:
            return response
        # Anyone may read from a browser on another site; writes stay same-origin.
        response["Access-Control-Allow-Origin"] = "*"
        # What a caller sees depends on who they are (exempt items, drafts).
        patch_vary_headers(response, ("Authorization", "Cookie"))
        if response.status_code != 200:
            return response
        return _conditional(request, response)


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Strong ETag of the body and Last-Modified of the data; 304 when the client is current."""
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    response["ETag"] = etag
    when = getattr(request, "api_last_modified", None)
    timestamp = int(when.timestamp()) if when else None
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    conditional = get_conditional_response(
        request, etag=etag, last_modified=timestamp, response=response
    )
    if conditional is None:
        return response
    if conditional is not response:
        conditional["Access-Control-Allow-Origin"] = "*"
    return conditional


def install_error_handlers(api: NinjaAPI) -> None:
    """Plain-English messages for the errors every caller may meet."""

    @api.exception_handler(AuthenticationError)
    def unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        detail = (
            exc.message
            if isinstance(exc, TokenExpired)
            else "A valid API token is needed: send the header "
            "“Authorization: Bearer <token>” with a token that has not been revoked "
            "or expired."
        )
        response = api.create_response(request, {"detail": detail}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="scrutineer"'
        return response

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        wait = f" Try again in {int(exc.wait) + 1} seconds." if exc.wait else ""
        return api.create_response(
            request,
            {
                "detail": "Too many requests: the public API allows a limited number of "
                f"requests a minute from each address.{wait} Callers with an API token "
                "are not limited."
            },
            status=429,
        )
