"""What the administrators' sync page shows."""

from __future__ import annotations

from django.db.models import QuerySet

from scrutineer.integrations.models import SyncRun


def sync_run_list(*, limit: int = 10) -> QuerySet[SyncRun]:
    """The latest syncs, newest first, with who asked."""
    return SyncRun.objects.select_related("requested_by").order_by("-started_at", "-pk")[:limit]
