"""The dashboard selector: RAG counts, red and worsening lists, and constant queries."""

import pytest

from scrutineer.performance import selectors
from scrutineer.performance.rules import Rag
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
        board = selectors.dashboard(
            user=scrutiny_officer, framework=framework, year=2024, quarter=2
        )
        assert len(board.rows) == count


def test_counts_red_and_worsening_lists_and_filters(db, scrutiny_officer):
    framework = FrameworkFactory()
    build(framework, 6)
    board = selectors.dashboard(user=scrutiny_officer, framework=framework, year=2024, quarter=2)
    assert board.overall.counts == {Rag.GREEN: 2, Rag.AMBER: 2, Rag.RED: 2}
    assert len(board.red) == 2
    # 89 and 80 fell from 92 last quarter: worsening in the short term.
    assert len(board.worsening) == 4
    assert [b.name for b in board.by_directorate] == ["Place", "Resources"]
    assert board.overall.cells[0] == ("red", 2, 33)
    place = selectors.dashboard(
        user=scrutiny_officer, framework=framework, year=2024, quarter=2, directorate="Place"
    )
    assert len(place.rows) == 3


def test_the_public_never_sees_unapproved_figures(db, client, scrutiny_officer):
    from django.contrib.auth.models import AnonymousUser

    framework = FrameworkFactory()
    indicator = IndicatorFactory(framework=framework)
    TargetFactory(indicator=indicator, value=90.0)
    UnapprovedMeasurementFactory(indicator=indicator, year=2024, quarter=1, value=12.0)
    assert selectors.periods_of(framework, AnonymousUser()) == []
    public = selectors.dashboard(user=AnonymousUser(), framework=framework, year=2024, quarter=1)
    assert public.rows[0].result.value is None
    staff = selectors.dashboard(user=scrutiny_officer, framework=framework, year=2024, quarter=1)
    assert staff.rows[0].result.value == 12.0
