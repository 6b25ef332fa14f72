"""The Word writers: the seed tracker and briefing note, read back with python-docx."""

import datetime
import functools
import io
import struct
import zlib
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm

from scrutineer.files.documents import (
    BriefingDocument,
    ExportComment,
    ExportItem,
    ExportRecommendation,
    ExportResponse,
    HouseStyle,
    TrackerDocument,
)
from scrutineer.files.writers.docx import briefing_docx, tracker_docx
from tests.files.seed import seed_briefing, seed_tracker

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
AS_AT = datetime.date(2026, 11, 24)
STYLE = HouseStyle(council_name="Thurrock Council")


def item(number: int = 1, **changes) -> ExportItem:
    """A one-recommendation item; ``changes`` replace any field."""
    fields = {
        "number": number,
        "meeting_date": datetime.date(2025, 1, 14),
        "title": f"Report {number}",
        "summary_html": "<p>Discussed.</p>",
        "status": "open",
        "assigned_to": ("Dawn Calvert",),
        "progress_html": "",
        "recommendations": (ExportRecommendation("1", "Noted.", "open", ()),),
    }
    return ExportItem(**(fields | changes))


def tracker_of(*items: ExportItem, style: HouseStyle = STYLE) -> TrackerDocument:
    return TrackerDocument("Thurrock Council", "Corporate O&S Committee", "Corporate O&S", AS_AT,
                           items, style=style)  # fmt: skip


def read(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


@functools.cache
def seed_tracker_doc(*, with_forward_plan: bool = False) -> docx.document.Document:
    return read(tracker_docx(seed_tracker(), with_forward_plan=with_forward_plan))


def cell_lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs]


def png(width: int = 2, height: int = 1) -> bytes:
    """A minimal valid PNG, so the logo test needs no image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height)))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


# Tracker


def test_tracker_has_a_header_row_then_one_row_per_item():
    (table,) = seed_tracker_doc().tables
    assert len(table.rows) == 15
    assert [c.text for c in table.rows[0].cells] == [
        "No",
        "Meeting Date",
        "Report Title",
        "Summary of O&S discussion",
        "O&S recommendations",
        "Open / Closed",
        "Assigned to",
        "Progress of O&S recommendations",
    ]
    assert [row.cells[0].text for row in table.rows[1:]] == [str(n) for n in range(1, 15)]


def test_tracker_header_row_repeats_on_every_page_and_data_rows_may_split():
    (table,) = seed_tracker_doc().tables
    header = table.rows[0]._tr
    assert header.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    for row in table.rows[1:]:
        assert row._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None
        assert row._tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is None


def test_tracker_page_is_landscape_a4_with_narrow_margins():
    section = seed_tracker_doc().sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Cm(29.7)) < Cm(0.01)
    assert abs(section.page_height - Cm(21.0)) < Cm(0.01)
    for margin in (section.left_margin, section.right_margin, section.bottom_margin):
        assert abs(margin - Cm(1.5)) < Cm(0.01)


def test_tracker_columns_give_the_room_to_the_text():
    (table,) = seed_tracker_doc().tables
    widths = [column.width for column in table.columns]
    assert widths[0] < widths[2] < widths[3]
    assert widths[1] < widths[4]
    assert widths[5] < widths[7]
    assert abs(sum(widths) - Cm(26.7)) < Cm(0.05)


def test_tracker_title_is_a_heading():
    heading = seed_tracker_doc().paragraphs[0]
    assert heading.text == "Corporate O&S Recommendations Tracker"
    assert heading.style.name == "Heading 1"


def test_every_title_and_recommendation_is_in_its_own_row():
    document = seed_tracker()
    (table,) = seed_tracker_doc().tables
    for export, row in zip(document.items, table.rows[1:], strict=True):
        cells = row.cells
        assert cells[2].text == export.title
        lines = cell_lines(cells[4])
        for recommendation in export.recommendations:
            assert f"{recommendation.number}. {recommendation.text}" in lines


def test_dates_status_and_assignees_are_written_out():
    (table,) = seed_tracker_doc().tables
    row = table.rows[3].cells
    assert row[1].text == "17 September 2024"
    assert row[5].text == "Closed"
    assert row[6].text == "Dawn Calvert / O&S Officers"
    assert table.rows[2].cells[5].text == "Open"


def test_recommendation_preamble_comes_once_before_the_numbered_list():
    (table,) = seed_tracker_doc().tables
    lines = cell_lines(table.rows[9].cells[4])
    assert lines[0] == "Cabinet to:"
    assert lines[1].startswith("1. Present a report")
    assert lines[6].startswith("6. Take into consideration")
    assert len(lines) == 7


def test_html_lists_become_paragraphs_with_bullets_and_a_hanging_indent():
    (table,) = seed_tracker_doc().tables
    summary = table.rows[10].cells[3].paragraphs
    bullets = [p for p in summary if p.text.startswith("\N{BULLET} ")]
    assert len(bullets) == 8
    assert bullets[0].text == "\N{BULLET} The potential entrance to the site from North Stifford."
    indent = bullets[0].paragraph_format
    assert indent.first_line_indent < 0 < indent.left_indent
    assert (
        summary[1].text
        == "The proposals were welcomed by the Committee. Areas of discussion included:"
    )


def test_ordered_lists_are_numbered_and_nested_lists_indented_further():
    html = "<ol><li>One<ul><li>Inner</li></ul></li><li>Two</li></ol><p>After</p>"
    (table,) = read(tracker_docx(tracker_of(item(progress_html=html)))).tables
    paragraphs = table.rows[1].cells[7].paragraphs
    assert [p.text for p in paragraphs] == ["1. One", "\N{BULLET} Inner", "2. Two", "After"]
    assert paragraphs[1].paragraph_format.left_indent > paragraphs[0].paragraph_format.left_indent
    assert paragraphs[3].paragraph_format.left_indent is None


def test_paragraphs_inside_list_items_keep_their_number():
    html = "<ol><li><p>First</p></li><li><p>Second</p></li></ol>"
    (table,) = read(tracker_docx(tracker_of(item(summary_html=html)))).tables
    assert cell_lines(table.rows[1].cells[3]) == ["1. First", "2. Second"]


def test_inline_html_becomes_real_formatting():
    html = (
        "<p>Plain <strong>bold</strong> <b>also</b> <em>slanted</em> <u>under</u> "
        "24<sup>th</sup><br>next line &amp; more</p>"
    )
    (table,) = read(tracker_docx(tracker_of(item(summary_html=html)))).tables
    (paragraph,) = table.rows[1].cells[3].paragraphs
    runs = {run.text: run for run in paragraph.runs}
    assert runs["bold"].bold
    assert runs["also"].bold
    assert runs["slanted"].italic
    assert runs["under"].underline
    assert runs["th"].font.superscript
    assert not runs["Plain "].bold
    assert paragraph.text.endswith("24th\nnext line & more")


def test_safe_html_links_become_hyperlinks_and_others_plain_text():
    html = (
        '<p><a href="https://thurrock.gov.uk/x">site</a> <a href="javascript:alert(1)">bad</a></p>'
    )
    (table,) = read(tracker_docx(tracker_of(item(progress_html=html)))).tables
    (paragraph,) = table.rows[1].cells[7].paragraphs
    assert [link.address for link in paragraph.hyperlinks] == ["https://thurrock.gov.uk/x"]
    assert paragraph.text == "site bad"


def test_header_names_council_committee_and_date_on_every_page():
    header = seed_tracker_doc().sections[0].header
    assert not header.is_linked_to_previous
    text = header.paragraphs[0].text
    assert text == (
        "Thurrock Council\tCorporate Overview and Scrutiny Committee\tAs at 24 November 2026"
    )


def test_footer_counts_pages_with_page_and_numpages_fields():
    footer = seed_tracker_doc().sections[0].footer
    codes = [c.text.strip() for c in footer._element.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]
    assert footer.paragraphs[-1].text == "Page 1 of 1"


def test_tables_use_the_house_font():
    doc = read(
        tracker_docx(tracker_of(item(), style=HouseStyle("Thurrock", font_family="Verdana")))
    )
    normal = doc.styles["Normal"].font
    assert normal.name == "Verdana"
    assert normal.size.pt == 9
    assert doc.styles["Heading 1"].font.name == "Verdana"


def test_logo_goes_in_the_header_and_a_broken_one_is_left_out():
    with_logo = read(tracker_docx(tracker_of(item(), style=HouseStyle("T", logo_png=png()))))
    assert len(with_logo.sections[0].header.part.package.image_parts) == 1
    broken = read(tracker_docx(tracker_of(item(), style=HouseStyle("T", logo_png=b"\x89PNG"))))
    assert not broken.sections[0].header.part.package.image_parts
    assert broken.sections[0].header.paragraphs[0].text.startswith("Thurrock Council\t")


def test_forward_plan_follows_on_a_new_page_in_its_own_table():
    doc = seed_tracker_doc(with_forward_plan=True)
    _tracker, plan = doc.tables
    assert len(plan.rows) == 9
    assert [c.text for c in plan.rows[0].cells] == [
        "No.",
        "Report Title",
        "Cabinet Date",
        "Information for Corporate O&S",
    ]
    assert {row.cells[2].text for row in plan.rows[1:]} == {"March 2025"}
    assert plan.rows[5].cells[1].text.startswith("South East Local Enterprise Partnership")
    assert plan.rows[8].cells[3].text.startswith("Falls within Audit Committee remit.")
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[-1] == "Cabinet Forward Plan \N{EN DASH} Items for Corporate O&S"
    assert doc.element.body.find(f".//{qn('w:br')}[@{qn('w:type')}='page']") is not None


def test_forward_plan_is_left_out_unless_asked_for():
    assert len(seed_tracker_doc().tables) == 1


# Briefing note


@functools.cache
def seed_briefing_doc() -> docx.document.Document:
    return read(briefing_docx(seed_briefing()))


def test_briefing_is_portrait_a4():
    section = seed_briefing_doc().sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert abs(section.page_width - Cm(21.0)) < Cm(0.01)
    assert section.header.paragraphs[0].text == "Thurrock Council"
    codes = [c.text.strip() for c in section.footer._element.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]


def test_briefing_opens_with_addressee_title_and_purpose():
    first, title, purpose = seed_briefing_doc().paragraphs[:3]
    assert first.text == "Cabinet"
    assert title.text.startswith("Briefing Note: Corporate Plan Performance Management")
    assert all(run.bold for run in title.runs)
    assert purpose.runs[0].text == "Purpose of the briefing note:"
    assert purpose.runs[0].bold
    assert purpose.text.endswith("(PMAF) Report (Quarter 3 2024/25).")


def test_briefing_paragraphs_are_numbered_in_the_seed_order():
    paragraphs = seed_briefing_doc().paragraphs[3:]
    labels = [p.text.split(" ", 1)[0] for p in paragraphs]
    assert labels[:13] == [
        "1.1",
        "1.1.1",
        "a.",
        "b.",
        "1.1.2",
        "a.",
        "1.1.3",
        "a.",
        "1.1.4",
        "1.1.5",
        "a.",
        "1.1.6",
        "a.",
    ]
    assert labels[13:15] == ["1.2", "1."]
    assert paragraphs[0].text.startswith("1.1 This report was considered by the Corporate O&S")
    expected = "1.2 The Corporate Overview and Scrutiny Committee agreed the recommendations:"
    assert paragraphs[13].text == expected


def test_briefing_indents_each_level_further():
    paragraphs = seed_briefing_doc().paragraphs[3:6]
    starts = [p.paragraph_format.left_indent for p in paragraphs]
    assert starts[0] < starts[1] < starts[2]
    assert all(p.paragraph_format.first_line_indent < 0 for p in paragraphs)


def test_briefing_recommendations_are_italic():
    paragraph = seed_briefing_doc().paragraphs[17]
    assert paragraph.text == (
        "1. Corporate O&S reviewed the report and made comments for Cabinet to consider."
    )
    assert all(run.italic for run in paragraph.runs)


def test_briefing_ends_with_contact_block_and_mailto_link():
    *_, lead, name, email = seed_briefing_doc().paragraphs
    assert lead.text == "For any questions regarding this briefing note, please contact:"
    assert lead.runs[0].bold
    assert name.text == "Name: Lucy Smith"
    assert name.runs[0].bold
    assert email.text == "E-mail: lucy.smith@thurrock.gov.uk"
    (link,) = email.hyperlinks
    assert link.address == "mailto:lucy.smith@thurrock.gov.uk"


def test_briefing_prints_job_title_and_telephone_when_known():
    document = seed_briefing()
    fuller = BriefingDocument(
        **(vars(document) | {"contact_role": "Scrutiny Officer", "contact_phone": "01375 652082"})
    )
    lines = [p.text for p in read(briefing_docx(fuller)).paragraphs[-4:]]
    assert lines == [
        "Name: Lucy Smith",
        "Job title: Scrutiny Officer",
        "E-mail: lucy.smith@thurrock.gov.uk",
        "Telephone: 01375 652082",
    ]


# Hostile input and scale


HOSTILE = "<script>alert(1)</script>\x00\x01\x08\x0b\x0c\x1f\ud800 & " + "x" * 5000


def test_hostile_text_in_a_tracker_never_raises():
    nasty = item(
        title=HOSTILE,
        summary_html=f"<p>{HOSTILE}</p>&lt;script&gt;<ol><li>\x07</li><p",
        progress_html="<li>stray</li></ol></ul></b></a><script>hidden()</script>",
        assigned_to=(HOSTILE,),
        recommendations=(ExportRecommendation("", HOSTILE, "open", (), preamble=HOSTILE),),
    )
    hostile_style = HouseStyle(HOSTILE, font_family=HOSTILE[:40], contact_footer=HOSTILE)
    (table,) = read(tracker_docx(tracker_of(nasty, style=hostile_style))).tables
    cells = table.rows[1].cells
    assert cells[2].text.startswith("<script>alert(1)</script> & xxx")
    assert "\x00" not in cells[2].text
    assert "<script>" in cells[3].text
    assert cell_lines(cells[7]) == ["\N{BULLET} stray"]


def test_hostile_text_in_a_briefing_never_raises():
    document = BriefingDocument(
        council=HOSTILE,
        addressee=HOSTILE,
        title=HOSTILE,
        purpose=HOSTILE,
        meeting_date=AS_AT,
        committee=HOSTILE,
        introduction=HOSTILE,
        comments=(ExportComment(HOSTILE, HOSTILE, (ExportResponse(HOSTILE, HOSTILE),)),),
        recommendations=((HOSTILE, HOSTILE),),
        contact_name=HOSTILE,
        contact_role=HOSTILE,
        contact_email='x"@y.com\x00 <>',
        contact_phone=HOSTILE,
        style=HouseStyle(HOSTILE, logo_png=b"not a png"),
    )
    paragraphs = read(briefing_docx(document)).paragraphs
    assert paragraphs[0].text.startswith("<script>")


def test_two_thousand_items_build_and_report_progress():
    items = tuple(
        item(
            n,
            summary_html="<p>A <strong>long</strong> talk.</p><ul><li>One</li><li>Two</li></ul>",
            progress_html="<p>Done.</p>",
        )
        for n in range(1, 2001)
    )
    calls: list[tuple[int, int]] = []
    data = tracker_docx(
        tracker_of(*items), progress=lambda done, total: calls.append((done, total))
    )
    assert calls == [(n, 2000) for n in range(100, 2001, 100)]
    (table,) = read(data).tables
    assert len(table.rows) == 2001


def test_progress_reports_the_last_partial_hundred():
    calls: list[tuple[int, int]] = []
    tracker_docx(tracker_of(*(item(n) for n in range(1, 151))), progress=lambda *a: calls.append(a))
    assert calls == [(100, 150), (150, 150)]


@pytest.mark.parametrize("status", ["open", "closed"])
def test_status_is_capitalised(status):
    (table,) = read(tracker_docx(tracker_of(item(status=status)))).tables
    assert table.rows[1].cells[5].text == status.capitalize()
