"""The sample framework: idempotent, and the ambition check finds exactly what was planted."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.urls import reverse

from scrutineer.performance import rules
from scrutineer.performance.demo import DEMO_NAME, performance_demo_load
from scrutineer.performance.demo_data import SPECS
from scrutineer.performance.models import Framework, Indicator, Measurement
from scrutineer.performance.rules import Rag
from scrutineer.performance.selectors.ambition import framework_ambition_check
from scrutineer.performance.selectors.dashboard import framework_dashboard
from scrutineer.performance.selectors.indicator_page import indicator_page
from scrutineer.performance.selectors.milestones import milestone_list


@pytest.fixture
def framework(db):
    return performance_demo_load()


def test_the_demo_is_labelled_and_idempotent(framework):
    assert framework.name == DEMO_NAME
    assert framework.is_demo
    counts = (Indicator.objects.count(), Measurement.objects.count())
    assert 38 <= counts[0] <= 42
    call_command("load_performance_demo")
    assert (Indicator.objects.count(), Measurement.objects.count()) == counts
    assert Framework.objects.count() == 1


def test_the_ambition_check_finds_the_planted_low_targets_and_nothing_else(framework):
    check = framework_ambition_check(user=AnonymousUser(), framework=framework)
    planted_low = {s.code for s in SPECS if s.low}
    planted_unchanged = {s.code for s in SPECS if s.unchanged is not None}
    assert {f.indicator.code for f in check.below_outturn} == planted_low
    assert {f.indicator.code for f in check.unchanged} == planted_unchanged
    assert not check.dashboard.mostly_green


def test_the_seed_measures_are_red_in_the_latest_quarter(framework, scrutiny_officer):
    board = framework_dashboard(user=scrutiny_officer, framework=framework, year=2024, quarter=4)
    red = {row.indicator.code for row in board.red}
    assert {"CP01", "CP02", "CP03", "CP05", "CP06"} <= red
    assert all(row.measurement.route_to_green for row in board.red)
    operating_model = next(
        row
        for row in milestone_list(framework=framework, today=framework_today())
        if row.milestone.name.startswith("Operating model")
    )
    assert operating_model.rag == Rag.RED


def framework_today():
    import datetime

    return datetime.date(2025, 4, 1)


def test_some_indicators_are_monthly_and_rated_at_their_quarters_last_month(
    framework, scrutiny_officer
):
    from scrutineer.performance import demo

    monthly = {s.code: s for s in SPECS if s.monthly}
    assert set(monthly) == {"CP03", "CP11", "CP15"}
    board = framework_dashboard(user=scrutiny_officer, framework=framework, year=2024, quarter=4)
    for row in board.rows:
        if row.indicator.code not in monthly:
            continue
        spec = monthly[row.indicator.code]
        assert row.indicator.frequency == Indicator.Frequency.MONTHLY
        assert row.indicator.measurements.filter(month__isnull=False).count() == 24
        # The quarter's figure at March is the quarterly figure the sample was built from.
        quarterly = demo.quarterly_values(spec)
        expected = demo.assessment.reported(
            demo.assessment.Figures("lower", spec.measure_type, 0, "absolute", values=quarterly),
            2024,
            4,
        )
        assert row.result.value == pytest.approx(expected)
        assert row.result.month == 12
        assert row.measurement.month == 12
    page = indicator_page(user=scrutiny_officer, pk=Indicator.objects.get(code="CP03").pk)
    assert page.monthly
    assert [r.label for r in page.rows[-2:]] == ["February 2025", "March 2025"]


def test_the_ambition_and_milestone_pages_print_the_rules_own_thresholds(framework, client):
    query = {"framework": framework.pk}
    ambition = client.get(reverse("performance:ambition"), query).text
    assert f"unchanged for {rules.UNCHANGED_TARGET_YEARS} years or more" in ambition
    assert f"below the {rules.MOSTLY_GREEN_SHARE:.0%} at which" in ambition
    assert "2024/25 targets" in ambition
    milestones = client.get(reverse("performance:milestones"), query).text
    assert f"amber: up to {rules.AMBER_SLIPPAGE_DAYS} days late" in milestones
