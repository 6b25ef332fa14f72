"""The closures proposed for a meeting, as the agenda pack prints them: Word, PDF (tagged,
page numbers, the house style's running header) and the print view, from one document."""

from __future__ import annotations

import datetime
import io

import docx
import pytest

from scrutineer.files.documents import ClosureListDocument, ExportProposedClosure, HouseStyle
from scrutineer.files.writers.docx import closure_list_docx
from scrutineer.files.writers.html import closure_list_html
from scrutineer.files.writers.pdf import closure_list_pdf
from tests.files.test_pdf import HOSTILE, in_order, pages, poppler, squashed

STYLE = HouseStyle(
    council_name="Thurrock Council", contact_footer="democratic.services@example.gov.uk"
)


def closure(n: int, **overrides) -> ExportProposedClosure:
    values = {
        "reference": f"CO&S 24/25-0{n}",
        "item": f"{n}. 2025/26 Budget Savings Proposals",
        "text": f"Present a report on progress with the savings plan {n}.",
        "proposed_by": "Sarah Brown",
        "proposed_on": datetime.date(2025, 10, 1),
        "reason": f"The report was presented to Cabinet in March {n}.",
    }
    return ExportProposedClosure(**(values | overrides))


@pytest.fixture
def document() -> ClosureListDocument:
    return ClosureListDocument(
        style=STYLE,
        committee="Corporate Overview and Scrutiny Committee",
        meeting_date=datetime.date(2025, 11, 5),
        closures=(
            closure(1),
            closure(
                2,
                latest_update="The action plan is published.",
                latest_update_on=datetime.date(2025, 10, 20),
                is_exempt=True,
            ),
        ),
    )


def test_the_pdf_is_tagged_numbered_and_in_the_house_style(document, tmp_path):
    pdf = closure_list_pdf(document)
    info = poppler("pdfinfo", pdf, tmp_path)
    assert "Tagged:          yes" in info
    assert "Recommendations proposed for closure" in info
    text = pages(pdf, tmp_path)
    assert len(text) == 1
    # The running header, then the title; the table's cells wrap, so each is looked for alone.
    assert in_order(
        text[0],
        [
            "Thurrock Council",
            "Meeting of 5 November 2025",
            "Recommendations proposed for closure",
            "Corporate Overview and Scrutiny Committee, meeting of 5 November 2025",
        ],
    )
    for needle in [
        "CO&S 24/25-01",
        "savings plan 1.",
        "Cabinet in March 1.",
        "Sarah Brown, 1",
        "Exempt: not for publication",
        "Latest update, 20 October 2025:",
        "democratic.services@example.gov.uk",
        "Page 1 of 1",
    ]:
        assert squashed(needle) in squashed(text[0]), needle


def test_the_word_file_holds_the_same(document):
    word = docx.Document(io.BytesIO(closure_list_docx(document)))
    assert word.paragraphs[1].text == (
        "Corporate Overview and Scrutiny Committee, meeting of 5 November 2025"
    )
    rows = [[cell.text for cell in row.cells] for row in word.tables[0].rows]
    assert rows[0] == ["Ref", "Recommendation", "Officer's reason for closing", "Proposed by"]
    assert rows[1][0] == "CO&S 24/25-01"
    assert "Exempt: not for publication" in rows[2][1]
    assert "Latest update, 20 October 2025: The action plan is published." in rows[2][2]
    assert rows[1][3] == "Sarah Brown, 1 October 2025"


def test_an_empty_list_says_so(document, tmp_path):
    empty = ClosureListDocument(
        style=STYLE, committee="Place O&S", meeting_date=datetime.date(2025, 11, 5), closures=()
    )
    assert "No recommendations are proposed" in pages(closure_list_pdf(empty), tmp_path)[0]
    word = docx.Document(io.BytesIO(closure_list_docx(empty)))
    assert "No recommendations are proposed" in word.paragraphs[2].text
    assert "No recommendations are proposed" in closure_list_html(empty)


def test_what_people_typed_is_text_in_every_format(tmp_path):
    hostile = ClosureListDocument(
        style=STYLE,
        committee="Place O&S",
        meeting_date=datetime.date(2025, 11, 5),
        closures=tuple(closure(n, reason=text, text=text) for n, text in enumerate(HOSTILE)),
    )
    text = "".join(pages(closure_list_pdf(hostile), tmp_path))
    assert '#read("/etc/passwd")' in text
    html = closure_list_html(hostile)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    closure_list_docx(hostile)
