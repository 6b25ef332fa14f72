"""An import obeys the same rules as the pages (issue 15, findings 11 and 12): a row that
breaks one refuses the whole file, naming the row, and stores nothing."""

import dataclasses
import datetime
from pathlib import Path

import pytest

from scrutineer.committees.models import Meeting
from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.files.parsers.tracker_text import parse_tracker_text
from scrutineer.imports.services import tracker_import
from scrutineer.tracker.models import Item
from tests.committees.factories import CommitteeFactory

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "corporate_os_tracker.txt"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            {"progress_html": "word " * 4001},
            "Progress update must be 20,000 characters or fewer",
            id="a-megabyte-progress-update",
        ),
        pytest.param(
            {"meeting_date": datetime.date(9999, 12, 31)},
            "Date of the meeting must be between 1974 and 2100",
            id="a-meeting-in-year-9999",
        ),
        pytest.param(
            {"report_title": "x" * 501},
            "Report title must be 500 characters or fewer",
            id="a-title-of-501-characters",
        ),
    ],
)
def test_a_row_that_breaks_a_rule_refuses_the_file_and_names_the_row(db, change, message):
    committee = CommitteeFactory(short_name="CO&S")
    parsed = parse_tracker_text(SEED.read_text())
    bad = dataclasses.replace(parsed.rows[2], **change)
    parsed = dataclasses.replace(parsed, rows=(*parsed.rows[:2], bad, *parsed.rows[3:]))
    with pytest.raises(ImportRefused) as refused:
        tracker_import(parsed=parsed, committee=committee)
    assert [str(p) for p in refused.value.problems] == [f"row {bad.line}: {message}"]
    assert not Item.objects.exists()
    assert not Meeting.objects.exists()
