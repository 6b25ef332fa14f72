"""Reading django-simple-history records as "who changed what, and when"."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime.datetime
    who: str
    action: str
    changes: list[FieldChange]
    reason: str


_ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}
_HIDDEN = {"version", "search_document", "updated_at"}


def _display(record: Any, field_name: str, value: Any) -> str:
    if isinstance(value, list):  # many-to-many: rows of the through model
        names = []
        for row in value:
            related = next((v for k, v in row.items() if k not in {"id"} and v is not None), None)
            names.append(str(related))
        return ", ".join(sorted(names)) or "(none)"
    if value in (None, ""):
        return "(empty)"
    field = record.instance_type._meta.get_field(field_name)
    if getattr(field, "choices", None):
        return str(dict(field.choices).get(value, value))
    if field.is_relation and field.related_model is not None:
        found = field.related_model._default_manager.filter(pk=value).first()
        return str(found) if found else f"#{value}"
    return str(value)


def history_of(instance: Any) -> list[HistoryEntry]:
    """Every recorded change of one object, newest first, with field-by-field differences."""
    records = list(instance.history.select_related("history_user").order_by("-history_date"))
    entries = []
    for index, record in enumerate(records):
        older = records[index + 1] if index + 1 < len(records) else None
        changes: list[FieldChange] = []
        if older is not None:
            delta = record.diff_against(older)
            for change in delta.changes:
                if change.field in _HIDDEN:
                    continue
                label = str(record.instance_type._meta.get_field(change.field).verbose_name)
                changes.append(
                    FieldChange(
                        field=label[:1].upper() + label[1:],
                        old=_display(record, change.field, change.old),
                        new=_display(record, change.field, change.new),
                    )
                )
            if not changes and record.history_type == "~":
                continue
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(user.get_full_name() or user.get_username()) if user else "System",
                action=_ACTIONS.get(record.history_type, record.history_type),
                changes=changes,
                reason=record.history_change_reason or "",
            )
        )
    return entries


def history_user_set(instance: Any, user: Any) -> None:
    """Record ``user`` as the author of the instance's next history entry.

    simple-history takes the user from the request; services called from commands, imports
    and the API pass it here instead.
    """
    if user is not None and getattr(user, "is_authenticated", False):
        instance._history_user = user
