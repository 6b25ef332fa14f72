"""The executive's forward plan kept in the app: adding and editing its items, with the record a
key decision listed late needs (the general exception or special urgency)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from scrutineer.committees.models import Committee
from scrutineer.core.calendar import long_date, month_end, month_year
from scrutineer.core.history import history_user_set
from scrutineer.core.models import Person
from scrutineer.core.validation import (
    TEXT_MAX,
    TITLE_MAX,
    after,
    first_of,
    out_of_range,
    raise_if_any,
    too_long,
)
from scrutineer.programme.models import ForwardPlanItem, WorkProgrammeItem
from scrutineer.programme.services.dispositions import disposition_propose
from scrutineer.programme.services.work_programme import work_programme_rename

NAME_MAX = 200  # the decision maker and the portfolio: a line of a table


def _checked(
    *,
    item: ForwardPlanItem | None,
    title: str,
    decision_maker: str,
    decision_date: datetime.date | None,
    decision_date_precision: str,
    is_key_decision: bool,
    first_published: datetime.date | None,
    portfolio: str,
    urgency: str,
    urgency_chair_date: datetime.date | None,
    urgency_reason: str,
) -> dict[str, Any]:
    """The item's fields as they are stored, or one ValidationError naming every field that
    breaks a rule. A decision known only by its month is stored on the month's first day."""
    title, decision_maker, portfolio = title.strip(), decision_maker.strip(), portfolio.strip()
    urgency_reason = urgency_reason.strip()
    if decision_date is not None and decision_date_precision == ForwardPlanItem.Precision.MONTH:
        decision_date = decision_date.replace(day=1)
    duplicate = None
    if title and decision_date is not None:
        others = ForwardPlanItem.objects.filter(title=title, decision_date=decision_date)
        if item is not None:
            others = others.exclude(pk=item.pk)
        if others.exists():
            when = (
                month_year(decision_date)
                if decision_date_precision == ForwardPlanItem.Precision.MONTH
                else long_date(decision_date)
            )
            duplicate = f"The forward plan already has “{title}” for {when}"
    latest = None
    if decision_date is not None:
        latest = (
            month_end(decision_date)
            if decision_date_precision == ForwardPlanItem.Precision.MONTH
            else decision_date
        )
    route = urgency if urgency in ForwardPlanItem.Urgency.values else None
    chair_label = (
        "Date the chair agreed"
        if route == ForwardPlanItem.Urgency.SPECIAL_URGENCY
        else "Date the chair was told"
    )
    raise_if_any(
        title=first_of(
            None if title else "Enter the title of the decision",
            too_long(title, label="Title", limit=TITLE_MAX),
            duplicate,
        ),
        decision_maker=first_of(
            None if decision_maker else "Enter who takes the decision",
            too_long(decision_maker, label="Decision maker", limit=NAME_MAX),
        ),
        decision_date=first_of(
            None if decision_date else "Enter the date or month of the decision",
            out_of_range(decision_date, label="Decision date"),
        ),
        first_published=first_of(
            out_of_range(first_published, label="Date first published"),
            after(
                first_published, label="Date first published", latest=latest, what="the decision"
            ),
        ),
        portfolio=too_long(portfolio, label="Portfolio", limit=NAME_MAX),
        urgency=first_of(
            "Choose the general exception, special urgency or neither"
            if urgency and not route
            else None,
            "Only a key decision needs the general exception or special urgency"
            if route and not is_key_decision
            else None,
        ),
        decision_date_precision=(
            None
            if decision_date_precision in ForwardPlanItem.Precision.values
            else "Choose whether the date or only the month is known"
        ),
        urgency_chair_date=first_of(
            f"Enter the {chair_label.lower()}" if route and urgency_chair_date is None else None,
            out_of_range(urgency_chair_date, label=chair_label) if route else None,
        ),
        urgency_reason=first_of(
            "Enter why the decision could not wait for 28 clear days' notice"
            if route and not urgency_reason
            else None,
            too_long(urgency_reason, label="Reasons", limit=TEXT_MAX),
        ),
    )
    return {
        "title": title,
        "decision_maker": decision_maker,
        "decision_date": decision_date,
        "decision_date_precision": decision_date_precision,
        "is_key_decision": is_key_decision,
        "first_published": first_published,
        "portfolio": portfolio,
        # No route, no record: a date or reason left in the form means nothing without one.
        "urgency": route or "",
        "urgency_chair_date": urgency_chair_date if route else None,
        "urgency_reason": urgency_reason if route else "",
    }


def _propose_to(item: ForwardPlanItem, committees: Iterable[Committee], by: Any) -> None:
    for committee in committees:
        disposition_propose(item=item, committee=committee, by=by)


@transaction.atomic
def forward_plan_item_create(
    *,
    title: str,
    decision_date: datetime.date | None,
    decision_maker: str = "Cabinet",
    decision_date_precision: str = ForwardPlanItem.Precision.MONTH,
    is_key_decision: bool = False,
    lead_officer: Person | None = None,
    first_published: datetime.date | None = None,
    portfolio: str = "",
    is_exempt: bool = False,
    urgency: str = "",
    urgency_chair_date: datetime.date | None = None,
    urgency_reason: str = "",
    committees: Iterable[Committee] = (),
    by: Any = None,
) -> ForwardPlanItem:
    """Add a decision the executive expects to take; each of ``committees`` gets it in its
    forward-plan table with a suggested disposition."""
    fields = _checked(
        item=None,
        title=title,
        decision_maker=decision_maker,
        decision_date=decision_date,
        decision_date_precision=decision_date_precision,
        is_key_decision=is_key_decision,
        first_published=first_published,
        portfolio=portfolio,
        urgency=urgency,
        urgency_chair_date=urgency_chair_date,
        urgency_reason=urgency_reason,
    )
    item = ForwardPlanItem(**fields, lead_officer=lead_officer, is_exempt=is_exempt)
    history_user_set(item, by)
    item.save()
    _propose_to(item, committees, by)
    return item


@transaction.atomic
def forward_plan_item_update(
    *,
    item: ForwardPlanItem,
    title: str,
    decision_date: datetime.date | None,
    decision_maker: str,
    decision_date_precision: str,
    is_key_decision: bool,
    lead_officer: Person | None,
    first_published: datetime.date | None,
    portfolio: str,
    is_exempt: bool,
    urgency: str,
    urgency_chair_date: datetime.date | None,
    urgency_reason: str,
    committees: Iterable[Committee] = (),
    by: Any = None,
) -> ForwardPlanItem:
    """Change a forward-plan item; the committees' work-programme entries made from it take a
    new title with it (unless someone retitled them, or the committee has considered them).
    Each of ``committees`` not yet given it gets it in its forward-plan table."""
    fields = _checked(
        item=item,
        title=title,
        decision_maker=decision_maker,
        decision_date=decision_date,
        decision_date_precision=decision_date_precision,
        is_key_decision=is_key_decision,
        first_published=first_published,
        portfolio=portfolio,
        urgency=urgency,
        urgency_chair_date=urgency_chair_date,
        urgency_reason=urgency_reason,
    )
    old_title = item.title
    fields |= {"lead_officer": lead_officer, "is_exempt": is_exempt}
    if any(getattr(item, key) != value for key, value in fields.items()):
        for key, value in fields.items():
            setattr(item, key, value)
        history_user_set(item, by)
        item.save()
    if item.title != old_title:
        followers = WorkProgrammeItem.objects.filter(
            forward_plan_item=item, title=old_title
        ).exclude(status=WorkProgrammeItem.Status.CONSIDERED)
        for work_item in followers:
            work_programme_rename(item=work_item, title=item.title, by=by)
    _propose_to(item, committees, by)
    return item
