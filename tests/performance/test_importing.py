"""Importing quarterly figures and targets: the pure parser, the all-or-nothing service, and
the template → upload → preview → confirm pages."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutineer.core import permissions
from scrutineer.core.roles import Role
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused
from scrutineer.files.parsers.tabular import Table
from scrutineer.performance.importing import (
    COLUMNS,
    ParsedValue,
    parse_values_table,
    read_values_file,
    values_import,
)
from scrutineer.performance.models import Measurement, Target
from scrutineer.performance.views import figures_import as views
from tests.performance.factories import (
    FrameworkFactory,
    IndicatorFactory,
    MeasurementFactory,
    MonthlyIndicatorFactory,
    TargetFactory,
)

HEADERS = COLUMNS  # code, year, quarter, value, target, commentary, route, provisional


def table(*rows, headers=HEADERS):
    width = len(headers)
    return Table(
        headers=tuple(headers),
        rows=tuple((n, tuple((list(r) + [""] * width)[:width])) for n, r in enumerate(rows, 2)),
    )


def csv_bytes(*rows, headers=HEADERS):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode()


# The parser


def test_a_row_becomes_a_parsed_value():
    parsed = parse_values_table(
        table(("CP01", "2024/25", "Q2", "91.5%", "90", "On track", "", "Yes"))
    )
    assert parsed == (
        ParsedValue(
            line=2,
            code="CP01",
            year=2024,
            quarter=2,
            value=91.5,
            target=90.0,
            commentary="On track",
            route_to_green="",
            provisional=True,
        ),
    )


@pytest.mark.parametrize(
    ("cells", "field", "expected"),
    [
        pytest.param(("CP01", "2024", "1", "5"), "year", 2024, id="year-plain"),
        pytest.param(("CP01", "2024-25", "1", "5"), "year", 2024, id="year-dash"),
        pytest.param(("CP01", "2024/2025", "1", "5"), "year", 2024, id="year-long"),
        pytest.param(("CP01", "2024", "q4", "5"), "quarter", 4, id="quarter-lower-q"),
        pytest.param(("CP01", "2024", "3", "£1,234"), "value", 1234.0, id="value-pounds"),
        pytest.param(("CP01", "2024", "3", ""), "value", None, id="value-blank"),
        pytest.param(("CP01", "2024", "3", "-2.5"), "value", -2.5, id="value-negative"),
        pytest.param(("CP01", "2024", "3", "1", "", "", "", "no"), "provisional", False, id="no"),
        pytest.param(("CP01", "2024", "3", "1", "", "", "", ""), "provisional", False, id="blank"),
        pytest.param(("CP01", "2024", "3", "1", "", "", "", "Y"), "provisional", True, id="y"),
    ],
)
def test_cells_people_type_are_read(cells, field, expected):
    (parsed,) = parse_values_table(table(cells))
    assert getattr(parsed, field) == expected


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        pytest.param(("", "2024", "1", "5"), "Indicator code", "empty", id="no-code"),
        pytest.param(("CP01", "", "1", "5"), "Year", "empty", id="no-year"),
        pytest.param(("CP01", "24/25", "1", "5"), "Year", "not a financial year", id="short"),
        pytest.param(("CP01", "2024/26", "1", "5"), "Year", "not one financial year", id="span"),
        pytest.param(("CP01", "1999", "1", "5"), "Year", "not a financial year", id="too-old"),
        pytest.param(("CP01", "2024", "5", "5"), "Quarter", "not a quarter", id="quarter-5"),
        pytest.param(("CP01", "2024", "", "5"), "Quarter", "empty", id="no-quarter"),
        pytest.param(("CP01", "2024", "Q1", "lots"), "Value", "not a number", id="value-text"),
        pytest.param(("CP01", "2024", "Q1", "inf"), "Value", "not a number", id="value-inf"),
        pytest.param(("CP01", "2024", "Q1", "5", "high"), "Target", "not a number", id="target"),
        pytest.param(
            ("CP01", "2024", "Q1", "5", "", "", "", "maybe"),
            "Provisional",
            "not yes or no",
            id="provisional",
        ),
    ],
)
def test_a_bad_cell_is_reported_with_its_row_and_column(cells, column, message):
    with pytest.raises(ImportRefused) as refused:
        parse_values_table(table(cells), filename="q1.csv")
    (problem,) = refused.value.problems
    assert (problem.row, problem.column) == (2, column)
    assert message in problem.message
    assert refused.value.filename == "q1.csv"


def test_every_problem_is_reported_not_just_the_first():
    with pytest.raises(ImportRefused) as refused:
        parse_values_table(
            table(("CP01", "2024", "Q9", "x"), ("CP02", "2024", "1", "1"), ("", "20", "1", "1"))
        )
    assert [(p.row, p.column) for p in refused.value.problems] == [
        (2, "Quarter"),
        (2, "Value"),
        (4, "Indicator code"),
        (4, "Year"),
    ]


def test_the_same_quarter_twice_is_refused_on_the_second_row():
    with pytest.raises(ImportRefused) as refused:
        parse_values_table(table(("CP01", "2024", "1", "1"), ("cp01", "2024/25", "Q1", "2")))
    (problem,) = refused.value.problems
    assert problem.row == 3
    assert "also on row 2" in problem.message


def test_missing_columns_are_named_and_a_title_above_the_header_is_skipped():
    with pytest.raises(ImportRefused) as refused:
        parse_values_table(table(("CP01", "2024"), headers=("Indicator code", "Year")))
    assert [p.column for p in refused.value.problems] == ["Quarter", "Value"]
    titled = Table(
        headers=("Quarterly performance", "", "", ""),
        rows=((2, ("indicator CODE", "year", "quarter", "value")), (3, ("CP01", "2024", "1", "7"))),
    )
    assert parse_values_table(titled)[0].value == 7.0


def test_an_unknown_file_type_is_refused():
    with pytest.raises(ImportRefused, match="not a CSV or XLSX"):
        read_values_file(b"hello", filename="figures.txt")


def test_xlsx_numbers_and_text_are_read():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(HEADERS))
    sheet.append(["CP01", 2024, 3, 88.25, 90, "Below target", "Agency staff", "no"])
    buffer = io.BytesIO()
    book.save(buffer)
    (parsed,) = read_values_file(buffer.getvalue(), filename="q3.xlsx")
    assert (parsed.line, parsed.year, parsed.quarter, parsed.value) == (2, 2024, 3, 88.25)


cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["CP01", "2024", "2024/25", "Q1", "4", "91.5", "", "yes", "no", "1e999"]),
)


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.lists(cell, min_size=0, max_size=9), max_size=6))
def test_any_cells_give_parsed_values_or_a_refusal_with_rows(rows):
    problems: list[ImportProblem] = []
    parsed: tuple[ParsedValue, ...] = ()
    try:
        parsed = parse_values_table(table(*rows))
    except ImportRefused as refused:
        problems = refused.problems
        assert problems, "a refusal always says why"
    assert all(isinstance(p, ImportProblem) for p in problems)
    assert all(p.row is None or 2 <= p.row <= len(rows) + 1 for p in problems)
    assert isinstance(parsed, tuple)
    assert not (parsed and problems)
    assert all(isinstance(p, ParsedValue) and 1 <= p.quarter <= 4 for p in parsed)


# Monthly rows: code, year, quarter, month, value, target (the template's order).

MONTHLY = ("Indicator code", "Year", "Quarter", "Month", "Value", "Target")


def months(*rows):
    return table(*rows, headers=MONTHLY)


@pytest.mark.parametrize(
    ("cells", "quarter", "month"),
    [
        pytest.param(("CP01", "2024/25", "", "April", "5"), 1, 1, id="name"),
        pytest.param(("CP01", "2024/25", "Q1", "apr", "5"), 1, 1, id="short-name"),
        pytest.param(("CP01", "2024/25", "", "Sept", "5"), 2, 6, id="sept"),
        pytest.param(("CP01", "2024/25", "", "Jan 2025", "5"), 4, 10, id="name-and-year"),
        pytest.param(("CP01", "2024/25", "", "Jan-25", "5"), 4, 10, id="short-year"),
        pytest.param(("CP01", "2024/25", "", "1 March 2025", "5"), 4, 12, id="excel-date"),
        pytest.param(("CP01", "2024/25", "", "2024-12", "5"), 3, 9, id="iso"),
        pytest.param(("CP01", "2024/25", "Q2", "", "5"), 2, None, id="no-month-is-a-quarter"),
    ],
)
def test_a_month_is_read_as_people_write_it(cells, quarter, month):
    (parsed,) = parse_values_table(months(cells))
    assert (parsed.quarter, parsed.month) == (quarter, month)


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        pytest.param(("CP01", "2024", "", "Smarch", "5"), "Month", "not a month", id="name"),
        pytest.param(("CP01", "2024", "", "4", "5"), "Month", "write its name", id="number"),
        pytest.param(("CP01", "2024", "", "Jan 2024", "5"), "Month", "not in 2024/25", id="year"),
        pytest.param(("CP01", "2024", "Q1", "July", "5"), "Quarter", "July is in Q2", id="q"),
        pytest.param(("CP01", "2024", "", "May", "5", "90"), "Target", "not a month", id="tgt"),
    ],
)
def test_a_bad_month_is_reported_with_its_row_and_column(cells, column, message):
    with pytest.raises(ImportRefused) as refused:
        parse_values_table(months(cells))
    (problem,) = refused.value.problems
    assert (problem.row, problem.column) == (2, column)
    assert message in problem.message


def test_the_same_month_twice_is_refused_and_a_file_may_leave_out_the_quarter():
    with pytest.raises(ImportRefused, match="May 2024 is also on row 2; give each month one row"):
        parse_values_table(
            months(("CP01", "2024", "", "May", "1"), ("CP01", "2024", "", "may", "2"))
        )
    headers = ("Indicator code", "Year", "Month", "Value")
    (parsed,) = parse_values_table(table(("CP01", "2024", "June", "7"), headers=headers))
    assert (parsed.quarter, parsed.month, parsed.period) == (1, 3, "June 2024")


# The service


@pytest.fixture
def framework(db):
    framework = FrameworkFactory(name="Corporate Plan PMAF 2024/25")
    indicator = IndicatorFactory(framework=framework, code="CP01", tolerance=2.0)
    TargetFactory(indicator=indicator, year=2024, quarter=None, value=90.0)
    MeasurementFactory(indicator=indicator, year=2024, quarter=1, value=91.0, commentary="Good")
    IndicatorFactory(framework=framework, code="CP02", is_narrative=True)
    return framework


def rows(*cells):
    return parse_values_table(table(*cells))


def test_the_same_file_twice_changes_nothing_the_second_time(framework, scrutiny_officer):
    parsed = rows(
        ("CP01", "2024/25", "Q1", "91", "", "Good"),
        ("CP01", "2024/25", "Q2", "92", "91", "Better"),
        ("CP02", "2024/25", "Q2", "", "", "Narrative only"),
    )
    first = values_import(parsed=parsed, framework=framework, by=scrutiny_officer)
    assert [(r.line, r.action) for r in first.rows] == [
        (2, "unchanged"),
        (3, "create"),
        (4, "create"),
    ]
    history = Measurement.history.count() + Target.history.count()
    second = values_import(parsed=parsed, framework=framework, by=scrutiny_officer)
    assert {r.action for r in second.rows} == {"unchanged"}
    assert Measurement.history.count() + Target.history.count() == history
    assert Target.objects.get(quarter=2).value == 91.0


def test_a_changed_value_is_an_update_and_loses_its_approval(framework):
    report = values_import(
        parsed=rows(("CP01", "2024", "1", "93", "", "Good")), framework=framework
    )
    assert report.rows[0].action == "update"
    assert "value 91 → 93" in report.rows[0].details
    measurement = Measurement.objects.get(quarter=1)
    assert (measurement.value, measurement.approved) == (93.0, False)


def test_a_dry_run_saves_nothing(framework):
    report = values_import(
        parsed=rows(("CP01", "2024", "2", "95")), framework=framework, dry_run=True
    )
    assert report.count_create == 1
    assert not Measurement.objects.filter(quarter=2).exists()


def test_one_refused_row_saves_nothing_and_names_the_row(framework):
    parsed = rows(
        ("CP01", "2024", "2", "95", "96"),
        ("CP01", "2024", "3", "50", "", "Far below"),  # red, with no route to green
    )
    with pytest.raises(ImportRefused) as refused:
        values_import(parsed=parsed, framework=framework)
    (problem,) = refused.value.problems
    assert (problem.row, problem.column) == (3, "Route to green")
    assert "enter the route to green" in problem.message
    assert not Measurement.objects.filter(quarter__in=[2, 3]).exists()
    assert not Target.objects.filter(quarter=2).exists()


def test_unknown_codes_and_blank_rated_values_are_reported_by_row(framework):
    with pytest.raises(ImportRefused) as refused:
        values_import(
            parsed=rows(("CP99", "2024", "2", "1"), ("CP01", "2024", "2", "", "", "No figure")),
            framework=framework,
        )
    assert [(p.row, p.column) for p in refused.value.problems] == [
        (2, "Indicator code"),
        (3, "Value"),
    ]
    assert "has no indicator “CP99”" in refused.value.problems[0].message


def test_a_row_with_only_a_target_sets_the_target_alone(framework):
    report = values_import(parsed=rows(("CP01", "2025/26", "Q1", "", "93")), framework=framework)
    assert report.rows[0].action == "create"
    assert Target.objects.get(year=2025, quarter=1).value == 93.0
    assert not Measurement.objects.filter(year=2025).exists()


@pytest.fixture
def monthly(framework):
    indicator = MonthlyIndicatorFactory(framework=framework, code="CP03", tolerance=2.0)
    TargetFactory(indicator=indicator, year=2024, quarter=None, value=90.0)
    return indicator


def test_monthly_figures_are_imported_month_by_month(monthly, scrutiny_officer):
    parsed = parse_values_table(
        months(
            ("CP03", "2024/25", "", "April", "91"),
            ("CP03", "2024/25", "Q1", "May", "92"),
            ("CP03", "2024/25", "Q2", "", "", "93"),  # a target alone needs no month
        )
    )
    report = values_import(parsed=parsed, framework=monthly.framework, by=scrutiny_officer)
    assert [(r.period, r.action) for r in report.rows] == [
        ("April 2024", "create"),
        ("May 2024", "create"),
        ("2024/25 Q2", "create"),
    ]
    assert list(monthly.measurements.values_list("quarter", "month", "value")) == [
        (1, 1, 91.0),
        (1, 2, 92.0),
    ]
    again = values_import(parsed=parsed, framework=monthly.framework)
    assert {r.action for r in again.rows} == {"unchanged"}


def test_a_month_must_match_the_indicators_frequency(monthly):
    parsed = parse_values_table(
        months(("CP03", "2024/25", "Q1", "", "91"), ("CP01", "2024/25", "", "April", "91"))
    )
    with pytest.raises(ImportRefused) as refused:
        values_import(parsed=parsed, framework=monthly.framework)
    assert [(p.row, p.column) for p in refused.value.problems] == [(2, "Month"), (3, "Month")]
    assert "CP03 is reported monthly" in refused.value.problems[0].message
    assert "CP01 is reported quarterly, not monthly" in refused.value.problems[1].message
    assert not Measurement.objects.filter(indicator=monthly).exists()


def test_the_template_gives_a_monthly_indicator_a_row_a_month(client, scrutiny_officer, monthly):
    MeasurementFactory(indicator=monthly, year=2024, quarter=1, month=2, value=92.0)
    client.force_login(scrutiny_officer)
    template = client.get(reverse("performance:import_template"))
    lines = list(csv.reader(io.StringIO(template.content.decode("utf-8-sig"))))
    cp03 = [line[3:6] for line in lines if line[0] == "CP03"]
    assert cp03 == [["Q1", "April", ""], ["Q1", "May", "92"], ["Q1", "June", ""]]


# The pages

ROLES = [
    pytest.param(None, False, id="public"),
    pytest.param(Role.MEMBER, False, id="member"),
    pytest.param(Role.OFFICER, False, id="officer"),
    pytest.param(Role.SCRUTINY_OFFICER, True, id="scrutiny-officer"),
    pytest.param(Role.ADMINISTRATOR, True, id="administrator"),
]


def test_every_import_view_states_its_permission():
    for view in (views.values_template, views.values_upload, views.values_preview):
        assert view.permission is permissions.can_manage_performance


@pytest.mark.parametrize(("role", "allowed"), ROLES)
def test_only_performance_managers_may_import(client, user_with_role, framework, role, allowed):
    if role is not None:
        client.force_login(user_with_role(role))
    for url in (reverse("performance:import"), reverse("performance:import_template")):
        response = client.get(url)
        assert (response.status_code == 200) is allowed, url
    upload = SimpleUploadedFile("q2.csv", csv_bytes(("CP01", "2024", "2", "95")))
    client.post(reverse("performance:import"), {"framework": framework.pk, "file": upload})
    assert not Measurement.objects.filter(quarter=2).exists()
    dashboard = client.get(reverse("performance:dashboard")).content.decode()
    assert ("Import quarterly figures and targets" in dashboard) is allowed


def test_the_template_lists_the_latest_quarter_with_what_is_recorded(
    client, scrutiny_officer, framework
):
    client.force_login(scrutiny_officer)
    response = client.get(reverse("performance:import_template"), {"framework": framework.pk})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="performance-2024-q1.csv"' in response["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0][:5] == ["Indicator code", "Indicator name", "Year", "Quarter", "Month"]
    assert [line[0] for line in lines[1:]] == ["CP01", "CP02"]
    assert lines[1][2:8] == ["2024/25", "Q1", "", "91", "", "Good"]


def test_the_template_imports_back_unchanged(client, scrutiny_officer, framework):
    client.force_login(scrutiny_officer)
    template = client.get(reverse("performance:import_template")).content
    completed = template.replace(b"Q1,,,,,,no", b"Q1,,,,Words only,,no")  # CP02 is narrative
    report = values_import(
        parsed=read_values_file(completed, filename="t.csv"), framework=framework
    )
    assert [r.action for r in report.rows] == ["unchanged", "create"]


def test_upload_previews_row_by_row_and_saves_only_when_confirmed(
    client, scrutiny_officer, framework
):
    client.force_login(scrutiny_officer)
    content = csv_bytes(
        ("CP01", "2024/25", "Q1", "91", "", "Good", "", "no"),
        ("CP01", "2024/25", "Q2", "92.5", "91", "Better", "", "yes"),
    )
    response = client.post(
        reverse("performance:import"),
        {"framework": framework.pk, "file": SimpleUploadedFile("q2.csv", content)},
    )
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
    response = client.post(
        reverse("performance:import"),
        {"framework": framework.pk, "file": SimpleUploadedFile("bad.csv", content)},
    )
    page = client.get(response["Location"]).content.decode()
    assert "bad.csv cannot be imported" in page
    assert "bad.csv, row 2, column “Quarter”: “Q7” is not a quarter" in page
    confirmed = client.post(response["Location"])
    assert confirmed.status_code == 200
    assert Measurement.objects.count() == 1


def test_only_csv_and_xlsx_files_are_accepted(client, scrutiny_officer, framework):
    client.force_login(scrutiny_officer)
    response = client.post(
        reverse("performance:import"),
        {"framework": framework.pk, "file": SimpleUploadedFile("q.docx", b"x")},
    )
    assert response.status_code == 200
    assert "must be a CSV or XLSX file" in response.content.decode()
