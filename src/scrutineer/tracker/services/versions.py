"""Versioned writes: every state change writes the row as it is now, locked, at the next
version, so an edit made from a stale page is refused rather than lost."""

from __future__ import annotations

from typing import Any

from scrutineer.core.history import history_user_set
from scrutineer.tracker.models import Item, Recommendation
from scrutineer.tracker.services.errors import EditConflict


def locked(instance: Any, expected_version: int | None = None) -> Any:
    """The row as it is now, locked until the transaction ends: every state change writes this
    copy, never the one loaded when the request began. Raises EditConflict when the form was
    opened at another version. (SQLite takes its write lock as the transaction begins.)"""
    fresh = type(instance).objects.select_for_update(no_key=True).get(pk=instance.pk)
    if expected_version is not None and fresh.version != expected_version:
        raise EditConflict(fresh)
    return fresh


def saved(fresh: Item | Recommendation, instance: Item | Recommendation, by: Any) -> None:
    """Write the locked row at the next version, then show the caller's copy what was saved."""
    fresh.version += 1
    history_user_set(fresh, by)
    fresh.save()
    if instance is not fresh:
        instance.refresh_from_db()
        history_user_set(instance, by)  # for the assignees' history row, written through it
