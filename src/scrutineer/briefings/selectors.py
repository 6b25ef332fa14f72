"""Queries for briefing-note pages, shaped in a constant number of queries."""

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from scrutineer.briefings.models import BriefingComment, BriefingNote
from scrutineer.core import permissions
from scrutineer.tracker.selectors import item_visible_list


def briefing_visible_list(user: Any) -> QuerySet[BriefingNote]:
    """Issued notes are public unless about an exempt item; drafts are for the council side.

    A note with no item is seen as one about an item the user may see only if it never had
    one: a note whose item was unlinked or deleted is for scrutiny officers alone, for its
    item may have been exempt, so nothing becomes public by losing its link."""
    if permissions.can_manage_tracker(user):
        return BriefingNote.objects.select_related("committee", "meeting", "item")
    once_linked = BriefingNote.history.model.objects.filter(id=OuterRef("pk"), item__isnull=False)
    notes = BriefingNote.objects.filter(
        (Q(item__isnull=True) & ~Exists(once_linked))
        | Q(item__in=item_visible_list(user).values("pk"))
    ).select_related("committee", "meeting", "item")
    if not permissions.is_staff_user(user):
        notes = notes.filter(status=BriefingNote.Status.ISSUED)
    return notes


def briefing_detail(*, user: Any, pk: int) -> BriefingNote:
    return (
        briefing_visible_list(user)
        .prefetch_related(
            Prefetch("comments", queryset=BriefingComment.objects.prefetch_related("responses")),
            "recommendations",
        )
        .get(pk=pk)
    )
