"""What scrutiny takes up from a red or worsening indicator: a recommendation (through the
tracker's services) or a work-programme item (through the programme's), linked back."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core.calendar import period_label
from scrutineer.core.history import history_user_set
from scrutineer.core.models import Person
from scrutineer.performance import assessment
from scrutineer.performance.models import Indicator, IndicatorReference
from scrutineer.performance.services.errors import PerformanceRuleBroken
from scrutineer.performance.services.measurements import figures_of
from scrutineer.programme import services as programme_services
from scrutineer.programme.models import WorkProgrammeItem
from scrutineer.tracker import services as tracker_services
from scrutineer.tracker.models import Recommendation


def _check_raisable(indicator: Indicator, year: int, quarter: int) -> None:
    result = assessment.assess(figures_of(indicator), indicator.framework.rag_rule, year, quarter)
    if not result.is_red_or_worsening:
        raise PerformanceRuleBroken(
            f"{indicator.code} is neither red nor worsening in {period_label(year, quarter)}."
        )


def _reference(indicator: Indicator, year: int, quarter: int, by: Any, **link: Any) -> None:
    reference = IndicatorReference(
        indicator=indicator,
        year=year,
        quarter=quarter,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        **link,
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
    """From a red or worsening indicator: a work-programme item, added by the programme's
    own services, and linked back."""
    _check_raisable(indicator, year, quarter)
    try:
        item = programme_services.work_programme_add(
            committee=committee,
            title=title,
            purpose=purpose,
            planned_meeting=planned_meeting,
            source=WorkProgrammeItem.Source.MEMBER,
            by=by,
        )
    except programme_services.ProgrammeRuleBroken as refused:
        raise PerformanceRuleBroken(str(refused), field="planned_meeting") from refused
    _reference(indicator, year, quarter, by, work_programme_item=item)
    return item
