"""One indicator's standing in a quarter (or, for a monthly indicator, a month), composed
from the pure rules. No ORM: selectors and services load the figures and pass them in.

A monthly indicator keeps its figures by (year, month), month 1 being April; in a quarter
it stands at the quarter's latest month with a figure, so the quarterly dashboard rates it
with the same rules as any other indicator."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from scrutineer.performance import rules
from scrutineer.performance.rules import Direction, Rag

Period = tuple[int, int]


@dataclass(frozen=True)
class Figures:
    """What the rules need to know about an indicator: its settings, values and targets."""

    polarity: str
    measure_type: str
    tolerance: float
    tolerance_kind: str
    is_narrative: bool = False
    values: Mapping[Period, float | None] = field(default_factory=dict)
    # Keyed by (year, quarter); quarter None is the annual target.
    targets: Mapping[tuple[int, int | None], float] = field(default_factory=dict)
    # A monthly indicator's figures, keyed by (year, month); its ``values`` stay empty.
    monthly: bool = False
    months: Mapping[Period, float | None] = field(default_factory=dict)

    def with_value(self, year: int, quarter: int, value: float | None) -> Figures:
        return replace(self, values={**self.values, (year, quarter): value})

    def with_month_value(self, year: int, month: int, value: float | None) -> Figures:
        return replace(self, months={**self.months, (year, month): value})


@dataclass(frozen=True)
class Assessment:
    year: int
    quarter: int
    value: float | None
    target: float | None
    rag: Rag
    short_term: Direction
    long_term: Direction
    previous_value: float | None
    last_year_value: float | None
    tolerance: float | None
    # The month assessed, for a monthly indicator (1 is April); None for a quarterly one.
    month: int | None = None

    @property
    def is_worsening(self) -> bool:
        return rules.worsening(self.short_term, self.long_term)

    @property
    def is_red_or_worsening(self) -> bool:
        return rules.red_or_worsening(self.rag, self.short_term, self.long_term)


def target_for(figures: Figures, year: int, quarter: int) -> float | None:
    """The profiled target for the quarter; else the annual target (pro rata for a
    cumulative measure, at year end only for an annual one)."""
    profiled = figures.targets.get((year, quarter))
    if profiled is not None:
        return profiled
    annual = figures.targets.get((year, None))
    if annual is None:
        return None
    if figures.measure_type == "cumulative_ytd":
        return annual * quarter / 4
    if figures.measure_type == "annual" and quarter != 4:
        return None
    return annual


def target_for_month(figures: Figures, year: int, month: int) -> float | None:
    """A monthly indicator's target for a month, from its quarter's and the year's targets."""
    quarter = rules.quarter_of_month(month)
    return rules.month_target(
        figures.measure_type,
        month,
        annual=figures.targets.get((year, None)),
        profiled=figures.targets.get((year, quarter)),
        previous_profiled=figures.targets.get((year, quarter - 1)) if quarter > 1 else None,
    )


def reported(figures: Figures, year: int, quarter: int) -> float | None:
    """The figure for a quarter (a monthly indicator's at the quarter's latest month)."""
    if figures.monthly:
        return rules.quarter_value_from_months(figures.measure_type, figures.months, year, quarter)
    return rules.reported_value(figures.measure_type, figures.values, year, quarter)


def reported_month(figures: Figures, year: int, month: int) -> float | None:
    """A monthly indicator's figure for a month (year to date for a cumulative measure)."""
    return rules.reported_month_value(figures.measure_type, figures.months, year, month)


def month_reported_in(figures: Figures, year: int, quarter: int) -> int:
    """The month a monthly indicator's quarter stands at: its latest with a figure, else the
    quarter's last."""
    latest = rules.latest_month_in_quarter(figures.months, year, quarter)
    return latest if latest is not None else 3 * quarter


def outturn(figures: Figures, year: int) -> float | None:
    """The year-end figure of a financial year."""
    return reported(figures, year, 4)


def assess(figures: Figures, rule: str, year: int, quarter: int) -> Assessment:
    """RAG and both directions of travel for (year, quarter). A monthly indicator is rated
    at the quarter's latest month: against the previous quarter's figure in the short term
    and the same month last year in the long term."""
    if figures.monthly:
        month = month_reported_in(figures, year, quarter)
        return _assessment(
            figures,
            rule,
            year,
            quarter,
            value=reported_month(figures, year, month),
            target=target_for_month(figures, year, month),
            previous=reported(figures, *rules.previous_period(year, quarter)),
            last_year=reported_month(figures, year - 1, month),
            month=month,
        )
    return _assessment(
        figures,
        rule,
        year,
        quarter,
        value=reported(figures, year, quarter),
        target=target_for(figures, year, quarter),
        previous=reported(figures, *rules.previous_period(year, quarter)),
        last_year=reported(figures, year - 1, quarter),
    )


def assess_month(figures: Figures, rule: str, year: int, month: int) -> Assessment:
    """A monthly indicator's RAG and directions of travel for one month (1 is April):
    against the month before in the short term, the same month last year in the long."""
    return _assessment(
        figures,
        rule,
        year,
        rules.quarter_of_month(month),
        value=reported_month(figures, year, month),
        target=target_for_month(figures, year, month),
        previous=reported_month(figures, *rules.previous_month(year, month)),
        last_year=reported_month(figures, year - 1, month),
        month=month,
    )


def _assessment(
    figures: Figures,
    rule: str,
    year: int,
    quarter: int,
    *,
    value: float | None,
    target: float | None,
    previous: float | None,
    last_year: float | None,
    month: int | None = None,
) -> Assessment:
    if figures.is_narrative:
        value = target = None
    if figures.measure_type == "annual":
        previous = None  # an annual measure has no previous period to compare with
    rag = rules.rag(
        value,
        target,
        figures.polarity,
        figures.tolerance,
        figures.tolerance_kind,
        rule,
        previous_year_value=last_year,
    )
    tolerance = (
        rules.tolerance_amount(target, figures.tolerance, figures.tolerance_kind)
        if target is not None
        else None
    )
    return Assessment(
        year=year,
        quarter=quarter,
        value=value,
        target=target,
        rag=rag,
        short_term=rules.direction_of_travel(value, previous, figures.polarity),
        long_term=rules.direction_of_travel(value, last_year, figures.polarity),
        previous_value=previous,
        last_year_value=last_year,
        tolerance=tolerance,
        month=month,
    )
