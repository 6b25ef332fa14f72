"""Raising scrutiny from a red or worsening indicator: a recommendation through the tracker's
services, a work-programme item through the programme's, each linked back to the indicator."""

import pytest
from django.core.exceptions import ValidationError

from scrutineer.committees.models import Committee
from scrutineer.performance import services
from scrutineer.performance.models import IndicatorReference
from scrutineer.programme.models import WorkProgrammeItem
from tests.committees.factories import CommitteeFactory, MeetingFactory, PersonFactory
from tests.performance.factories import MeasurementFactory, TargetFactory


@pytest.fixture
def indicator(db):
    target = TargetFactory(value=90.0)
    return target.indicator


def record(indicator, value, route="", year=2024, quarter=1):
    return services.measurement_record(
        indicator=indicator, year=year, quarter=quarter, value=value, route_to_green=route
    )


def test_a_red_indicator_raises_a_recommendation_linked_back(indicator, scrutiny_officer):
    record(indicator, 80.0, route="Plan")
    meeting = MeetingFactory(committee=CommitteeFactory(short_name="CO&S"))
    officer = PersonFactory()
    recommendation = services.indicator_raise_recommendation(
        indicator=indicator,
        year=2024,
        quarter=1,
        meeting=meeting,
        text="Report back on the recovery plan.",
        assignees=[officer],
        by=scrutiny_officer,
    )
    assert recommendation.item.meeting == meeting
    assert indicator.code in recommendation.item.report_title
    assert list(recommendation.assignees.all()) == [officer]
    reference = IndicatorReference.objects.get()
    assert reference.recommendation == recommendation
    assert reference.created_by == scrutiny_officer


def test_a_worsening_indicator_goes_on_the_work_programme(indicator):
    MeasurementFactory(indicator=indicator, year=2024, quarter=1, value=95.0)
    record(indicator, 93.0, quarter=2)  # green but worse than the previous quarter
    committee = CommitteeFactory(kind=Committee.Kind.SCRUTINY)
    item = services.indicator_add_to_work_programme(
        indicator=indicator, year=2024, quarter=2, committee=committee, title="Deep dive"
    )
    assert item.status == WorkProgrammeItem.Status.PROPOSED
    assert item.indicator_references.get().indicator == indicator


def test_a_green_improving_indicator_cannot_be_raised(indicator):
    record(indicator, 95.0)
    with pytest.raises(services.PerformanceRuleBroken, match="neither red nor worsening"):
        services.indicator_add_to_work_programme(
            indicator=indicator, year=2024, quarter=1, committee=CommitteeFactory(), title="x"
        )


def test_a_work_programme_item_is_written_with_its_author(indicator, scrutiny_officer):
    record(indicator, 80.0, route="Plan")
    committee = CommitteeFactory(kind=Committee.Kind.SCRUTINY)
    meeting = MeetingFactory(committee=committee)
    item = services.indicator_add_to_work_programme(
        indicator=indicator,
        year=2024,
        quarter=1,
        committee=committee,
        title="  Deep dive  ",
        planned_meeting=meeting,
        by=scrutiny_officer,
    )
    assert (item.title, item.status) == ("Deep dive", WorkProgrammeItem.Status.SCHEDULED)
    assert item.history.get().history_user == scrutiny_officer
    assert IndicatorReference.objects.get().history.get().history_user == scrutiny_officer


def test_a_planned_meeting_of_another_committee_is_refused_beside_the_field(indicator):
    record(indicator, 80.0, route="Plan")
    committee = CommitteeFactory(kind=Committee.Kind.SCRUTINY)
    with pytest.raises(services.PerformanceRuleBroken) as refused:
        services.indicator_add_to_work_programme(
            indicator=indicator,
            year=2024,
            quarter=1,
            committee=committee,
            title="Deep dive",
            planned_meeting=MeetingFactory(),
        )
    assert refused.value.field == "planned_meeting"
    assert not WorkProgrammeItem.objects.exists()


def test_a_work_programme_title_too_long_is_refused(indicator):
    record(indicator, 80.0, route="Plan")
    with pytest.raises(ValidationError) as refused:
        services.indicator_add_to_work_programme(
            indicator=indicator,
            year=2024,
            quarter=1,
            committee=CommitteeFactory(kind=Committee.Kind.SCRUTINY),
            title="x" * 501,
        )
    assert "title" in refused.value.message_dict
    assert not IndicatorReference.objects.exists()
