"""The PDFs, set by Typst, reproduce the council's tracker and briefing note: read back with
poppler (pdftotext for the text in reading order, pdfinfo for the metadata and the tagged
structure), so the checks are those of another PDF reader, not of the writer."""

import dataclasses
import re
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from scrutineer.files.documents import (
    ExportRecommendation,
    HouseStyle,
    TrackerDocument,
)
from scrutineer.files.formats import tracker_chunks
from scrutineer.files.writers.pdf import briefing_pdf, font_families, tracker_pdf
from scrutineer.files.writers.pdf_html import html_blocks
from tests.files.seed import COUNCIL, seed_briefing, seed_tracker


def png(width: int, height: int) -> bytes:
    """A grey PNG of that many pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


LOGO = png(240, 60)
HOSTILE = ('#import "x"', '#read("/etc/passwd")', "]", "$x$", "*bold*", "<script>alert(1)</script>")


def squashed(text: str) -> str:
    """Text with all whitespace removed, since cells wrap words across lines."""
    return re.sub(r"\s+", "", text)


def poppler(tool: str, pdf: bytes, tmp_path: Path, *flags: str) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        [tool, *flags, str(path), *(["-"] if tool == "pdftotext" else [])],
        capture_output=True,
        check=True,
        encoding="utf-8",
        errors="replace",
    )
    return result.stdout


def pages(pdf: bytes, tmp_path: Path) -> list[str]:
    """Each page's text in reading order (pdftotext ends every page with a form feed)."""
    return poppler("pdftotext", pdf, tmp_path).split("\f")[:-1]


def in_order(text: str, needles: list[str]) -> bool:
    """Whether every needle is in ``text``, one after the other (whitespace aside)."""
    text, position = squashed(text), 0
    for needle in needles:
        position = text.find(squashed(needle), position)
        if position < 0:
            return False
        position += len(squashed(needle))
    return True


def cross_reference_is_sound(pdf: bytes) -> bool:
    """Every object is where the cross-reference table says it is."""
    start = int(pdf[pdf.rindex(b"startxref") + 9 :].split()[0])
    lines = pdf[start:].split(b"\n")
    assert lines[0] == b"xref"
    first, count = (int(x) for x in lines[1].split())
    for number, line in enumerate(lines[2 : 2 + count], start=first):
        offset, _, kind = line.split()
        if kind == b"n" and not pdf.startswith(b"%d 0 obj" % number, int(offset)):
            return False
    return True


@pytest.fixture(scope="module")
def tracker() -> TrackerDocument:
    return seed_tracker()


@pytest.fixture(scope="module")
def tracker_with_plan(tracker) -> bytes:
    return tracker_pdf(tracker, with_forward_plan=True)


@pytest.fixture(scope="module")
def tracker_in_parts(tracker) -> bytes:
    return tracker_pdf(tracker, with_forward_plan=True, part_items=4)


def test_tracker_pdf_holds_every_item_in_order_then_the_forward_plan(
    tracker, tracker_with_plan, tmp_path
):
    text = "".join(pages(tracker_with_plan, tmp_path))

    titles = [item.title for item in tracker.items]
    plan = [tracker.forward_plan_title, *(entry.title for entry in tracker.forward_plan)]
    assert in_order(text, [tracker.title, *titles, *plan])
    assert squashed("Dawn Calvert / O&S Officers") in squashed(text)
    assert "30 July 2024" in text


def test_tracker_pdf_without_forward_plan_leaves_it_out(tracker, tmp_path):
    text = squashed("".join(pages(tracker_pdf(tracker), tmp_path)))

    assert squashed(tracker.items[-1].title) in text
    assert squashed("Cabinet Forward Plan") not in text


def test_every_page_has_the_running_header_column_headers_and_its_number(
    tracker_with_plan, tmp_path
):
    printed = pages(tracker_with_plan, tmp_path)

    assert len(printed) > 2
    for number, page in enumerate(printed, start=1):
        assert COUNCIL in page
        assert "Corporate Overview and Scrutiny Committee" in page
        assert "As at 24 November 2026" in page
        assert f"Page {number} of {len(printed)}" in page
    for page in printed[:-1]:  # the last is the forward plan's, with its own headers
        assert "Report Title" in page
        assert squashed("Progress of O&S recommendations") in squashed(page)


def test_recommendations_keep_their_numbers_after_a_preamble(tracker, tmp_path):
    item = dataclasses.replace(
        tracker.items[0],
        recommendations=(
            ExportRecommendation("1", "Publish the plan.", "open", ()),
            ExportRecommendation("2", "Review the budget.", "open", (), "Cabinet to:"),
            ExportRecommendation("3", "Report back in March.", "open", (), "Cabinet to:"),
            ExportRecommendation("4a", "Write to the minister.", "open", ()),
        ),
    )
    document = dataclasses.replace(tracker, items=(item,))

    text = "".join(pages(tracker_pdf(document), tmp_path))

    assert in_order(
        text,
        [
            "1. Publish the plan.",
            "Cabinet to:",
            "2. Review the budget.",
            "3. Report back in March.",
            "4a. Write to the minister.",
        ],
    )
    assert "1. Review" not in text


def test_the_seeds_cabinet_recommendations_are_numbered_one_to_six(tracker_with_plan, tmp_path):
    text = "".join(pages(tracker_with_plan, tmp_path))

    assert in_order(text, ["Cabinet to:", *(f"{n}. " for n in range(1, 7))])


def test_rich_text_keeps_its_paragraphs_lists_and_emphasis(tracker, tmp_path):
    item = dataclasses.replace(
        tracker.items[0],
        summary_html=(
            "<p>First <strong>bold</strong> and <em>italic</em>.</p>"
            "<ul><li>One point</li><li>Another point</li></ul>"
            '<ol><li>Step one</li><li>Step two <a href="https://example.org/x">link</a></li></ol>'
        ),
        progress_html="Line one<br>Line two",
    )
    pdf = tracker_pdf(dataclasses.replace(tracker, items=(item,)))
    text = "".join(pages(pdf, tmp_path))

    assert in_order(text, ["First bold and italic.", "• One point", "• Another point"])
    assert in_order(text, ["1. Step one", "2. Step two link", "Line one", "Line two"])
    assert b"https://example.org/x" in pdf


def test_the_pdf_is_tagged_titled_and_in_british_english(tracker_with_plan, tmp_path):
    info = poppler("pdfinfo", tracker_with_plan, tmp_path)
    structure = poppler("pdfinfo", tracker_with_plan, tmp_path, "-struct-text")

    assert re.search(r"Title:\s+Corporate O&S Recommendations Tracker", info)
    assert re.search(r"Tagged:\s+yes", info)
    assert b"/StructTreeRoot" in tracker_with_plan
    assert b"/MarkInfo<</Marked true" in tracker_with_plan
    assert b"/Lang(en-GB)" in tracker_with_plan
    assert b"<pdfuaid:part>1</pdfuaid:part>" in tracker_with_plan  # declares PDF/UA-1
    assert b"/DisplayDocTitle true" in tracker_with_plan
    # The structure a screen reader walks: headings, a table with its caption and headers.
    assert 'H1 "Corporate O&S Recommendations Tracker"' in structure
    assert "Caption" in structure
    assert structure.count("TH ") >= 8
    assert "H2 " in structure


def test_hostile_text_is_printed_literally_and_does_nothing_else(tracker, tmp_path):
    hostile = " ".join(HOSTILE)
    item = dataclasses.replace(
        tracker.items[0],
        title=hostile,
        summary_html=f"<p>{hostile.replace('<', '&lt;')}</p>",
        assigned_to=(hostile,),
        recommendations=(ExportRecommendation("1", hostile, "open", (), hostile),),
    )
    document = dataclasses.replace(
        tracker,
        council=hostile,
        committee=hostile,
        committee_short=hostile,
        items=(item,),
        style=HouseStyle(council_name=hostile, font_family=hostile, contact_footer=hostile),
    )

    pdf = tracker_pdf(document, with_forward_plan=True)
    text = "".join(pages(pdf, tmp_path))

    for fragment in HOSTILE:
        assert text.count(fragment) >= 5, fragment
    assert "root:" not in text  # /etc/passwd was not read


def test_hostile_text_in_the_briefing_note_is_printed_literally(tmp_path):
    hostile = " ".join(HOSTILE)
    note = dataclasses.replace(
        seed_briefing(), title=hostile, purpose=hostile, contact_email=hostile
    )

    text = "".join(pages(briefing_pdf(note), tmp_path))

    for fragment in HOSTILE:
        assert text.count(fragment) >= 2, fragment


def test_a_long_tracker_set_in_parts_reads_as_one_document(tracker, tracker_in_parts, tmp_path):
    printed = pages(tracker_in_parts, tmp_path)
    text = "".join(printed)

    titles = [item.title for item in tracker.items]
    plan = [tracker.forward_plan_title, *(entry.title for entry in tracker.forward_plan)]
    assert in_order(text, [tracker.title, *titles, *plan])
    for number, page in enumerate(printed, start=1):
        assert f"Page {number} of {len(printed)}" in page
        assert "As at 24 November 2026" in page
    for page in printed[1:-1]:
        assert "Report Title" in page  # the column headers start every part and every page
    assert cross_reference_is_sound(tracker_in_parts)


def test_a_tracker_in_parts_keeps_one_tagged_structure(tracker, tracker_in_parts, tmp_path):
    info = poppler("pdfinfo", tracker_in_parts, tmp_path)
    structure = poppler("pdfinfo", tracker_in_parts, tmp_path, "-struct-text")

    assert re.search(r"Title:\s+Corporate O&S Recommendations Tracker", info)
    assert re.search(r"Tagged:\s+yes", info)
    assert structure.count("Document") == 1
    assert structure.count("H1 ") == 1
    # Every item's title is in the structure, so a screen reader reaches every part.
    words = squashed(structure.replace('"', ""))
    for item in tracker.items:
        assert squashed(item.title) in words
    # Header cells are named once each across the parts, and every cell names its own.
    ids = re.findall(r"TH <([^>]+)>", structure)
    assert len(ids) == len(set(ids)) > 8
    named = re.findall(r"/Headers \[\(([^)]+)\)\]", structure)
    assert len(named) > len(tracker.items) * 8
    assert set(named) <= set(ids)
    # Each page's key into the parent tree is its own and is in the tree.
    keys = [int(k) for k in re.findall(rb"/Type /Page\b.*?/StructParents (\d+)", tracker_in_parts)]
    nums = re.search(rb"/ParentTree <</Nums \[([^\]]*)\]", tracker_in_parts)
    assert nums is not None
    tree_keys = [int(key) for key, _ in re.findall(rb"(\d+) (\d+) 0 R", nums.group(1))]
    assert len(keys) == len(printed_pages := pages(tracker_in_parts, tmp_path))
    assert sorted(keys) == list(range(len(printed_pages)))
    assert set(keys) <= set(tree_keys)
    assert b"<xmpTPg:NPages>%d</xmpTPg:NPages>" % len(printed_pages) in tracker_in_parts


def test_a_tracker_in_parts_reports_its_progress(tracker):
    heard: list[tuple[int, int]] = []

    tracker_pdf(tracker, part_items=5, progress=lambda done, total: heard.append((done, total)))

    assert heard[0] == (0, 14)
    assert heard[-1] == (14, 14)
    assert [done for done, _ in heard] == sorted(done for done, _ in heard)
    assert len(heard) > 2


def test_a_short_tracker_reports_its_start_and_end_through_the_formats(tracker):
    heard: list[tuple[int, int]] = []

    pdf = b"".join(
        tracker_chunks(tracker, "pdf", progress=lambda done, total: heard.append((done, total)))
    )

    assert pdf.startswith(b"%PDF")
    assert heard == [(0, 14), (14, 14)]


def test_briefing_pdf_keeps_its_paragraph_numbers_in_order(tmp_path):
    pdf = briefing_pdf(seed_briefing())
    text = poppler("pdftotext", pdf, tmp_path, "-layout")
    info = poppler("pdfinfo", pdf, tmp_path)

    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+", info)  # A4 portrait
    assert re.search(r"Title:\s+Briefing Note: Corporate Plan Performance", info)
    assert "Page 1 of 2" in text
    assert COUNCIL in text
    markers = [
        r"Purpose of the briefing note:",
        r"1\.1\s+This report",
        r"1\.1\.1\s+Members questioned",
        r"a\.\s+Officers highlighted",
        r"b\.\s+Officers confirmed",
        r"1\.1\.6\s+Members raised",
        r"1\.2\s+The",
        r"1\.\s+Corporate O&S reviewed",
        r"lucy\.smith@thurrock\.gov\.uk",
    ]
    positions = [re.search(marker, text).start() for marker in markers]
    assert positions == sorted(positions)
    assert "Job title:" not in text


def test_tracker_pdf_is_a4_landscape_with_the_logo_as_an_image_with_alt_text(tmp_path):
    document = dataclasses.replace(
        seed_tracker(), style=HouseStyle(council_name=COUNCIL, logo_png=LOGO)
    )

    pdf = tracker_pdf(document)
    info = poppler("pdfinfo", pdf, tmp_path)
    structure = poppler("pdfinfo", pdf, tmp_path, "-struct")

    assert re.search(r"Page size:\s+841\.\d+ x 595\.\d+", info)
    assert b"/Subtype/Image" in pdf
    assert "Figure" in structure
    assert b"/Alt(" + COUNCIL.encode() + b")" in pdf


@pytest.mark.parametrize(
    "logo",
    [
        pytest.param(b"GIF89a not a png", id="not-a-png"),
        pytest.param(LOGO[:-20] + b"\x00" * 20, id="corrupt-png"),
        pytest.param(LOGO[:40], id="cut-short"),
    ],
)
def test_a_logo_that_cannot_be_read_is_left_out_rather_than_failing(logo, tmp_path):
    document = dataclasses.replace(
        seed_tracker(), style=HouseStyle(council_name=COUNCIL, logo_png=logo)
    )

    pdf = tracker_pdf(document)

    assert b"/Subtype/Image" not in pdf
    assert "Corporate O&S Recommendations Tracker" in "".join(pages(pdf, tmp_path))


def test_an_uninstalled_house_font_falls_back_to_arials_look_alike():
    families = font_families("No Such Font")

    assert "No Such Font" not in families
    assert families  # Liberation Sans, at least, where fonts-liberation is installed
    assert font_families("Liberation Sans")[0] == "Liberation Sans"


@pytest.mark.parametrize(
    ("html", "blocks"),
    [
        pytest.param("plain text", [{"p": ["plain text"]}], id="bare-text"),
        pytest.param(
            "<p>A <strong>b</strong><br>c</p>",
            [{"p": ["A ", {"t": "b", "b": 1}, {"br": 1}, "c"]}],
            id="runs",
        ),
        pytest.param(
            "<ul><li>one<ol><li>a</li></ol></li></ul>",
            [{"ul": [[{"p": ["one"]}, {"ol": [[{"p": ["a"]}]]}]]}],
            id="nested-lists",
        ),
        pytest.param("<li>stray</li>", [{"ul": [[{"p": ["stray"]}]]}], id="stray-item"),
        pytest.param(
            '<a href="javascript:alert(1)">x</a> <a href="mailto:a@b.c">y</a>',
            [{"p": ["x", " ", {"t": "y", "href": "mailto:a@b.c"}]}],
            id="only-web-and-mail-links",
        ),
        pytest.param("<script>x</script>ok\x00\ud800", [{"p": ["ok"]}], id="unprintable"),
    ],
)
def test_sanitised_html_becomes_blocks_of_runs(html, blocks):
    assert html_blocks(html) == blocks


def test_a_long_trackers_parts_end_where_a_meetings_items_end_when_they_can(tracker):
    from scrutineer.files.writers.pdf import _parts

    meetings = [dataclasses.replace(tracker.items[0], number=n) for n in range(1, 11)]
    dated = [
        dataclasses.replace(item, meeting_date=item.meeting_date.replace(day=1 + n // 3))
        for n, item in enumerate(meetings)
    ]  # meetings of 3, 3, 3 and 1 items

    assert [len(part) for part in _parts(dated, 4)] == [3, 3, 4]
    same_day = [dataclasses.replace(item, meeting_date=dated[0].meeting_date) for item in dated]
    assert [len(part) for part in _parts(same_day, 4)] == [4, 4, 2]
