"""Performance figures through the import wizard: upload, preview row by row, confirm; the
preview worked out once from reads alone, kept with the upload, shown without a write or a
lock, and exactly what confirming stores (issue 15, finding 13)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scrutineer.core import permissions
from scrutineer.core.roles import Role
from scrutineer.imports import views
from scrutineer.imports.registry import IMPORTERS
from scrutineer.performance import services
from scrutineer.performance.models import Measurement, Target
from scrutineer.performance.views import import_template as performance_views
from tests.files.test_performance_figures import csv_bytes
from tests.imports import wizard
from tests.performance.factories import (
    framework_to_import_into,
)

_WRITES = ("INSERT", "UPDATE", "DELETE", "SAVEPOINT", "BEGIN", "RELEASE")


def _writes(queries):
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(_WRITES)]


@pytest.fixture
def framework(db):
    return framework_to_import_into()


def _upload(client, framework, content, name="q2.csv"):
    return wizard.upload(client, "performance-figures", name, content, framework=framework)


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


ROLES = [
    pytest.param(None, False, id="public"),
    pytest.param(Role.MEMBER, False, id="member"),
    pytest.param(Role.OFFICER, False, id="officer"),
    pytest.param(Role.SCRUTINY_OFFICER, True, id="scrutiny-officer"),
    pytest.param(Role.ADMINISTRATOR, True, id="administrator"),
]


def test_every_import_view_states_its_permission():
    assert performance_views.values_template.permission is permissions.can_manage_performance
    for view in (views.start, views.upload, views.columns, views.preview, views.cancel):
        assert view.permission is permissions.can_import
    assert IMPORTERS["performance-figures"].may_use is permissions.can_manage_performance


@pytest.mark.parametrize(("role", "allowed"), ROLES)
def test_only_performance_managers_may_import(client, user_with_role, framework, role, allowed):
    if role is not None:
        client.force_login(user_with_role(role))
    for url in (
        reverse("imports:upload", args=["performance-figures"]),
        reverse("performance:import_template"),
    ):
        response = client.get(url)
        assert (response.status_code == 200) is allowed, url
    content = csv_bytes(("CP01", "2024", "2", "95"))
    _upload(client, framework, content)
    assert not Measurement.objects.filter(quarter=2).exists()
    dashboard = client.get(reverse("performance:dashboard")).content.decode()
    assert ("Import quarterly figures and targets" in dashboard) is allowed


def test_upload_previews_row_by_row_and_saves_only_when_confirmed(
    client, scrutiny_officer, framework
):
    client.force_login(scrutiny_officer)
    content = csv_bytes(
        ("CP01", "2024/25", "Q1", "91", "", "Good", "", "no"),
        ("CP01", "2024/25", "Q2", "92.5", "91", "Better", "", "yes"),
    )
    response = _upload(client, framework, content)
    preview_url = response["Location"]
    preview = client.get(preview_url)
    report = preview.context["report"]
    assert [(r.line, r.action) for r in report.rows] == [(2, "unchanged"), (3, "create")]
    assert "Import 2 rows into Corporate Plan PMAF 2024/25" in preview.content.decode()
    assert not Measurement.objects.filter(quarter=2).exists()
    confirmed = client.post(preview_url)
    assert confirmed.status_code == 302
    measurement = Measurement.objects.get(quarter=2)
    assert (measurement.value, measurement.provisional) == (92.5, True)
    assert client.get(preview_url).status_code == 404


def test_a_bad_file_lists_every_problem_and_saves_nothing(client, scrutiny_officer, framework):
    client.force_login(scrutiny_officer)
    content = csv_bytes(("CP01", "2024", "Q7", "91"), ("CP77", "2024", "Q2", "1"))
    response = _upload(client, framework, content, name="bad.csv")
    page = client.get(response["Location"]).content.decode()
    assert "bad.csv cannot be imported" in page
    assert "bad.csv, row 2, column “Quarter”: “Q7” is not a quarter" in page
    confirmed = client.post(response["Location"])
    assert confirmed.status_code == 200
    assert Measurement.objects.count() == 1


def test_only_csv_and_xlsx_files_are_accepted(client, scrutiny_officer, framework):
    client.force_login(scrutiny_officer)
    response = _upload(client, framework, b"x", name="q.docx")
    assert response.status_code == 200
    assert "must be a CSV or XLSX file" in response.content.decode()
