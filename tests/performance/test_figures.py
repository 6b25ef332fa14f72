"""Importing a file of performance figures into a framework: the all-or-nothing service
(performance.figures), and the template to fill in (a performance page)."""

import csv
import io

import pytest
from django.urls import reverse

from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.files.parsers.performance_figures import parse_values_table
from scrutineer.files.readers import read_figures_file
from scrutineer.performance.figures import figures_import
from scrutineer.performance.models import Measurement, Target
from tests.files.test_performance_figures import months, table
from tests.performance.factories import (
    FrameworkFactory,
    IndicatorFactory,
    MeasurementFactory,
    MonthlyIndicatorFactory,
    TargetFactory,
)

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
    first = figures_import(parsed=parsed, framework=framework, by=scrutiny_officer)
    assert [(r.line, r.action) for r in first.rows] == [
        (2, "unchanged"),
        (3, "create"),
        (4, "create"),
    ]
    history = Measurement.history.count() + Target.history.count()
    second = figures_import(parsed=parsed, framework=framework, by=scrutiny_officer)
    assert {r.action for r in second.rows} == {"unchanged"}
    assert Measurement.history.count() + Target.history.count() == history
    assert Target.objects.get(quarter=2).value == 91.0


def test_a_changed_value_is_an_update_and_loses_its_approval(framework):
    report = figures_import(
        parsed=rows(("CP01", "2024", "1", "93", "", "Good")), framework=framework
    )
    assert report.rows[0].action == "update"
    assert "value 91 → 93" in report.rows[0].details
    measurement = Measurement.objects.get(quarter=1)
    assert (measurement.value, measurement.approved) == (93.0, False)


def test_a_dry_run_saves_nothing(framework):
    report = figures_import(
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
        figures_import(parsed=parsed, framework=framework)
    (problem,) = refused.value.problems
    assert (problem.row, problem.column) == (3, "Route to green")
    assert "enter the route to green" in problem.message
    assert not Measurement.objects.filter(quarter__in=[2, 3]).exists()
    assert not Target.objects.filter(quarter=2).exists()


def test_unknown_codes_and_blank_rated_values_are_reported_by_row(framework):
    with pytest.raises(ImportRefused) as refused:
        figures_import(
            parsed=rows(("CP99", "2024", "2", "1"), ("CP01", "2024", "2", "", "", "No figure")),
            framework=framework,
        )
    assert [(p.row, p.column) for p in refused.value.problems] == [
        (2, "Indicator code"),
        (3, "Value"),
    ]
    assert "has no indicator “CP99”" in refused.value.problems[0].message


def test_a_row_with_only_a_target_sets_the_target_alone(framework):
    report = figures_import(parsed=rows(("CP01", "2025/26", "Q1", "", "93")), framework=framework)
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
    report = figures_import(parsed=parsed, framework=monthly.framework, by=scrutiny_officer)
    assert [(r.reference[1], r.action) for r in report.rows] == [
        ("April 2024", "create"),
        ("May 2024", "create"),
        ("2024/25 Q2", "create"),
    ]
    assert list(monthly.measurements.values_list("quarter", "month", "value")) == [
        (1, 1, 91.0),
        (1, 2, 92.0),
    ]
    again = figures_import(parsed=parsed, framework=monthly.framework)
    assert {r.action for r in again.rows} == {"unchanged"}


def test_a_month_must_match_the_indicators_frequency(monthly):
    parsed = parse_values_table(
        months(("CP03", "2024/25", "Q1", "", "91"), ("CP01", "2024/25", "", "April", "91"))
    )
    with pytest.raises(ImportRefused) as refused:
        figures_import(parsed=parsed, framework=monthly.framework)
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


# The template


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
    report = figures_import(
        parsed=read_figures_file(completed, filename="t.csv"), framework=framework
    )
    assert [r.action for r in report.rows] == ["unchanged", "create"]
