"""Performance services: the route to green, approval, and raising scrutiny from a figure."""

import pytest

from scrutineer.committees.models import Committee
from scrutineer.performance import services
from scrutineer.performance.models import IndicatorReference, Measurement
from scrutineer.programme.models import WorkProgrammeItem
from tests.committees.factories import CommitteeFactory, MeetingFactory, PersonFactory
from tests.performance.factories import IndicatorFactory, MeasurementFactory, TargetFactory


@pytest.fixture
def indicator(db):
    target = TargetFactory(value=90.0)
    return target.indicator


def record(indicator, value, route="", year=2024, quarter=1):
    return services.measurement_record(
        indicator=indicator, year=year, quarter=quarter, value=value, route_to_green=route
    )


def test_a_red_figure_needs_a_route_to_green(indicator):
    with pytest.raises(services.PerformanceRuleBroken, match="route to green"):
        record(indicator, 80.0)
    assert not Measurement.objects.exists()
    measurement = record(indicator, 80.0, route="Recruit two more staff.")
    assert measurement.route_to_green == "Recruit two more staff."


@pytest.mark.parametrize("value", [pytest.param(89.0, id="amber"), pytest.param(95, id="green")])
def test_amber_and_green_figures_need_no_route_to_green(indicator, value):
    assert record(indicator, value).pk


def test_a_quarter_outside_1_to_4_is_refused(indicator):
    with pytest.raises(services.PerformanceRuleBroken, match="quarter"):
        record(indicator, 95, quarter=5)


def test_approval_publishes_and_a_correction_withdraws_it(indicator, scrutiny_officer):
    measurement = record(indicator, 95)
    assert not measurement.approved
    services.measurement_approve(measurement=measurement, by=scrutiny_officer)
    measurement.refresh_from_db()
    assert measurement.approved
    assert measurement.approved_by == scrutiny_officer
    assert measurement.approved_at is not None
    with pytest.raises(services.PerformanceRuleBroken, match="already approved"):
        services.measurement_approve(measurement=measurement, by=scrutiny_officer)
    corrected = record(indicator, 94)
    assert not corrected.approved
    assert corrected.approved_by is None
    assert corrected.history.count() == 3


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


def test_tolerance_and_trend_rule_makes_an_improving_miss_amber(db):
    indicator = IndicatorFactory(framework__rag_rule="tolerance_and_trend")
    TargetFactory(indicator=indicator, value=90.0)
    MeasurementFactory(indicator=indicator, year=2023, quarter=1, value=70.0)
    assert record(indicator, 80.0).pk  # beyond tolerance, but better than last year
