"""The editing pages' reads: the period a figure form opens at and the targets form's year."""

import datetime

import pytest

from scrutineer.performance.selectors.editing import indicator_targets_page, measurement_entry
from tests.performance.factories import (
    FrameworkFactory,
    IndicatorFactory,
    MeasurementFactory,
    MonthlyIndicatorFactory,
    TargetFactory,
)

TODAY = datetime.date(2024, 11, 5)  # 2024/25 Q3, month 8 (November)


@pytest.fixture
def quarterly(db):
    indicator = IndicatorFactory()
    MeasurementFactory(indicator=indicator, year=2024, quarter=1)
    return indicator


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        pytest.param({}, (2024, 2, None), id="nothing-asked-the-period-after-the-latest"),
        pytest.param({"year": 2023, "quarter": 4}, (2023, 4, None), id="the-quarter-asked"),
        pytest.param({"year": 2024, "quarter": 7}, (2024, 2, None), id="no-such-quarter"),
        pytest.param({"year": 2024}, (2024, 2, None), id="a-year-without-a-quarter"),
        pytest.param({"year": 2024, "quarter": 3, "month": 8}, (2024, 3, None), id="month-ignored"),
    ],
)
def test_a_quarterly_figure_form_opens_at_the_quarter_asked_or_the_next(quarterly, asked, expected):
    entry = measurement_entry(quarterly, today=TODAY, **asked)
    assert (entry.year, entry.quarter, entry.month) == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        pytest.param({}, (2024, 3, 8), id="no-figures-yet-the-month-of-today"),
        pytest.param({"year": 2024, "month": 2}, (2024, None, 2), id="the-month-asked"),
        pytest.param({"year": 2024, "month": 13}, (2024, 3, 8), id="no-such-month"),
        pytest.param({"year": 2024, "quarter": 1}, (2024, 3, 8), id="a-quarter-is-not-a-month"),
    ],
)
def test_a_monthly_figure_form_opens_at_the_month_asked_or_the_next(db, asked, expected):
    entry = measurement_entry(MonthlyIndicatorFactory(), today=TODAY, **asked)
    assert (entry.year, entry.quarter, entry.month) == expected


def test_the_figure_form_finds_the_figure_already_recorded(quarterly):
    entry = measurement_entry(quarterly, today=TODAY, year=2024, quarter=1)
    assert entry.existing == quarterly.measurements.get()
    assert entry.period == "2024/25 Q1"
    assert entry.years == [2022, 2023, 2024, 2025, 2026]
    assert measurement_entry(quarterly, today=TODAY).existing is None


def test_the_targets_form_opens_at_the_year_asked_else_the_latest_with_targets(db):
    indicator = IndicatorFactory(framework=FrameworkFactory(year="2024/25"))
    TargetFactory(indicator=indicator, year=2023, value=80.0)
    TargetFactory(indicator=indicator, year=2025, quarter=2, value=95.0)
    assert indicator_targets_page(indicator, today=TODAY, year=2022).year == 2022
    page = indicator_targets_page(indicator, today=TODAY, year=1990)
    assert page.year == 2025
    assert page.stored == {2: 95.0}
    assert page.table == [
        (2025, "2025/26", None, [None, 95.0, None, None]),
        (2023, "2023/24", 80.0, [None, None, None, None]),
    ]


def test_without_targets_the_targets_form_opens_at_the_frameworks_year(db):
    indicator = IndicatorFactory(framework=FrameworkFactory(year="2024/25"))
    page = indicator_targets_page(indicator, today=TODAY)
    assert (page.year, page.stored, page.table) == (2024, {}, [])
