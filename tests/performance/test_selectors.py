"""The dashboard and indicator page selectors: RAG counts, red and worsening lists, what a
row shows beside its figure, and constant queries."""

import pytest

from scrutineer.performance.rules import Rag
from scrutineer.performance.selectors.dashboard import framework_dashboard
from scrutineer.performance.selectors.frameworks import framework_periods
from scrutineer.performance.selectors.indicator_page import indicator_page
from tests.performance.factories import (
    FrameworkFactory,
    IndicatorFactory,
    MeasurementFactory,
    TargetFactory,
    UnapprovedMeasurementFactory,
)


def build(framework, count):
    for n in range(count):
        indicator = IndicatorFactory(
            framework=framework, directorate=["Resources", "Place"][n % 2], theme="T"
        )
        TargetFactory(indicator=indicator, year=2024, value=90.0)
        MeasurementFactory(indicator=indicator, year=2023, quarter=2, value=88.0)
        MeasurementFactory(indicator=indicator, year=2024, quarter=1, value=92.0)
        MeasurementFactory(indicator=indicator, year=2024, quarter=2, value=[95, 89, 80][n % 3])


@pytest.mark.parametrize("count", [10, 100])
def test_the_dashboard_takes_a_constant_number_of_queries(
    db, count, django_assert_max_num_queries, scrutiny_officer
):
    framework = FrameworkFactory()
    build(framework, count)
    with django_assert_max_num_queries(5):
        board = framework_dashboard(
            user=scrutiny_officer, framework=framework, year=2024, quarter=2
        )
        assert len(board.rows) == count


def test_counts_red_and_worsening_lists_and_filters(db, scrutiny_officer):
    framework = FrameworkFactory()
    build(framework, 6)
    board = framework_dashboard(user=scrutiny_officer, framework=framework, year=2024, quarter=2)
    assert board.overall.counts == {Rag.GREEN: 2, Rag.AMBER: 2, Rag.RED: 2}
    assert len(board.red) == 2
    # 89 and 80 fell from 92 last quarter: worsening in the short term.
    assert len(board.worsening) == 4
    assert [b.name for b in board.by_directorate] == ["Place", "Resources"]
    assert board.overall.cells[0] == ("red", 2, 33)
    place = framework_dashboard(
        user=scrutiny_officer, framework=framework, year=2024, quarter=2, directorate="Place"
    )
    assert len(place.rows) == 3


def test_the_public_never_sees_unapproved_figures(db, client, scrutiny_officer):
    from django.contrib.auth.models import AnonymousUser

    framework = FrameworkFactory()
    indicator = IndicatorFactory(framework=framework)
    TargetFactory(indicator=indicator, value=90.0)
    UnapprovedMeasurementFactory(indicator=indicator, year=2024, quarter=1, value=12.0)
    assert framework_periods(framework, AnonymousUser()) == []
    public = framework_dashboard(user=AnonymousUser(), framework=framework, year=2024, quarter=1)
    assert public.rows[0].result.value is None
    staff = framework_dashboard(user=scrutiny_officer, framework=framework, year=2024, quarter=1)
    assert staff.rows[0].result.value == 12.0


@pytest.mark.parametrize(
    ("value", "route", "approved", "provisional", "shown"),
    [
        pytest.param(80.0, "Recovery plan", False, True, "Recovery plan", id="red-unapproved"),
        pytest.param(95.0, "Recovery plan", True, False, "", id="green-needs-no-route"),
    ],
)
def test_a_row_says_what_to_show_beside_its_figure(
    db, scrutiny_officer, value, route, approved, provisional, shown
):
    indicator = IndicatorFactory()
    TargetFactory(indicator=indicator, value=90.0)
    MeasurementFactory(
        indicator=indicator,
        year=2024,
        quarter=1,
        value=value,
        route_to_green=route,
        approved=approved,
        provisional=provisional,
    )
    board = framework_dashboard(
        user=scrutiny_officer, framework=indicator.framework, year=2024, quarter=1
    )
    page = indicator_page(user=scrutiny_officer, pk=indicator.pk)
    for row in (board.rows[0], page.latest):
        assert (row.unapproved, row.provisional, row.route_to_green) == (
            not approved,
            provisional,
            shown,
        )


@pytest.mark.parametrize(
    ("values", "raisable"),
    [
        pytest.param([95.0, 96.0], False, id="green-improving"),
        pytest.param([95.0, 93.0], True, id="green-worsening"),
        pytest.param([80.0, 81.0], True, id="red-improving"),
    ],
)
def test_the_indicator_page_may_raise_only_from_a_red_or_worsening_figure(
    db, scrutiny_officer, values, raisable
):
    indicator = IndicatorFactory()
    TargetFactory(indicator=indicator, value=90.0)
    for quarter, value in enumerate(values, start=1):
        MeasurementFactory(indicator=indicator, year=2024, quarter=quarter, value=value)
    assert indicator_page(user=scrutiny_officer, pk=indicator.pk).raisable is raisable
