"""One item or recommendation, with what its page shows, in a constant number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from scrutineer.core import permissions
from scrutineer.tracker.models import EvidenceFile, Item, ProgressUpdate, Recommendation
from scrutineer.tracker.selectors.visibility import (
    progress_update_visible_condition,
    recommendation_visible_condition,
)


def _updates(user: Any) -> Any:
    """The progress updates the user may see (withdrawn ones marked, for the council), each
    with its evidence files."""
    return (
        ProgressUpdate.objects.filter(progress_update_visible_condition(user))
        .select_related("author", "recommendation")
        .prefetch_related(Prefetch("evidence_files", queryset=EvidenceFile.objects.order_by("pk")))
    )


def item_detail(pk: int, *, user: Any) -> Item:
    """An item with the recommendations and progress updates the user may see."""
    return (
        Item.objects.select_related("meeting__committee", "lead_officer")
        .prefetch_related(
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.filter(recommendation_visible_condition(user))
                .order_by("pk")
                .prefetch_related("assignees"),
            ),
            Prefetch("progress_updates", queryset=_updates(user)),
            "related_items",
        )
        .get(pk=pk)
    )


def item_briefings(item: Item, *, user: Any) -> list[Any]:
    """The briefing notes about the item that its page lists: the issued ones, and drafts too
    for those who manage the tracker (they write them). Notes belong to the briefings app,
    above this one, so they come through the reverse relation rather than an import."""
    notes = item.briefings.all()
    if not permissions.can_manage_tracker(user):
        notes = notes.filter(status="issued")
    return list(notes)


def recommendation_detail(pk: int, *, user: Any) -> Recommendation:
    """A recommendation with the progress updates the user may see, and their evidence."""
    return (
        Recommendation.objects.select_related(
            "item__meeting__committee", "closure_agreed_at__committee", "closure_proposed_by"
        )
        .prefetch_related(
            "assignees",
            Prefetch("progress_updates", queryset=_updates(user)),
        )
        .get(pk=pk)
    )
