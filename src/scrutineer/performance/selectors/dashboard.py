"""The quarterly dashboard: every indicator's RAG and direction of travel, with the counts
by theme and by directorate, the red list and the worsening list."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from scrutineer.core.calendar import period_label
from scrutineer.files.labels import RAG_ORDER
from scrutineer.performance import assessment, rules
from scrutineer.performance.assessment import Assessment
from scrutineer.performance.models import Framework, Indicator, Measurement
from scrutineer.performance.rules import Rag
from scrutineer.performance.selectors.figures import (
    FigureShown,
    indicator_figures_by_id,
    measurements_in_quarter,
)


@dataclass
class IndicatorRow(FigureShown):
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
            (rag, self.counts.get(rag, 0), round(100 * self.counts.get(rag, 0) / total))
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

    @property
    def mostly_green_share(self) -> str:
        """The share of green at which targets are questioned, as the pages print it: "90%"."""
        return f"{rules.MOSTLY_GREEN_SHARE:.0%}"


def _breakdowns(rows: list[IndicatorRow], key: str) -> list[Breakdown]:
    groups: dict[str, Counter[str]] = {}
    for row in rows:
        groups.setdefault(getattr(row.indicator, key), Counter())[str(row.result.rag)] += 1
    return [
        Breakdown(name=name, counts=dict(counts), total=sum(counts.values()))
        for name, counts in sorted(groups.items())
    ]


def framework_dashboard(
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
    loaded = list(indicators)
    for indicator in loaded:
        indicator.framework = framework  # one framework for all, not a copy each
    # Two years back: the long-term comparison of a rolling measure needs eight quarters.
    figures = indicator_figures_by_id(user, loaded, year - 2)
    shown = measurements_in_quarter(user, loaded, year, quarter)
    rows = []
    for indicator in loaded:
        result = assessment.assess(figures[indicator.pk], framework.rag_rule, year, quarter)
        # A monthly indicator's quarter stands at its latest month: that month's words.
        current = shown.get((indicator.pk, result.month))
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
