"""The annual scrutiny report's documents, from its plain data: the Word document and the
PDF print the figures, the charts carry their text alternative and the tables their header
rows; the PDF is tagged PDF/UA-1. No database."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import docx
import pytest

from scrutineer.files.documents import AnnualReportDocument, HouseStyle
from scrutineer.files.writers.annual_context import report_context
from scrutineer.files.writers.annual_docx import annual_report_docx
from scrutineer.files.writers.annual_pdf import annual_report_pdf
from scrutineer.files.writers.charts import Bar, bar_chart
from tests.files.test_pdf import pages, poppler, squashed


def figures(**values: Any) -> dict[str, Any]:
    names = [
        *("made", "actions", "agreements", "notings", "sent_to_executive", "accepted"),
        *("partly_accepted", "rejected", "responded_unclassified", "awaiting_response"),
        *("responses_late", "closed", "open", "open_at_year_end"),
    ]
    found: dict[str, Any] = dict.fromkeys(names, 0)
    found.update(median_days_to_response=None, median_days_to_close=None)
    found.update(values)
    return found


def report(**extra: Any) -> dict[str, Any]:
    main = figures(
        made=27,
        actions=12,
        agreements=7,
        notings=8,
        sent_to_executive=4,
        accepted=2,
        partly_accepted=1,
        awaiting_response=1,
        responses_late=1,
        closed=26,
        open=1,
        open_at_year_end=1,
        median_days_to_response=41.5,
        median_days_to_close=63.0,
    )
    return {
        "municipal_year": "2024/25",
        "from": "2024-05-01",
        "to": "2025-04-30",
        "committee": "Corporate Overview and Scrutiny Committee",
        "as_of": "2025-09-01",
        "recommendations": main,
        "by_committee": [{"name": "Corporate Overview and Scrutiny Committee", **main}],
        "by_directorate": [{"name": "Resources", **main}],
        "by_portfolio": [{"name": "Cllr Finance", **main}],
        "task_and_finish_reviews": [{"name": "Housing repairs review", "meetings": 2}],
        "impact_stories": [
            {
                "reference": "CO&S 24/25-03",
                "recommendation": "Agree a corporate approach to communications",
                "committee": "Corporate Overview and Scrutiny Committee",
                "meeting_date": "2024-07-30",
                "status": "Closed",
                "executive_response": "Accepted",
                "outcome": "Every letter now uses the same plain-English template.",
            }
        ],
        **extra,
    }


@pytest.fixture(scope="module")
def document() -> AnnualReportDocument:
    return AnnualReportDocument(
        council="Thurrock Council",
        report=report(),
        style=HouseStyle(council_name="Thurrock Council", licence="Open Government Licence"),
    )


def test_a_bar_chart_is_an_image_with_a_title_and_description_and_escapes_its_text():
    svg = bar_chart(
        [Bar("Made <b>", 27), Bar("Closed", 26), Bar("Still open", 0)],
        title="Where they stand",
        description="Of 27 made, 26 closed.",
        chart_id="c1",
    )
    assert 'role="img"' in svg
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Where they stand</title>' in svg
    assert '<desc id="c1-desc">Of 27 made, 26 closed.</desc>' in svg
    assert "Made &lt;b&gt;" in svg
    assert "<b>" not in svg
    assert svg.count("<rect") == 2  # no bar for nothing
    assert ">27<" in svg
    assert ">0<" in svg
    assert "style=" not in svg  # presentation attributes only: the CSP holds


def test_the_context_gives_each_chart_the_numbers_it_draws():
    context = report_context(report())
    standing = context["charts"][0]
    assert [(r["label"], r["value"]) for r in standing["rows"]] == [
        ("Made", "27"),
        ("Closed", "26"),
        ("Still open", "1"),
        ("Open at the year's end", "1"),
    ]
    assert "Of 27 recommendations made, 26 are closed and 1 still open" in standing["description"]
    assert dict(context["headline"])["Median days to the executive's response"] == "41.5"
    assert dict(context["headline"])["Median days from meeting to closure"] == "63"
    # One committee: no chart of committees; several: one.
    assert len(context["charts"]) == 3
    two = report(by_committee=[{"name": "A", **figures(made=2)}, {"name": "B", **figures()}])
    assert report_context(two)["charts"][-1]["title"] == "Recommendations made by committee"


def test_the_word_document_prints_the_figures_charts_with_alt_text_and_header_rows(document):
    data = annual_report_docx(document)
    word = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Annual scrutiny report 2024/25" in text
    assert "Every letter now uses the same plain-English template." in text
    assert word.core_properties.title.startswith("Annual scrutiny report 2024/25")
    cells = [[c.text for c in row.cells] for table in word.tables for row in table.rows]
    assert ["Recommendations made", "27"] in cells
    assert ["Closed", "26"] in cells
    assert ["Still open", "1"] in cells
    assert ["Housing repairs review", "2"] in cells
    # Every table's first row is a header row Word repeats on each page.
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert xml.count("<w:tblHeader/>") == len(word.tables)
    # Each chart a picture whose alt text is the chart's own text alternative.
    descriptions = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml)
    assert len(descriptions) == 3
    assert any("Of 27 recommendations made, 26 are closed" in d for d in descriptions)


def test_the_pdf_is_tagged_and_prints_the_figures_and_the_stories(document, tmp_path):
    pdf = annual_report_pdf(document)
    text = squashed("".join(pages(pdf, tmp_path)))
    for needle in (
        "Annualscrutinyreport2024/25",
        "Recommendationsmade27",
        "Closed26",
        "Stillopen1",
        "Housingrepairsreview",
        "CO&S24/25-03",
        "Everylette",
    ):
        assert needle in text, needle
    info = poppler("pdfinfo", pdf, tmp_path)
    structure = poppler("pdfinfo", pdf, tmp_path, "-struct-text")
    assert re.search(r"Tagged:\s+yes", info)
    assert b"<pdfuaid:part>1</pdfuaid:part>" in pdf
    assert b"/Lang(en-GB)" in pdf
    assert 'H1 "Annual scrutiny report 2024/25"' in structure
    assert structure.count("TH ") >= 12
    # The three charts are figures, each with its text alternative.
    assert pdf.count(b"/Alt") == 3
    assert structure.count("Figure") >= 3


def test_the_councils_copy_says_it_is_not_for_publication(tmp_path):
    council = AnnualReportDocument(
        council="Thurrock Council", report=report(), includes_exempt=True
    )
    text = squashed("".join(pages(annual_report_pdf(council), tmp_path)))
    assert "Notforpublication" in text
    word = docx.Document(io.BytesIO(annual_report_docx(council)))
    assert any("Not for publication" in p.text for p in word.paragraphs)
