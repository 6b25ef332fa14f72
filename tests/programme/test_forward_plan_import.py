import csv
import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.files.parsers.forward_plan import parse_forward_plan_table
from scrutineer.files.parsers.tables import Table
from scrutineer.programme.models import Disposition, ForwardPlanItem
from tests.committees.factories import CommitteeFactory

HEADERS = [
    "Title",
    "Decision maker",
    "Decision date",
    "Key decision",
    "Lead officer",
    "Portfolio",
    "First published",
    "Exempt",
]


def write(tmp_path, rows, name="plan.csv"):
    out = io.StringIO()
    csv.writer(out).writerows([HEADERS, *rows])
    path = tmp_path / name
    path.write_text(out.getvalue())
    return path


def run(path, *extra):
    out = StringIO()
    call_command("import_forward_plan", str(path), *extra, stdout=out)
    return out.getvalue()


def test_the_forward_plan_is_imported_once_and_updated_after(db, tmp_path):
    corporate = CommitteeFactory(short_name="CO&S", remit="Corporate finance and budget")
    rows = [
        [
            "Quarter 3 Revenue and Capital Budget Report",
            "Cabinet",
            "March 2025",
            "Yes",
            "Dawn Calvert",
            "Finance",
            "3 February 2025",
            "No",
        ],
        ["Asset Disposal Report", "Cabinet", "12 March 2025", "yes", "", "Property", "", "Exempt"],
    ]
    assert "2 created, 0 updated, 0 unchanged" in run(write(tmp_path, rows), "--committee", "CO&S")
    budget = ForwardPlanItem.objects.get(title__startswith="Quarter 3")
    assert (budget.decision_date_precision, budget.is_key_decision) == ("month", True)
    assert budget.lead_officer.name == "Dawn Calvert"
    disposal = ForwardPlanItem.objects.get(title="Asset Disposal Report")
    assert (disposal.decision_date_precision, disposal.is_exempt) == ("day", True)
    assert Disposition.objects.filter(committee=corporate).count() == 2
    assert "0 created, 0 updated, 2 unchanged" in run(write(tmp_path, rows), "--committee", "CO&S")
    rows[1][4] = "Sarah Brown"
    assert "0 created, 1 updated, 1 unchanged" in run(write(tmp_path, rows))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        pytest.param(
            ["", "Cabinet", "March 2025", "", "", "", "", ""],
            "row 2, column “Title”",
            id="no-title",
        ),
        pytest.param(
            ["Devolution", "Cabinet", "Marchember", "", "", "", "", ""],
            "column “Decision date”: “Marchember” is not a date",
            id="bad-date",
        ),
        pytest.param(
            ["Devolution", "Cabinet", "March 2025", "perhaps", "", "", "", ""],
            "“perhaps” is not yes or no",
            id="bad-key-flag",
        ),
    ],
)
def test_bad_rows_are_refused_with_row_and_column_and_nothing_is_stored(db, tmp_path, row, message):
    with pytest.raises(CommandError, match=message):
        run(write(tmp_path, [row]))
    assert ForwardPlanItem.objects.count() == 0


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.lists(st.text(max_size=30), min_size=0, max_size=10), max_size=6))
def test_any_table_gives_entries_or_a_refusal(rows):
    table = Table(headers=tuple(HEADERS), rows=tuple((n + 2, tuple(r)) for n, r in enumerate(rows)))
    outcome = parse_or_refusal(table)
    if isinstance(outcome, ImportRefused):
        assert outcome.problems
    else:
        assert all(entry.title for entry in outcome)


def parse_or_refusal(table):
    try:
        return parse_forward_plan_table(table)
    except ImportRefused as refused:
        return refused


def test_the_preview_only_reads_and_is_what_importing_does(db, tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from scrutineer.files.parsers.report import PreviewOutdated
    from scrutineer.files.readers import read_forward_plan_file
    from scrutineer.programme.services.forward_plan import (
        forward_plan_entries_import,
        forward_plan_entries_preview,
    )

    corporate = CommitteeFactory(short_name="CO&S", remit="Corporate finance and budget")
    rows = [["Budget Report", "Cabinet", "March 2025", "Yes", "Dawn Calvert", "", "", "No"]]
    entries = read_forward_plan_file(write(tmp_path, rows).read_bytes(), filename="plan.csv")
    with CaptureQueriesContext(connection) as queries:
        preview = forward_plan_entries_preview(entries=entries, committee=corporate)
    writes = ("INSERT", "UPDATE", "DELETE", "SAVEPOINT")
    assert [q["sql"] for q in queries if q["sql"].upper().startswith(writes)] == []
    (row,) = preview.rows
    assert (row.action, row.reference) == ("create", ("Budget Report", "2025-03-01"))
    assert row.details == [
        "new officer “Dawn Calvert” recorded",
        "what CO&S does with it suggested",
    ]
    report = forward_plan_entries_import(entries=entries, committee=corporate, expected=preview)
    assert report.same_as(preview)
    assert Disposition.objects.get().committee == corporate
    with pytest.raises(PreviewOutdated) as outdated:  # imported meanwhile: nothing written
        forward_plan_entries_import(entries=entries, committee=corporate, expected=preview)
    assert [r.action for r in outdated.value.report.rows] == ["unchanged"]
    assert ForwardPlanItem.history.count() == 1
