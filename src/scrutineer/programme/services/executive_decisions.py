"""Pre-decision scrutiny comes before the executive's decision. (The forward plan's notice rule
is pure and lives in core/calendar.py.)"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from scrutineer.committees.models import Meeting
from scrutineer.core.calendar import long_date, month_year
from scrutineer.programme.models import ForwardPlanItem
from scrutineer.programme.selectors import decision_latest_day


def pre_decision_check(*, plan_item: ForwardPlanItem, meeting: Meeting | None, field: str) -> None:
    """Pre-decision scrutiny comes before the decision: the meeting cannot be after it. When
    the forward plan gives only the month, any meeting in or before that month will do."""
    if meeting is None:
        return
    latest = decision_latest_day(plan_item)
    when = f"the decision on {long_date(latest)}"
    if plan_item.decision_date_precision == ForwardPlanItem.Precision.MONTH:
        when = f"the decision, due in {month_year(latest)}"
    if meeting.date > latest:
        raise ValidationError({field: [f"Choose a meeting on or before {when}"]})
