"""The items' search text: rebuilt after each write, or once per item at the end of a bulk
write."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.db.models import Q

from scrutineer.core.models import Person
from scrutineer.core.sanitise import plain_text
from scrutineer.tracker.models import Item

# Items whose search text is due, while a bulk write defers reindexing (see below).
_reindex_pending: ContextVar[set[int] | None] = ContextVar("reindex_pending", default=None)


@contextmanager
def search_index_deferred() -> Iterator[None]:
    """Reindex each item written in the block once, as the block ends, instead of after every
    write: an import touches an item several times per row. Nothing is reindexed on error."""
    if _reindex_pending.get() is not None:
        yield  # already deferred by an outer block
        return
    pending: set[int] = set()
    token = _reindex_pending.set(pending)
    try:
        yield
    finally:
        _reindex_pending.reset(token)
    for pk in sorted(pending):
        item_reindex(Item(pk=pk))


def item_reindex(item: Item) -> None:
    """Rebuild the item's search text from its title, summary, recommendations and progress:
    withdrawn recommendations and updates are left out, so a search never finds them."""
    pending = _reindex_pending.get()
    if pending is not None:
        pending.add(item.pk)
        return
    with transaction.atomic(savepoint=False):
        # Lock the item before reading what it holds: two progress updates posted at once
        # would otherwise each write a text that lacks the other's (PostgreSQL; SQLite
        # writes one transaction at a time anyway).
        current = Item.objects.select_for_update(no_key=True).get(pk=item.pk)
        parts = [current.report_title, plain_text(current.summary_html)]
        parts += [plain_text(current.agenda_html), plain_text(current.minutes_html)]
        recommendations = current.recommendations.filter(withdrawn_at__isnull=True)
        for recommendation in recommendations:
            parts += [recommendation.reference, recommendation.preamble, recommendation.text]
        updates = current.progress_updates.filter(
            Q(recommendation__isnull=True) | Q(recommendation__withdrawn_at__isnull=True),
            withdrawn_at__isnull=True,
        )
        parts += [plain_text(update.text_html) for update in updates]
        parts += [
            person.name
            for person in Person.objects.filter(
                recommendations__in=recommendations.values("pk")
            ).distinct()
        ]
        document = "\n".join(p for p in parts if p)
        # On SQLite, triggers copy the text into the full-text index (migration 0006).
        Item.objects.filter(pk=item.pk).update(search_document=document)
    item.search_document = document
