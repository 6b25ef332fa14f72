"""The frameworks, the one a query names, and what the dashboard's filters offer."""

from __future__ import annotations

from typing import Any

from scrutineer.core import permissions
from scrutineer.performance.models import Framework, Indicator, Measurement
from scrutineer.performance.selectors.figures import measurement_visible_list


def framework_list() -> list[Framework]:
    return list(Framework.objects.all())


def framework_chosen(frameworks: list[Framework], wanted: str) -> Framework | None:
    """The framework a query names by its id; the first when it names none that exists."""
    chosen = next((f for f in frameworks if str(f.pk) == wanted), None)
    return chosen or (frameworks[0] if frameworks else None)


def framework_periods(framework: Framework, user: Any) -> list[tuple[int, int]]:
    """Quarters with figures the user may see, newest first."""
    rows = (
        measurement_visible_list(user)
        .filter(indicator__framework=framework)
        .values_list("year", "quarter")
        .distinct()
        .order_by("-year", "-quarter")
    )
    return list(rows)


def framework_default_period(
    framework: Framework, user: Any, periods: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The quarter the dashboard opens on: for the council, the latest with figures; for the
    public, the latest whose figures are all approved (a quarter still being approved shows
    only some indicators, and would open the public dashboard half empty), or the latest with
    any approved figure when none is complete. ``periods`` is ``framework_periods``."""
    if not periods:
        return None
    if permissions.can_view_unapproved_figures(user):
        return periods[0]
    pending = set(
        Measurement.objects.filter(indicator__framework=framework, approved=False)
        .values_list("year", "quarter")
        .distinct()
    )
    return next((p for p in periods if p not in pending), periods[0])


def framework_filter_choices(framework: Framework) -> tuple[list[str], list[str]]:
    """The framework's directorates and themes, for the filters (one query)."""
    pairs = list(Indicator.objects.filter(framework=framework).values_list("directorate", "theme"))
    return sorted({d for d, _ in pairs}), sorted({t for _, t in pairs})


def framework_indicator_count(framework: Framework) -> int:
    """How many indicators the framework has: how long its report is (one query)."""
    return framework.indicators.count()
