"""The conflict page: the form again at the saved version, and what changed since the
user opened it, when someone else saved first."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest

from scrutineer.core.calendar import long_date
from scrutineer.tracker.models import Recommendation

STALE_PAGE = "Someone else changed this recommendation after you opened this page"


def conflicted_form(
    form_class: Any, request: HttpRequest, current: Any, message: str, **kwargs: Any
) -> Any:
    """The user's form again, now carrying the saved version, so a second save is deliberate."""
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = form_class(data, **kwargs)
    form.is_valid()
    form.add_error(None, message)
    return form


def _date(day: datetime.date | None) -> str:
    return long_date(day) if day else ""


def recommendation_conflict(current: Recommendation, seen: int | None) -> list[tuple[str, ...]]:
    """What changed between the version the page showed and the one saved now, from history."""
    before = current.history.filter(version=seen).order_by("-history_date").first()
    if before is None:
        return []
    now = current.history.order_by("-history_date").first()

    def assignees(record: Any) -> str:
        return ", ".join(sorted(str(row.person) for row in record.assignees.all()))

    rows = [
        ("Recommendation", current.text, before.text),
        ("Status", current.get_status_display(), before.get_status_display()),
        ("Due date", _date(current.due_date), _date(before.due_date)),
        ("Assigned to", assignees(now) if now else "", assignees(before)),
        (
            "Closure proposed",
            "Yes" if current.closure_proposed_at else "No",
            "Yes" if before.closure_proposed_at else "No",
        ),
    ]
    return [row for row in rows if row[1] != row[2]]
