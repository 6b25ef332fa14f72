"""Sample data: "Corporate Plan PMAF (sample data)", about 40 indicators over 8 quarters
(2023/24 Q1 to 2024/25 Q4; three of them month by month), milestones and benchmarks.
Deterministic and idempotent."""

from __future__ import annotations

import datetime
import math
from typing import Any

from django.db import transaction
from django.utils import timezone

from scrutineer.performance import assessment, services
from scrutineer.performance.demo_data import SPECS, WELL_RUN, Spec
from scrutineer.performance.models import Benchmark, Framework, Indicator, Measurement

DEMO_NAME = "Corporate Plan PMAF (sample data)"
YEARS = (2023, 2024)
# A fixed, gentle seasonal wobble (no randomness): the data is the same on every load.
WOBBLE = (0.0, 0.4, -0.3, 0.2)
APPROVED_AT = timezone.make_aware(datetime.datetime(2025, 5, 20, 12, 0))
DEFAULT_ROUTE = "Action plan agreed with the data owner; recovery expected next quarter."


def _decimals(spec: Spec) -> int:
    return 0 if spec.unit in ("count", "£") else 1


def _round(value: float, spec: Spec, towards_better: bool) -> float:
    """Round a target to the unit's precision, moving it the better (or worse) way."""
    scale = 10 ** _decimals(spec)
    up = (spec.polarity == "higher") == towards_better
    rounded = (math.ceil if up else math.floor)(round(value * scale, 6)) / scale
    return float(rounded)


def quarterly_values(spec: Spec) -> dict[tuple[int, int], float]:
    """The invented figure for each of the eight quarters."""
    sign = 1 if spec.polarity == "higher" else -1
    values = {}
    for index, (year, quarter) in enumerate((y, q) for y in YEARS for q in range(1, 5)):
        if spec.measure_type == "annual" and quarter != 4:
            continue
        level = spec.base + sign * spec.step * index
        level += sign * abs(spec.step) * WOBBLE[quarter - 1]
        if spec.profile:
            level *= spec.profile[quarter - 1]
        values[(year, quarter)] = round(level, _decimals(spec))
    return values


# How a quarter's own amount is shared between its months (cumulative and rolling measures).
MONTH_SHARES = (0.31, 0.35)


def monthly_values(spec: Spec) -> dict[tuple[int, int], float]:
    """The invented figure for each of the 24 months (1 is April), chosen so that each
    quarter's figure at its last month is the quarterly figure: a snapshot measure moves
    evenly from the previous quarter's value to this one's; a cumulative or rolling measure
    shares the quarter's amount between its months."""
    quarterly = quarterly_values(spec)
    decimals = _decimals(spec)
    months = {}
    previous = None
    for (year, quarter), value in sorted(quarterly.items()):
        first = 3 * quarter - 2
        if spec.measure_type == "snapshot":
            start = value if previous is None else previous
            for step in range(3):
                months[(year, first + step)] = round(
                    start + (value - start) * (step + 1) / 3, decimals
                )
        else:
            one, two = (round(value * share, decimals) for share in MONTH_SHARES)
            months[(year, first)], months[(year, first + 1)] = one, two
            months[(year, first + 2)] = round(value - one - two, decimals)
        previous = value
    return months


def targets(
    spec: Spec, values: dict[tuple[int, int], float]
) -> dict[tuple[int, int | None], float]:
    """Annual targets for both years (and profiled quarters where the spec has a profile)."""
    sign = 1 if spec.polarity == "higher" else -1
    figures = assessment.Figures(
        polarity=spec.polarity,
        measure_type=spec.measure_type,
        tolerance=spec.tolerance,
        tolerance_kind=spec.tolerance_kind,
        values=values,
    )
    outturn = assessment.outturn(figures, 2023)
    assert outturn is not None
    first_year_level = spec.base * (
        4 if spec.measure_type in ("cumulative_ytd", "rolling_12") else 1
    )
    result: dict[tuple[int, int | None], float] = {
        (2023, None): _round(first_year_level + sign * spec.margin, spec, towards_better=True)
    }
    if spec.unchanged is not None:
        for year in (2022, 2023, 2024):
            result[(year, None)] = spec.unchanged
    elif spec.low:
        result[(2024, None)] = _round(outturn - sign * spec.margin, spec, towards_better=False)
    else:
        result[(2024, None)] = _round(outturn + sign * spec.margin, spec, towards_better=True)
        if (result[(2024, None)] - outturn) * sign <= 0:
            raise ValueError(f"{spec.code}: the 2024/25 target must beat last year's outturn")
    if spec.profile:
        for (year, quarter), annual in list(result.items()):
            if year in YEARS and quarter is None:
                for q, share in enumerate(spec.profile, start=1):
                    result[(year, q)] = round(annual * share, _decimals(spec))
    return result


MILESTONES = [
    (
        "Operating model: new corporate structure in place",
        "Resources",
        WELL_RUN,
        datetime.date(2024, 9, 30),
        datetime.date(2025, 6, 30),
        None,
        "in_progress",
        "Consultation on the second phase took longer than planned; Cabinet decision now June.",
    ),
    (
        "New telephony system live in the contact centre",
        "Resources",
        WELL_RUN,
        datetime.date(2024, 7, 1),
        None,
        datetime.date(2024, 7, 15),
        "complete",
        "",
    ),
    (
        "Two in-house children's homes registered with Ofsted",
        "Children's Services",
        "People: safe, healthy and independent",
        datetime.date(2025, 3, 31),
        datetime.date(2025, 4, 21),
        None,
        "in_progress",
        "Registration visit booked.",
    ),
    (
        "Food-waste collection procurement awarded",
        "Place",
        "Place: clean, green and safe",
        datetime.date(2025, 1, 31),
        None,
        datetime.date(2025, 1, 20),
        "complete",
        "",
    ),
    (
        "Town-centre masterplan adopted",
        "Place",
        "Prosperity: homes and growth",
        datetime.date(2025, 3, 31),
        datetime.date(2025, 3, 31),
        None,
        "in_progress",
        "",
    ),
    (
        "Digital customer portal phase 2",
        "Resources",
        WELL_RUN,
        datetime.date(2025, 2, 28),
        datetime.date(2025, 5, 30),
        None,
        "in_progress",
        "Supplier delay on the payments module.",
    ),
]

BENCHMARKS = [
    ("CP09", 2023, 95.6, [94.1, 95.0, 95.9, 96.3, 96.8, 97.2, 95.4, 96.0]),
    ("CP07", 2023, 38.6, [42.0, 44.5, 39.8, 47.1, 36.2, 50.3, 41.9, 45.0]),
    ("CP05", 2023, 57.0, [48.0, 55.0, 62.0, 71.0, 66.0, 59.0, 80.0, 52.0]),
    ("CP02", 2023, 5.1, [3.2, 4.0, 4.5, 2.8, 6.1, 3.9, 5.5, 4.4]),
]


@transaction.atomic
def performance_demo_load() -> Framework:
    """Create the sample framework once; calling it again changes nothing."""
    existing = Framework.objects.filter(name=DEMO_NAME).first()
    if existing is not None:
        return existing
    framework = services.framework_create(
        name=DEMO_NAME,
        year="2024/25",
        rag_rule=Framework.RagRule.TOLERANCE,
        is_demo=True,
    )
    for spec in SPECS:
        _load_indicator(framework, spec)
    for name, directorate, theme, planned, forecast, actual, status, note in MILESTONES:
        services.milestone_create(
            framework=framework,
            name=name,
            directorate=directorate,
            theme=theme,
            planned_date=planned,
            forecast_date=forecast,
            actual_date=actual,
            status=status,
            commentary=note,
        )
    indicators = {i.code: i for i in framework.indicators.all()}
    for code, year, value, peers in BENCHMARKS:
        Benchmark.objects.create(
            indicator=indicators[code],
            year=year,
            source="CIPFA nearest neighbours",
            value=value,
            peer_values=peers,
        )
    return framework


def _load_indicator(framework: Framework, spec: Spec) -> Indicator:
    indicator = services.indicator_create(
        framework=framework,
        code=spec.code,
        name=spec.name,
        directorate=spec.directorate,
        theme=spec.theme,
        polarity=spec.polarity,
        unit=spec.unit,
        measure_type=spec.measure_type,
        frequency=(
            Indicator.Frequency.ANNUAL
            if spec.measure_type == "annual"
            else Indicator.Frequency.MONTHLY
            if spec.monthly
            else Indicator.Frequency.QUARTERLY
        ),
        data_owner=f"{spec.directorate} performance lead",
        tolerance=spec.tolerance,
        tolerance_kind=spec.tolerance_kind,
        is_narrative=spec.narrative,
    )
    if spec.narrative:
        for year in YEARS:
            for quarter in range(1, 5):
                _record(indicator, spec, year, quarter, None)
        return indicator
    values = quarterly_values(spec)
    for (year, period), value in targets(spec, values).items():
        services.target_set(indicator=indicator, year=year, quarter=period, value=value)
    if spec.monthly:
        for (year, month), value in sorted(monthly_values(spec).items()):
            _record(indicator, spec, year, (month - 1) // 3 + 1, value, month=month)
        return indicator
    for (year, quarter), value in sorted(values.items()):
        _record(indicator, spec, year, quarter, value)
    return indicator


def _record(
    indicator: Indicator,
    spec: Spec,
    year: int,
    quarter: int,
    value: float | None,
    month: int | None = None,
) -> None:
    latest = (year, quarter) == (2024, 4) and month in (None, 12)
    fields: dict[str, Any] = {
        "indicator": indicator,
        "year": year,
        "quarter": quarter,
        "month": month,
        "value": value,
        "commentary": spec.commentary if latest or spec.narrative else "",
        "provisional": latest and spec.unapproved_latest,
    }
    route = spec.route or DEFAULT_ROUTE
    try:
        # A route to green only where the rule requires one, and on the latest quarter.
        measurement = services.measurement_record(
            route_to_green=route if latest and spec.route else "", **fields
        )
    except services.PerformanceRuleBroken:
        measurement = services.measurement_record(route_to_green=route, **fields)
    if not (latest and spec.unapproved_latest):
        Measurement.objects.filter(pk=measurement.pk).update(approved=True, approved_at=APPROVED_AT)
