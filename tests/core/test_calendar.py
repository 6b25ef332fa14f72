import datetime

import pytest

from scrutineer.core.calendar import (
    FINANCIAL_MONTH_NAMES,
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    add_months,
    add_working_days,
    clear_days_between,
    financial_year,
    financial_year_label,
    is_working_day,
    long_date,
    month_number,
    month_year,
    municipal_year,
    notice_breach,
    period_label,
    response_deadline,
    short_date,
    working_days_between,
)

D = datetime.date


def test_month_names_are_english_and_the_financial_year_starts_in_april():
    assert MONTH_NAMES[0] == "January"
    assert MONTH_NAMES[8] == "September"
    assert MONTH_ABBREVIATIONS[8] == "Sep"
    assert FINANCIAL_MONTH_NAMES[0] == "April"
    assert FINANCIAL_MONTH_NAMES[-1] == "March"
    assert sorted(FINANCIAL_MONTH_NAMES) == sorted(MONTH_NAMES)


@pytest.mark.parametrize(
    ("word", "number"),
    [
        pytest.param("September", 9, id="name"),
        pytest.param("sept", 9, id="sept"),
        pytest.param("SEP", 9, id="upper-case-abbreviation"),
        pytest.param("Septem", 9, id="longer-abbreviation"),
        pytest.param("mar", 3, id="mar-is-march-not-may"),
        pytest.param("May", 5, id="may"),
        pytest.param("Ma", None, id="two-letters-are-not-enough"),
        pytest.param("Septober", None, id="not-a-month"),
        pytest.param("Septembers", None, id="longer-than-the-name"),
        pytest.param("", None, id="empty"),
    ],
)
def test_month_number_reads_names_and_abbreviations_of_three_letters_or_more(word, number):
    assert month_number(word) == number


def test_dates_print_as_gov_uk_writes_them():
    assert long_date(D(2024, 9, 7)) == "7 September 2024"
    assert month_year(D(2025, 3, 1)) == "March 2025"
    assert short_date(D(2025, 3, 3)) == "3 Mar 2025"


@pytest.mark.parametrize(
    ("day", "year"),
    [
        pytest.param(D(2024, 4, 1), 2024, id="first-of-april"),
        pytest.param(D(2025, 3, 31), 2024, id="year-end"),
        pytest.param(D(2025, 1, 15), 2024, id="january"),
    ],
)
def test_the_financial_year_begins_on_1_april(day, year):
    assert financial_year(day) == year


@pytest.mark.parametrize(
    ("args", "label"),
    [
        pytest.param((2024, 1), "2024/25 Q1", id="quarter"),
        pytest.param((2024, None), "2024/25", id="year"),
        pytest.param((1999, None), "1999/00", id="century"),
        pytest.param((2024, None, 1), "April 2024", id="first-month"),
        pytest.param((2024, None, 9), "December 2024", id="ninth-month"),
        pytest.param((2024, 4, 10), "January 2025", id="tenth-month-is-next-calendar-year"),
    ],
)
def test_period_labels(args, label):
    assert period_label(*args) == label


def test_financial_year_labels_name_both_calendar_years():
    assert financial_year_label(2024) == "2024/25"
    assert financial_year_label(2099) == "2099/00"


@pytest.mark.parametrize(
    ("day", "year"),
    [
        pytest.param(D(2024, 9, 17), "24/25", id="autumn"),
        pytest.param(D(2025, 3, 18), "24/25", id="march-before-annual-meeting"),
        pytest.param(D(2025, 5, 1), "25/26", id="may"),
        pytest.param(D(1999, 12, 1), "99/00", id="century"),
    ],
)
def test_municipal_year_begins_in_may(day, year):
    assert municipal_year(day) == year


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


@pytest.mark.parametrize(
    ("published", "decision", "breach"),
    [
        pytest.param(D(2025, 2, 11), D(2025, 3, 12), False, id="exactly-28-clear-days"),
        pytest.param(D(2025, 2, 12), D(2025, 3, 12), True, id="27-clear-days"),
        pytest.param(D(2025, 2, 15), D(2025, 3, 16), False, id="saturday-to-sunday-still-28"),
        pytest.param(D(2025, 3, 21), D(2025, 4, 18), True, id="good-friday-counts-as-a-day"),
        pytest.param(None, D(2025, 3, 12), True, id="never-published"),
    ],
)
def test_a_key_decision_needs_28_clear_days_notice(published, decision, breach):
    given = {"first_published": published, "decision_date": decision}
    assert notice_breach(is_key_decision=True, urgent=False, **given) is breach


def test_urgent_and_non_key_decisions_are_never_notice_breaches():
    late = {"first_published": D(2025, 3, 1), "decision_date": D(2025, 3, 12)}
    assert not notice_breach(is_key_decision=False, urgent=False, **late)
    assert not notice_breach(is_key_decision=True, urgent=True, **late)
    assert not notice_breach(is_key_decision=True, urgent=True, **late | {"first_published": None})
