"""The performance figures import's preview: worked out from reads alone, and exactly what
importing stores (issue 15, finding 13)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.files.parsers.performance_figures import parse_values_table
from scrutineer.performance.figures import figures_import, figures_import_preview
from scrutineer.performance.models import Measurement, Target
from tests.files.test_performance_figures import MONTHLY, table
from tests.performance.factories import (
    framework_to_import_into,
)

_WRITES = ("INSERT", "UPDATE", "DELETE", "SAVEPOINT", "BEGIN", "RELEASE")


def _writes(queries):
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(_WRITES)]


@pytest.fixture
def framework(db):
    return framework_to_import_into()


def test_the_preview_service_only_reads(framework):
    parsed = parse_values_table(table(("CP01", "2024/25", "Q2", "50", "", "Far below")))
    with CaptureQueriesContext(connection) as queries, pytest.raises(ImportRefused):
        figures_import_preview(parsed=parsed, framework=framework)
    assert _writes(queries.captured_queries) == []
    # The indicators, their figures and their targets: three reads, whatever the file's size.
    assert len(queries.captured_queries) == 3


FILES = [
    pytest.param(
        table(
            ("CP01", "2024/25", "Q1", "93", "", "Good"),  # a changed figure
            ("CP01", "2024/25", "Q2", "92.5", "91", "Better", "", "yes"),
            ("CP01", "2025/26", "Q1", "", "95"),  # a target alone
            ("CP02", "2024/25", "Q2", "", "", "Narrative only"),
        ),
        id="quarters",
    ),
    pytest.param(
        table(
            ("CP03", "2024/25", "", "July", "95"),
            ("CP03", "2024/25", "", "April", "91"),
            ("CP03", "2024/25", "Q1", "May", "92"),
            ("CP03", "2024/25", "Q2", "", "", "93"),
            headers=MONTHLY,
        ),
        id="months",
    ),
    pytest.param(
        # July is red only against the Q2 target the same file sets (a row with a later line
        # but applied first): the preview must judge it as the import will.
        table(
            ("CP03", "2024/25", "", "July", "95"),
            ("CP03", "2024/25", "Q2", "", "", "99"),
            headers=MONTHLY,
        ),
        id="red-against-a-target-in-the-same-file",
    ),
    pytest.param(
        table(
            ("CP01", "2024/25", "Q2", "95", "96"),
            ("CP01", "2024/25", "Q3", "50", "", "Far below"),  # red, no route to green
            ("CP01", "2024/25", "Q4", "150", "", "", "Plan"),  # over 100%
        ),
        id="refused",
    ),
]


def _outcome(run):
    try:
        return run()
    except ImportRefused as refused:
        return refused.problems


def _stored(framework):
    measurements = Measurement.objects.filter(indicator__framework=framework)
    targets = Target.objects.filter(indicator__framework=framework)
    return (
        sorted(
            measurements.values_list(
                "indicator__code", "year", "quarter", "month", "value", "commentary", "provisional"
            ),
            key=str,
        ),
        sorted(targets.values_list("indicator__code", "year", "quarter", "value"), key=str),
    )


@pytest.mark.parametrize("file", FILES)
def test_what_the_preview_shows_is_what_importing_stores(framework, scrutiny_officer, file):
    parsed = parse_values_table(file)
    before = _stored(framework)
    preview = _outcome(lambda: figures_import_preview(parsed=parsed, framework=framework))
    assert _stored(framework) == before
    imported = _outcome(
        lambda: figures_import(parsed=parsed, framework=framework, by=scrutiny_officer)
    )
    if isinstance(preview, list):  # refused: the same problems, and nothing stored
        assert imported == preview
        assert _stored(framework) == before
        return
    assert imported.rows == preview.rows
    assert _stored(framework) != before
    # Everything the preview said would change is now stored: previewing again changes nothing.
    again = figures_import_preview(parsed=parsed, framework=framework)
    assert {row.action for row in again.rows} == {"unchanged"}


def test_a_red_month_against_a_target_set_in_the_same_file_is_refused(framework):
    parsed = parse_values_table(
        table(
            ("CP03", "2024/25", "", "July", "95"),
            ("CP03", "2024/25", "Q2", "", "", "99"),
            headers=MONTHLY,
        )
    )
    with pytest.raises(ImportRefused) as refused:
        figures_import_preview(parsed=parsed, framework=framework)
    (problem,) = refused.value.problems
    assert (problem.row, problem.column) == (2, "Route to green")
    # Against the annual target alone, 95 in July is green.
    (july,) = figures_import_preview(parsed=parsed[:1], framework=framework).rows
    assert july.action == "create"
    assert "CP03 is red for July 2024" in problem.message


def test_a_figure_out_of_range_is_refused_in_the_value_column(framework):
    parsed = parse_values_table(table(("CP01", "2024/25", "Q2", "150", "", "", "Plan")))
    with pytest.raises(ImportRefused) as refused:
        figures_import_preview(parsed=parsed, framework=framework)
    (problem,) = refused.value.problems
    assert (problem.row, problem.column) == (2, "Value")
    assert "between 0 and 100" in problem.message
