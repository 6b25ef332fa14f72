"""Every write to corporate performance, and the rules that guard it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import clock
from scrutineer.core.history import history_user_set
from scrutineer.core.models import Person
from scrutineer.performance import assessment
from scrutineer.performance.models import (
    Framework,
    Indicator,
    IndicatorReference,
    Measurement,
    Milestone,
    Target,
    period_label,
)
from scrutineer.performance.rules import Direction, Rag
from scrutineer.programme.models import WorkProgrammeItem
from scrutineer.tracker import services as tracker_services
from scrutineer.tracker.models import Recommendation


class PerformanceRuleBroken(Exception):
    """A business rule refused the change; the message says which and why."""


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def figures_from(
    indicator: Indicator, measurements: Iterable[Measurement], targets: Iterable[Target]
) -> assessment.Figures:
    """The rules' view of an indicator, from rows already loaded."""
    return assessment.Figures(
        polarity=indicator.polarity,
        measure_type=indicator.measure_type,
        tolerance=indicator.tolerance,
        tolerance_kind=indicator.tolerance_kind,
        is_narrative=indicator.is_narrative,
        values={(m.year, m.quarter): m.value for m in measurements},
        targets={(t.year, t.quarter): t.value for t in targets},
    )


def figures_of(indicator: Indicator) -> assessment.Figures:
    """Load one indicator's values and targets (two queries) for the rules."""
    return figures_from(indicator, indicator.measurements.all(), indicator.targets.all())


def framework_create(
    *, name: str, year: str, rag_rule: str = Framework.RagRule.TOLERANCE, is_demo: bool = False
) -> Framework:
    """Start a framework with its RAG rule."""
    return Framework.objects.create(name=name, year=year, rag_rule=rag_rule, is_demo=is_demo)


def indicator_create(*, framework: Framework, by: Any = None, **fields: Any) -> Indicator:
    """Add an indicator to a framework."""
    indicator = Indicator(framework=framework, **fields)
    if indicator.tolerance < 0:
        raise PerformanceRuleBroken("The tolerance cannot be negative.")
    history_user_set(indicator, by)
    indicator.save()
    return indicator


def target_set(
    *, indicator: Indicator, year: int, quarter: int | None, value: float, by: Any = None
) -> Target:
    """Set the annual target (quarter None) or a profiled quarterly target."""
    target = Target.objects.filter(indicator=indicator, year=year, quarter=quarter).first()
    if target is None:
        target = Target(indicator=indicator, year=year, quarter=quarter)
    target.value = value
    history_user_set(target, by)
    target.save()
    return target


@transaction.atomic
def measurement_record(
    *,
    indicator: Indicator,
    year: int,
    quarter: int,
    value: float | None,
    commentary: str = "",
    route_to_green: str = "",
    provisional: bool = False,
    by: Any = None,
) -> Measurement:
    """Record (or correct) a quarter's figure. A red figure needs a route to green; a
    changed figure loses its approval and must be approved again before it is public."""
    if not 1 <= quarter <= 4:
        raise PerformanceRuleBroken("The quarter must be 1 to 4 (Q1 is April to June).")
    measurement = Measurement.objects.filter(
        indicator=indicator, year=year, quarter=quarter
    ).first()
    if measurement is None:
        measurement = Measurement(indicator=indicator, year=year, quarter=quarter)
    figures = figures_of(indicator).with_value(year, quarter, value)
    result = assessment.assess(figures, indicator.framework.rag_rule, year, quarter)
    if result.rag == Rag.RED and not route_to_green.strip():
        raise PerformanceRuleBroken(
            f"{indicator.code} is red for {period_label(year, quarter)}: enter the route to green."
        )
    changed = measurement.pk is None or measurement.value != value
    measurement.value = value
    measurement.commentary = commentary.strip()
    measurement.route_to_green = route_to_green.strip()
    measurement.provisional = provisional
    if changed and measurement.approved:
        measurement.approved, measurement.approved_by, measurement.approved_at = False, None, None
    history_user_set(measurement, by)
    measurement.save()
    return measurement


def measurement_approve(
    *, measurement: Measurement, by: Any, when: datetime.datetime | None = None
) -> Measurement:
    """Approve a figure for publication; the public sees approved figures only."""
    if measurement.approved:
        raise PerformanceRuleBroken(f"{measurement} is already approved.")
    measurement.approved = True
    measurement.approved_by = _user_or_none(by)
    measurement.approved_at = when or clock.now()
    history_user_set(measurement, by)
    measurement.save()
    return measurement


def milestone_create(*, framework: Framework, by: Any = None, **fields: Any) -> Milestone:
    """Add a programme milestone; a complete milestone needs the date it was achieved."""
    milestone = Milestone(framework=framework, **fields)
    if milestone.status == Milestone.Status.COMPLETE and milestone.actual_date is None:
        raise PerformanceRuleBroken("A complete milestone needs the date it was achieved.")
    history_user_set(milestone, by)
    milestone.save()
    return milestone


def _check_raisable(indicator: Indicator, year: int, quarter: int) -> None:
    result = assessment.assess(figures_of(indicator), indicator.framework.rag_rule, year, quarter)
    worsening = Direction.WORSENING in (result.short_term, result.long_term)
    if result.rag != Rag.RED and not worsening:
        raise PerformanceRuleBroken(
            f"{indicator.code} is neither red nor worsening in {period_label(year, quarter)}."
        )


def _reference(indicator: Indicator, year: int, quarter: int, by: Any, **link: Any) -> None:
    reference = IndicatorReference(
        indicator=indicator, year=year, quarter=quarter, created_by=_user_or_none(by), **link
    )
    history_user_set(reference, by)
    reference.save()


@transaction.atomic
def indicator_raise_recommendation(
    *,
    indicator: Indicator,
    year: int,
    quarter: int,
    meeting: Meeting,
    text: str,
    assignees: Iterable[Person] = (),
    by: Any = None,
) -> Recommendation:
    """From a red or worsening indicator: an item at the meeting with one recommendation,
    made by the tracker's own services, and linked back to the indicator."""
    _check_raisable(indicator, year, quarter)
    item = tracker_services.item_create(
        meeting=meeting,
        report_title=f"Performance: {indicator.code} {indicator.name}",
        summary=f"Raised from the corporate performance report for {period_label(year, quarter)}.",
        by=by,
    )
    recommendation = tracker_services.recommendation_create(
        item=item, text=text, assignees=assignees, by=by
    )
    _reference(indicator, year, quarter, by, recommendation=recommendation)
    return recommendation


@transaction.atomic
def indicator_add_to_work_programme(
    *,
    indicator: Indicator,
    year: int,
    quarter: int,
    committee: Committee,
    title: str,
    purpose: str = "",
    planned_meeting: Meeting | None = None,
    by: Any = None,
) -> WorkProgrammeItem:
    """From a red or worsening indicator: a work-programme item, linked back."""
    _check_raisable(indicator, year, quarter)
    day = planned_meeting.date if planned_meeting else clock.today()
    item = WorkProgrammeItem(
        committee=committee,
        municipal_year=tracker_services.municipal_year(day),
        title=title.strip(),
        purpose=purpose.strip(),
        source=WorkProgrammeItem.Source.MEMBER,
        planned_meeting=planned_meeting,
        status=(
            WorkProgrammeItem.Status.SCHEDULED
            if planned_meeting
            else WorkProgrammeItem.Status.PROPOSED
        ),
    )
    history_user_set(item, by)
    item.save()
    _reference(indicator, year, quarter, by, work_programme_item=item)
    return item
