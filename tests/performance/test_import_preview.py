"""The performance import's preview: worked out once from reads alone, kept with the upload,
shown without a write or a lock, and exactly what confirming stores (issue 15, finding 13)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.performance import services
from scrutineer.performance.importing import parse_values_table, values_import
from scrutineer.performance.models import Measurement, Target
from tests.performance.factories import (
    FrameworkFactory,
    IndicatorFactory,
    MeasurementFactory,
    MonthlyIndicatorFactory,
    TargetFactory,
)
from tests.performance.test_importing import MONTHLY, csv_bytes, table

_WRITES = ("INSERT", "UPDATE", "DELETE", "SAVEPOINT", "BEGIN", "RELEASE")


def _writes(queries):
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(_WRITES)]


@pytest.fixture
def framework(db):
    framework = FrameworkFactory(name="Corporate Plan PMAF 2024/25")
    cp01 = IndicatorFactory(framework=framework, code="CP01", tolerance=2.0)
    TargetFactory(indicator=cp01, year=2024, quarter=None, value=90.0)
    MeasurementFactory(indicator=cp01, year=2024, quarter=1, value=91.0, commentary="Good")
    IndicatorFactory(framework=framework, code="CP02", is_narrative=True)
    cp03 = MonthlyIndicatorFactory(framework=framework, code="CP03", tolerance=2.0)
    TargetFactory(indicator=cp03, year=2024, quarter=None, value=90.0)
    return framework


def _upload(client, framework, content, name="q2.csv"):
    return client.post(
        reverse("performance:import"),
        {"framework": framework.pk, "file": SimpleUploadedFile(name, content)},
    )


FILE = csv_bytes(
    ("CP01", "2024/25", "Q1", "91", "", "Good", "", "no"),  # unchanged
    ("CP01", "2024/25", "Q2", "92.5", "91", "Better", "", "yes"),  # new figure and target
    ("CP02", "2024/25", "Q2", "", "", "Words only"),  # narrative
)


def test_showing_the_preview_writes_nothing_and_takes_no_lock(client, scrutiny_officer, framework):
    client.force_login(scrutiny_officer)
    preview_url = _upload(client, framework, FILE)["Location"]
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(preview_url)
        assert response.status_code == 200
        assert response.context["report"].count_create == 2
        assert _writes(queries.captured_queries) == []
        # The stored preview is shown: the file is not compared with the figures again.
        sql = " ".join(q["sql"] for q in queries.captured_queries)
        assert "performance_measurement" not in sql
        assert "performance_target" not in sql
    assert not Measurement.objects.filter(quarter=2).exists()


def test_working_out_the_preview_on_upload_writes_no_figure(client, scrutiny_officer, framework):
    client.force_login(scrutiny_officer)
    with CaptureQueriesContext(connection) as queries:
        response = _upload(client, framework, FILE)
    assert response.status_code == 302
    # The session is saved (in its own savepoint); nothing else is written or locked.
    writes = [sql for sql in _writes(queries.captured_queries) if "SAVEPOINT" not in sql]
    assert writes
    assert all("django_session" in sql for sql in writes), writes
    assert not any("FOR UPDATE" in q["sql"] for q in queries.captured_queries)


def test_the_preview_service_only_reads(framework):
    from scrutineer.performance.importing import values_import_preview

    parsed = parse_values_table(table(("CP01", "2024/25", "Q2", "50", "", "Far below")))
    with CaptureQueriesContext(connection) as queries, pytest.raises(ImportRefused):
        values_import_preview(parsed=parsed, framework=framework)
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
    from scrutineer.performance.importing import values_import_preview

    parsed = parse_values_table(file)
    before = _stored(framework)
    preview = _outcome(lambda: values_import_preview(parsed=parsed, framework=framework))
    assert _stored(framework) == before
    imported = _outcome(
        lambda: values_import(parsed=parsed, framework=framework, by=scrutiny_officer)
    )
    if isinstance(preview, list):  # refused: the same problems, and nothing stored
        assert imported == preview
        assert _stored(framework) == before
        return
    assert imported.rows == preview.rows
    assert _stored(framework) != before
    # Everything the preview said would change is now stored: previewing again changes nothing.
    again = values_import_preview(parsed=parsed, framework=framework)
    assert {row.action for row in again.rows} == {"unchanged"}


def test_a_red_month_against_a_target_set_in_the_same_file_is_refused(framework):
    from scrutineer.performance.importing import values_import_preview

    parsed = parse_values_table(
        table(
            ("CP03", "2024/25", "", "July", "95"),
            ("CP03", "2024/25", "Q2", "", "", "99"),
            headers=MONTHLY,
        )
    )
    with pytest.raises(ImportRefused) as refused:
        values_import_preview(parsed=parsed, framework=framework)
    (problem,) = refused.value.problems
    assert (problem.row, problem.column) == (2, "Route to green")
    # Against the annual target alone, 95 in July is green.
    (july,) = values_import_preview(parsed=parsed[:1], framework=framework).rows
    assert july.action == "create"
    assert "CP03 is red for July 2024" in problem.message


def test_a_figure_out_of_range_is_refused_in_the_value_column(framework):
    from scrutineer.performance.importing import values_import_preview

    parsed = parse_values_table(table(("CP01", "2024/25", "Q2", "150", "", "", "Plan")))
    with pytest.raises(ImportRefused) as refused:
        values_import_preview(parsed=parsed, framework=framework)
    (problem,) = refused.value.problems
    assert (problem.row, problem.column) == (2, "Value")
    assert "between 0 and 100" in problem.message


def test_confirming_imports_what_the_preview_showed(client, scrutiny_officer, framework):
    client.force_login(scrutiny_officer)
    preview_url = _upload(client, framework, FILE)["Location"]
    shown = client.get(preview_url).context["report"]
    assert client.post(preview_url).status_code == 302
    measurement = Measurement.objects.get(indicator__code="CP01", quarter=2)
    assert (measurement.value, measurement.commentary, measurement.provisional) == (
        92.5,
        "Better",
        True,
    )
    assert Target.objects.get(indicator__code="CP01", quarter=2).value == 91.0
    assert [(r.line, r.action) for r in shown.rows] == [
        (2, "unchanged"),
        (3, "create"),
        (4, "create"),
    ]


def test_figures_changed_since_the_preview_import_nothing_and_show_the_new_preview(
    client, scrutiny_officer, framework
):
    client.force_login(scrutiny_officer)
    preview_url = _upload(client, framework, FILE)["Location"]
    # Someone records CP01's Q2 figure while the preview is open.
    cp01 = framework.indicators.get(code="CP01")
    services.measurement_record(indicator=cp01, year=2024, quarter=2, value=92.5)
    history = Measurement.history.count() + Target.history.count()
    confirmed = client.post(preview_url)
    assert confirmed["Location"] == preview_url
    assert Measurement.history.count() + Target.history.count() == history
    page = client.get(preview_url)
    assert "The figures changed since this preview was made" in page.content.decode()
    row = next(r for r in page.context["report"].rows if r.line == 3)
    assert row.action == "update"
    assert row.details == ["commentary", "provisional", "target 91"]
    # Confirming the new preview imports it.
    assert client.post(preview_url)["Location"].startswith(reverse("performance:dashboard"))
    assert Measurement.objects.get(indicator=cp01, quarter=2).commentary == "Better"
