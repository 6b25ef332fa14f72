"""The printed tracker and briefing note reproduce the council's documents, in HTML and PDF."""

import dataclasses
import gc
import re
import subprocess
from pathlib import Path

import pytest
from django.utils.html import escape

from scrutineer.files.documents import (
    BriefingDocument,
    HouseStyle,
    TrackerDocument,
)
from scrutineer.files.writers.html import (
    briefing_html,
    briefing_pdf,
    print_css,
    tracker_html,
    tracker_pdf,
)
from tests.files.seed import seed_briefing, seed_tracker

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
COUNCIL = "Thurrock Council"
HOSTILE = "<script>alert(1)</script>"
# The smallest valid PNG: one transparent pixel.
PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000005a0c0a2e40000000049454e44ae426082"
)


def squashed(text: str) -> str:
    """Text with all whitespace removed, since cells wrap words across lines."""
    return re.sub(r"\s+", "", text)


def pdf_text(pdf: bytes, tmp_path: Path, *, layout: bool = True) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    flags = ["-layout"] if layout else []
    result = subprocess.run(
        ["pdftotext", *flags, str(path), "-"], capture_output=True, check=True, text=True
    )
    return result.stdout


@pytest.fixture(scope="module")
def tracker() -> TrackerDocument:
    return seed_tracker()


@pytest.fixture(scope="module")
def briefing() -> BriefingDocument:
    return seed_briefing()


@pytest.fixture(scope="module")
def tracker_pdf_bytes(tracker) -> bytes:
    return tracker_pdf(tracker, with_forward_plan=True)


@pytest.fixture(scope="module")
def briefing_pdf_bytes(briefing) -> bytes:
    return briefing_pdf(briefing)


@pytest.fixture(scope="module")
def tracker_pdf_texts(tracker_pdf_bytes, tmp_path_factory) -> tuple[str, str]:
    folder = tmp_path_factory.mktemp("tracker")
    # -layout interleaves the lines of side-by-side cells, so a title wrapped over three lines
    # comes out in pieces; pdftotext's reading order keeps each cell's text together.
    return (
        pdf_text(tracker_pdf_bytes, folder),
        pdf_text(tracker_pdf_bytes, folder, layout=False),
    )


@pytest.fixture(scope="module")
def briefing_pdf_text(briefing_pdf_bytes, tmp_path_factory) -> str:
    return pdf_text(briefing_pdf_bytes, tmp_path_factory.mktemp("briefing"))


def body_rows(html: str, table: int = 0) -> int:
    tbody = html.split("<tbody>")[table + 1].split("</tbody>")[0]
    return tbody.count("<tr>")


def test_seed_tracker_prints_every_row_title_and_recommendation(tracker):
    html = tracker_html(tracker)

    assert body_rows(html) == 14
    for item in tracker.items:
        assert escape(item.title) in html
        for recommendation in item.recommendations:
            assert escape(recommendation.text) in html


def test_tracker_headers_are_column_headers_in_order(tracker):
    html = tracker_html(tracker)

    headers = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', html)
    assert headers == [
        "No",
        "Meeting Date",
        "Report Title",
        "Summary of O&amp;S discussion",
        "O&amp;S recommendations",
        "Open / Closed",
        "Assigned to",
        "Progress of O&amp;S recommendations",
    ]
    assert "<caption>" in html
    assert 'lang="en-GB"' in html


def test_tracker_row_prints_dates_status_assignees_and_numbered_recommendations(tracker):
    html = tracker_html(tracker)

    assert "17 September 2024" in html
    assert "Dawn Calvert / O&amp;S Officers" in html
    assert "<td>Open</td>" in html
    assert "<p>Cabinet to:</p>" in html
    assert '<li value="6">' in html


def test_summary_and_progress_html_are_kept_as_markup(tracker):
    html = tracker_html(tracker)

    assert "<ul><li>The potential entrance to the site from North Stifford.</li>" in html


def test_standalone_document_inlines_the_print_css_and_running_headers(tracker):
    html = tracker_html(tracker)

    assert html.startswith("<!DOCTYPE html>")
    assert print_css() in html
    assert "size: A4 landscape" in html
    assert '"As at 24 November 2026"' in html
    assert '"Thurrock Council"' in html


def test_fragment_has_no_inline_styles(tracker, briefing):
    fragments = [
        tracker_html(tracker, with_forward_plan=True, standalone=False),
        briefing_html(briefing, standalone=False),
    ]

    for fragment in fragments:
        assert fragment.lstrip().startswith('<div class="scrutineer-print')
        assert "style=" not in fragment
        assert "<style" not in fragment
        assert "<html" not in fragment


def test_forward_plan_is_printed_only_when_asked(tracker):
    without = tracker_html(tracker)
    html = tracker_html(tracker, with_forward_plan=True)

    assert "Cabinet Forward Plan" not in without
    assert "<h2>Cabinet Forward Plan \N{EN DASH} Items for Corporate O&amp;S</h2>" in html
    assert body_rows(html, table=1) == 8
    assert "Information for Corporate O&amp;S</th>" in html
    assert "<td>March 2025</td>" in html


def test_hostile_strings_come_out_escaped(tracker, briefing):
    item = dataclasses.replace(tracker.items[0], title=HOSTILE, assigned_to=(HOSTILE,))
    hostile_tracker = dataclasses.replace(
        tracker,
        council=HOSTILE,
        committee=f"</style>{HOSTILE}",
        items=(item,),
        style=HouseStyle(council_name=HOSTILE, font_family=f'"}}</style>{HOSTILE}'),
    )
    hostile_briefing = dataclasses.replace(
        briefing, title=HOSTILE, purpose=HOSTILE, contact_email=f'"{HOSTILE}'
    )

    for html in (
        tracker_html(hostile_tracker, with_forward_plan=True),
        tracker_html(hostile_tracker, standalone=False),
        briefing_html(hostile_briefing),
    ):
        assert "<script" not in html
        assert html.count("</style>") <= 1
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_logo_is_a_data_uri_image():
    tracker = dataclasses.replace(
        seed_tracker(), style=HouseStyle(council_name=COUNCIL, logo_png=PIXEL_PNG)
    )

    html = tracker_html(tracker, standalone=False)

    assert '<img class="print-logo" src="data:image/png;base64,iVBORw0KGgo' in html
    assert f'alt="{COUNCIL}"' in html


def test_briefing_reproduces_the_seed_structure(briefing):
    html = briefing_html(briefing)

    assert "<h1>Cabinet</h1>" in html
    assert "<h2>Briefing Note: Corporate Plan Performance Management" in html
    assert "<strong>Purpose of the briefing note:</strong> To inform Cabinet" in html
    for number in ("1.1", "1.1.1", "1.1.6", "a.", "b.", "1.2", "1."):
        assert f'<span class="print-num">{number}&nbsp;</span>' in html
    assert "The Corporate Overview and Scrutiny Committee agreed the recommendations:" in html
    assert "<em>Corporate O&amp;S reviewed the report" in html
    assert '<a href="mailto:lucy.smith@thurrock.gov.uk">lucy.smith@thurrock.gov.uk</a>' in html
    assert "Job title:" not in html
    assert "Telephone:" not in html


def test_tracker_pdf_holds_every_title_and_page_furniture(
    tracker, tracker_pdf_bytes, tracker_pdf_texts
):
    layout, reading_order = tracker_pdf_texts

    assert tracker_pdf_bytes.startswith(b"%PDF")
    assert "Page 1 of" in layout
    assert COUNCIL in layout
    assert "As at 24 November 2026" in layout
    text = squashed(reading_order)
    for item in tracker.items:
        assert squashed(item.title) in text
    for entry in tracker.forward_plan:
        assert squashed(entry.title) in text


def test_tracker_pdf_without_forward_plan_leaves_it_out(tracker, tmp_path):
    text = squashed(pdf_text(tracker_pdf(tracker), tmp_path, layout=False))

    assert squashed(tracker.items[-1].title) in text
    assert squashed("Cabinet Forward Plan") not in text


def test_briefing_pdf_keeps_its_paragraph_numbers(briefing_pdf_bytes, briefing_pdf_text):
    text = briefing_pdf_text

    assert briefing_pdf_bytes.startswith(b"%PDF")
    assert "Page 1 of" in text
    assert COUNCIL in text
    for number in ("1.1.1", "1.1.6", "a.", "1.2", "lucy.smith@thurrock.gov.uk"):
        assert number in text
    assert squashed("Briefing Note: Corporate Plan Performance") in squashed(text)


def test_long_tracker_prints_every_row_with_pages_numbered_to_the_last(tracker, tmp_path):
    # More rows than one <tbody> holds, so the table comes in several row groups.
    rows = 60
    items = tuple(
        dataclasses.replace(
            tracker.items[0],
            number=n + 1,
            title=f"Report {n + 1}",
            summary_html="<p>The committee discussed the report.</p>",
            progress_html="<p>Under way.</p>",
        )
        for n in range(rows)
    )
    long_tracker = dataclasses.replace(tracker, items=items, forward_plan=())

    html = tracker_html(long_tracker)
    pdf = tracker_pdf(long_tracker)

    groups = html.count("<tbody>")
    assert groups > 1
    assert sum(body_rows(html, table) for table in range(groups)) == rows
    pages = pdf_text(pdf, tmp_path).split("\f")[:-1]  # pdftotext ends every page with a form feed
    assert len(pages) > 1
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
    for page in pages:
        assert "Report Title" in page  # the column headers repeat on every page
    titles = re.findall(r"Report \d+", "".join(pages))
    assert sorted(set(titles), key=lambda title: int(title.split()[1])) == [
        f"Report {number}" for number in range(1, rows + 1)
    ]


@pytest.mark.parametrize("enabled", [True, False], ids=["enabled", "disabled"])
def test_rendering_a_pdf_leaves_the_garbage_collector_as_it_found_it(tracker, enabled):
    small = dataclasses.replace(tracker, items=tracker.items[:1], forward_plan=())
    was_enabled = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        tracker_pdf(small)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was_enabled else gc.disable)()
