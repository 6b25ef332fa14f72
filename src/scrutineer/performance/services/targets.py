"""Writes to an indicator's targets: a year's annual target and its profile by quarter."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from scrutineer.core.history import history_user_set
from scrutineer.performance.models import Indicator, Target
from scrutineer.performance.services.errors import PerformanceRuleBroken


def target_check(*, quarter: int | None) -> None:
    """A target is for a year (quarter None) or one of its four quarters; no query."""
    if quarter is not None and not 1 <= quarter <= 4:
        raise PerformanceRuleBroken("The quarter must be 1 to 4 (Q1 is April to June).")


def target_set(
    *, indicator: Indicator, year: int, quarter: int | None, value: float, by: Any = None
) -> Target:
    """Set the annual target (quarter None) or a profiled quarterly target."""
    target_check(quarter=quarter)
    target = Target.objects.filter(indicator=indicator, year=year, quarter=quarter).first()
    if target is None:
        target = Target(indicator=indicator, year=year, quarter=quarter)
    elif target.value == value:
        return target  # unchanged: no history entry
    target.value = value
    history_user_set(target, by)
    target.save()
    return target


def target_clear(*, indicator: Indicator, year: int, quarter: int | None, by: Any = None) -> None:
    """Remove the annual target (quarter None) or a quarter's profiled target, if set; the
    history keeps what it was."""
    for target in Target.objects.filter(indicator=indicator, year=year, quarter=quarter):
        history_user_set(target, by)
        target.delete()


@transaction.atomic
def targets_set_for_year(
    *,
    indicator: Indicator,
    year: int,
    annual: float | None,
    quarters: dict[int, float | None],
    by: Any = None,
) -> None:
    """Set a financial year's annual target and its profile by quarter together; a blank
    (None) removes that target. Unchanged targets are left alone."""
    if set(quarters) - {1, 2, 3, 4}:
        raise PerformanceRuleBroken("The quarters must be 1 to 4 (Q1 is April to June).")
    for quarter, value in [(None, annual), *sorted(quarters.items())]:
        if value is None:
            target_clear(indicator=indicator, year=year, quarter=quarter, by=by)
        else:
            target_set(indicator=indicator, year=year, quarter=quarter, value=value, by=by)
