"""The address a request came from, as far as the council's own proxies can vouch for it.

Every proxy appends the address it received the request from to ``X-Forwarded-For``, but a
client may send that header with anything in it. So only the last
``SCRUTINEER_TRUSTED_PROXIES`` entries are believed: with none (the default) the header is
ignored and the address is ``REMOTE_ADDR``; with N proxies in front of the app it is the Nth
address from the right. Rate limits (the API's, alert confirmations) and sign-in lockout all
key on this one function, so a made-up header can neither dodge a limit nor lock out someone
else.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or the one the trusted proxies saw."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = getattr(settings, "SCRUTINEER_TRUSTED_PROXIES", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    entries = [entry for entry in forwarded.split(",") if entry.strip()]
    if not entries:
        return remote
    # Fewer entries than proxies: every entry was added by a trusted proxy, the first one
    # by the proxy facing the client.
    return _address(entries[-min(proxies, len(entries))]) or remote
