"""The forward plan's table parser: how precisely each decision date is known."""

import datetime

import pytest

from scrutineer.files.parsers.forward_plan import parse_forward_plan_table
from scrutineer.files.parsers.tables import Table


@pytest.mark.parametrize(
    ("written", "date", "precision"),
    [
        pytest.param("18 March 2025", datetime.date(2025, 3, 18), "day", id="words"),
        pytest.param("18/03/2025", datetime.date(2025, 3, 18), "day", id="numbers"),
        pytest.param("2025-03-18", datetime.date(2025, 3, 18), "day", id="iso"),
        pytest.param("March 2025", datetime.date(2025, 3, 1), "month", id="month-only"),
    ],
)
def test_a_decision_date_is_known_to_the_day_only_when_the_day_is_written(written, date, precision):
    table = Table(headers=("Title", "Decision date"), rows=((2, ("Budget", written)),))
    (entry,) = parse_forward_plan_table(table)
    assert (entry.decision_date, entry.precision) == (date, precision)
