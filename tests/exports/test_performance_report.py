"""The quarterly performance report's writers, without a database: Word read back with
python-docx, the PDF's text with pdftotext."""

import dataclasses
import datetime
import io
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT

from scrutineer.files.documents import (
    HouseStyle,
    PerformanceReportDocument,
    ReportBreakdown,
    ReportIndicator,
    ReportMilestone,
    ReportTrend,
    ReportTrendPoint,
)
from scrutineer.files.writers.performance_docx import performance_report_docx
from scrutineer.files.writers.performance_html import performance_report_html
from scrutineer.files.writers.performance_pdf import performance_report_pdf

LICENCE = "Open Government Licence v3.0"
HOSTILE = "<script>alert(1)</script>"


def _points() -> tuple[ReportTrendPoint, ...]:
    values = [(2024, 1, 83.2, "red"), (2024, 2, 82.5, "red"), (2024, 3, 80.4, "red")]
    return tuple(
        ReportTrendPoint(
            label=f"{year}/{(year + 1) % 100} Q{quarter}",
            value=value,
            target=86.6,
            band_low=83.6,
            band_high=86.6,
            previous_year=88.0 - quarter,
            rag=rag,
        )
        for year, quarter, value, rag in values
    )


def report(**changes) -> PerformanceReportDocument:
    red = ReportIndicator(
        code="CP01",
        name="Member enquiries answered within 10 working days",
        directorate="Resources",
        theme="A well-run council",
        unit="%",
        value=80.4,
        target=86.6,
        rag="red",
        short_term="worsening",
        long_term="worsening",
        commentary="Two vacancies in the complaints team.",
        route_to_green="Weekly tracking of open enquiries by directorate.",
    )
    improving = ReportIndicator(
        code="CP07",
        name="Household waste sent for reuse",
        directorate="Place",
        theme="Place: clean, green and safe",
        unit="%",
        value=50.5,
        target=50.0,
        rag="green",
        short_term="improving",
        long_term="no_data",
        route_to_green="Not wanted when green.",
        unapproved=True,
        provisional=True,
    )
    worse_but_amber = ReportIndicator(
        code="CP02",
        name="Average contact-centre answer time",
        directorate="Resources",
        theme="A well-run council",
        unit="minutes",
        value=5.2,
        target=5.0,
        rag="amber",
        short_term="improving",
        long_term="worsening",
    )
    document = PerformanceReportDocument(
        council="Thurrock Council",
        framework="Corporate Plan PMAF 2024/25",
        period="2024/25 Q3",
        as_at=datetime.date(2025, 1, 15),
        overall=ReportBreakdown(
            "All indicators",
            (("red", 1, 33), ("amber", 1, 33), ("green", 1, 33), ("blue", 0, 0)),
            3,
        ),
        by_theme=(
            ReportBreakdown(
                "A well-run council",
                (("red", 1, 50), ("amber", 1, 50), ("green", 0, 0), ("blue", 0, 0)),
                2,
            ),
        ),
        by_directorate=(
            ReportBreakdown(
                "Place", (("red", 0, 0), ("amber", 0, 0), ("green", 1, 100), ("blue", 0, 0)), 1
            ),
        ),
        indicators=(red, worse_but_amber, improving),
        milestones=(
            ReportMilestone(
                name="New telephony system live",
                directorate="Resources",
                planned_date=datetime.date(2024, 7, 1),
                forecast_date=None,
                actual_date=datetime.date(2024, 8, 15),
                status="Complete",
                slippage=45,
                rag="red",
                commentary="Supplier delay.",
            ),
        ),
        trends=(
            ReportTrend(
                code="CP01",
                name="Member enquiries answered within 10 working days",
                unit="%",
                unit_name="Percentage",
                points=_points(),
            ),
        ),
        style=HouseStyle(council_name="Thurrock Council", licence=LICENCE),
    )
    return dataclasses.replace(document, **changes)


def read_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def docx_text(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    )
    return result.stdout


@pytest.fixture(scope="module")
def word() -> docx.document.Document:
    return read_docx(performance_report_docx(report()))


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> str:
    return pdf_text(performance_report_pdf(report()), tmp_path_factory.mktemp("report"))


def test_the_document_lists_red_and_worsening_indicators_from_its_rows():
    document = report()
    assert [i.code for i in document.red] == ["CP01"]
    assert [i.code for i in document.worsening] == ["CP01", "CP02"]
    assert document.title == "Quarterly performance report, 2024/25 Q3"


def test_word_report_is_landscape_with_title_period_and_licence(word):
    section = word.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert word.paragraphs[0].text == "Quarterly performance report, 2024/25 Q3"
    header = section.header.paragraphs[0].text
    assert "Thurrock Council" in header
    assert "2024/25 Q3" in header
    assert word.core_properties.comments == LICENCE
    assert word.core_properties.author == "Thurrock Council"


def test_word_report_has_the_summary_tables_with_counts_and_shares(word):
    overall = word.tables[0]
    assert [c.text for c in overall.rows[0].cells] == [
        "Indicators",
        "Red",
        "Amber",
        "Green",
        "Not rated",
        "Total",
    ]
    assert [c.text for c in overall.rows[1].cells] == [
        "All indicators",
        "1 (33%)",
        "1 (33%)",
        "1 (33%)",
        "0 (0%)",
        "3",
    ]
    assert word.tables[1].rows[1].cells[0].text == "A well-run council"
    assert word.tables[2].rows[1].cells[0].text == "Place"
    assert "3 indicators in this report: 1 red (33%), 1 amber (33%)" in docx_text(word)


def test_word_red_table_writes_rag_and_direction_in_words_with_route_to_green(word):
    red = word.tables[3]
    assert [c.text for c in red.rows[0].cells][:4] == ["Indicator", "Value", "Target", "RAG"]
    row = [c.text for c in red.rows[1].cells]
    assert row[0] == "CP01 Member enquiries answered within 10 working days\nResources"
    assert row[1:6] == ["80.4%", "86.6%", "Red", "Worsening", "Worsening"]
    assert "Two vacancies" in row[6]
    assert "Route to green: Weekly tracking" in row[6]
    assert len(red.rows) == 2  # header and the one red indicator


def test_word_worsening_table_holds_every_indicator_worse_on_either_measure(word):
    worsening = word.tables[4]
    codes = [row.cells[0].text.split()[0] for row in worsening.rows[1:]]
    assert codes == ["CP01", "CP02"]
    assert [c.text for c in worsening.rows[2].cells][1:6] == [
        "5.2 minutes",
        "5 minutes",
        "Amber",
        "Improving",
        "Worsening",
    ]


def test_word_charts_are_tables_of_the_figures_they_plot(word):
    text = docx_text(word)
    assert "CP01 Member enquiries answered within 10 working days" in text
    trend = word.tables[5]
    assert [c.text for c in trend.rows[0].cells] == [
        "Quarter",
        "Value",
        "Target",
        "Tolerance band",
        "Same quarter last year",
        "RAG",
    ]
    assert [c.text for c in trend.rows[3].cells] == [
        "2024/25 Q3",
        "80.4%",
        "86.6%",
        "83.6% to 86.6%",
        "85%",
        "Red",
    ]
    assert "In 2024/25 Q3 the value was 80.4% against a target of 86.6%: Red." in text


def test_word_milestones_and_all_indicators_flag_unapproved_figures(word):
    milestones = word.tables[6]
    assert [c.text for c in milestones.rows[1].cells] == [
        "New telephony system live\nSupplier delay.",
        "Resources",
        "1 Jul 2024",
        "\N{EM DASH}",
        "15 Aug 2024",
        "Complete",
        "45",
        "Red",
    ]
    every = word.tables[7]
    assert len(every.rows) == 4
    green = [c.text for c in every.rows[3].cells]
    assert green[1] == "50.5%\nUnapproved\nProvisional"
    assert green[3] == "Green"
    assert green[5] == "No comparison"
    assert "Route to green" not in green[6]  # none is needed when green


def test_word_says_when_figures_are_unapproved_or_sample_data():
    plain = docx_text(read_docx(performance_report_docx(report())))
    assert "Not for publication" not in plain
    assert "Sample data" not in plain
    flagged = read_docx(
        performance_report_docx(report(includes_unapproved=True, is_demo=True, scope="Theme: X"))
    )
    text = docx_text(flagged)
    assert "Not for publication:" in text
    assert "Sample data:" in text
    assert "Theme: X" in text


def test_word_report_with_no_red_indicators_says_so():
    calm = report(indicators=report().indicators[2:], trends=(), milestones=())
    text = docx_text(read_docx(performance_report_docx(calm)))
    assert text.count("None in this report.") == 2
    assert "No milestones recorded." in text
    assert "Trends of the red indicators" not in text


def test_pdf_holds_the_summary_tables_trends_and_milestones(pdf):
    assert "Quarterly performance report, 2024/25 Q3" in pdf
    assert "Corporate Plan PMAF 2024/25" in pdf
    assert "1 (33%)" in pdf
    for heading in ("Red indicators", "Worsening indicators", "Milestones", "All indicators"):
        assert heading in pdf
    assert "Trends of the red indicators" in pdf
    assert "83.6% to 86.6%" in pdf
    assert "Route to green: Weekly tracking" in pdf
    assert "Page 1 of" in pdf


def test_pdf_writes_every_rag_as_a_word(pdf):
    for word in ("Red", "Amber", "Green", "Not rated"):
        assert word in pdf
    assert "Unapproved" in pdf
    assert "Provisional" in pdf


def test_pdf_is_tagged_landscape_with_the_chart_as_a_described_figure(tmp_path):
    data = performance_report_pdf(report())
    path = tmp_path / "report.pdf"
    path.write_bytes(data)

    def pdfinfo(*flags: str) -> str:
        return subprocess.run(
            ["pdfinfo", *flags, str(path)],
            capture_output=True,
            check=True,
            encoding="utf-8",
            errors="replace",
        ).stdout

    info, structure = pdfinfo(), pdfinfo("-struct-text")
    assert "Tagged:          yes" in info
    assert "Title:           Corporate Plan PMAF 2024/25: Quarterly performance report" in info
    assert "841.89 x 595.276 pts (A4)" in info  # landscape
    assert b"/Lang(en-GB)" in data
    assert 'H1 "Quarterly performance report, 2024/25 Q3"' in structure
    assert "Figure" in structure
    # The chart's text alternative is the one the web page gives it.
    assert b"/Alt(Quarterly figures from 2024/25 Q1 to 2024/25 Q3" in data
    assert structure.count("Table") >= 5


def test_pdf_embeds_the_svg_trend_chart_with_its_text_alternative():
    html = performance_report_html(report())
    assert html.count("<svg") == 1
    assert 'role="img"' in html
    assert "Trend chart: CP01 Member enquiries answered within 10 working days" in html
    assert "Q3 24/25" in html  # the axis labels, short
    assert 'name="description" content="Open Government Licence v3.0"' in html


def test_report_html_escapes_what_it_is_given():
    hostile = dataclasses.replace(report().indicators[0], name=HOSTILE, commentary=HOSTILE)
    trend = dataclasses.replace(report().trends[0], name=HOSTILE)
    html = performance_report_html(
        report(indicators=(hostile,), trends=(trend,), framework=HOSTILE)
    )
    assert HOSTILE not in html
    assert "&lt;script&gt;" in html
    assert "<script" not in html


def test_report_fragment_has_no_inline_styles():
    fragment = performance_report_html(report(), standalone=False)
    assert "style=" not in fragment
    assert "<style" not in fragment
