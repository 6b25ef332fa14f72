"""Published documents are accessible (issue 21): every PDF tagged as PDF/UA-1 with its title,
language, headings, lists and table headers; Word files with real headings, header rows that
repeat, a title and a language; spreadsheets and CSV with plain text in their cells that
imports back; recommendation numbers as the tracker gives them in every format.

Each test reads a real generated file back: PDFs with poppler (pdfinfo, its structure tree,
pdftotext), Word files with python-docx, workbooks with openpyxl.
"""

import csv
import dataclasses
import io
import re
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from scrutineer.files.documents import ExportRecommendation, HouseStyle, TrackerDocument
from scrutineer.files.readers import read_tracker_file
from scrutineer.files.writers.docx import briefing_docx, tracker_docx
from scrutineer.files.writers.html import tracker_html
from scrutineer.files.writers.pdf import briefing_pdf, tracker_pdf
from scrutineer.files.writers.performance_docx import performance_report_docx
from scrutineer.files.writers.performance_pdf import performance_report_pdf
from scrutineer.files.writers.plain import cell_text
from scrutineer.files.writers.tabular import tracker_csv, tracker_xlsx
from tests.exports.test_performance_report import report
from tests.files.seed import seed_briefing, seed_tracker
from tests.files.test_pdf import png

SUMMARY = (
    "<p>Members asked about costs &amp; timescales.</p>"
    "<ul><li>Housing repairs</li><li>Adult social care</li></ul>"
    "<p>The Committee thanked officers.</p>"
)
PROGRESS = "<p>Reported to Cabinet on <strong>13 November</strong>.</p><p>Closed.</p>"
RECOMMENDATIONS = (
    ExportRecommendation("1", "Review the budget.", "open", (), "Cabinet to:"),
    ExportRecommendation("2", "Report back in March.", "open", (), "Cabinet to:"),
    ExportRecommendation("3", "Publish the plan.", "open", ()),
)
LOGO_STYLE = HouseStyle(council_name="Thurrock Council", logo_png=png(120, 40))


@pytest.fixture(scope="module")
def tracker() -> TrackerDocument:
    """The seed tracker, its first item's first recommendation under a preamble, its summary
    with a list and an ampersand, its progress in two paragraphs, and the council's logo."""
    seed = seed_tracker(style=LOGO_STYLE)
    first = dataclasses.replace(
        seed.items[0],
        summary_html=SUMMARY,
        progress_html=PROGRESS,
        recommendations=RECOMMENDATIONS,
    )
    return dataclasses.replace(seed, items=(first, *seed.items[1:]))


@pytest.fixture(scope="module")
def pdf_file(tracker, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "tracker.pdf"
    path.write_bytes(tracker_pdf(tracker, with_forward_plan=True))
    return path


def poppler(*args: str | Path) -> str:
    result = subprocess.run([str(arg) for arg in args], capture_output=True, check=True)
    return result.stdout.decode("utf-8", "replace")


def structure(path: Path) -> str:
    """The PDF's structure tree as poppler prints it, one element a line."""
    return poppler("pdfinfo", "-struct", path)


def elements(tree: str) -> list[str]:
    return [line.split()[0].rstrip(":") for line in tree.splitlines() if line.strip()[:1] != "/"]


# PDF


def test_the_tracker_pdf_is_tagged_pdf_ua_1_titled_and_in_british_english(pdf_file):
    info = poppler("pdfinfo", pdf_file)
    assert re.search(r"Tagged:\s+yes", info)
    assert re.search(r"Title:\s+Corporate O&S Recommendations Tracker", info)
    data = pdf_file.read_bytes()
    assert b"/Lang(en-GB)" in data
    assert re.search(rb"/MarkInfo<</Marked true", data)
    # The XMP metadata declares PDF/UA-1, which Typst only writes once its checks pass.
    assert re.search(rb"<pdfuaid:part>1</pdfuaid:part>", data)
    # The title is what a reader shows in its window, not the file name.
    assert b"/DisplayDocTitle true" in data


def test_the_tracker_pdfs_structure_has_headings_tables_with_header_cells_and_lists(pdf_file):
    tree = structure(pdf_file)
    kinds = elements(tree)
    assert kinds[0] == "Document"
    assert kinds.count("H1") == 1
    assert kinds.count("H2") == 1
    assert kinds.count("Table") == 2
    assert kinds.count("Caption") == 2
    # The header row is a THead of TH cells, each a column header every data cell points to.
    assert kinds.count("THead") == 2
    assert kinds.count("TH") == 8 + 4
    assert tree.count("/Scope /Column") == 12
    assert re.search(r"TD:\s+/Headers \[\(U1x0y0\)\]", tree)
    # Recommendations and the summary's bullets are lists, each item with its label.
    assert kinds.count("LI") == kinds.count("Lbl") == kinds.count("LBody") > 3
    # The logo is a figure with its text alternative.
    assert "Figure" in kinds
    assert b"/Alt(Thurrock Council)" in pdf_file.read_bytes()


def test_the_tracker_pdfs_header_row_is_repeated_on_every_page_as_an_artifact(pdf_file):
    pages = poppler("pdftotext", "-layout", pdf_file, "-").split("\f")[:-1]
    assert len(pages) > 3
    for page in pages[:-1]:  # the last is the forward plan's, with its own header
        assert "Report Title" in page
    # Read aloud once for each table (the tracker's and the forward plan's): the copies on
    # later pages are not in the structure tree again.
    assert poppler("pdfinfo", "-struct-text", pdf_file).count('"Report Title"') == 2


def test_a_recommendation_after_a_preamble_keeps_its_own_number_in_the_pdf(pdf_file):
    text = poppler("pdftotext", "-layout", pdf_file, "-")
    first = text[text.index("Cabinet to:") :]
    lines = [line.strip() for line in first.splitlines()][:6]
    cells = " ".join(re.sub(r"\s{2,}", "|", line) for line in lines)
    positions = [cells.index(f) for f in ("1. Review", "2. Report", "3. Publish")]
    assert positions == sorted(positions)
    assert "1. Report" not in text
    assert "1. Publish" not in text


@pytest.mark.parametrize(
    "make",
    [
        lambda: briefing_pdf(seed_briefing()),
        lambda: performance_report_pdf(report()),
    ],
    ids=["briefing", "performance"],
)
def test_every_other_pdf_is_tagged_pdf_ua_1_with_title_language_and_a_heading(make, tmp_path):
    path = tmp_path / "document.pdf"
    path.write_bytes(make())
    info = poppler("pdfinfo", path)
    assert re.search(r"Tagged:\s+yes", info)
    assert re.search(r"Title:\s+\S", info)
    data = path.read_bytes()
    assert b"/Lang(en-GB)" in data
    assert b"<pdfuaid:part>1</pdfuaid:part>" in data
    assert "H1" in elements(structure(path))


def test_the_performance_reports_charts_are_figures_with_their_text_alternative(tmp_path):
    path = tmp_path / "performance.pdf"
    path.write_bytes(performance_report_pdf(report()))
    assert elements(structure(path)).count("Figure") == len(report().trends)
    alt = re.search(rb"/Alt\(Quarterly figures from ([^)]*)\)", path.read_bytes())
    assert alt is not None
    assert b"In 2024/25 Q3 the value was 80.4% against a target of 86.6%: Red." in alt[1]


def test_pages_render_to_images(pdf_file, tmp_path):
    poppler("pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", pdf_file, tmp_path / "page")
    image = next(tmp_path.glob("page*.png")).read_bytes()
    assert image.startswith(b"\x89PNG")
    assert len(image) > 5_000


# Word


@pytest.fixture(scope="module")
def word(tracker) -> docx.document.Document:
    return docx.Document(io.BytesIO(tracker_docx(tracker, with_forward_plan=True)))


def test_the_word_tracker_has_a_title_and_british_english(word):
    assert word.core_properties.title == "Corporate O&S Recommendations Tracker"
    assert word.core_properties.language == "en-GB"
    default = word.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}")
    assert default.find(f"{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) == "en-GB"


def test_the_word_trackers_headings_are_word_headings(word):
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Head")]
    assert headings[0] == ("Heading 1", "Corporate O&S Recommendations Tracker")
    assert len(headings) == 2  # the tracker, then the forward plan


def test_the_word_trackers_tables_repeat_their_header_rows(word):
    for table in word.tables:
        header, *rows = table.rows
        assert header._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert all(row._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None for row in rows)


def test_a_recommendation_after_a_preamble_keeps_its_own_number_in_word(word):
    cell = word.tables[0].rows[1].cells[4]
    assert [p.text for p in cell.paragraphs] == [
        "Cabinet to:",
        "1. Review the budget.",
        "2. Report back in March.",
        "3. Publish the plan.",
    ]


def test_the_word_logo_has_alt_text(word):
    header = word.sections[0].header._element
    descriptions = [d.get("descr") for d in header.iter(qn("wp:docPr"))]
    assert descriptions == ["Thurrock Council logo"]


@pytest.mark.parametrize(
    ("make", "title"),
    [
        (lambda: briefing_docx(seed_briefing()), "Briefing Note: "),
        (lambda: performance_report_docx(report()), "Quarterly performance report, "),
    ],
    ids=["briefing", "performance"],
)
def test_every_other_word_file_has_a_title_language_and_headings(make, title):
    document = docx.Document(io.BytesIO(make()))
    assert document.core_properties.title.startswith(title)
    assert document.core_properties.language == "en-GB"
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)
    for table in document.tables:
        header = table.rows[0]._tr
        assert header.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


# Print HTML


def test_a_recommendation_after_a_preamble_keeps_its_own_number_in_print_html(tracker):
    html = tracker_html(tracker)
    start = html.index("Cabinet to:")
    values = re.findall(r'<li value="(\w+)">([^<]*)', html[start : start + 600])[:3]
    assert values == [
        ("1", "Review the budget."),
        ("2", "Report back in March."),
        ("3", "Publish the plan."),
    ]
    assert '<html lang="en-GB"' in html or '<html lang="en"' in html


# Spreadsheets and CSV

MARKUP = re.compile(r"<[a-z/][^>]*>|&(?:amp|lt|gt|quot|nbsp|#\d+);", re.IGNORECASE)


def csv_rows(tracker) -> list[list[str]]:
    return list(csv.reader(io.StringIO(tracker_csv(tracker).decode("utf-8-sig"), newline="")))


def xlsx_rows(tracker) -> list[list[str]]:
    sheet = openpyxl.load_workbook(io.BytesIO(tracker_xlsx(tracker)))["Tracker"]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("rows", [csv_rows, xlsx_rows], ids=["csv", "xlsx"])
def test_spreadsheet_cells_hold_plain_text_never_markup(tracker, rows):
    table = rows(tracker)
    assert not [cell for row in table for cell in row if MARKUP.search(cell)]
    header, first = table[0], table[1]
    summary = first[header.index("Summary of O&S discussion")]
    progress = first[header.index("Progress of O&S recommendations")]
    assert summary == (
        "Members asked about costs & timescales.\n"
        "• Housing repairs\n"
        "• Adult social care\n"
        "The Committee thanked officers."
    )
    assert progress == "Reported to Cabinet on 13 November.\nClosed."
    assert first[header.index("O&S recommendations")] == "Cabinet to:\n1. Review the budget."


@pytest.mark.parametrize(("make", "name"), [(tracker_csv, "t.csv"), (tracker_xlsx, "t.xlsx")])
def test_plain_text_cells_import_back_as_the_paragraphs_and_lists_they_were(tracker, make, name):
    parsed = read_tracker_file(make(tracker), filename=name)
    first = parsed.rows[0]
    assert first.summary_html == SUMMARY
    # Emphasis is not carried by a cell; the paragraphs are.
    assert first.progress_html == "<p>Reported to Cabinet on 13 November.</p><p>Closed.</p>"


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("", ""),
        ("Plain words", "Plain words"),
        ("<p>A &amp; B</p>", "A & B"),
        ("<p>One<br>Two</p>", "One\nTwo"),
        ("<ol><li>First</li><li>Second</li></ol>", "1. First\n2. Second"),
        ("<ul><li>Out<ul><li>In</li></ul></li></ul>", "• Out\n  • In"),
        (
            '<p><a href="https://example.gov.uk/x">the plan</a></p>',
            "the plan (https://example.gov.uk/x)",
        ),
        ('<p><a href="mailto:a@b.gov.uk">a@b.gov.uk</a></p>', "a@b.gov.uk"),
        ("<p>=SUM(A1)</p>", "=SUM(A1)"),  # neutralised by the writers, not here
    ],
)
def test_cell_text(html, text):
    assert cell_text(html) == text


def test_formula_looking_text_is_still_neutralised_after_becoming_plain(tracker):
    item = dataclasses.replace(tracker.items[0], summary_html="<p>=HYPERLINK(1)</p>")
    document = dataclasses.replace(tracker, items=(item,))
    assert csv_rows(document)[1][3] == "'=HYPERLINK(1)"
    sheet = openpyxl.load_workbook(io.BytesIO(tracker_xlsx(document)))["Tracker"]
    assert sheet["D2"].data_type == "s"
    assert sheet["D2"].value == "=HYPERLINK(1)"


def test_the_word_performance_reports_charts_are_pictures_with_their_text_alternative():
    document = docx.Document(io.BytesIO(performance_report_docx(report())))
    pictures = list(document.element.body.iter(qn("wp:docPr")))
    assert len(pictures) == len(report().trends)
    description = pictures[0].get("descr")
    assert description.startswith("Quarterly figures from 2024/25 Q1 to 2024/25 Q3")
    assert "In 2024/25 Q3 the value was 80.4% against a target of 86.6%: Red." in description
    assert pictures[0].get("title").startswith("Trend chart: CP01")
    # The same words are on the page, before the picture, for everyone.
    assert any(p.text == description for p in document.paragraphs)
    image = document.inline_shapes[0]
    assert image.width > 0
