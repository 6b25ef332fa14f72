"""Reads for the performance pages, shaped for them, in a constant number of queries.

Unapproved figures (including provisional ones awaiting approval) are visible to the
council side only; the public's numbers are computed from approved figures alone.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from scrutineer.core import permissions
from scrutineer.performance import assessment, rules
from scrutineer.performance.assessment import Assessment
from scrutineer.performance.models import (
    Benchmark,
    Framework,
    Indicator,
    IndicatorReference,
    Measurement,
    Milestone,
    Target,
    period_label,
)
from scrutineer.performance.rules import Direction, Rag
from scrutineer.performance.services import figures_from

RAG_ORDER = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE]


def measurements_visible_to(user: Any) -> QuerySet[Measurement]:
    qs = Measurement.objects.all()
    if not permissions.can_view_unapproved_figures(user):
        qs = qs.filter(approved=True)
    return qs


def frameworks() -> list[Framework]:
    return list(Framework.objects.all())


def periods_of(framework: Framework, user: Any) -> list[tuple[int, int]]:
    """Quarters with figures the user may see, newest first."""
    rows = (
        measurements_visible_to(user)
        .filter(indicator__framework=framework)
        .values_list("year", "quarter")
        .distinct()
        .order_by("-year", "-quarter")
    )
    return list(rows)


def filter_choices(framework: Framework) -> tuple[list[str], list[str]]:
    """The framework's directorates and themes, for the filters (one query)."""
    pairs = list(Indicator.objects.filter(framework=framework).values_list("directorate", "theme"))
    return sorted({d for d, _ in pairs}), sorted({t for _, t in pairs})


@dataclass
class IndicatorRow:
    indicator: Indicator
    result: Assessment
    measurement: Measurement | None

    @property
    def is_worsening(self) -> bool:
        return Direction.WORSENING in (self.result.short_term, self.result.long_term)


@dataclass
class Breakdown:
    name: str
    counts: dict[str, int]
    total: int

    @property
    def cells(self) -> list[tuple[str, int, int]]:
        """(RAG, count, percentage of the group) in the report's order."""
        total = self.total or 1
        return [
            (rag.value, self.counts.get(rag, 0), round(100 * self.counts.get(rag, 0) / total))
            for rag in RAG_ORDER
        ]


@dataclass
class Dashboard:
    framework: Framework
    year: int
    quarter: int
    rows: list[IndicatorRow]
    overall: Breakdown
    by_theme: list[Breakdown] = field(default_factory=list)
    by_directorate: list[Breakdown] = field(default_factory=list)

    @property
    def period(self) -> str:
        return period_label(self.year, self.quarter)

    @property
    def red(self) -> list[IndicatorRow]:
        return [row for row in self.rows if row.result.rag == Rag.RED]

    @property
    def worsening(self) -> list[IndicatorRow]:
        return [row for row in self.rows if row.is_worsening]

    @property
    def mostly_green(self) -> bool:
        return rules.mostly_green(self.overall.counts)


def _breakdowns(rows: list[IndicatorRow], key: str) -> list[Breakdown]:
    groups: dict[str, Counter[str]] = {}
    for row in rows:
        groups.setdefault(getattr(row.indicator, key), Counter())[str(row.result.rag)] += 1
    return [
        Breakdown(name=name, counts=dict(counts), total=sum(counts.values()))
        for name, counts in sorted(groups.items())
    ]


def _with_figures(user: Any, indicators: QuerySet[Indicator], since_year: int) -> list[Indicator]:
    """Indicators with their targets and visible measurements from a year on (3 queries)."""
    return list(
        indicators.select_related("framework").prefetch_related(
            Prefetch(
                "measurements",
                queryset=measurements_visible_to(user).filter(year__gte=since_year),
                to_attr="visible_measurements",
            ),
            "targets",
        )
    )


def _figures(indicator: Indicator) -> assessment.Figures:
    measurements = indicator.visible_measurements  # type: ignore[attr-defined]
    return figures_from(indicator, measurements, indicator.targets.all())


def dashboard(
    *,
    user: Any,
    framework: Framework,
    year: int,
    quarter: int,
    directorate: str = "",
    theme: str = "",
) -> Dashboard:
    """RAG and direction of travel of every indicator in the quarter, with the breakdowns."""
    indicators = Indicator.objects.filter(framework=framework)
    if directorate:
        indicators = indicators.filter(directorate=directorate)
    if theme:
        indicators = indicators.filter(theme=theme)
    rows = []
    # Two years back: the long-term comparison of a rolling measure needs eight quarters.
    for indicator in _with_figures(user, indicators, year - 2):
        result = assessment.assess(_figures(indicator), framework.rag_rule, year, quarter)
        current = next(
            (
                m
                for m in indicator.visible_measurements  # type: ignore[attr-defined]
                if (m.year, m.quarter) == (year, quarter)
            ),
            None,
        )
        rows.append(IndicatorRow(indicator=indicator, result=result, measurement=current))
    overall: Counter[str] = Counter(str(row.result.rag) for row in rows)
    return Dashboard(
        framework=framework,
        year=year,
        quarter=quarter,
        rows=rows,
        overall=Breakdown(name="All indicators", counts=dict(overall), total=len(rows)),
        by_theme=_breakdowns(rows, "theme"),
        by_directorate=_breakdowns(rows, "directorate"),
    )


@dataclass
class ChartRow:
    label: str
    result: Assessment
    measurement: Measurement | None
    polarity: str

    @property
    def band(self) -> tuple[float | None, float | None]:
        """The amber zone: between the target and the target less the tolerance."""
        target, tolerance = self.result.target, self.result.tolerance
        if target is None or tolerance is None:
            return None, None
        if self.polarity == rules.LOWER:
            return target, target + tolerance
        return target - tolerance, target


@dataclass
class IndicatorPage:
    indicator: Indicator
    rows: list[ChartRow]
    benchmarks: list[tuple[Benchmark, int | None]]
    references: list[IndicatorReference]

    @property
    def latest(self) -> ChartRow | None:
        return self.rows[-1] if self.rows else None


def indicator_page(*, user: Any, pk: int, quarters: int = 8) -> IndicatorPage:
    """An indicator's last ``quarters`` quarters of figures, targets, benchmarks and links."""
    indicator = Indicator.objects.select_related("framework").get(pk=pk)
    measurements = list(measurements_visible_to(user).filter(indicator=indicator))
    figures = figures_from(indicator, measurements, indicator.targets.all())
    by_period = {(m.year, m.quarter): m for m in measurements}
    rows = []
    if by_period:
        for year, quarter in rules.quarters_back(*max(by_period), quarters):
            result = assessment.assess(figures, indicator.framework.rag_rule, year, quarter)
            label = period_label(year, quarter)
            measurement = by_period.get((year, quarter))
            rows.append(ChartRow(label, result, measurement, indicator.polarity))
    benchmarks = [
        (b, benchmark_quartile(b, indicator.polarity))
        for b in indicator.benchmarks.order_by("-year")
    ]
    references = list(
        indicator.references.select_related(
            "recommendation", "work_programme_item__committee"
        ).order_by("-created_at")
    )
    return IndicatorPage(indicator, rows, benchmarks, references)


def benchmark_quartile(benchmark: Benchmark, polarity: str) -> int | None:
    """The council's quartile among its peers, from entered boundaries or the peer values."""
    entered = (benchmark.lower_quartile, benchmark.median, benchmark.upper_quartile)
    if all(v is not None for v in entered):
        boundaries: tuple[float, float, float] | None = entered  # type: ignore[assignment]
    else:
        boundaries = rules.quartile_boundaries([float(v) for v in benchmark.peer_values])
    return rules.benchmark_quartile(benchmark.value, boundaries, polarity)


@dataclass
class MilestoneRow:
    milestone: Milestone
    slippage: int
    rag: Rag


def milestones(*, framework: Framework, today: datetime.date) -> list[MilestoneRow]:
    """The framework's milestones with their slippage in days and RAG (one query)."""
    rows = []
    for milestone in Milestone.objects.filter(framework=framework):
        slippage = rules.milestone_slippage(
            milestone.planned_date, milestone.forecast_date, milestone.actual_date, today
        )
        cancelled = milestone.status == Milestone.Status.CANCELLED
        rows.append(
            MilestoneRow(milestone, slippage, rules.milestone_rag(slippage, cancelled=cancelled))
        )
    return rows


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
    def below_outturn(self) -> list[AmbitionFlag]:
        return [f for f in self.flags if f.below_outturn]

    @property
    def unchanged(self) -> list[AmbitionFlag]:
        return [f for f in self.flags if f.unchanged]


def _flag(indicator: Indicator, year: int) -> AmbitionFlag | None:
    figures = _figures(indicator)
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


def ambition_check(*, user: Any, framework: Framework) -> AmbitionCheck | None:
    """Targets no better than last year's outturn, targets unchanged for years, a framework
    that is nearly all green, and where the council sits among its peers."""
    indicators = _with_figures(user, Indicator.objects.filter(framework=framework), 0)
    years = [t.year for i in indicators for t in i.targets.all() if t.quarter is None]
    if not years:
        return None
    year = max(years)
    flags = [flag for i in indicators if (flag := _flag(i, year)) is not None]
    periods = periods_of(framework, user)
    board = None
    if periods:
        board = dashboard(user=user, framework=framework, year=periods[0][0], quarter=periods[0][1])
    benchmarks = [
        (b, benchmark_quartile(b, b.indicator.polarity))
        for b in Benchmark.objects.filter(indicator__framework=framework)
        .select_related("indicator")
        .order_by("indicator__code", "-year")
    ]
    return AmbitionCheck(framework, year, flags, board, benchmarks)


def _figure(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value.is_integer() else repr(value)


def values_template(framework: Framework) -> tuple[int, int, list[list[str]]]:
    """The import template's rows: each indicator for the framework's latest quarter with
    figures (or its first quarter), filled in with what is stored, in three queries."""
    latest = (
        Measurement.objects.filter(indicator__framework=framework)
        .order_by("-year", "-quarter")
        .values_list("year", "quarter")
        .first()
    )
    year, quarter = latest or (int(framework.year[:4]) if framework.year[:4].isdigit() else 0, 1)
    indicators = Indicator.objects.filter(framework=framework).prefetch_related(
        Prefetch("measurements", Measurement.objects.filter(year=year, quarter=quarter)),
        Prefetch("targets", Target.objects.filter(year=year, quarter=quarter)),
    )
    rows = []
    for indicator in indicators:
        measurement = next(iter(indicator.measurements.all()), None)
        target = next(iter(indicator.targets.all()), None)
        rows.append(
            [
                indicator.code,
                indicator.name,
                period_label(year, None),
                f"Q{quarter}",
                _figure(measurement.value if measurement else None),
                _figure(target.value if target else None),
                measurement.commentary if measurement else "",
                measurement.route_to_green if measurement else "",
                "yes" if measurement and measurement.provisional else "no",
            ]
        )
    return year, quarter, rows
