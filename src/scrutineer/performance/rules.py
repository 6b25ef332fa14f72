"""The performance rules, as pure functions: RAG, direction of travel, year-to-date
arithmetic, milestone slippage and the ambition check. No ORM: values in, answers out.

Polarity is "higher" (higher is better) or "lower" (lower is better). Financial-year
quarters run Q1 = April to June ... Q4 = January to March. Monthly indicators number their
months within the financial year too, as council finance does (period 1 is April): month 1
is April, 3 is June (the end of Q1), 10 is January and 12 is March (the year end).
"""

from __future__ import annotations

import datetime
import math
import statistics
from collections.abc import Mapping, Sequence
from enum import StrEnum

# The financial year's months and quarters are the council's calendar, not performance's own.
from scrutineer.core.calendar import calendar_month as calendar_month
from scrutineer.core.calendar import financial_year
from scrutineer.core.calendar import month_of as month_of
from scrutineer.core.calendar import months_of_quarter as months_of_quarter
from scrutineer.core.calendar import quarter_of_month as quarter_of_month


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    BLUE = "blue"  # no target, or a narrative-only measure: not rated


class Direction(StrEnum):
    IMPROVING = "improving"
    WORSENING = "worsening"
    UNCHANGED = "unchanged"
    NO_DATA = "no_data"


HIGHER = "higher"
LOWER = "lower"
TOLERANCE = "tolerance"
TOLERANCE_AND_TREND = "tolerance_and_trend"

# Milestone RAG from slippage in days: on or before the planned date is green; up to
# AMBER_SLIPPAGE_DAYS late is amber; later than that is red.
AMBER_SLIPPAGE_DAYS = 30
# The ambition check: a target unchanged for this many consecutive years is flagged, and so
# is a framework in which at least this share of the rated indicators is green.
UNCHANGED_TARGET_YEARS = 3
MOSTLY_GREEN_SHARE = 0.9
_EPSILON = 1e-9


def _better(polarity: str) -> int:
    """+1 when higher is better, -1 when lower is better."""
    if polarity not in (HIGHER, LOWER):
        raise ValueError(f"Unknown polarity {polarity!r}")
    return 1 if polarity == HIGHER else -1


def shortfall(value: float, target: float, polarity: str) -> float:
    """How far the value falls short of the target, in the unit; zero or less when met."""
    return (target - value) * _better(polarity)


def tolerance_amount(target: float, tolerance: float, tolerance_kind: str) -> float:
    """The tolerance in the indicator's unit: as given, or as a percentage of the target."""
    if tolerance_kind == "percentage":
        return abs(target) * tolerance / 100
    return tolerance


def direction_of_travel(
    current: float | None, comparison: float | None, polarity: str
) -> Direction:
    """Whether performance improved between a comparison value and the current one.

    Short term compares with the previous period, long term with the same period last year.
    """
    if current is None or comparison is None:
        return Direction.NO_DATA
    if math.isclose(current, comparison, rel_tol=_EPSILON, abs_tol=_EPSILON):
        return Direction.UNCHANGED
    improved = (current - comparison) * _better(polarity) > 0
    return Direction.IMPROVING if improved else Direction.WORSENING


def worsening(short_term: str, long_term: str) -> bool:
    """Worse than the previous period (short term) or the same period last year (long term)."""
    return Direction.WORSENING in (short_term, long_term)


def red_or_worsening(rag: str, short_term: str, long_term: str) -> bool:
    """What scrutiny may take up from the performance report: an indicator that is red, or
    worsening in either term. Only these may raise a recommendation or a work-programme item."""
    return rag == Rag.RED or worsening(short_term, long_term)


def rag(
    value: float | None,
    target: float | None,
    polarity: str,
    tolerance: float,
    tolerance_kind: str,
    rule: str,
    previous_year_value: float | None = None,
) -> Rag:
    """Red, amber, green or blue for a value against its target.

    ``tolerance``: green when the target is met, amber when short of it by no more than
    the tolerance, red beyond. ``tolerance_and_trend``: as before, except that a value
    beyond tolerance which has improved on the same period last year is amber, not red.
    """
    if rule not in (TOLERANCE, TOLERANCE_AND_TREND):
        raise ValueError(f"Unknown RAG rule {rule!r}")
    if value is None or target is None:
        return Rag.BLUE
    gap = shortfall(value, target, polarity)
    if gap <= _EPSILON:
        return Rag.GREEN
    if gap <= tolerance_amount(target, tolerance, tolerance_kind) + _EPSILON:
        return Rag.AMBER
    if rule == TOLERANCE_AND_TREND:
        trend = direction_of_travel(value, previous_year_value, polarity)
        if trend == Direction.IMPROVING:
            return Rag.AMBER
    return Rag.RED


def _to_date(
    measure_type: str, history: Sequence[float | None], position: int, per_year: int
) -> float | None:
    """The figure for the ``position``-th period of a year of ``per_year`` periods, from the
    periods' own values in time order ending with it (see year_to_date)."""
    if measure_type not in ("snapshot", "annual", "cumulative_ytd", "rolling_12"):
        raise ValueError(f"Unknown measure type {measure_type!r}")
    if not history:
        return None
    if measure_type == "snapshot":
        return history[-1]
    if measure_type == "annual":
        return history[-1] if position == per_year else None
    window = position if measure_type == "cumulative_ytd" else per_year
    values = list(history[-window:])
    if len(values) < window or any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


def year_to_date(measure_type: str, history: Sequence[float | None], quarter: int) -> float | None:
    """The figure to report for a quarter, from quarterly values in time order ending with it.

    - snapshot: the quarter's own value;
    - cumulative_ytd: the sum of this financial year's quarters so far (all must be known);
    - rolling_12: the sum of the last four quarters, across years (all four must be known);
    - annual: the Q4 value only; nothing before year end.
    """
    if not 1 <= quarter <= 4:
        raise ValueError("quarter must be 1 to 4")
    return _to_date(measure_type, history, quarter, 4)


def month_to_date(measure_type: str, history: Sequence[float | None], month: int) -> float | None:
    """The figure to report for a month (1 is April), from monthly values in time order
    ending with it.

    - snapshot: the month's own value;
    - cumulative_ytd: the sum of this financial year's months so far (all must be known);
    - rolling_12: the sum of the last twelve months, across years (all must be known);
    - annual: the March (month 12) value only; nothing before year end.
    """
    if not 1 <= month <= 12:
        raise ValueError("month must be 1 to 12 (1 is April)")
    return _to_date(measure_type, history, month, 12)


def previous_period(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def quarters_back(year: int, quarter: int, count: int) -> list[tuple[int, int]]:
    """The ``count`` quarters ending with (year, quarter), oldest first."""
    periods = [(year, quarter)]
    for _ in range(count - 1):
        periods.append(previous_period(*periods[-1]))
    return periods[::-1]


def quarter_of(day: datetime.date) -> tuple[int, int]:
    """The financial year (its start) and quarter of a date: Q1 = April to June."""
    return financial_year(day), (day.month - 4) % 12 // 3 + 1


def reported_value(
    measure_type: str, values: Mapping[tuple[int, int], float | None], year: int, quarter: int
) -> float | None:
    """The figure for (year, quarter) from a mapping of quarterly values by period."""
    if (year, quarter) not in values:
        return None
    history = [values.get(period) for period in quarters_back(year, quarter, 4)]
    return year_to_date(measure_type, history, quarter)


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year, month - 1) if month > 1 else (year - 1, 12)


def months_back(year: int, month: int, count: int) -> list[tuple[int, int]]:
    """The ``count`` months ending with (year, month), oldest first."""
    periods = [(year, month)]
    for _ in range(count - 1):
        periods.append(previous_month(*periods[-1]))
    return periods[::-1]


def reported_month_value(
    measure_type: str, values: Mapping[tuple[int, int], float | None], year: int, month: int
) -> float | None:
    """The figure for (year, month) from a mapping of monthly values by (year, month)."""
    if (year, month) not in values:
        return None
    history = [values.get(period) for period in months_back(year, month, 12)]
    return month_to_date(measure_type, history, month)


def latest_month_in_quarter(
    values: Mapping[tuple[int, int], float | None], year: int, quarter: int
) -> int | None:
    """The last month of the quarter with a figure recorded (a quarter in progress is
    reported at its latest month), or None when it has none."""
    recorded = [m for m in months_of_quarter(quarter) if (year, m) in values]
    return max(recorded) if recorded else None


def quarter_value_from_months(
    measure_type: str, values: Mapping[tuple[int, int], float | None], year: int, quarter: int
) -> float | None:
    """A monthly indicator's figure for a quarter: the figure at the quarter's latest month
    (snapshot: that month's value; cumulative: the year's months so far; rolling: the last
    twelve months; annual: March's value, at year end only)."""
    month = latest_month_in_quarter(values, year, quarter)
    if month is None:
        return None
    return reported_month_value(measure_type, values, year, month)


def month_target(
    measure_type: str,
    month: int,
    annual: float | None,
    profiled: float | None,
    previous_profiled: float | None = None,
) -> float | None:
    """The target for a financial-year month, from the year's annual target and the month's
    quarter's profiled target (``previous_profiled`` is the quarter before's).

    A cumulative measure's target grows through the year: the profiled target at the end of
    its quarter, reached in even steps from the previous quarter's (zero before Q1); else the
    annual target pro rata (month / 12). An annual measure has a target at year end only.
    Snapshot and rolling measures take the quarter's target, else the annual one, every month.
    """
    quarter = quarter_of_month(month)
    if measure_type == "annual":
        if month != 12:
            return None
        return profiled if profiled is not None else annual
    if measure_type == "cumulative_ytd":
        if profiled is not None:
            start = 0.0 if quarter == 1 else previous_profiled
            if month % 3 == 0:
                return profiled
            if start is not None:
                return start + (profiled - start) * (month % 3) / 3
        return None if annual is None else annual * month / 12
    return profiled if profiled is not None else annual


def milestone_slippage(
    planned: datetime.date,
    forecast: datetime.date | None,
    actual: datetime.date | None,
    today: datetime.date,
) -> int:
    """Days late: the actual date, else the forecast, else today once the planned date has
    passed, compared with the planned date. Negative means early."""
    if actual is not None:
        expected = actual
    elif forecast is not None:
        expected = forecast
    else:
        expected = max(today, planned)
    return (expected - planned).days


def milestone_rag(slippage_days: int, *, cancelled: bool = False) -> Rag:
    """Green on time or early, amber up to 30 days late, red beyond; cancelled is blue."""
    if cancelled:
        return Rag.BLUE
    if slippage_days <= 0:
        return Rag.GREEN
    if slippage_days <= AMBER_SLIPPAGE_DAYS:
        return Rag.AMBER
    return Rag.RED


def target_at_or_below_outturn(
    target: float | None, previous_outturn: float | None, polarity: str
) -> bool:
    """A target no better than last year's outturn: at or below it when higher is better,
    at or above it when lower is better."""
    if target is None or previous_outturn is None:
        return False
    return shortfall(previous_outturn, target, polarity) <= _EPSILON


def target_unchanged(targets: Sequence[float | None], years: int = UNCHANGED_TARGET_YEARS) -> bool:
    """The last ``years`` annual targets (consecutive years, oldest first) are all the same."""
    recent = list(targets[-years:])
    if len(recent) < years:
        return False
    known = [t for t in recent if t is not None]
    return len(known) == years and all(math.isclose(t, known[0]) for t in known)


def mostly_green(counts: Mapping[str, int], share: float = MOSTLY_GREEN_SHARE) -> bool:
    """At least ``share`` of the rated indicators (blue excluded) are green."""
    rated = sum(counts.get(c, 0) for c in (Rag.RED, Rag.AMBER, Rag.GREEN))
    return rated > 0 and counts.get(Rag.GREEN, 0) / rated >= share


def quartile_boundaries(peer_values: Sequence[float]) -> tuple[float, float, float] | None:
    """Lower quartile, median and upper quartile of the peers (inclusive method)."""
    if len(peer_values) < 2:
        return None
    low, mid, high = statistics.quantiles(peer_values, n=4, method="inclusive")
    return low, mid, high


def benchmark_quartile(
    value: float | None, boundaries: tuple[float, float, float] | None, polarity: str
) -> int | None:
    """Which quartile the council sits in among its peers: 1 is the best, 4 the worst."""
    if value is None or boundaries is None:
        return None
    low, mid, high = boundaries
    above = 1 if value > high else 2 if value > mid else 3 if value > low else 4
    return above if polarity == HIGHER else 5 - above
