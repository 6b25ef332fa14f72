"""The rules of the executive's decisions that scrutiny plans around: a key decision's notice
in the forward plan, and pre-decision scrutiny coming before the decision."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError

from scrutineer.committees.models import Meeting
from scrutineer.core.validation import long_date
from scrutineer.core.working_days import clear_days_between
from scrutineer.programme.models import ForwardPlanItem

KEY_DECISION_NOTICE_CLEAR_DAYS = 28


def notice_clear_days(item: ForwardPlanItem) -> int | None:
    """Clear days between first publication and the (earliest possible) decision date."""
    if item.first_published is None:
        return None
    return clear_days_between(item.first_published, item.decision_date)


def notice_breach(item: ForwardPlanItem) -> bool:
    """A key decision needs 28 clear days' notice in the forward plan unless it went by the
    general exception or special urgency route (Local Authorities (Executive Arrangements)
    (Meetings and Access to Information) (England) Regulations 2012, regs. 9-11). Weekends and
    bank holidays count: the rule is in clear days, not working days. When only the month is
    known, its first day is taken, the earliest the decision could be."""
    if not item.is_key_decision or item.urgency:
        return False
    days = notice_clear_days(item)
    return days is None or days < KEY_DECISION_NOTICE_CLEAR_DAYS


def pre_decision_check(*, plan_item: ForwardPlanItem, meeting: Meeting | None, field: str) -> None:
    """Pre-decision scrutiny comes before the decision: the meeting cannot be after it. When
    the forward plan gives only the month, any meeting in or before that month will do."""
    if meeting is None:
        return
    latest = plan_item.decision_date
    when = f"the decision on {long_date(latest)}"
    if plan_item.decision_date_precision == ForwardPlanItem.Precision.MONTH:
        latest = (latest.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        latest -= datetime.timedelta(days=1)
        when = f"the decision, due in {latest:%B %Y}"
    if meeting.date > latest:
        raise ValidationError({field: [f"Choose a meeting on or before {when}"]})
