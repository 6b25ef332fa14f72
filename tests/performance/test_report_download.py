"""The quarterly report download and export_performance_report: who gets which figures."""

import datetime
import io
import subprocess
from io import StringIO

import docx
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.urls import reverse

from scrutineer.core import permissions
from scrutineer.core.roles import Role
from scrutineer.exports import views as export_views
from scrutineer.exports.selectors import performance_report_document
from scrutineer.jobs.models import Job
from scrutineer.performance.models import Milestone
from tests.performance.factories import (
    FrameworkFactory,
    IndicatorFactory,
    MeasurementFactory,
    TargetFactory,
    UnapprovedMeasurementFactory,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def framework(db):
    framework = FrameworkFactory(name="Corporate Plan PMAF 2024/25")
    red = IndicatorFactory(framework=framework, code="CP01", name="Member enquiries answered")
    TargetFactory(indicator=red, value=90.0)
    MeasurementFactory(indicator=red, year=2024, quarter=2, value=85.0)
    MeasurementFactory(
        indicator=red,
        year=2024,
        quarter=3,
        value=80.4,
        commentary="Two vacancies in the team.",
        route_to_green="Weekly tracking.",
    )
    green = IndicatorFactory(
        framework=framework, code="CP09", name="Council tax collected", directorate="Finance"
    )
    TargetFactory(indicator=green, value=90.0)
    MeasurementFactory(indicator=green, year=2024, quarter=3, value=93.0)
    # Not yet approved: the council side sees 61.7, the public sees no figure at all.
    draft = IndicatorFactory(framework=framework, code="CP12", name="Draft figure")
    TargetFactory(indicator=draft, value=90.0)
    MeasurementFactory(indicator=draft, year=2024, quarter=2, value=91.0)
    UnapprovedMeasurementFactory(indicator=draft, year=2024, quarter=3, value=61.7)
    Milestone.objects.create(
        framework=framework,
        name="New telephony system live",
        directorate="Resources",
        planned_date="2024-07-01",
        actual_date="2024-08-15",
        status=Milestone.Status.COMPLETE,
    )
    return framework


def download(client, framework, format_name, **filters):
    url = reverse("exports:performance_report", args=[format_name])
    return client.get(url, {"framework": framework.pk, "period": "2024-3", **filters})


def word_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_the_download_states_its_permission():
    assert export_views.performance_report_download.permission is permissions.can_view_performance


def test_the_public_downloads_the_word_report_with_approved_figures_only(client, framework):
    response = download(client, framework, "docx")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == (
        'attachment; filename="performance-report-corporate-plan-pmaf-202425-2024-25-q3.docx"'
    )
    assert 'rel="license"' in response["Link"]
    text = word_text(response.content)
    assert "Quarterly performance report, 2024/25 Q3" in text
    assert "80.4%" in text
    assert "Two vacancies in the team." in text
    assert "61.7" not in text
    assert "Not for publication" not in text


@pytest.mark.parametrize(
    ("role", "sees_draft"),
    [
        pytest.param(None, False, id="public"),
        pytest.param(Role.MEMBER, True, id="member"),
        pytest.param(Role.SCRUTINY_OFFICER, True, id="scrutiny-officer"),
    ],
)
def test_unapproved_figures_reach_only_the_council_side(
    client, user_with_role, framework, role, sees_draft
):
    if role is not None:
        client.force_login(user_with_role(role))
    response = download(client, framework, "docx")
    text = word_text(response.content)
    assert ("61.7" in text) is sees_draft
    assert ("Not for publication" in text) is sees_draft
    # Unapproved figures are not published data, so no open licence is claimed for them.
    assert ("Link" in response) is not sees_draft


def test_the_pdf_download_is_a_pdf_of_the_filtered_report(client, framework, tmp_path):
    response = download(client, framework, "pdf", directorate="Finance")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('-2024-25-q3.pdf"')
    assert response.content.startswith(b"%PDF")
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Directorate: Finance" in text
    assert "CP09 Council tax collected" in text
    assert "CP01" not in text


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"format_name": "xlsx"}, id="unknown-format"),
        pytest.param({"period": "2019-1"}, id="quarter-without-figures"),
        pytest.param({"period": "rubbish"}, id="malformed-quarter"),
    ],
)
def test_bad_requests_are_not_found_rather_than_errors(client, framework, params):
    format_name = params.pop("format_name", "docx")
    url = reverse("exports:performance_report", args=[format_name])
    response = client.get(url, {"framework": framework.pk, "period": "2024-3", **params})
    assert response.status_code == 404


def test_the_dashboard_links_to_both_formats_with_its_filters(client, framework):
    response = client.get(
        reverse("performance:dashboard"),
        {"framework": framework.pk, "period": "2024-3", "directorate": "Finance"},
    )
    assert "Download this report (with these filters)" in response.text
    for format_name in ("docx", "pdf"):
        url = reverse("exports:performance_report", args=[format_name])
        assert (
            f'href="{url}?framework={framework.pk}&amp;period=2024-3&amp;directorate=Finance'
            f'&amp;theme="'
        ) in response.text


def test_the_report_document_is_built_in_a_constant_number_of_queries(
    framework, django_assert_max_num_queries
):
    for number in range(6):  # more red indicators, each with a trend chart
        indicator = IndicatorFactory(framework=framework, code=f"R{number}")
        TargetFactory(indicator=indicator, value=90.0)
        MeasurementFactory(indicator=indicator, year=2024, quarter=3, value=50.0)
    with django_assert_max_num_queries(10):
        document = performance_report_document(
            user=AnonymousUser(),
            framework=framework,
            year=2024,
            quarter=3,
            today=datetime.date(2025, 1, 15),
        )
    assert len(document.trends) == 7
    trend = document.trends[0]
    assert trend.code == "CP01"
    # Quarters before the first figure are left off the chart.
    assert [p.label for p in trend.points] == ["2024/25 Q2", "2024/25 Q3"]
    assert [p.value for p in trend.points] == [85.0, 80.4]
    assert [p.target for p in trend.points] == [90.0, 90.0]
    assert document.milestones[0].slippage == 45
    assert document.milestones[0].rag == "red"


def test_the_command_writes_the_published_report(framework, tmp_path):
    output = tmp_path / "report.docx"
    out = StringIO()
    call_command(
        "export_performance_report",
        "--framework",
        "corporate plan pmaf 2024/25",
        "--year",
        "2024",
        "--quarter",
        "3",
        "--format",
        "docx",
        "--output",
        str(output),
        stdout=out,
    )
    assert f"Wrote {output}" in out.getvalue()
    text = word_text(output.read_bytes())
    assert "80.4%" in text
    assert "61.7" not in text  # the command publishes: approved figures only


def test_the_command_writes_a_pdf_by_framework_id(framework, tmp_path):
    output = tmp_path / "report.pdf"
    call_command(
        "export_performance_report",
        *("--framework", str(framework.pk), "--year", "2024", "--quarter", "3"),
        *("--format", "pdf", "--output", str(output)),
        stdout=StringIO(),
    )
    assert output.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ("--framework", "Nope", "--year", "2024", "--quarter", "3"),
            "There is no framework “Nope”. Frameworks: “Corporate Plan PMAF 2024/25”.",
            id="unknown-framework",
        ),
        pytest.param(
            ("--framework", "Corporate Plan PMAF 2024/25", "--year", "2023", "--quarter", "4"),
            "no published figures for 2023/24 Q4. Published quarters: 2024/25 Q3, 2024/25 Q2.",
            id="quarter-without-published-figures",
        ),
    ],
)
def test_the_command_says_what_is_wrong(framework, tmp_path, args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command(
            "export_performance_report",
            *args,
            *("--format", "docx", "--output", str(tmp_path / "r.docx")),
            stdout=StringIO(),
        )


def test_a_large_report_is_made_by_a_worker_with_the_figures_the_asker_may_see(
    client, framework, settings, user_with_role
):
    settings.SCRUTINEER_DOCUMENT_AT_ONCE_ITEMS = 1  # the fixture's two indicators: large
    public = download(client, framework, "docx")
    assert public.status_code == 302
    client.force_login(user_with_role(Role.SCRUTINY_OFFICER))
    council = download(client, framework, "docx")
    assert council.status_code == 302
    assert council["Location"] != public["Location"]  # unapproved figures are not shared
    jobs = {job.audience: job for job in Job.objects.all()}
    assert set(jobs) == {"public", "unapproved"}
    assert (
        jobs["public"].result_name
        == "performance-report-corporate-plan-pmaf-202425-2024-25-q3.docx"
    )
    assert "61.7" not in word_text(jobs["public"].result.read())
    assert "61.7" in word_text(jobs["unapproved"].result.read())
    page = client.get(council["Location"]).content.decode()
    assert "Your file is ready" in page
