"""The one-time link an invited user sets their password with: Django's password-reset token,
salted apart so that neither kind of link opens the other's page.

A token stops working once the password is set (the hash it signs changes), once the account
is deactivated, or after ``PASSWORD_RESET_TIMEOUT`` (Django's setting: three days by default).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "scrutineer.core.invitations.InvitationTokenGenerator"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


invitation_tokens = InvitationTokenGenerator()


def invitation_days() -> int:
    """How many days an invitation's link works."""
    return max(settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60), 1)


def invitation_url(user: Any) -> str:
    """The full address of the user's one-time link to set their password."""
    path = reverse(
        "core:invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_tokens.make_token(user),
        },
    )
    return settings.SCRUTINEER_BASE_URL + path
