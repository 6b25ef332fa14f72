"""The ambition check: targets no better than last year's outturn, targets unchanged for
years, a framework that is nearly all green, and where the council sits among its peers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scrutineer.core.calendar import period_label
from scrutineer.performance import assessment, rules
from scrutineer.performance.models import Benchmark, Framework, Indicator
from scrutineer.performance.selectors.dashboard import Dashboard, framework_dashboard
from scrutineer.performance.selectors.figures import (
    indicator_figures,
    indicator_list_with_figures,
)
from scrutineer.performance.selectors.frameworks import framework_periods
from scrutineer.performance.selectors.indicator_page import benchmark_quartile


@dataclass
class AmbitionFlag:
    indicator: Indicator
    target: float | None
    previous_outturn: float | None
    below_outturn: bool
    unchanged: bool
    targets_by_year: list[tuple[str, float]]


@dataclass
class AmbitionCheck:
    framework: Framework
    year: int
    flags: list[AmbitionFlag]
    dashboard: Dashboard | None
    benchmarks: list[tuple[Benchmark, int | None]]

    @property
    def unchanged_years(self) -> int:
        """How many years running a target may stay the same before it is flagged."""
        return rules.UNCHANGED_TARGET_YEARS

    @property
    def below_outturn(self) -> list[AmbitionFlag]:
        return [f for f in self.flags if f.below_outturn]

    @property
    def unchanged(self) -> list[AmbitionFlag]:
        return [f for f in self.flags if f.unchanged]


def _flag(indicator: Indicator, year: int) -> AmbitionFlag | None:
    figures = indicator_figures(indicator)
    years = list(range(year - 4, year + 1))
    history = [figures.targets.get((y, None)) for y in years]
    target = figures.targets.get((year, None))
    previous = assessment.outturn(figures, year - 1)
    below = rules.target_at_or_below_outturn(target, previous, indicator.polarity)
    unchanged = rules.target_unchanged(history)
    if not (below or unchanged):
        return None
    labelled = [(period_label(y, None), t) for y, t in zip(years, history, strict=True) if t]
    return AmbitionFlag(indicator, target, previous, below, unchanged, labelled)


def framework_ambition_check(*, user: Any, framework: Framework) -> AmbitionCheck | None:
    """Targets no better than last year's outturn, targets unchanged for years, a framework
    that is nearly all green, and where the council sits among its peers."""
    indicators = indicator_list_with_figures(user, Indicator.objects.filter(framework=framework), 0)
    years = [t.year for i in indicators for t in i.targets.all() if t.quarter is None]
    if not years:
        return None
    year = max(years)
    flags = [flag for i in indicators if (flag := _flag(i, year)) is not None]
    periods = framework_periods(framework, user)
    board = None
    if periods:
        board = framework_dashboard(
            user=user, framework=framework, year=periods[0][0], quarter=periods[0][1]
        )
    benchmarks = [
        (b, benchmark_quartile(b, b.indicator.polarity))
        for b in Benchmark.objects.filter(indicator__framework=framework)
        .select_related("indicator")
        .order_by("indicator__code", "-year")
    ]
    return AmbitionCheck(framework, year, flags, board, benchmarks)
