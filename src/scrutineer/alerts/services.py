"""E-mail alerts: subscribe (double opt-in), confirm, unsubscribe, and the daily batch."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min, Q
from django.urls import reverse

from scrutineer.alerts.models import Subscription
from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import clock
from scrutineer.core.mail import email_message
from scrutineer.core.sanitise import markup_free, plain_text
from scrutineer.tracker.models import ExecutiveResponse, Item, Recommendation
from scrutineer.tracker.selectors import (
    progress_update_visible_list,
    recommendation_visible_list,
)


def _link(name: str, token: str) -> str:
    return settings.SCRUTINEER_BASE_URL + reverse(name, args=[token])


def _confirmation_allowed(*, email: str, client: str) -> bool:
    """At most one confirmation per e-mail address in SCRUTINEER_ALERT_EMAIL_INTERVAL_MINUTES
    and SCRUTINEER_ALERT_CONFIRMATIONS_PER_CLIENT an hour from one client address, so the
    sign-up form cannot be used to flood a mailbox (Django's cache keeps the counts)."""
    per_client = settings.SCRUTINEER_ALERT_CONFIRMATIONS_PER_CLIENT
    client_key = "alert-confirmations:client:" + hashlib.sha256(client.encode()).hexdigest()
    if client and per_client and (cache.get(client_key) or 0) >= per_client:
        return False
    minutes = settings.SCRUTINEER_ALERT_EMAIL_INTERVAL_MINUTES
    email_key = "alert-confirmations:email:" + hashlib.sha256(email.encode()).hexdigest()
    if minutes and not cache.add(email_key, 1, timeout=minutes * 60):
        return False
    if client and per_client:
        cache.add(client_key, 0, timeout=60 * 60)
        try:
            cache.incr(client_key)
        except ValueError:  # expired between add and incr
            cache.set(client_key, 1, timeout=60 * 60)
    return True


def subscription_request(
    *,
    email: str,
    committee: Committee | None = None,
    recommendation: Recommendation | None = None,
    client: str = "",
) -> Subscription:
    """Record the request and e-mail a confirmation link; asking again re-sends the link, but
    not more often than the limits allow (see ``_confirmation_allowed``). The caller tells the
    visitor the same thing whatever happened, so the answer never says whether an address is
    subscribed."""
    subscription, _ = Subscription.objects.get_or_create(
        email=email.strip().lower(), committee=committee, recommendation=recommendation
    )
    if subscription.confirmed_at is None and _confirmation_allowed(
        email=subscription.email, client=client
    ):
        email_message(
            template="alerts/email/confirm",
            subject=f"Confirm your alerts on {subscription.subject}",
            to=[subscription.email],
            context={
                "subscription": subscription,
                "confirm_url": _link("alerts:confirm", subscription.token),
            },
        ).send()
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
    public = AnonymousUser()
    recs = recommendation_visible_list(public)
    if subscription.committee_id:
        recs = recs.filter(item__meeting__committee_id=subscription.committee_id)
    else:
        recs = recs.filter(subscriptions=subscription)
    base = settings.SCRUTINEER_BASE_URL
    changes = []
    rec_ids = recs.values("pk")
    published = _published_since(recs, since)
    # History answers "new" and "responded" in one query each, whatever the number of rows.
    if subscription.committee_id:
        created = Recommendation.history.filter(
            history_type="+", history_date__gt=since, id__in=rec_ids
        ).exclude(item_id__in=published)
        changes += [
            Change(
                record.history_date,
                f"New recommendation {record.reference}: {markup_free(record.text)[:150]}",
                base + reverse("tracker:recommendation_detail", args=[record.id]),
            )
            for record in created
        ]
        # A draft's recommendations are new to the public when it is published.
        changes += [
            Change(
                published[recommendation.item_id],
                f"New recommendation {recommendation.reference}: "
                f"{markup_free(recommendation.text)[:150]}",
                base + recommendation.get_absolute_url(),
            )
            for recommendation in recs.filter(item_id__in=published)
        ]
    updates = progress_update_visible_list(public).filter(
        Q(created_at__gt=since) | Q(item_id__in=published)
    )
    if subscription.committee_id:
        updates = updates.filter(item__meeting__committee_id=subscription.committee_id)
    else:
        updates = updates.filter(recommendation__in=rec_ids)
    for update in updates.select_related("recommendation", "item"):
        target = update.recommendation or update.item
        changes.append(
            Change(
                update.created_at,
                f"Progress on {markup_free(str(target))}: "
                f"{markup_free(plain_text(update.text_html))[:200]}",
                base + target.get_absolute_url(),
            )
        )
    answered = (
        ExecutiveResponse.history.filter(history_date__gt=since, recommendation_id__in=rec_ids)
        .exclude(decision=ExecutiveResponse.Decision.PENDING)
        .select_related("recommendation")
        .order_by("id", "-history_date")
    )
    seen: set[int] = set()
    for record in answered:
        if record.id in seen:
            continue  # only the latest record of each response
        seen.add(record.id)
        changes.append(
            Change(
                record.history_date,
                f"{record.addressee} responded to {record.recommendation.reference}: "
                f"{record.get_decision_display()}",
                base + record.recommendation.get_absolute_url(),
            )
        )
    return sorted(changes, key=lambda c: c.when)


def _published_since(recs, since: datetime.datetime) -> dict[int, datetime.datetime]:
    """The items of ``recs`` that the public could first see after ``since``, with when: a
    draft becomes public when it is published or its meeting's minutes are, whichever came
    first (the minutes' moment read from the meeting's history)."""
    items = Item.objects.filter(pk__in=recs.values("item_id")).filter(
        Q(published_at__gt=since) | Q(published_at__isnull=True)
    )
    candidates = list(items.values_list("pk", "meeting_id", "published_at"))
    if not candidates:
        return {}
    minuted = dict(
        Meeting.history.filter(
            id__in={meeting for _, meeting, _ in candidates}, minutes_published_on__isnull=False
        )
        .values("id")
        .annotate(first=Min("history_date"))
        .values_list("id", "first")
    )
    published = {}
    for pk, meeting_id, published_at in candidates:
        moments = [moment for moment in (published_at, minuted.get(meeting_id)) if moment]
        if moments and min(moments) > since:
            published[pk] = min(moments)
    return published


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
        unsubscribe = _link("alerts:unsubscribe", subscription.token)
        email_message(
            template="alerts/email/changes",
            subject=f"Scrutineer: {len(changes)} change{'s' if len(changes) != 1 else ''} "
            f"on {subscription.subject}",
            to=[subscription.email],
            context={
                "subscription": subscription,
                "changes": changes,
                "unsubscribe_url": unsubscribe,
            },
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        ).send()
        subscription.last_sent_at = now
        subscription.save(update_fields=["last_sent_at"])
        sent += 1
    return sent
