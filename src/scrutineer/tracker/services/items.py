"""Writes to items: adding one to a meeting, with the next tracker number, and changing it."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import clock
from scrutineer.core.history import history_user_set
from scrutineer.core.models import Person
from scrutineer.core.text import text_to_html
from scrutineer.tracker import validation
from scrutineer.tracker.models import Item
from scrutineer.tracker.services.search import item_reindex
from scrutineer.tracker.services.versions import locked, saved


def item_next_number(committee: Committee) -> int:
    last = Item.objects.filter(meeting__committee=committee).order_by("-number").first()
    return (last.number if last else 0) + 1


@transaction.atomic
def item_create(
    *,
    meeting: Meeting,
    report_title: str,
    summary: str = "",
    lead_officer: Person | None = None,
    is_exempt: bool = False,
    number: int | None = None,
    published: bool = False,
    by: Any = None,
) -> Item:
    """Add an item to a meeting; its summary is sanitised; it takes the next tracker number.
    Typed in, it is a draft until it is published (or its meeting's minutes are)."""
    validation.item_check(report_title=report_title, summary=summary)
    item = Item(
        meeting=meeting,
        number=number or item_next_number(meeting.committee),
        report_title=report_title.strip(),
        summary_html=text_to_html(summary),
        lead_officer=lead_officer,
        is_exempt=is_exempt,
        published_at=clock.now() if published else None,
    )
    history_user_set(item, by)
    item.save()
    item_reindex(item)
    return item


@transaction.atomic
def item_update(
    *, item: Item, expected_version: int | None, by: Any = None, **changes: Any
) -> Item:
    """Change an item's fields; raises EditConflict when it changed since the form opened."""
    validation.item_check(report_title=changes.get("report_title"), summary=changes.get("summary"))
    fresh = locked(item, expected_version)
    if "summary" in changes:
        fresh.summary_html = text_to_html(changes.pop("summary"))
    for field, value in changes.items():
        setattr(fresh, field, value)
    saved(fresh, item, by)
    item_reindex(item)
    return item
