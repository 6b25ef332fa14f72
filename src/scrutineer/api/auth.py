"""Who is calling the API: a bearer token, a signed-in session, or the public."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from scrutineer.api import services
from scrutineer.core.client_address import client_address


class TokenAuth(HttpBearer):
    """Write endpoints: ``Authorization: Bearer <secret>`` of an unrevoked API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = services.api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class ReaderAuth:
    """Read endpoints: anyone. A token, when given, must be valid (else 401); without one the
    session's user (or the public) reads. Not an OpenAPI security scheme: it is optional."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization", "")
        if header:
            scheme, _, secret = header.partition(" ")
            user = (
                services.api_token_authenticate(secret.strip())
                if scheme.lower() == "bearer"
                else None
            )
            if user is None:
                raise AuthenticationError
            request.user = user
            return user
        return getattr(request, "user", None) or AnonymousUser()


class AnonRateThrottle(SimpleRateThrottle):
    """Limits the public's requests per client address; signed-in callers are not limited.
    The rate is read on each request from SCRUTINEER_API_ANON_RATE (e.g. "120/m")."""

    scope = "anon"

    def __init__(self, rate: str | None = None) -> None:
        self.fixed_rate = rate
        super().__init__(rate=rate or "120/m")

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = self.fixed_rate or getattr(settings, "SCRUTINEER_API_ANON_RATE", "120/m")
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def get_ident(self, request: HttpRequest) -> str | None:
        # Not ninja's own lookup, which believes a forged X-Forwarded-For.
        return client_address(request)
