"""The one date parser every file format uses: what it reads, and how it says no."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutineer.files.parsers.dates import NotADate, parse_date, parse_date_and_precision

D = datetime.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17 Sept 2024", D(2024, 9, 17)),
        ("17 Sep 2024", D(2024, 9, 17)),
        ("30 July 2024", D(2024, 7, 30)),
        ("14 Jan 2025", D(2025, 1, 14)),
        ("1 March 2011", D(2011, 3, 1)),
        ("17th September 2024", D(2024, 9, 17)),
        ("17 th September 2024", D(2024, 9, 17)),
        ("18th March, 2025", D(2025, 3, 18)),
        ("17-Sep-2024", D(2024, 9, 17)),
        ("Tuesday 17 September 2024", D(2024, 9, 17)),
        ("Tuesday, 17 September 2024", D(2024, 9, 17)),
        ("17/09/2024", D(2024, 9, 17)),
        ("17/09/24", D(2024, 9, 17)),
        ("17.09.2024", D(2024, 9, 17)),
        ("2024-09-17", D(2024, 9, 17)),
        ("March 2025", D(2025, 3, 1)),
        ("  mar  2025 ", D(2025, 3, 1)),
        ("Sept. 2025", D(2025, 9, 1)),
    ],
)
def test_parse_date_reads_council_formats(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "Septober 2024", "Ma 2025", "17 Sept", "soon", "2024", "17/09",
     "\u0661\u0667/\u0660\u0669/\u0662\u0660\u0662\u0664"],
)  # fmt: skip
def test_text_that_is_not_a_date_is_refused(text):
    with pytest.raises(NotADate, match="is not a date") as caught:
        parse_date(text)
    assert not caught.value.impossible


@pytest.mark.parametrize(
    "text",
    ["31 Sept 2024", "30 Feb 2025", "29/02/2025", "13/13/2024", "2024-13-01", "0 March 2025",
     "March 0000"],
)  # fmt: skip
def test_a_day_that_does_not_exist_is_refused_as_such(text):
    with pytest.raises(NotADate, match="is not a real date") as caught:
        parse_date(text)
    assert caught.value.impossible
    assert caught.value.text == text


def test_the_refusal_names_a_word_that_is_not_a_month():
    with pytest.raises(NotADate) as caught:
        parse_date("18th Marchember 2025")
    assert str(caught.value) == "“18th Marchember 2025” is not a date: “Marchember” is not a month"


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("18 March 2025", "day"),
        ("18/03/2025", "day"),
        ("2025-03-18", "day"),
        ("March 2025", "month"),
    ],
)
def test_precision_says_whether_the_day_was_given(text, precision):
    assert parse_date_and_precision(text)[1] == precision


def test_leap_days_exist_only_in_leap_years():
    assert parse_date("29/02/2024") == D(2024, 2, 29)


# Text built from the pieces dates are made of, so that most examples get past the first regex.
_PIECES = st.sampled_from(
    ["1", "17", "31", "99", "0", "2024", "0000", "24", "/", "-", ".", " ", "th", "st", ",",
     "Sept", "March", "Ma", "Marchember", "Tuesday", "\u0661", "\n", "\x00"]
)  # fmt: skip


# database=None: the examples are not saved, so running the tests writes no files.
@settings(max_examples=500, deadline=None, database=None)
@given(st.text() | st.lists(_PIECES, max_size=8).map("".join))
def test_any_text_is_a_date_or_not_a_date_and_nothing_else(text):
    refused = None
    try:
        day = parse_date(text)
    except NotADate as exc:  # anything else raised fails the test
        refused = exc
    if refused is None:
        assert isinstance(day, datetime.date)
    else:
        assert refused.text == text
