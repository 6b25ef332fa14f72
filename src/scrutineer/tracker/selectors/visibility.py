"""Who may see which items, recommendations and progress updates: the one rule every
channel (pages, tracker, feeds, calendar, API, downloads, search, the past, e-mail) asks.

A record is public when its item is neither exempt (LGA 1972 Sch. 12A), nor a draft (not
published by a click, nor by its meeting's minutes), nor withdrawn, and the record itself
is not withdrawn (nor, for an update, its recommendation). What is not public is seen only
by the council entitled to the item: the scrutiny team, the committee's members, the lead
officer and the people assigned to it; they see drafts and withdrawn records marked as such.
The tracker registers these rules with core (apps.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from scrutineer.core import permissions
from scrutineer.core.models import Person
from scrutineer.tracker.models import EvidenceFile, Item, ProgressUpdate, Recommendation


def _entitled_items(user: Any, person: Person) -> QuerySet[Any]:
    ids = permissions.acting_as_ids(user)
    return Item.objects.filter(
        Q(lead_officer=person)
        | Q(meeting__committee__memberships__person=person)
        | Q(recommendations__assignees__in=ids)
    ).values("pk")


def _prefix(via: str) -> str:
    return f"{via}__" if via else ""


def item_published(*, via: str = "") -> Q:
    """The item (or the item ``via`` names) is published: by a click, or by its meeting's
    minutes."""
    p = _prefix(via)
    return Q(**{f"{p}published_at__isnull": False}) | Q(
        **{f"{p}meeting__minutes_published_on__isnull": False}
    )


def item_public(*, via: str = "") -> Q:
    """The item is for everyone: not exempt, published and not withdrawn."""
    p = _prefix(via)
    return Q(**{f"{p}is_exempt": False, f"{p}withdrawn_at__isnull": True}) & item_published(via=via)


def recommendation_public(*, via: str = "") -> Q:
    """The recommendation and its item are for everyone."""
    p = _prefix(via)
    return Q(**{f"{p}withdrawn_at__isnull": True}) & item_public(via=f"{p}item")


def progress_update_public() -> Q:
    """The update, its item and its recommendation (if any) are for everyone."""
    return (
        Q(withdrawn_at__isnull=True)
        & item_public(via="item")
        & (Q(recommendation__isnull=True) | Q(recommendation__withdrawn_at__isnull=True))
    )


def in_force(*, via: str = "") -> Q:
    """A recommendation (or the one ``via`` names) that counts: neither it nor its item
    withdrawn. Withdrawn records are never open, overdue or reminded of."""
    p = _prefix(via)
    return Q(**{f"{p}withdrawn_at__isnull": True, f"{p}item__withdrawn_at__isnull": True})


def _visible(user: Any, public: Q, via_item: str) -> Q:
    if permissions.can_manage_tracker(user):
        return Q()
    person = permissions.person_of(user)
    if person is None:
        return public
    return public | Q(**{f"{via_item}__in": _entitled_items(user, person)})


def item_visible_list(user: Any) -> QuerySet[Item]:
    """Items the user may see: exempt, draft and withdrawn items only for those entitled."""
    items = Item.objects.all()
    if permissions.can_manage_tracker(user):
        return items
    person = permissions.person_of(user)
    if person is None:
        return items.filter(item_public())
    return items.filter(item_public() | Q(pk__in=_entitled_items(user, person)))


def item_visible_condition(user: Any, *, via: str = "item") -> Q:
    """The same rule as ``item_visible_list``, as a condition on rows related to an item
    through ``via``: a join lets the database walk a "latest first" index and stop at the
    page, where ``item__in=<subquery>`` makes it list every row first."""
    return _visible(user, item_public(via=via), via)


def recommendation_visible_condition(user: Any, *, via: str = "") -> Q:
    """The rule for recommendations (or the one ``via`` names), as a condition."""
    return _visible(user, recommendation_public(via=via), f"{_prefix(via)}item")


def recommendation_visible_list(user: Any) -> QuerySet[Recommendation]:
    """Recommendations the user may see: withdrawn ones, and those of items the user may not
    see as public, only for those entitled to the item."""
    return Recommendation.objects.filter(recommendation_visible_condition(user))


def progress_update_visible_condition(user: Any) -> Q:
    """The rule for progress updates, as a condition on them."""
    return _visible(user, progress_update_public(), "item")


def progress_update_visible_list(user: Any) -> QuerySet[ProgressUpdate]:
    """Progress updates the user may see: withdrawn ones (or those of a withdrawn
    recommendation) only for those entitled to the item."""
    return ProgressUpdate.objects.filter(progress_update_visible_condition(user))


def tracker_audience(user: Any) -> str:
    """A key for what the user may see of the tracker, for caching what depends on it:
    everything, the public's view, or (entitled to some items not public) their own."""
    if permissions.can_manage_tracker(user):
        return "all"
    if permissions.person_of(user) is None:
        return "public"
    return f"user-{user.pk}"


def evidence_file_visible_list(user: Any) -> QuerySet[EvidenceFile]:
    """Evidence files of the progress updates the user may see: withdrawn with their update."""
    return EvidenceFile.objects.filter(
        progress_update__in=progress_update_visible_list(user).values("pk")
    )
