from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from scrutineer.committees.models import Committee


class ApiToken(models.Model):
    """A per-user key for the API; only a hash of the secret is stored. A token never has all
    of its user's rights: it reads as its user, writes only what its scopes name (and, with a
    committee, only that committee's records), and stops working when it expires."""

    class Scope(models.TextChoices):
        READ = "read", "Read what the user may see"
        PROGRESS = "progress", "Post progress updates (and propose closure)"
        FIGURES = "figures", "Record performance figures"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        max_length=100, help_text="What the token is for, e.g. “Finance system”."
    )
    prefix = models.CharField(
        max_length=12, help_text="The first characters of the secret, to tell tokens apart."
    )
    key_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the secret.")
    scopes = models.CharField(
        max_length=100,
        default=Scope.READ,
        help_text="What the token may do, space-separated: read, progress, figures.",
    )
    # Deleting the committee deletes the token: it must never widen to every committee.
    committee = models.ForeignKey(
        Committee,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="api_tokens",
        help_text="If set, the token writes only to this committee's recommendations.",
    )
    created = models.DateTimeField()
    expires = models.DateTimeField(help_text="After this moment the token no longer works.")
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.DateTimeField(
        null=True, blank=True, help_text="When the token was revoked; it no longer works."
    )
    # last_used changes on every call: it is not part of the token's history.
    history = HistoricalRecords(excluded_fields=["last_used"])

    class Meta:
        ordering = ["-created"]
        verbose_name = "API token"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires__gt=models.F("created")),
                name="api_token_expires_after_created",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked is not None

    @property
    def scope_list(self) -> list[str]:
        return self.scopes.split()

    def allows(self, scope: str) -> bool:
        return scope in self.scope_list
