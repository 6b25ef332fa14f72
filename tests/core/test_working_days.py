import datetime

import pytest

from scrutineer.core.working_days import (
    add_months,
    add_working_days,
    clear_days_between,
    is_working_day,
    response_deadline,
    working_days_between,
)

D = datetime.date


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        pytest.param(D(2024, 12, 20), 3, D(2024, 12, 27), id="over-christmas-2024"),
        pytest.param(D(2024, 12, 31), 1, D(2025, 1, 2), id="over-new-year"),
        pytest.param(D(2025, 4, 17), 1, D(2025, 4, 22), id="over-easter-2025"),
        pytest.param(D(2025, 5, 2), 1, D(2025, 5, 6), id="early-may-bank-holiday"),
        pytest.param(D(2025, 3, 14), 10, D(2025, 3, 28), id="ten-working-days-member-enquiry"),
        pytest.param(D(2025, 3, 15), 1, D(2025, 3, 17), id="from-a-saturday"),
        pytest.param(D(2025, 3, 17), -1, D(2025, 3, 14), id="backwards-over-a-weekend"),
        pytest.param(D(2025, 3, 17), 0, D(2025, 3, 17), id="zero"),
    ],
)
def test_add_working_days(start, days, expected):
    assert add_working_days(start, days) == expected


def test_council_closure_days_are_not_working_days():
    closures = [D(2024, 12, 27), D(2024, 12, 30), D(2024, 12, 31)]
    assert add_working_days(D(2024, 12, 24), 1, closures) == D(2025, 1, 2)
    assert not is_working_day(D(2024, 12, 30), closures)
    assert is_working_day(D(2024, 12, 30))


def test_bank_holidays_of_england_and_wales():
    for day in [D(2025, 1, 1), D(2025, 4, 18), D(2025, 4, 21), D(2025, 8, 25), D(2025, 12, 26)]:
        assert not is_working_day(day)
    assert is_working_day(D(2025, 3, 17))  # St Patrick's Day is Northern Ireland's only


def test_working_days_between_christmas_and_new_year():
    assert working_days_between(D(2024, 12, 20), D(2025, 1, 3)) == 7


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        pytest.param(D(2025, 3, 18), 2, D(2025, 5, 18), id="plain"),
        pytest.param(D(2024, 12, 31), 2, D(2025, 2, 28), id="short-february"),
        pytest.param(D(2023, 12, 31), 2, D(2024, 2, 29), id="leap-year"),
        pytest.param(D(2024, 11, 30), 2, D(2025, 1, 30), id="over-the-year-end"),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        pytest.param("months:2", D(2025, 5, 18), id="two-months-s9FE"),
        pytest.param("weeks:8", D(2025, 5, 13), id="eight-weeks"),
        pytest.param("working_days:20", D(2025, 4, 15), id="twenty-working-days"),
    ],
)
def test_response_deadline(period, expected):
    assert response_deadline(D(2025, 3, 18), period) == expected


def test_clear_days_exclude_both_the_notice_day_and_the_decision_day():
    assert clear_days_between(D(2025, 2, 1), D(2025, 3, 2)) == 28
    assert clear_days_between(D(2025, 2, 2), D(2025, 3, 2)) == 27
