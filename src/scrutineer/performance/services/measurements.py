"""Writes to the figures (measurements): recording, correcting and approving them, and every
rule a figure must pass, which the importer's preview applies without writing."""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from scrutineer.core import clock
from scrutineer.core.calendar import FINANCIAL_MONTH_NAMES, period_label
from scrutineer.core.history import history_user_set
from scrutineer.core.validation import RICH_TEXT_MAX, too_long
from scrutineer.performance import assessment
from scrutineer.performance.models import Indicator, Measurement, Target
from scrutineer.performance.rules import Rag
from scrutineer.performance.services.errors import PerformanceRuleBroken


def figures_from(
    indicator: Indicator, measurements: Iterable[Measurement], targets: Iterable[Target]
) -> assessment.Figures:
    """The rules' view of an indicator, from rows already loaded: a monthly indicator's
    figures by (year, month), any other's by (year, quarter)."""
    monthly = indicator.frequency == Indicator.Frequency.MONTHLY
    rows = list(measurements)
    return assessment.Figures(
        polarity=indicator.polarity,
        measure_type=indicator.measure_type,
        tolerance=indicator.tolerance,
        tolerance_kind=indicator.tolerance_kind,
        is_narrative=indicator.is_narrative,
        values={(m.year, m.quarter): m.value for m in rows if m.month is None and not monthly},
        targets={(t.year, t.quarter): t.value for t in targets},
        monthly=monthly,
        months={(m.year, m.month): m.value for m in rows if m.month is not None and monthly},
    )


def figures_of(indicator: Indicator) -> assessment.Figures:
    """Load one indicator's values and targets (two queries) for the rules."""
    return figures_from(indicator, indicator.measurements.all(), indicator.targets.all())


def _period_of(
    indicator: Indicator, quarter: int | None, month: int | None
) -> tuple[int, int | None]:
    """The (quarter, month) a figure is recorded for: a monthly indicator needs the month (1
    is April) and takes its quarter from it; any other needs the quarter and has no month."""
    if indicator.frequency == Indicator.Frequency.MONTHLY:
        if month is None or not 1 <= month <= 12:
            raise PerformanceRuleBroken(
                f"{indicator.code} is reported monthly: choose the month (1 is April to 12, "
                "March).",
                field="month",
            )
        in_quarter = (month - 1) // 3 + 1
        if quarter is not None and quarter != in_quarter:
            raise PerformanceRuleBroken(
                f"{FINANCIAL_MONTH_NAMES[month - 1]} is in Q{in_quarter}, not Q{quarter}.",
                field="month",
            )
        return in_quarter, month
    if month is not None:
        raise PerformanceRuleBroken(
            f"{indicator.code} is reported {indicator.get_frequency_display().lower()}, not "
            "monthly: give the quarter, not a month.",
            field="month",
        )
    if quarter is None or not 1 <= quarter <= 4:
        raise PerformanceRuleBroken(
            "The quarter must be 1 to 4 (Q1 is April to June).", field="quarter"
        )
    return quarter, None


def figure_check(*, indicator: Indicator, value: float | None) -> None:
    """A figure is a finite number; a percentage is between 0 and 100 unless the indicator
    says it can be outside (a percentage change, say). No query, so no transaction: an import
    preview calls it without writing."""
    if value is None:
        return
    if not math.isfinite(value):
        raise PerformanceRuleBroken("Figure must be a number", field="value")
    percentage = indicator.unit == Indicator.Unit.PERCENT
    if percentage and not indicator.unbounded_percentage and not 0 <= value <= 100:
        raise PerformanceRuleBroken(
            f"Figure must be between 0 and 100, as {indicator.code} is a percentage",
            field="value",
        )


def measurement_check(
    *,
    indicator: Indicator,
    figures: assessment.Figures,
    year: int,
    quarter: int | None = None,
    month: int | None = None,
    value: float | None,
    commentary: str = "",
    route_to_green: str = "",
) -> tuple[int, int | None]:
    """Every rule a figure must pass, judged on ``figures`` (the indicator's values and
    targets as they will stand, already loaded) without a query: the period suits the
    indicator's frequency, only a narrative indicator goes without a figure, the figure is in
    range, the words are not too long, and a red figure has a route to green. Returns the
    (quarter, month) it is recorded for. ``indicator.framework`` should be loaded already."""
    quarter, month = _period_of(indicator, quarter, month)
    label = period_label(year, quarter, month)
    if value is None and not indicator.is_narrative:
        raise PerformanceRuleBroken(
            f"Enter {indicator.code}'s figure for {label}: only narrative indicators are "
            "reported without one.",
            field="value",
        )
    figure_check(indicator=indicator, value=value)
    for field, text, label_, limit in (
        ("commentary", commentary, "Commentary", RICH_TEXT_MAX),
        ("route_to_green", route_to_green, "Route to green", RICH_TEXT_MAX),
    ):
        if message := too_long(text, label=label_, limit=limit):
            raise PerformanceRuleBroken(message, field=field)
    rule = indicator.framework.rag_rule
    if month is not None:
        result = assessment.assess_month(
            figures.with_month_value(year, month, value), rule, year, month
        )
    else:
        result = assessment.assess(figures.with_value(year, quarter, value), rule, year, quarter)
    if result.rag == Rag.RED and not route_to_green.strip():
        raise PerformanceRuleBroken(
            f"{indicator.code} is red for {label}: enter the route to green.",
            field="route_to_green",
        )
    return quarter, month


@transaction.atomic
def measurement_record(
    *,
    indicator: Indicator,
    year: int,
    quarter: int | None = None,
    month: int | None = None,
    value: float | None,
    commentary: str = "",
    route_to_green: str = "",
    provisional: bool = False,
    by: Any = None,
) -> Measurement:
    """Record (or correct) a quarter's figure, or a month's for a monthly indicator (month 1
    is April), if it passes ``measurement_check`` against the stored figures. Any change to an
    approved figure or its words withdraws the approval, so it must be approved again before
    it is public.

    The same figure sent twice (a double click, a retried API call) is recorded once: a
    period's figure is one row, and two first entries at once are kept apart by its unique
    constraint, the later one then taken as a second submit (or a correction) of the first."""
    asked: dict[str, Any] = {
        "indicator": indicator,
        "year": year,
        "quarter": quarter,
        "month": month,
        "value": value,
        "commentary": commentary,
        "route_to_green": route_to_green,
        "provisional": provisional,
        "by": by,
    }
    quarter, month = _period_of(indicator, quarter, month)
    measurement = (
        Measurement.objects.select_for_update()
        .filter(indicator=indicator, year=year, quarter=quarter, month=month)
        .first()
    )
    if measurement is None:
        measurement = Measurement(indicator=indicator, year=year, quarter=quarter, month=month)
    measurement_check(
        indicator=indicator,
        figures=figures_of(indicator),
        year=year,
        quarter=quarter,
        month=month,
        value=value,
        commentary=commentary,
        route_to_green=route_to_green,
    )
    route_to_green, commentary = route_to_green.strip(), commentary.strip()
    changed = measurement.pk is None or (
        measurement.value,
        measurement.commentary,
        measurement.route_to_green,
        measurement.provisional,
    ) != (value, commentary, route_to_green, provisional)
    if not changed:
        return measurement  # the same figure again: it keeps its approval, no history entry
    measurement.value = value
    measurement.commentary = commentary
    measurement.route_to_green = route_to_green
    measurement.provisional = provisional
    if measurement.approved:
        measurement.approved, measurement.approved_by, measurement.approved_at = False, None, None
    history_user_set(measurement, by)
    if measurement.pk is not None:
        measurement.save()
        return measurement
    try:
        with transaction.atomic():  # a savepoint: the outer transaction survives a clash
            measurement.save()
    except IntegrityError:
        # The period's first figure was saved by a submit running alongside this one, and
        # committed first: now there is a row to lock, so record this one as if it came second.
        return measurement_record(**asked)
    return measurement


@transaction.atomic
def measurement_approve(
    *, measurement: Measurement, by: Any, when: datetime.datetime | None = None
) -> Measurement:
    """Approve a figure for publication; the public sees approved figures only. Four eyes:
    whoever entered the figure (or last changed it) may not approve it too, unless the council
    allows that (SCRUTINEER_FIGURES_SELF_APPROVAL). The row is re-read under a lock, so a
    figure re-recorded since the page loaded is not overwritten."""
    fresh = Measurement.objects.select_for_update(no_key=True).get(pk=measurement.pk)
    if fresh.approved:
        raise PerformanceRuleBroken(f"{fresh} is already approved.")
    approver = by if getattr(by, "is_authenticated", False) else None
    if approver is not None and not settings.SCRUTINEER_FIGURES_SELF_APPROVAL:
        # The latest history record is the change that made the figure as it is now.
        latest = fresh.history.order_by("-history_date", "-history_id").first()
        if latest is not None and latest.history_user_id == approver.pk:
            raise PerformanceRuleBroken(
                f"You entered {fresh} yourself: someone else must approve it."
            )
    fresh.approved = True
    fresh.approved_by = approver
    fresh.approved_at = when or clock.now()
    history_user_set(fresh, by)
    fresh.save()
    measurement.refresh_from_db()
    return measurement
