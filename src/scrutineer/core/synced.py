"""Records kept in step with another system (Modern.gov) without losing what was done here.

Each synced record keeps, in its ``synced`` field, the values the last sync brought in. A
field whose value here still equals that snapshot was not edited here, and takes the new
value; one that differs was edited here, and keeps its value: the sync reports the conflict
instead of overwriting it. Scrutineer's own fields (summaries, recommendations, progress,
assignments) are never in a snapshot, so a sync never touches them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db.models import Model

from scrutineer.core.history import history_user_set

Outcome = Literal["created", "updated", "unchanged"]
SYNC_REASON = "Synced from Modern.gov"


@dataclass(frozen=True)
class SyncConflict:
    """A synced field edited here that the other system has since changed too."""

    record: str
    field: str
    local: Any
    remote: Any

    def __str__(self) -> str:
        return (
            f"{self.record}: {self.field} was changed here to “{_shown(self.local)}”; "
            f"Modern.gov now says “{_shown(self.remote)}”. Kept the value changed here."
        )


@dataclass
class SyncResult:
    """What a sync did to one record."""

    instance: Any
    outcome: Outcome
    conflicts: list[SyncConflict] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def snapshot_value(value: Any) -> Any:
    """A field's value as the snapshot (JSON) keeps it: dates and times as ISO text."""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Merge:
    """The fields to write, the snapshot to keep, and the conflicts to report."""

    changes: dict[str, Any]
    snapshot: dict[str, Any]
    conflicts: list[tuple[str, Any, Any]]


def synced_merge(
    current: dict[str, Any],
    snapshot: dict[str, Any],
    incoming: dict[str, Any],
    defaults: dict[str, Any] | None = None,
) -> Merge:
    """Merge the other system's ``incoming`` values into the record's ``current`` ones, given
    the ``snapshot`` of what the last sync brought in.

    A field never synced before (a record made by hand and now linked) takes the incoming
    value where it is empty or at its default here, and is a conflict otherwise.
    """
    defaults = defaults or {}
    changes: dict[str, Any] = {}
    kept = dict(snapshot)
    conflicts: list[tuple[str, Any, Any]] = []
    for name, remote in incoming.items():
        local = current[name]
        local_value, remote_value = snapshot_value(local), snapshot_value(remote)
        if local_value == remote_value:
            kept[name] = remote_value
            continue
        if name in snapshot:
            edited_here = local_value != snapshot[name]
        else:
            edited_here = local not in ("", None, [], {}) and local != defaults.get(name)
        if edited_here:
            conflicts.append((name, local, remote))
        else:
            changes[name] = remote
            kept[name] = remote_value
    return Merge(changes=changes, snapshot=kept, conflicts=conflicts)


def synced_save(
    instance: Model,
    incoming: dict[str, Any],
    *,
    label: str,
    by: Any = None,
    verbose: dict[str, str] | None = None,
    save: Callable[[Any], None] | None = None,
    link: str = "",
) -> SyncResult:
    """Apply ``incoming`` to an existing record by the rule above and save it (with a history
    entry, through ``save`` where the owning app writes its own way) only when a field
    changed; a snapshot that alone moved is written without a history entry. ``link`` is the
    other system's id for a record made here that is being linked to it on first sight."""
    snapshot = dict(getattr(instance, "synced", None) or {})
    current = {name: getattr(instance, name) for name in incoming}
    defaults = {name: _default(instance, name) for name in incoming}
    merge = synced_merge(current, snapshot, incoming, defaults)
    names = verbose or {}
    conflicts = [
        SyncConflict(label, names.get(name, name.replace("_", " ")), local, remote)
        for name, local, remote in merge.conflicts
    ]
    if link:
        instance.external_id = link  # type: ignore[attr-defined]
    if merge.changes or link:
        for name, value in merge.changes.items():
            setattr(instance, name, value)
        instance.synced = merge.snapshot  # type: ignore[attr-defined]
        history_user_set(instance, by)
        instance._change_reason = SYNC_REASON  # type: ignore[attr-defined]
        (save or Model.save)(instance)
        changed = [names.get(name, name.replace("_", " ")) for name in merge.changes]
        changed += ["linked to Modern.gov"] if link else []
        return SyncResult(instance, "updated", conflicts, changed)
    if merge.snapshot != snapshot:
        type(instance)._default_manager.filter(pk=instance.pk).update(synced=merge.snapshot)
        instance.synced = merge.snapshot  # type: ignore[attr-defined]
    return SyncResult(instance, "unchanged", conflicts)


def _default(instance: Model, name: str) -> Any:
    found = instance._meta.get_field(name)
    return found.get_default() if hasattr(found, "get_default") else None


def synced_snapshot(values: dict[str, Any]) -> dict[str, Any]:
    """The snapshot of a record the sync has just made."""
    return {name: snapshot_value(value) for name, value in values.items()}
