import secrets

from django.db import models

from scrutineer.committees.models import Committee
from scrutineer.tracker.models import Recommendation


def _token() -> str:
    return secrets.token_urlsafe(32)


class Subscription(models.Model):
    """An e-mail alert on a committee or one recommendation; no account needed.

    Double opt-in: nothing is sent until the address confirms, and every message carries a
    one-click unsubscribe link.
    """

    email = models.EmailField()
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
    )
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="Changes after this moment go in the next alert."
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(committee__isnull=False, recommendation__isnull=True)
                | models.Q(committee__isnull=True, recommendation__isnull=False),
                name="subscription_to_one_thing",
            ),
            models.UniqueConstraint(
                fields=["email", "committee"],
                condition=models.Q(committee__isnull=False),
                name="subscription_unique_committee",
            ),
            models.UniqueConstraint(
                fields=["email", "recommendation"],
                condition=models.Q(recommendation__isnull=False),
                name="subscription_unique_recommendation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} on {self.committee or self.recommendation}"

    @property
    def subject(self) -> str:
        if self.committee is not None:
            return self.committee.name
        assert self.recommendation is not None
        return f"recommendation {self.recommendation.reference}"
