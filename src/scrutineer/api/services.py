"""Every write the API app owns: issuing, using and revoking API tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from scrutineer.api.models import ApiToken
from scrutineer.core import clock
from scrutineer.core.history import history_user_set

SECRET_PREFIX = "scr_"  # noqa: S105  # nosec B105 - marks a Scrutineer token; not a secret


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def api_token_create(*, user: Any, name: str, by: Any = None) -> tuple[ApiToken, str]:
    """Issue a token; the secret is returned once and only its hash is kept."""
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name.strip(),
        prefix=secret[:12],
        key_hash=_hash(secret),
        created=clock.now(),
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


def api_token_authenticate(secret: str) -> Any:
    """The active user a secret belongs to, or None; records when the token was last used."""
    if not secret.startswith(SECRET_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(secret), revoked__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    # A plain update: using a token is not a change to it, so no history row.
    ApiToken.objects.filter(pk=token.pk).update(last_used=clock.now())
    return token.user
