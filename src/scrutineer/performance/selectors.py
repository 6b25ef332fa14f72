"""Reads for the performance pages, shaped for them, in a constant number of queries.

Unapproved figures (including provisional ones awaiting approval) are visible to the
council side only; the public's numbers are computed from approved figures alone.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from scrutineer.core import permissions
from scrutineer.performance import assessment, rules
from scrutineer.performance.assessment import Assessment
from scrutineer.performance.models import (
    MONTH_NAMES,
    Benchmark,
    Framework,
    Indicator,
    IndicatorReference,
    Measurement,
    Milestone,
    Target,
    period_label,
)
from scrutineer.performance.rules import Rag
from scrutineer.performance.services import figures_from
from scrutineer.programme.selectors import work_programme_visible_to
from scrutineer.tracker.selectors import recommendations_visible_to

RAG_ORDER = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE]


def measurements_visible_to(user: Any) -> QuerySet[Measurement]:
    """Figures the user may see: approved ones, and unapproved ones for the council side."""
    qs = Measurement.objects.all()
    if not permissions.can_view_unapproved_figures(user):
        qs = qs.filter(approved=True)
    return qs


def frameworks() -> list[Framework]:
    return list(Framework.objects.all())


def framework_chosen(frameworks: list[Framework], wanted: str) -> Framework | None:
    """The framework a query names by its id; the first when it names none that exists."""
    chosen = next((f for f in frameworks if str(f.pk) == wanted), None)
    return chosen or (frameworks[0] if frameworks else None)


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
        return [row for row in self.rows if row.result.is_worsening]

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
                # Not when or by whom each was approved: reading thousands of timestamps
                # was most of a 400-indicator dashboard's time.
                queryset=measurements_visible_to(user)
                .filter(year__gte=since_year)
                .defer("approved_at", "approved_by"),
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
        # A monthly indicator's quarter stands at its latest month: that month's words.
        current = next(
            (
                m
                for m in indicator.visible_measurements  # type: ignore[attr-defined]
                if (m.year, m.quarter) == (year, quarter) and m.month == result.month
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
    def short_label(self) -> str:
        """The chart's axis label: "Q1 24/25", or "Apr 24" for a month."""
        year, month = self.result.year, self.result.month
        if month is not None:
            calendar_year = year if month <= 9 else year + 1
            return f"{MONTH_NAMES[month - 1][:3]} {calendar_year % 100:02d}"
        return f"Q{self.result.quarter} {year % 100:02d}/{(year + 1) % 100:02d}"

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

    @property
    def raisable(self) -> bool:
        """Scrutiny may raise a recommendation from the latest period: it is red or worsening."""
        return self.latest is not None and self.latest.result.is_red_or_worsening

    @property
    def monthly(self) -> bool:
        """Rows are months (a monthly indicator), not quarters."""
        return self.indicator.frequency == Indicator.Frequency.MONTHLY

    @property
    def commentary_rows(self) -> list[ChartRow]:
        """Newest first, the periods with something to say: words, or awaiting approval."""
        return [
            row
            for row in reversed(self.rows)
            if (m := row.measurement) is not None
            and (m.commentary or m.route_to_green or not m.approved)
        ]


def indicator_page(*, user: Any, pk: int, quarters: int = 8) -> IndicatorPage:
    """An indicator's last ``quarters`` quarters of figures (for a monthly indicator, the
    months of those quarters), targets, benchmarks and links."""
    indicator = Indicator.objects.select_related("framework").get(pk=pk)
    measurements = list(measurements_visible_to(user).filter(indicator=indicator))
    figures = figures_from(indicator, measurements, indicator.targets.all())
    rows = []
    if figures.monthly:
        by_month = {(m.year, m.month): m for m in measurements if m.month is not None}
        if by_month:
            for year, month in rules.months_back(*max(by_month), quarters * 3):
                result = assessment.assess_month(figures, indicator.framework.rag_rule, year, month)
                label = period_label(year, None, month)
                measurement = by_month.get((year, month))
                rows.append(ChartRow(label, result, measurement, indicator.polarity))
    by_period = {(m.year, m.quarter): m for m in measurements if not figures.monthly}
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
    # What scrutiny raised from it, as far as the user may see it: a recommendation on an
    # exempt item (or the work it planned) stays with those who may see the item.
    references = list(
        indicator.references.filter(
            Q(recommendation__isnull=True)
            | Q(recommendation__in=recommendations_visible_to(user).values("pk")),
            Q(work_programme_item__isnull=True)
            | Q(work_programme_item__in=work_programme_visible_to(user).values("pk")),
        )
        .select_related("recommendation", "work_programme_item__committee")
        .order_by("-created_at")
    )
    return IndicatorPage(indicator, rows, benchmarks, references)


def trends(
    *, user: Any, indicators: list[Indicator], year: int, quarter: int, quarters: int = 8
) -> dict[int, list[ChartRow]]:
    """Each indicator's ``quarters`` quarters ending with (year, quarter), by indicator id,
    as its page charts them; three queries however many indicators there are."""
    # A year further back than the chart starts: the first quarters' same-quarter-last-year
    # comparison and rolling sums need the figures before them.
    since = year - quarters // 4 - 2
    loaded = _with_figures(user, Indicator.objects.filter(pk__in=[i.pk for i in indicators]), since)
    charted = {}
    for indicator in loaded:
        figures = _figures(indicator)
        # A monthly indicator's quarter stands at its latest month, as on the dashboard.
        by_period = {
            (m.year, m.quarter, m.month): m
            for m in indicator.visible_measurements  # type: ignore[attr-defined]
        }
        rows = []
        for y, q in rules.quarters_back(year, quarter, quarters):
            result = assessment.assess(figures, indicator.framework.rag_rule, y, q)
            measurement = by_period.get((y, q, result.month))
            rows.append(ChartRow(period_label(y, q), result, measurement, indicator.polarity))
        charted[indicator.pk] = rows
    return charted


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
        target = next(iter(indicator.targets.all()), None)
        if indicator.frequency != Indicator.Frequency.MONTHLY:
            measurement = next(iter(indicator.measurements.all()), None)
            rows.append(_template_row(indicator, year, quarter, None, measurement, target))
            continue
        # A row per month of the quarter; the quarter's target (if any) on a row of its own,
        # as targets are set per quarter, not per month.
        by_month = {m.month: m for m in indicator.measurements.all()}
        for month in rules.months_of_quarter(quarter):
            rows.append(_template_row(indicator, year, quarter, month, by_month.get(month), None))
        if target is not None:
            rows.append(_template_row(indicator, year, quarter, None, None, target, blank=True))
    return year, quarter, rows


def _template_row(
    indicator: Indicator,
    year: int,
    quarter: int,
    month: int | None,
    measurement: Measurement | None,
    target: Target | None,
    *,
    blank: bool = False,
) -> list[str]:
    """One row of the import template, in importing.TEMPLATE_COLUMNS' order (a ``blank``
    row gives only the target)."""
    return [
        indicator.code,
        indicator.name,
        period_label(year, None),
        f"Q{quarter}",
        MONTH_NAMES[month - 1] if month else "",
        _figure(measurement.value if measurement else None),
        _figure(target.value if target else None),
        measurement.commentary if measurement else "",
        measurement.route_to_green if measurement else "",
        "" if blank else "yes" if measurement and measurement.provisional else "no",
    ]


# Reads for the editing pages.


def financial_years(indicator: Indicator, today: datetime.date) -> list[int]:
    """The financial years a figure or target may be given for: two either side of the
    framework's year (or this year), and any year the indicator already has (two queries)."""
    start = indicator.framework.year[:4]
    anchor = int(start) if start.isdigit() else rules.quarter_of(today)[0]
    years = set(range(anchor - 2, anchor + 3))
    years |= set(indicator.measurements.values_list("year", flat=True))
    years |= set(indicator.targets.values_list("year", flat=True))
    return sorted(years)


def measurement_for(
    indicator: Indicator, year: int, quarter: int | None, month: int | None
) -> Measurement | None:
    """The figure recorded for a period, if any: a month's for a monthly indicator."""
    found = Measurement.objects.filter(indicator=indicator, year=year)
    if month is not None:
        return found.filter(month=month).first()
    if quarter is None:
        return None
    return found.filter(quarter=quarter, month__isnull=True).first()


def next_period(indicator: Indicator, today: datetime.date) -> tuple[int, int, int | None]:
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


def targets_by_year(indicator: Indicator) -> dict[int, dict[int | None, float]]:
    """The indicator's targets by year, each {None: annual, 1..4: profiled} (one query)."""
    found: dict[int, dict[int | None, float]] = {}
    for target in indicator.targets.order_by("year", "quarter"):
        found.setdefault(target.year, {})[target.quarter] = target.value
    return found
