"""Call-in windows on executive decisions: working days after publication (not the day of
publication, weekends, bank holidays in England and Wales, the council's closure days), or
clear days, with or without a cut-off time."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from scrutineer.core.calendar import call_in_deadline, call_in_last_day

D = datetime.date
LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("published", "last_day", "why"),
    [
        # The examples, 5 working days.
        (D(2025, 6, 11), D(2025, 6, 18), "a plain week"),
        (D(2025, 12, 18), D(2025, 12, 29), "Christmas Day and Boxing Day skipped"),
        (D(2026, 4, 2), D(2026, 4, 13), "Good Friday and Easter Monday skipped"),
        # Our own, across Christmas, New Year, Easter and a May bank holiday.
        (D(2025, 12, 22), D(2025, 12, 31), "over Christmas"),
        (D(2025, 12, 31), D(2026, 1, 8), "New Year's Day skipped"),
        (D(2027, 3, 25), D(2027, 4, 5), "Easter 2027: Good Friday 26 March, Monday 29 March"),
        (D(2026, 4, 30), D(2026, 5, 8), "the early May bank holiday, 4 May 2026"),
        (D(2025, 6, 14), D(2025, 6, 20), "published on a Saturday"),
    ],
)
def test_five_working_days(published, last_day, why):
    assert call_in_last_day(published, "working_days:5") == last_day, why


def test_the_councils_closure_days_do_not_count():
    closed = [D(2025, 12, 29), D(2025, 12, 30), D(2025, 12, 31)]
    assert call_in_last_day(D(2025, 12, 24), "working_days:5") == D(2026, 1, 5)
    assert call_in_last_day(D(2025, 12, 24), "working_days:5", closed) == D(2026, 1, 8)


def test_clear_days_count_every_day_after_publication():
    assert call_in_last_day(D(2025, 6, 11), "clear_days:5") == D(2025, 6, 16)
    assert call_in_last_day(D(2025, 12, 24), "clear_days:3") == D(2025, 12, 27)


def test_a_cut_off_time_ends_the_window_that_afternoon_in_the_councils_time():
    ends = call_in_deadline(D(2025, 6, 11), "working_days:5", datetime.time(17, 0))
    assert ends.astimezone(LONDON) == datetime.datetime(2025, 6, 18, 17, 0, tzinfo=LONDON)
    assert ends.astimezone(datetime.UTC).hour == 16  # British Summer Time
    winter = call_in_deadline(D(2025, 12, 18), "working_days:5", datetime.time(17, 0))
    assert winter.astimezone(datetime.UTC) == datetime.datetime(
        2025, 12, 29, 17, 0, tzinfo=datetime.UTC
    )


def test_without_a_cut_off_the_last_day_runs_to_its_end():
    ends = call_in_deadline(D(2026, 4, 2), "working_days:5")
    assert ends.astimezone(LONDON) == datetime.datetime(2026, 4, 13, 23, 59, 59, tzinfo=LONDON)


@pytest.mark.parametrize("period", ["working_days:0", "weeks:1", "working_days:five", "5"])
def test_a_rule_it_cannot_read_is_refused_in_words(period):
    with pytest.raises(ValueError, match="call-in period"):
        call_in_last_day(D(2025, 6, 11), period)
