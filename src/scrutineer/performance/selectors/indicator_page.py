"""An indicator's page (its figures period by period, as the chart and table show them,
its benchmarks and what scrutiny raised from it) and the trends the report charts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from scrutineer.core.calendar import FINANCIAL_MONTH_NAMES, period_label
from scrutineer.performance import assessment, rules
from scrutineer.performance.assessment import Assessment
from scrutineer.performance.models import Benchmark, Indicator, IndicatorReference, Measurement
from scrutineer.performance.selectors.figures import (
    FigureShown,
    indicator_figures,
    indicator_list_with_figures,
    measurement_visible_list,
)
from scrutineer.performance.services import figures_from
from scrutineer.programme.selectors import work_programme_visible_list
from scrutineer.tracker.selectors import recommendation_visible_list


@dataclass
class ChartRow(FigureShown):
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
            return f"{FINANCIAL_MONTH_NAMES[month - 1][:3]} {calendar_year % 100:02d}"
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
    measurements = list(measurement_visible_list(user).filter(indicator=indicator))
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
            | Q(recommendation__in=recommendation_visible_list(user).values("pk")),
            Q(work_programme_item__isnull=True)
            | Q(work_programme_item__in=work_programme_visible_list(user).values("pk")),
        )
        .select_related("recommendation", "work_programme_item__committee")
        .order_by("-created_at")
    )
    return IndicatorPage(indicator, rows, benchmarks, references)


def indicator_trends(
    *, user: Any, indicators: list[Indicator], year: int, quarter: int, quarters: int = 8
) -> dict[int, list[ChartRow]]:
    """Each indicator's ``quarters`` quarters ending with (year, quarter), by indicator id,
    as its page charts them; three queries however many indicators there are."""
    # A year further back than the chart starts: the first quarters' same-quarter-last-year
    # comparison and rolling sums need the figures before them.
    since = year - quarters // 4 - 2
    loaded = indicator_list_with_figures(
        user, Indicator.objects.filter(pk__in=[i.pk for i in indicators]), since
    )
    charted = {}
    for indicator in loaded:
        figures = indicator_figures(indicator)
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
