"""Writes to recommendations: adding one with the next reference of the municipal year,
changing it and its assignees."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models.functions import Length

from scrutineer.committees.models import Committee
from scrutineer.core.calendar import municipal_year
from scrutineer.core.history import history_user_set
from scrutineer.core.models import Person
from scrutineer.tracker import validation
from scrutineer.tracker.models import Item, Recommendation
from scrutineer.tracker.services.search import item_reindex
from scrutineer.tracker.services.versions import locked, saved


def recommendation_reference(*, committee: Committee, day: datetime.date) -> str:
    """The next free reference for the committee's municipal year, e.g. "CO&S 24/25-09"."""
    prefix = f"{committee.short_name} {municipal_year(day)}-"
    # Longest first, then highest: "…-100" after "…-99", without loading every reference.
    taken = (
        Recommendation.objects.filter(reference__startswith=prefix)
        .order_by(Length("reference").desc(), "-reference")
        .values_list("reference", flat=True)
    )
    for reference in taken.iterator():
        if reference[len(prefix) :].isdigit():
            return f"{prefix}{int(reference[len(prefix) :]) + 1:02d}"
    return f"{prefix}01"


@transaction.atomic
def recommendation_create(
    *,
    item: Item,
    text: str,
    number: str = "",
    preamble: str = "",
    kind: str = Recommendation.Kind.ACTION,
    addressee: str = "",
    assignees: Iterable[Person] = (),
    due_date: datetime.date | None = None,
    reference: str = "",
    status_wording: str = "",
    area: str = "",
    cabinet_member: str = "",
    by: Any = None,
) -> Recommendation:
    """Add a recommendation to an item, with the next reference of the municipal year."""
    validation.recommendation_check(
        text=text, preamble=preamble, addressee=addressee, due_date=due_date
    )
    if not number:
        number = str(item.recommendations.count() + 1)
    recommendation = Recommendation(
        item=item,
        number=number,
        text=text.strip(),
        preamble=preamble.strip(),
        kind=kind,
        addressee=addressee.strip(),
        due_date=due_date,
        status_wording=status_wording,
        area=area.strip(),
        cabinet_member=cabinet_member.strip(),
        reference=reference
        or recommendation_reference(committee=item.meeting.committee, day=item.meeting.date),
    )
    history_user_set(recommendation, by)
    recommendation.save()
    _assign(recommendation, list(assignees))
    item_reindex(item)
    return recommendation


def _assign(recommendation: Recommendation, assignees: list[Person]) -> None:
    """Set the assignees (one history record) and keep them in the order given, which is the
    order the tracker prints them in ("Tracie Heiser / O&S Officers")."""
    recommendation.assignees.set(assignees)
    through = Recommendation.assignees.through
    wanted = list(dict.fromkeys(p.pk for p in assignees))
    rows = through.objects.filter(recommendation=recommendation)
    if list(rows.order_by("id").values_list("person_id", flat=True)) != wanted:
        # Rewriting the link rows changes no one's assignment, so history has nothing to add.
        rows.delete()
        through.objects.bulk_create(
            through(recommendation=recommendation, person_id=pk) for pk in wanted
        )


@transaction.atomic
def recommendation_update(
    *,
    recommendation: Recommendation,
    expected_version: int | None,
    by: Any = None,
    assignees: Iterable[Person] | None = None,
    **changes: Any,
) -> Recommendation:
    """Change a recommendation; raises EditConflict when it changed since the form opened."""
    validation.recommendation_check(
        text=changes.get("text"),
        preamble=changes.get("preamble"),
        addressee=changes.get("addressee"),
        due_date=changes.get("due_date"),
    )
    fresh = locked(recommendation, expected_version)
    for field, value in changes.items():
        setattr(fresh, field, value.strip() if isinstance(value, str) else value)
    saved(fresh, recommendation, by)
    if assignees is not None:
        _assign(recommendation, list(assignees))
    item_reindex(recommendation.item)
    return recommendation
