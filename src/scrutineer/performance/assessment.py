"""One indicator's standing in a quarter, composed from the pure rules. No ORM: selectors
and services load the figures and pass them in."""

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

    def with_value(self, year: int, quarter: int, value: float | None) -> Figures:
        return replace(self, values={**self.values, (year, quarter): value})


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


def reported(figures: Figures, year: int, quarter: int) -> float | None:
    return rules.reported_value(figures.measure_type, figures.values, year, quarter)


def outturn(figures: Figures, year: int) -> float | None:
    """The year-end figure of a financial year."""
    return reported(figures, year, 4)


def assess(figures: Figures, rule: str, year: int, quarter: int) -> Assessment:
    """RAG and both directions of travel for (year, quarter)."""
    value = None if figures.is_narrative else reported(figures, year, quarter)
    target = None if figures.is_narrative else target_for(figures, year, quarter)
    previous = reported(figures, *rules.previous_period(year, quarter))
    last_year = reported(figures, year - 1, quarter)
    if figures.measure_type == "annual":
        previous = None  # an annual measure has no previous quarter to compare with
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
    )
