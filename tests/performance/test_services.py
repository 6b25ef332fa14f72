"""Performance services: the route to green, approval, and raising scrutiny from a figure."""

import pytest

from scrutineer.performance import services
from scrutineer.performance.models import (
    Indicator,
    Measurement,
    Milestone,
    Target,
)
from tests.performance.factories import (
    FrameworkFactory,
    IndicatorFactory,
    MeasurementFactory,
    MilestoneFactory,
    MonthlyIndicatorFactory,
    TargetFactory,
)


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


def test_approving_a_copy_loaded_before_a_correction_keeps_the_correction(
    indicator, scrutiny_officer
):
    loaded_earlier = Measurement.objects.get(pk=record(indicator, 95).pk)
    record(indicator, 94)
    services.measurement_approve(measurement=loaded_earlier, by=scrutiny_officer)
    stored = Measurement.objects.get(pk=loaded_earlier.pk)
    assert stored.value == 94
    assert stored.approved


def test_approving_twice_from_two_pages_approves_once(indicator, scrutiny_officer):
    measurement = record(indicator, 95)
    first, second = (Measurement.objects.get(pk=measurement.pk) for _ in range(2))
    services.measurement_approve(measurement=first, by=scrutiny_officer)
    with pytest.raises(services.PerformanceRuleBroken, match="already approved"):
        services.measurement_approve(measurement=second, by=scrutiny_officer)
    assert measurement.history.filter(approved=True).count() == 1


def test_tolerance_and_trend_rule_makes_an_improving_miss_amber(db):
    indicator = IndicatorFactory(framework__rag_rule="tolerance_and_trend")
    TargetFactory(indicator=indicator, value=90.0)
    MeasurementFactory(indicator=indicator, year=2023, quarter=1, value=70.0)
    assert record(indicator, 80.0).pk  # beyond tolerance, but better than last year


# Editing indicators, targets, figures and milestones.

INDICATOR = {
    "code": "CP99",
    "name": "Calls answered",
    "directorate": "Resources",
    "theme": "A well-run council",
    "polarity": "higher",
    "unit": "%",
    "measure_type": "snapshot",
    "frequency": "quarterly",
    "tolerance": 2.0,
    "tolerance_kind": "absolute",
}


def test_a_framework_is_created_with_its_author(db, scrutiny_officer):
    framework = services.framework_create(name="PMAF", year="2024/25", by=scrutiny_officer)
    assert framework.history.get().history_user == scrutiny_officer


def test_an_indicator_is_created_and_updated_with_its_history(db, scrutiny_officer):
    framework = FrameworkFactory()
    indicator = services.indicator_create(framework=framework, by=scrutiny_officer, **INDICATOR)
    services.indicator_update(indicator=indicator, by=scrutiny_officer, name="Calls answered fast")
    indicator.refresh_from_db()
    assert indicator.name == "Calls answered fast"
    assert [h.history_user for h in indicator.history.all()] == [scrutiny_officer] * 2
    services.indicator_update(indicator=indicator, by=scrutiny_officer, name="Calls answered fast")
    assert indicator.history.count() == 2  # nothing changed, nothing recorded


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        pytest.param({"code": "TAKEN"}, "code", "already has an indicator TAKEN", id="code"),
        pytest.param({"tolerance": -1}, "tolerance", "cannot be negative", id="tolerance"),
        pytest.param({"frequency": "monthly"}, "frequency", "quarterly figures", id="frequency"),
    ],
)
def test_an_indicator_update_that_breaks_a_rule_is_refused(indicator, change, field, message):
    IndicatorFactory(framework=indicator.framework, code="TAKEN")
    record(indicator, 95)
    with pytest.raises(services.PerformanceRuleBroken, match=message) as refused:
        services.indicator_update(indicator=indicator, **change)
    assert refused.value.field == field
    stored = Indicator.objects.get(pk=indicator.pk)
    assert (stored.code, stored.tolerance, stored.frequency) == (
        indicator.history.earliest().code,
        2.0,
        "quarterly",
    )


def test_an_unknown_indicator_field_is_a_programming_error(indicator):
    with pytest.raises(TypeError, match="colour"):
        services.indicator_update(indicator=indicator, colour="red")


def test_a_years_targets_are_set_together_and_a_blank_removes_one(indicator, scrutiny_officer):
    services.targets_set_for_year(
        indicator=indicator,
        year=2024,
        annual=92.0,
        quarters={1: 88.0, 2: 90.0, 3: None, 4: None},
        by=scrutiny_officer,
    )
    assert {(t.quarter, t.value) for t in Target.objects.filter(indicator=indicator)} == {
        (None, 92.0),
        (1, 88.0),
        (2, 90.0),
    }
    services.targets_set_for_year(
        indicator=indicator,
        year=2024,
        annual=92.0,
        quarters={1: None, 2: 90.0},
        by=scrutiny_officer,
    )
    assert set(Target.objects.values_list("quarter", flat=True)) == {None, 2}
    deleted = Target.history.filter(quarter=1, history_type="-").get()
    assert (deleted.value, deleted.history_user) == (88.0, scrutiny_officer)
    assert Target.history.filter(quarter=2).count() == 1  # unchanged: no second entry


def test_changing_the_words_of_an_approved_figure_withdraws_the_approval(
    indicator, scrutiny_officer
):
    measurement = record(indicator, 95)
    services.measurement_approve(measurement=measurement, by=scrutiny_officer)
    same = record(indicator, 95)
    assert same.approved  # saved again unchanged: still approved
    corrected = services.measurement_record(
        indicator=indicator, year=2024, quarter=1, value=95, commentary="Revised wording."
    )
    assert (corrected.approved, corrected.approved_by, corrected.approved_at) == (False, None, None)


def test_a_rated_indicator_needs_a_figure(indicator):
    with pytest.raises(services.PerformanceRuleBroken, match="only narrative") as refused:
        record(indicator, None)
    assert refused.value.field == "value"


@pytest.fixture
def monthly(db):
    indicator = MonthlyIndicatorFactory(measure_type="cumulative_ytd", unit="count", tolerance=0)
    TargetFactory(indicator=indicator, year=2024, value=1200.0)  # 100 a month
    return indicator


def month(indicator, month, value, route=""):
    return services.measurement_record(
        indicator=indicator, year=2024, month=month, value=value, route_to_green=route
    )


def test_a_monthly_figure_is_rated_on_the_year_to_date_and_red_needs_a_route(monthly):
    month(monthly, 1, 100)
    with pytest.raises(services.PerformanceRuleBroken, match="red for May 2024") as refused:
        month(monthly, 2, 50)  # 150 against 200 so far
    assert refused.value.field == "route_to_green"
    may = month(monthly, 2, 50, route="Catch up in June.")
    assert (may.quarter, may.month, may.period) == (1, 2, "May 2024")
    assert month(monthly, 3, 160).route_to_green == ""  # 310 against 300: green again


@pytest.mark.parametrize(
    ("quarter", "month_", "message"),
    [
        pytest.param(1, None, "choose the month", id="no-month"),
        pytest.param(2, 1, "April is in Q1, not Q2", id="wrong-quarter"),
        pytest.param(None, 13, "choose the month", id="month-13"),
    ],
)
def test_a_monthly_indicator_needs_a_month_that_fits_the_quarter(monthly, quarter, month_, message):
    with pytest.raises(services.PerformanceRuleBroken, match=message) as refused:
        services.measurement_record(
            indicator=monthly, year=2024, quarter=quarter, month=month_, value=100
        )
    assert refused.value.field == "month"
    assert not Measurement.objects.exists()


def test_a_quarterly_indicator_refuses_a_month(indicator):
    with pytest.raises(services.PerformanceRuleBroken, match="not monthly"):
        services.measurement_record(indicator=indicator, year=2024, month=1, value=95)


def test_the_quarter_of_a_monthly_indicator_is_rated_at_its_latest_month(monthly):
    from scrutineer.performance import assessment

    for number, value in ((1, 100), (2, 100), (3, 100), (4, 120)):
        month(monthly, number, value)
    figures = services.figures_of(monthly)
    q1 = assessment.assess(figures, "tolerance", 2024, 1)
    q2 = assessment.assess(figures, "tolerance", 2024, 2)
    assert (q1.value, q1.target, q1.month) == (300, 300, 3)
    assert (q2.value, q2.target, q2.month, q2.rag) == (420, 400, 4, "green")
    assert q2.previous_value == 300


def test_the_database_keeps_one_figure_a_month_in_its_quarter(monthly):
    from django.db import IntegrityError, transaction

    month(monthly, 1, 100)
    with pytest.raises(IntegrityError), transaction.atomic():
        Measurement.objects.create(indicator=monthly, year=2024, quarter=1, month=1, value=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Measurement.objects.create(indicator=monthly, year=2024, quarter=2, month=1, value=1)


def test_a_monthly_indicator_cannot_become_quarterly_once_it_has_months(monthly):
    month(monthly, 1, 100)
    with pytest.raises(services.PerformanceRuleBroken, match="monthly figures"):
        services.indicator_update(indicator=monthly, frequency="quarterly")


def test_a_milestone_is_updated_and_complete_needs_an_actual_date(db, scrutiny_officer):
    import datetime

    milestone = MilestoneFactory()
    with pytest.raises(services.PerformanceRuleBroken, match="actual date") as refused:
        services.milestone_update(milestone=milestone, status="complete")
    assert refused.value.field == "actual_date"
    services.milestone_update(
        milestone=milestone,
        status="complete",
        actual_date=datetime.date(2025, 4, 2),
        forecast_date=datetime.date(2025, 4, 1),
        commentary="Done.",
        by=scrutiny_officer,
    )
    stored = Milestone.objects.get(pk=milestone.pk)
    assert (stored.status, stored.actual_date) == ("complete", datetime.date(2025, 4, 2))
    assert stored.history.first().history_user == scrutiny_officer


def test_whoever_entered_a_figure_may_not_approve_it(indicator, scrutiny_officer):
    measurement = services.measurement_record(
        indicator=indicator, year=2024, quarter=1, value=95, by=scrutiny_officer
    )
    with pytest.raises(services.PerformanceRuleBroken, match="someone else must approve"):
        services.measurement_approve(measurement=measurement, by=scrutiny_officer)
    measurement.refresh_from_db()
    assert not measurement.approved


def test_someone_else_may_approve_a_figure_and_its_author_may_approve_anothers_correction(
    indicator, scrutiny_officer, administrator
):
    measurement = services.measurement_record(
        indicator=indicator, year=2024, quarter=1, value=95, by=scrutiny_officer
    )
    services.measurement_approve(measurement=measurement, by=administrator)
    assert measurement.approved_by == administrator
    corrected = services.measurement_record(
        indicator=indicator, year=2024, quarter=1, value=96, by=administrator
    )
    with pytest.raises(services.PerformanceRuleBroken, match="someone else"):
        services.measurement_approve(measurement=corrected, by=administrator)
    services.measurement_approve(measurement=corrected, by=scrutiny_officer)
    assert corrected.approved_by == scrutiny_officer


def test_the_council_may_allow_self_approval(indicator, scrutiny_officer, settings):
    settings.SCRUTINEER_FIGURES_SELF_APPROVAL = True
    measurement = services.measurement_record(
        indicator=indicator, year=2024, quarter=1, value=95, by=scrutiny_officer
    )
    services.measurement_approve(measurement=measurement, by=scrutiny_officer)
    assert measurement.approved


def test_self_approval_is_off_by_default():
    from django.conf import settings

    assert settings.SCRUTINEER_FIGURES_SELF_APPROVAL is False


@pytest.mark.django_db(transaction=True)
def test_a_figure_is_recorded_outside_a_test_transaction_as_a_request_would():
    """Requests are not atomic (ATOMIC_REQUESTS is off), so the service must open its own
    transaction for the lock it takes: without one every figure form and API call failed on
    PostgreSQL (SQLite ignores select_for_update, so this shows only there)."""
    indicator = TargetFactory(value=90.0).indicator
    measurement = record(indicator, 95.0)
    assert Measurement.objects.get() == measurement
