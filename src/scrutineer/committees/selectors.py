"""Queries for the committee and meeting pages."""

import datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from scrutineer.committees.models import Committee, Meeting, Membership
from scrutineer.core import permissions


def committee_list() -> QuerySet[Committee]:
    return (
        Committee.objects.select_related("parent")
        .annotate(member_count=Count("memberships"))
        .order_by("kind", "name")
    )


def committee_detail(slug: str) -> Committee:
    return (
        Committee.objects.select_related("parent")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("person").order_by(
                    "role", "person__name"
                ),
            ),
            Prefetch("meetings", queryset=Meeting.objects.order_by("-date")),
            "sub_groups",
        )
        .get(slug=slug)
    )


def committee_named(name: str) -> Committee | None:
    """The committee a person names on the command line: by name, short name or slug."""
    return Committee.objects.filter(
        Q(name__iexact=name) | Q(short_name__iexact=name) | Q(slug__iexact=name)
    ).first()


def committee_name_list() -> list[str]:
    return list(Committee.objects.order_by("name").values_list("name", flat=True))


def meeting_detail(pk: int) -> Meeting:
    return (
        Meeting.objects.select_related("committee")
        .prefetch_related("invited_committees")
        .get(pk=pk)
    )


def meeting_items(meeting: Meeting, *, user: Any) -> list[Any]:
    """The items considered at the meeting that the user may see, by number. Items are the
    tracker's: they come through the reverse relation, filtered by the visibility rule the
    tracker registers with core (exempt items only for those entitled), so this app, below
    the tracker, imports nothing of it."""
    return list(permissions.visible(user, meeting.items.order_by("number")))


def meeting_next(committee: Committee, *, today: datetime.date) -> Meeting | None:
    """The committee's next meeting (today or later, not cancelled), if one is recorded."""
    return (
        committee.meetings.filter(date__gte=today)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date", "time", "pk")
        .first()
    )
