"""The rows of the figures import's template: each indicator of a framework for its latest
quarter with figures, filled in with what is stored."""

from __future__ import annotations

from django.db.models import Prefetch

from scrutineer.core.calendar import FINANCIAL_MONTH_NAMES, period_label
from scrutineer.performance import rules
from scrutineer.performance.models import Framework, Indicator, Measurement, Target


def _figure(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value.is_integer() else repr(value)


def framework_import_template(framework: Framework) -> tuple[int, int, list[list[str]]]:
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
    """One row of the import template, in performance_figures.TEMPLATE_COLUMNS' order (a
    ``blank`` row gives only the target)."""
    return [
        indicator.code,
        indicator.name,
        period_label(year, None),
        f"Q{quarter}",
        FINANCIAL_MONTH_NAMES[month - 1] if month else "",
        _figure(measurement.value if measurement else None),
        _figure(target.value if target else None),
        measurement.commentary if measurement else "",
        measurement.route_to_green if measurement else "",
        "" if blank else "yes" if measurement and measurement.provisional else "no",
    ]
