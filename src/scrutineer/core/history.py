"""Reading django-simple-history records as "who changed what, and when"."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.db import connection
from django.db.models import Model
from django.db.models.fields import AutoFieldMixin
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from scrutineer.core.calendar import long_date


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

    @property
    def when_text(self) -> str:
        return datetime_text(self.when)


_ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}
_HIDDEN = {"version", "search_document", "updated_at"}


def time_text(moment: datetime.time | datetime.datetime) -> str:
    """A time in the GOV.UK style: "6:51pm", "12:05am"."""
    return f"{moment.hour % 12 or 12}:{moment:%M}{'am' if moment.hour < 12 else 'pm'}"


def datetime_text(moment: datetime.datetime) -> str:
    """A moment in local time as the pages print it: "1 December 2026, 6:51pm"."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{long_date(moment)}, {time_text(moment)}"


class _Names:
    """The names of related objects, looked up once per model for a whole history."""

    def __init__(self) -> None:
        self.wanted: dict[type[Model], set[Any]] = defaultdict(set)
        self.found: dict[type[Model], dict[Any, Model]] = {}

    def want(self, model: type[Model], pk: Any) -> None:
        if pk is not None:
            self.wanted[model].add(pk)

    def load(self) -> None:
        for model, pks in self.wanted.items():
            # select_related() follows the required foreign keys that __str__ often names
            # (a meeting is "<committee>, <date>"), so naming costs one query per model.
            self.found[model] = model._base_manager.select_related().in_bulk(pks)

    def name(self, model: type[Model], pk: Any) -> str:
        found = self.found.get(model, {}).get(pk)
        return str(found) if found is not None else f"deleted ({model._meta.verbose_name} {pk})"


def _display(field: Any, value: Any, names: _Names) -> str:
    if field.many_to_many:
        shown = sorted(names.name(field.related_model, pk) for pk in value)
        return ", ".join(shown) or "(none)"
    if value is None or value == "":
        return "(empty)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and field.related_model is not None:
        return names.name(field.related_model, value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return datetime_text(value)
    if isinstance(value, datetime.date):
        return long_date(value)
    if isinstance(value, datetime.time):
        return time_text(value)
    return str(value)


def _m2m_values(records: list[Any]) -> dict[str, dict[int, frozenset[Any]]]:
    """For each tracked many-to-many field, the related ids each record held: one query per
    field for the whole history, where diffing record by record would query every pair."""
    values: dict[str, dict[int, frozenset[Any]]] = {}
    if not records:
        return values
    for field in records[0]._history_m2m_fields:
        through = getattr(records[0], field.name).model  # the historical through model
        target = field.m2m_reverse_field_name()
        held: dict[int, set[Any]] = defaultdict(set)
        rows = through.objects.filter(history__in=[r.pk for r in records]).values_list(
            "history_id", f"{target}_id"
        )
        for history_id, pk in rows:
            held[history_id].add(pk)
        values[field.name] = {r.pk: frozenset(held[r.pk]) for r in records}
    return values


def history_of(instance: Any) -> list[HistoryEntry]:
    """Every recorded change of one object, newest first, field by field, naming people,
    committees and meetings and printing dates as the pages do, in a constant number of
    queries however long the history is."""
    records = list(instance.history.select_related("history_user").order_by("-history_date"))
    m2m = _m2m_values(records)
    opts = type(instance)._meta
    names = _Names()
    raw: list[tuple[Any, list[tuple[Any, Any, Any]]]] = []
    for index, record in enumerate(records):
        older = records[index + 1] if index + 1 < len(records) else None
        changes: list[tuple[Any, Any, Any]] = []
        if older is not None:
            delta = record.diff_against(older, excluded_fields=list(m2m))
            for change in delta.changes:
                if change.field not in _HIDDEN:
                    changes.append((opts.get_field(change.field), change.old, change.new))
            for name, held in m2m.items():
                if held[record.pk] != held[older.pk]:
                    changes.append((opts.get_field(name), held[older.pk], held[record.pk]))
            if not changes and record.history_type == "~":
                continue
        for field, old, new in changes:
            if field.is_relation and field.related_model is not None:
                for value in [*old, *new] if field.many_to_many else [old, new]:
                    names.want(field.related_model, value)
        raw.append((record, changes))
    names.load()
    entries = []
    for record, changes in raw:
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(user.get_full_name() or user.get_username()) if user else "System",
                action=_ACTIONS.get(record.history_type, record.history_type),
                changes=[
                    FieldChange(
                        field=_label(field),
                        old=_display(field, old, names),
                        new=_display(field, new, names),
                    )
                    for field, old, new in changes
                ],
                reason=record.history_change_reason or "",
            )
        )
    return entries


def _label(field: Any) -> str:
    label = str(field.verbose_name)
    return label[:1].upper() + label[1:]


def history_user_set(instance: Any, user: Any) -> None:
    """Record ``user`` as the author of the instance's next history entry.

    simple-history takes the user from the request; services called from commands, imports
    and the API pass it here instead.
    """
    if user is not None and getattr(user, "is_authenticated", False):
        instance._history_user = user


def history_bulk_create(objects: Iterable[Any], model: Any, *, by: Any) -> list[Any]:
    """Save many new rows of a tracked model at once, each with its history entry and author
    (a plain ``bulk_create`` would leave no history at all)."""
    author = by if by is not None and getattr(by, "is_authenticated", False) else None
    return bulk_create_with_history(list(objects), model, default_user=author)


def rows_insert(model: Any, rows: Iterable[dict[str, Any]]) -> None:
    """Insert rows given as field values (attname to value) in one statement per few thousand,
    for rows whose keys nobody needs back: an import's historical records and links. Django's
    bulk_create compiles every value of every row, which costs more than the rest of an import
    of thousands of rows."""
    opts = model._meta
    fields = [f for f in opts.concrete_fields if not (f.primary_key and f.auto_created)]
    fields = [f for f in fields if not (f.primary_key and isinstance(f, AutoFieldMixin))]
    quote = connection.ops.quote_name
    # Names from the model's own metadata, quoted; every value is a parameter.
    table, columns = quote(opts.db_table), ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608  # nosec B608
    values = [
        [f.get_db_prep_save(row.get(f.attname, _default(f)), connection) for f in fields]
        for row in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(values), 2000):
            cursor.executemany(sql, values[start : start + 2000])


def _default(field: Any) -> Any:
    return field.get_default() if field.has_default() else None


def history_values(
    instance: Any, *, when: datetime.datetime, kind: str, by: Any, reason: str
) -> dict[str, Any]:
    """A historical record of ``instance`` as it is now, dated ``when``, for ``rows_insert``."""
    tracked = _tracked(type(instance)._meta.label)
    values = {field.attname: getattr(instance, field.attname) for field in tracked}
    author = by if by is not None and getattr(by, "is_authenticated", False) else None
    values |= {
        "history_date": when,
        "history_type": kind,  # "+" made, "~" changed
        "history_user_id": author.pk if author is not None else None,
        "history_change_reason": reason,
    }
    return values


@cache
def _tracked(label: str) -> list[Any]:
    """The fields a model's history records (reading ``Model.history`` builds a manager)."""
    return list(apps.get_model(label).history.model.tracked_fields)
