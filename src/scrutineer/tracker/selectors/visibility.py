"""Who may see which items and recommendations: exempt items (LGA 1972 Sch. 12A) only for
those entitled. The tracker registers these rules with core (apps.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from scrutineer.core import permissions
from scrutineer.core.models import Person
from scrutineer.tracker.models import Item, Recommendation


def _entitled_items(user: Any, person: Person) -> QuerySet[Any]:
    ids = permissions.acting_as_ids(user)
    return Item.objects.filter(
        Q(lead_officer=person)
        | Q(meeting__committee__memberships__person=person)
        | Q(recommendations__assignees__in=ids)
    ).values("pk")


def item_visible_list(user: Any) -> QuerySet[Item]:
    """Items the user may see: exempt items only for those entitled (Sch. 12A)."""
    items = Item.objects.all()
    if permissions.can_manage_tracker(user):
        return items
    person = permissions.person_of(user)
    if person is None:
        return items.filter(is_exempt=False)
    return items.filter(Q(is_exempt=False) | Q(pk__in=_entitled_items(user, person)))


def item_visible_condition(user: Any, *, via: str = "item") -> Q:
    """The same rule as ``item_visible_list``, as a condition on rows related to an item
    through ``via``: a join lets the database walk a "latest first" index and stop at the
    page, where ``item__in=<subquery>`` makes it list every row first."""
    if permissions.can_manage_tracker(user):
        return Q()
    public = Q(**{f"{via}__is_exempt": False})
    person = permissions.person_of(user)
    if person is None:
        return public
    return public | Q(**{f"{via}__in": _entitled_items(user, person)})


def recommendation_visible_list(user: Any) -> QuerySet[Recommendation]:
    """Recommendations of the items the user may see: the item's rule, nothing of its own."""
    return Recommendation.objects.filter(item_visible_condition(user))


def tracker_audience(user: Any) -> str:
    """A key for what the user may see of the tracker, for caching what depends on it:
    everything, the public's view, or (entitled to some exempt items) their own."""
    if permissions.can_manage_tracker(user):
        return "all"
    if permissions.person_of(user) is None:
        return "public"
    return f"user-{user.pk}"
