"""The printed tracker and briefing note reproduce the council's documents as HTML (the print
view and the web-page export; the PDFs are tested in test_pdf.py)."""

import dataclasses
import re
from pathlib import Path

import pytest
from django.utils.html import escape

from scrutineer.files.documents import (
    BriefingDocument,
    HouseStyle,
    TrackerDocument,
)
from scrutineer.files.writers.html import briefing_html, print_css, tracker_html
from tests.files.seed import seed_briefing, seed_tracker

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
COUNCIL = "Thurrock Council"
HOSTILE = "<script>alert(1)</script>"
# The smallest valid PNG: one transparent pixel.
PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000005a0c0a2e40000000049454e44ae426082"
)


@pytest.fixture(scope="module")
def tracker() -> TrackerDocument:
    return seed_tracker()


@pytest.fixture(scope="module")
def briefing() -> BriefingDocument:
    return seed_briefing()


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
