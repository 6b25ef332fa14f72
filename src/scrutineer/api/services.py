"""Every write the API app owns: issuing, using and revoking API tokens."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings

from scrutineer.api.models import ApiToken
from scrutineer.core import clock
from scrutineer.core.history import history_user_set

SECRET_PREFIX = "scr_"  # noqa: S105  # nosec B105 - marks a Scrutineer token; not a secret


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class TokenRuleBroken(ValueError):
    """A token asked for that cannot be issued (an unknown scope, an expiry in the past)."""


def api_token_create(
    *,
    user: Any,
    name: str,
    scopes: Iterable[str] = (ApiToken.Scope.READ,),
    committee: Any = None,
    days: int | None = None,
    by: Any = None,
) -> tuple[ApiToken, str]:
    """Issue a token with these scopes (read is always included), optionally for one
    committee, expiring in ``days`` (SCRUTINEER_API_TOKEN_DAYS by default); the secret is
    returned once and only its hash is kept."""
    wanted = {str(scope).strip().lower() for scope in scopes if str(scope).strip()}
    unknown = wanted - set(ApiToken.Scope.values)
    if unknown:
        raise TokenRuleBroken(
            f"No such scope: {', '.join(sorted(unknown))}. Choose from "
            f"{', '.join(ApiToken.Scope.values)}."
        )
    days = settings.SCRUTINEER_API_TOKEN_DAYS if days is None else days
    if days < 1:
        raise TokenRuleBroken("A token must last at least a day.")
    now = clock.now()
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name.strip(),
        prefix=secret[:12],
        key_hash=_hash(secret),
        # In the order the choices are listed, read first.
        scopes=" ".join(s for s in ApiToken.Scope.values if s in wanted | {"read"}),
        committee=committee,
        created=now,
        expires=now + datetime.timedelta(days=days),
    )
    history_user_set(token, by)
    token.save()
    return token, secret


def api_token_revoke(*, token: ApiToken, by: Any = None) -> ApiToken:
    """Revoke a token: every later request with it gets 401."""
    if token.revoked is None:
        token.revoked = clock.now()
        history_user_set(token, by)
        token.save()
    return token


def api_token_for(secret: str) -> ApiToken | None:
    """The unrevoked token of an active user that a secret belongs to, expired or not (the
    caller says which), or None."""
    if not secret.startswith(SECRET_PREFIX):
        return None
    return (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(secret), revoked__isnull=True, user__is_active=True)
        .first()
    )


def api_token_has_expired(token: ApiToken, *, now: datetime.datetime | None = None) -> bool:
    return token.expires <= (now or clock.now())


def api_token_use(token: ApiToken) -> None:
    """Record when the token was last used."""
    # A plain update: using a token is not a change to it, so no history row.
    ApiToken.objects.filter(pk=token.pk).update(last_used=clock.now())


def api_token_authenticate(secret: str) -> Any:
    """The active user an unexpired secret belongs to, or None; records the token's use."""
    token = api_token_for(secret)
    if token is None or api_token_has_expired(token):
        return None
    api_token_use(token)
    return token.user
