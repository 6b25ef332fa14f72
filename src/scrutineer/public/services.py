"""E-mail alerts: subscribe (double opt-in), confirm, unsubscribe, and the daily batch."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse

from scrutineer.committees.models import Committee
from scrutineer.core import clock
from scrutineer.core.sanitise import plain_text
from scrutineer.public.models import Subscription
from scrutineer.tracker.models import ExecutiveResponse, ProgressUpdate, Recommendation
from scrutineer.tracker.selectors import items_visible_to


def _link(name: str, token: str) -> str:
    return settings.SCRUTINEER_BASE_URL + reverse(name, args=[token])


def subscription_request(
    *,
    email: str,
    committee: Committee | None = None,
    recommendation: Recommendation | None = None,
) -> Subscription:
    """Record the request and e-mail a confirmation link; asking twice re-sends the link."""
    subscription, _ = Subscription.objects.get_or_create(
        email=email.strip().lower(), committee=committee, recommendation=recommendation
    )
    if subscription.confirmed_at is None:
        message = EmailMessage(
            subject=f"Confirm your alerts on {subscription.subject}",
            body=(
                f"Someone (we hope you) asked for e-mail alerts on {subscription.subject} from "
                f"{settings.SCRUTINEER_COUNCIL_NAME}.\n\nTo start them, open this link:\n"
                f"{_link('public:confirm', subscription.token)}\n\n"
                "If it was not you, ignore this message: nothing will be sent."
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[subscription.email],
        )
        message.send()
    return subscription


def subscription_confirm(*, token: str) -> Subscription | None:
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is not None and subscription.confirmed_at is None:
        subscription.confirmed_at = clock.now()
        subscription.last_sent_at = subscription.confirmed_at
        subscription.save(update_fields=["confirmed_at", "last_sent_at"])
    return subscription


def subscription_cancel(*, token: str) -> bool:
    deleted, _ = Subscription.objects.filter(token=token).delete()
    return bool(deleted)


@dataclass(frozen=True)
class Change:
    when: datetime.datetime
    text: str
    url: str


def changes_since(subscription: Subscription, since: datetime.datetime) -> list[Change]:
    """What the public may see that happened since: never exempt items."""
    public_items = items_visible_to(AnonymousUser()).values("pk")
    recs = Recommendation.objects.filter(item__in=public_items)
    if subscription.committee_id:
        recs = recs.filter(item__meeting__committee_id=subscription.committee_id)
    else:
        recs = recs.filter(subscriptions=subscription)
    base = settings.SCRUTINEER_BASE_URL
    changes = []
    for rec in recs.select_related("item"):
        first = rec.history.order_by("history_date").first()
        if first is not None and first.history_date > since and subscription.committee_id:
            changes.append(
                Change(
                    first.history_date,
                    f"New recommendation {rec.reference}: {rec.text[:150]}",
                    base + rec.get_absolute_url(),
                )
            )
    updates = ProgressUpdate.objects.filter(
        created_at__gt=since, item__in=public_items, recommendation__in=recs
    ).select_related("recommendation")
    if subscription.committee_id:
        updates = ProgressUpdate.objects.filter(
            created_at__gt=since,
            item__in=public_items,
            item__meeting__committee_id=subscription.committee_id,
        ).select_related("recommendation", "item")
    for update in updates:
        target = update.recommendation or update.item
        changes.append(
            Change(
                update.created_at,
                f"Progress on {target}: {plain_text(update.text_html)[:200]}",
                base + target.get_absolute_url(),
            )
        )
    for response in ExecutiveResponse.objects.filter(
        recommendation__in=recs, responded_on__isnull=False
    ).select_related("recommendation"):
        recorded = response.history.order_by("-history_date").first()
        if recorded is not None and recorded.history_date > since:
            changes.append(
                Change(
                    recorded.history_date,
                    f"{response.addressee} responded to "
                    f"{response.recommendation.reference}: "
                    f"{response.get_decision_display()}",
                    base + response.recommendation.get_absolute_url(),
                )
            )
    return sorted(changes, key=lambda c: c.when)


@transaction.atomic
def alerts_send(*, now: datetime.datetime | None = None) -> int:
    """Send each confirmed subscriber one message with what changed since the last one."""
    now = now or clock.now()
    sent = 0
    for subscription in (
        Subscription.objects.filter(confirmed_at__isnull=False)
        .select_related("committee", "recommendation")
        .select_for_update(of=("self",))  # the related rows are only read
    ):
        changes = changes_since(subscription, subscription.last_sent_at or subscription.created_at)
        if not changes:
            continue
        unsubscribe = _link("public:unsubscribe", subscription.token)
        body = "\n\n".join(f"{c.text}\n{c.url}" for c in changes)
        message = EmailMessage(
            subject=f"Scrutineer: {len(changes)} change{'s' if len(changes) != 1 else ''} "
            f"on {subscription.subject}",
            body=f"{body}\n\nStop these alerts: {unsubscribe}",
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[subscription.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.send()
        subscription.last_sent_at = now
        subscription.save(update_fields=["last_sent_at"])
        sent += 1
    return sent
