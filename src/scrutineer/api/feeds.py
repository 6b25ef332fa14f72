"""Atom feeds for feed readers: what happened on a committee's recommendations, or on one.
Feed readers do not sign in, so feeds show what the public may see, and nothing more."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from scrutineer.briefings.selectors import briefing_visible_list
from scrutineer.committees.models import Committee
from scrutineer.core.sanitise import plain_text
from scrutineer.tracker.models import ExecutiveResponse, Recommendation
from scrutineer.tracker.selectors import (
    progress_update_visible_condition,
    progress_update_visible_list,
    recommendation_visible_list,
)

MAX_ENTRIES = 50


@dataclass(frozen=True)
class Event:
    guid: str
    title: str
    text: str
    link: str
    when: datetime.datetime


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def _public_recommendations() -> Any:
    return recommendation_visible_list(AnonymousUser()).select_related("item__meeting__committee")


def recommendation_events(recommendations: Any, progress: Any, responses: Any) -> list[Event]:
    """New recommendations, progress, closures and executive responses, latest first."""
    events = []
    for rec in recommendations:
        events.append(
            Event(
                f"recommendation-{rec.pk}-made",
                f"New recommendation {rec.reference}",
                rec.text,
                rec.get_absolute_url(),
                _at(rec.item.meeting.date),
            )
        )
        if rec.closed_on:
            events.append(
                Event(
                    f"recommendation-{rec.pk}-closed-{rec.closed_on:%Y%m%d}",
                    f"Recommendation {rec.reference} closed",
                    rec.closure_reason,
                    rec.get_absolute_url(),
                    _at(rec.closed_on),
                )
            )
    for update in progress:
        reference = update.recommendation.reference if update.recommendation else None
        events.append(
            Event(
                f"progress-{update.pk}",
                f"Progress on {reference or update.item.report_title}",
                plain_text(update.text_html),
                (update.recommendation or update.item).get_absolute_url(),
                update.created_at,
            )
        )
    for response in responses:
        rec = response.recommendation
        events.append(
            Event(
                f"executive-response-{response.pk}-{response.responded_on:%Y%m%d}",
                f"{response.addressee} {response.get_decision_display().lower()} {rec.reference}",
                response.reasons or response.action_plan,
                rec.get_absolute_url(),
                _at(response.responded_on),
            )
        )
    return sorted(events, key=lambda e: (e.when, e.guid), reverse=True)[:MAX_ENTRIES]


class _EventFeed(Feed):
    feed_type = Atom1Feed

    def items(self, obj: Any) -> list[Event]:
        return obj.events

    def item_title(self, item: Event) -> str:
        return item.title

    def item_description(self, item: Event) -> str:
        # Atom carries the summary as HTML: escaped, a recommendation's "<img onerror=…>" is
        # text the reader shows, not markup it runs. Every event's text is plain text.
        return escape(item.text).replace("\n", "<br>")

    def item_link(self, item: Event) -> str:
        return item.link

    def item_guid(self, item: Event) -> str:
        return item.guid

    def item_guid_is_permalink(self, item: Event) -> bool:
        return False

    def item_pubdate(self, item: Event) -> datetime.datetime:
        return item.when

    def item_updateddate(self, item: Event) -> datetime.datetime:
        return item.when


class CommitteeFeed(_EventFeed):
    """New recommendations, progress, closures, briefing notes issued and executive responses."""

    def get_object(self, request: HttpRequest, slug: str) -> Any:
        committee = get_object_or_404(Committee, slug=slug)
        recommendations = _public_recommendations().filter(item__meeting__committee=committee)
        progress = (
            progress_update_visible_list(AnonymousUser())
            .filter(item__meeting__committee=committee)
            .select_related("item", "recommendation")
            .order_by("-created_at")[:MAX_ENTRIES]
        )
        responses = ExecutiveResponse.objects.filter(
            recommendation__in=recommendations.values("pk"), responded_on__isnull=False
        ).select_related("recommendation")
        events = recommendation_events(
            recommendations.order_by("-item__meeting__date")[:MAX_ENTRIES], progress, responses
        )
        notes = (
            briefing_visible_list(AnonymousUser())
            .filter(committee=committee, issued_on__isnull=False)
            .order_by("-issued_on")[:MAX_ENTRIES]
        )
        events += [
            Event(
                f"briefing-{note.pk}-issued",
                f"Briefing note issued to {note.issued_to}: {note.report_title}",
                note.purpose,
                note.get_absolute_url(),
                _at(note.issued_on),  # type: ignore[arg-type]
            )
            for note in notes
        ]
        events.sort(key=lambda e: (e.when, e.guid), reverse=True)
        committee.events = events[:MAX_ENTRIES]  # type: ignore[attr-defined]
        return committee

    def title(self, obj: Committee) -> str:
        return f"{obj.name}: recommendations and responses"

    def link(self, obj: Committee) -> str:
        return obj.get_absolute_url()

    def subtitle(self, obj: Committee) -> str:
        return (
            f"New recommendations, progress, closures, briefing notes and executive responses "
            f"of the {obj.name}."
        )


class RecommendationFeed(_EventFeed):
    """Everything that happens to one recommendation."""

    def get_object(self, request: HttpRequest, pk: int) -> Any:
        recommendation = _public_recommendations().filter(pk=pk).first()
        if recommendation is None:
            raise Http404
        progress = recommendation.progress_updates.filter(
            progress_update_visible_condition(AnonymousUser())
        ).select_related("item", "recommendation")
        responses = ExecutiveResponse.objects.filter(
            recommendation=recommendation, responded_on__isnull=False
        ).select_related("recommendation")
        recommendation.events = recommendation_events([recommendation], progress, responses)
        return recommendation

    def title(self, obj: Recommendation) -> str:
        return f"Recommendation {obj.reference}"

    def link(self, obj: Recommendation) -> str:
        return obj.get_absolute_url()

    def subtitle(self, obj: Recommendation) -> str:
        return obj.text
