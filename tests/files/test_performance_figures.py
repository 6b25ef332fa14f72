"""The performance figures file: the pure parser, every problem by row and column."""

import csv
import io

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutineer.files.parsers.errors import ImportProblem, ImportRefused
from scrutineer.files.parsers.performance_figures import COLUMNS, ParsedValue, parse_values_table
from scrutineer.files.parsers.tables import Table
from scrutineer.files.readers import read_figures_file

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
        read_figures_file(b"hello", filename="figures.txt")


def test_xlsx_numbers_and_text_are_read():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(HEADERS))
    sheet.append(["CP01", 2024, 3, 88.25, 90, "Below target", "Agency staff", "no"])
    buffer = io.BytesIO()
    book.save(buffer)
    (parsed,) = read_figures_file(buffer.getvalue(), filename="q3.xlsx")
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
