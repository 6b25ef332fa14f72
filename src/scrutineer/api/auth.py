"""Who is calling the API: a bearer token, a signed-in session, or the public."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja import Status
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from scrutineer.api import services
from scrutineer.api.http import TokenExpired
from scrutineer.api.models import ApiToken
from scrutineer.core.client_address import client_address


def _token_user(request: HttpRequest, secret: str) -> Any:
    """The token's user, with the token on the request; None for no such token, and 401
    saying so for an expired one."""
    token = services.api_token_for(secret)
    if token is None:
        return None
    if services.api_token_has_expired(token):
        raise TokenExpired(token)
    services.api_token_use(token)
    request.api_token = token  # type: ignore[attr-defined]
    request.user = token.user
    return token.user


def token_refusal(request: HttpRequest, scope: str, *, committee_id: int | None = None) -> Any:
    """A 403 when the request's token may not do this (its scopes, its committee), else None.
    What the user may do is checked as well, by the endpoint's permission predicate."""
    token: ApiToken | None = getattr(request, "api_token", None)
    if token is None:
        return None
    if not token.allows(scope):
        label = ApiToken.Scope(scope).label.lower()
        return Status(
            403,
            {
                "detail": f"This token may not {label}: its scopes are "
                f"{', '.join(token.scope_list)}. Ask for a token with the {scope} scope."
            },
        )
    if token.committee_id is not None and token.committee_id != committee_id:
        return Status(
            403,
            {"detail": f"This token may write only to the records of {token.committee}."},
        )
    return None


class TokenAuth(HttpBearer):
    """Write endpoints: ``Authorization: Bearer <secret>`` of an unrevoked, unexpired API
    token; the endpoint checks its scope (``token_refusal``)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return _token_user(request, token)


class ReaderAuth:
    """Read endpoints: anyone. A token, when given, must be valid (else 401); without one the
    session's user (or the public) reads. Not an OpenAPI security scheme: it is optional."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization", "")
        if header:
            scheme, _, secret = header.partition(" ")
            user = _token_user(request, secret.strip()) if scheme.lower() == "bearer" else None
            if user is None:
                raise AuthenticationError
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
