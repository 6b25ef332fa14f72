"""Reads for the editing pages: the period a figure form opens at, with the figure already
recorded for it, and the years and targets of the targets form."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from scrutineer.core.calendar import period_label
from scrutineer.performance import rules
from scrutineer.performance.models import Indicator, Measurement

TargetsByYear = dict[int, dict[int | None, float]]


def _financial_years(indicator: Indicator, today: datetime.date) -> list[int]:
    """The financial years a figure or target may be given for: two either side of the
    framework's year (or this year), and any year the indicator already has (two queries)."""
    start = indicator.framework.year[:4]
    anchor = int(start) if start.isdigit() else rules.quarter_of(today)[0]
    years = set(range(anchor - 2, anchor + 3))
    years |= set(indicator.measurements.values_list("year", flat=True))
    years |= set(indicator.targets.values_list("year", flat=True))
    return sorted(years)


def _measurement_for(
    indicator: Indicator, year: int, quarter: int | None, month: int | None
) -> Measurement | None:
    """The figure recorded for a period, if any: a month's for a monthly indicator."""
    found = Measurement.objects.filter(indicator=indicator, year=year)
    if month is not None:
        return found.filter(month=month).first()
    if quarter is None:
        return None
    return found.filter(quarter=quarter, month__isnull=True).first()


def _next_period(indicator: Indicator, today: datetime.date) -> tuple[int, int, int | None]:
    """The period after the latest figure, as (year, quarter, month): where a new figure
    most likely goes. With no figures yet, the period that contains ``today``."""
    monthly = indicator.frequency == Indicator.Frequency.MONTHLY
    latest = (
        indicator.measurements.order_by("-year", "-quarter", "-month")
        .values_list("year", "quarter", "month")
        .first()
    )
    if monthly:
        if latest is not None and latest[2] is not None:
            year, month = latest[0], latest[2] + 1
            year, month = (year, month) if month <= 12 else (year + 1, 1)
        else:
            year, month = rules.month_of(today)
        return year, rules.quarter_of_month(month), month
    if latest is not None:
        year, quarter = latest[0], latest[1] + 1
        year, quarter = (year, quarter) if quarter <= 4 else (year + 1, 1)
    else:
        year, quarter = rules.quarter_of(today)
    return year, quarter, None


@dataclass
class FigureEntry:
    """The period a figure form is for, and the figure already recorded for it."""

    years: list[int]
    year: int
    quarter: int | None
    month: int | None
    existing: Measurement | None

    @property
    def period(self) -> str:
        return period_label(self.year, self.quarter, self.month)


def measurement_entry(
    indicator: Indicator,
    *,
    today: datetime.date,
    year: int | None = None,
    quarter: int | None = None,
    month: int | None = None,
) -> FigureEntry:
    """The period a figure form opens at: the one asked for (a month for a monthly indicator,
    else a quarter), else the period after the latest figure; with the years it may choose
    from and the figure already recorded for that period (at most five queries)."""
    years = _financial_years(indicator, today)
    if indicator.frequency == Indicator.Frequency.MONTHLY:
        quarter = None
        asked = month is not None and 1 <= month <= 12
    else:
        month = None
        asked = quarter is not None and 1 <= quarter <= 4
    if year is None or not asked:
        year, quarter, month = _next_period(indicator, today)
    existing = _measurement_for(indicator, year, quarter, month)
    return FigureEntry(years, year, quarter, month, existing)


@dataclass
class TargetsPage:
    """The targets form's years and the year it opens at, and every year's targets so far,
    each {None: annual, 1..4: profiled}."""

    years: list[int]
    year: int
    by_year: TargetsByYear

    @property
    def stored(self) -> dict[int | None, float]:
        """The targets already set for the year the form opens at."""
        return self.by_year.get(self.year, {})

    @property
    def table(self) -> list[tuple[int, str, float | None, list[float | None]]]:
        """Each year with targets, newest first: (year, its label, annual, [Q1 to Q4])."""
        return [
            (
                year,
                period_label(year, None),
                targets.get(None),
                [targets.get(q) for q in range(1, 5)],
            )
            for year, targets in sorted(self.by_year.items(), reverse=True)
        ]


def indicator_targets_page(
    indicator: Indicator, *, today: datetime.date, year: int | None = None
) -> TargetsPage:
    """The targets form opens at the year asked for, else the latest with targets, else the
    framework's own year (three queries)."""
    years = _financial_years(indicator, today)
    by_year: TargetsByYear = {}
    for target in indicator.targets.order_by("year", "quarter"):
        by_year.setdefault(target.year, {})[target.quarter] = target.value
    if year not in years:
        start = indicator.framework.year[:4]
        year = max(by_year) if by_year else int(start) if start.isdigit() else years[-1]
    return TargetsPage(years, year, by_year)
