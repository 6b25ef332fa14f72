"""Agenda items kept in step with the council's committee system (Modern.gov).

An item is matched by its Modern.gov id, or on first sight by title to one recorded here by
hand at the same meeting, which is then linked. What Modern.gov publishes of it (title,
agenda number and text, minutes, documents, whether it is exempt) is brought up to date
unless it was edited here; Scrutineer's own work on it (the summary of the discussion,
recommendations, progress, assignments) is never touched.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from scrutineer.committees.models import Meeting
from scrutineer.core import clock
from scrutineer.core.history import history_user_set
from scrutineer.core.synced import SYNC_REASON, SyncResult, synced_save, synced_snapshot
from scrutineer.core.validation import TITLE_MAX
from scrutineer.tracker.models import Item
from scrutineer.tracker.services.items import item_next_number
from scrutineer.tracker.services.search import item_reindex
from scrutineer.tracker.services.versions import locked, saved

ITEM_SYNCED_FIELDS = {
    "report_title": "title",
    "agenda_number": "agenda number",
    "agenda_html": "agenda text",
    "minutes_html": "minutes",
    "documents": "documents",
    "is_exempt": "exempt",
}


@transaction.atomic
def item_sync(
    *,
    meeting: Meeting,
    external_id: str,
    title: str,
    agenda_number: str = "",
    agenda_html: str = "",
    minutes_html: str = "",
    documents: list[dict[str, str]] | None = None,
    is_exempt: bool = False,
    by: Any = None,
) -> SyncResult:
    """The agenda item with this Modern.gov id brought up to date, or added to the meeting
    with the committee's next tracker number. A restricted item is exempt from the first
    write, so its title is never public."""
    incoming: dict[str, Any] = {
        "report_title": title.strip()[:TITLE_MAX] or "Untitled item",
        "agenda_number": agenda_number[:20],
        "agenda_html": agenda_html,
        "minutes_html": minutes_html,
        "documents": list(documents or []),
        "is_exempt": is_exempt,
    }
    found = Item.objects.filter(external_id=external_id).first()
    link = ""
    if found is None:
        found = (
            Item.objects.filter(
                meeting=meeting, external_id="", report_title__iexact=incoming["report_title"]
            )
            .order_by("pk")
            .first()
        )
        link = external_id
    if found is not None:
        fresh = locked(found)
        if is_exempt and not fresh.is_exempt and fresh.synced.get("is_exempt") is True:
            # Published here although Modern.gov restricts it: what Modern.gov now says of
            # it stays out (a restricted text never becomes public); the flag is a conflict.
            incoming = {"is_exempt": True}
        label = f"Item {fresh.number}. {fresh.report_title} ({meeting})"
        result = synced_save(
            fresh,
            incoming,
            label=label,
            by=by,
            verbose=ITEM_SYNCED_FIELDS,
            save=lambda item: saved(item, item, by),
            link=link,
        )
        if result.outcome == "updated":
            item_reindex(fresh)
        return result
    item = Item(
        meeting=meeting,
        number=item_next_number(meeting.committee),
        external_id=external_id,
        synced=synced_snapshot(incoming),
        # Modern.gov has published its agenda already: the item is public as it arrives.
        published_at=clock.now(),
        **incoming,
    )
    history_user_set(item, by)
    item._change_reason = SYNC_REASON  # type: ignore[attr-defined]
    item.save()
    item_reindex(item)
    return SyncResult(item, "created")
