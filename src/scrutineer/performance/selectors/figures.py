"""Which figures a user may see, indicators loaded with them for the rules, and what a page
shows beside a period's figure."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from scrutineer.core import permissions
from scrutineer.performance import assessment
from scrutineer.performance.assessment import Assessment
from scrutineer.performance.models import Indicator, Measurement, Target
from scrutineer.performance.rules import Rag
from scrutineer.performance.services import figures_from


def measurement_visible_list(user: Any) -> QuerySet[Measurement]:
    """Figures the user may see: approved ones, and unapproved ones for the council side."""
    qs = Measurement.objects.all()
    if not permissions.can_view_unapproved_figures(user):
        qs = qs.filter(approved=True)
    return qs


def indicator_list_with_figures(
    user: Any, indicators: QuerySet[Indicator], since_year: int
) -> list[Indicator]:
    """Indicators with their targets and visible measurements from a year on (3 queries)."""
    return list(
        indicators.select_related("framework").prefetch_related(
            Prefetch(
                "measurements",
                # Not when or by whom each was approved: reading thousands of timestamps
                # was most of a 400-indicator dashboard's time.
                queryset=measurement_visible_list(user)
                .filter(year__gte=since_year)
                .defer("approved_at", "approved_by"),
                to_attr="visible_measurements",
            ),
            "targets",
        )
    )


def indicator_figures_by_id(
    user: Any, indicators: list[Indicator], since_year: int
) -> dict[int, assessment.Figures]:
    """The rules' view of each indicator from a year on, by its id, from the figures the user
    may see (two queries). The values and targets are read as plain rows, not model
    instances: building thousands of instances was most of a 400-indicator dashboard's time."""
    found = {indicator.pk: indicator for indicator in indicators}
    # No order: the models' own joins indicators and frameworks, and a dict needs none.
    measurements: dict[int, list[Any]] = {pk: [] for pk in found}
    for figure in (
        measurement_visible_list(user)
        .filter(indicator_id__in=list(found), year__gte=since_year)
        .order_by()
        .values_list("indicator_id", "year", "quarter", "month", "value", named=True)
    ):
        measurements[figure.indicator_id].append(figure)
    targets: dict[int, list[Any]] = {pk: [] for pk in found}
    for target in (
        Target.objects.filter(indicator_id__in=list(found), year__gte=since_year)
        .order_by()
        .values_list("indicator_id", "year", "quarter", "value", named=True)
    ):
        targets[target.indicator_id].append(target)
    return {
        pk: figures_from(indicator, measurements[pk], targets[pk])
        for pk, indicator in found.items()
    }


def measurements_in_quarter(
    user: Any, indicators: list[Indicator], year: int, quarter: int
) -> dict[tuple[int, int | None], Measurement]:
    """The quarter's figures the user may see, by indicator id and month (None for a
    quarterly figure): what a page shows beside each indicator's rating (one query)."""
    found = (
        measurement_visible_list(user)
        .filter(indicator_id__in=[i.pk for i in indicators], year=year, quarter=quarter)
        .order_by()
    )
    return {(m.indicator_id, m.month): m for m in found}


def indicator_figures(indicator: Indicator) -> assessment.Figures:
    """The rules' view of an indicator from ``indicator_list_with_figures`` (no query)."""
    measurements = indicator.visible_measurements  # type: ignore[attr-defined]
    return figures_from(indicator, measurements, indicator.targets.all())


class FigureShown:
    """What a page (or the report) shows beside a period's figure: whether it is approved
    or provisional, and its route to green."""

    result: Assessment
    measurement: Measurement | None

    @property
    def unapproved(self) -> bool:
        """Recorded but not approved for publication: only the council side sees it."""
        return self.measurement is not None and not self.measurement.approved

    @property
    def provisional(self) -> bool:
        return self.measurement is not None and self.measurement.provisional

    @property
    def route_to_green(self) -> str:
        """The way back to target, shown until the figure is green again."""
        if self.measurement is None or self.result.rag == Rag.GREEN:
            return ""
        return self.measurement.route_to_green
