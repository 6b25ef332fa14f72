"""export_tracker / export_briefing and the download links, on the imported seed."""

import csv
import io
import json
import re
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from scrutineer.briefings.models import BriefingNote
from scrutineer.files.parsers.tracker_text import parse_tracker_text
from tests.committees.factories import CommitteeFactory
from tests.tracker.factories import ExemptItemFactory

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED = FIXTURES / "corporate_os_tracker.txt"


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def seeded(db):
    committee = CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee", short_name="CO&S", slug="corporate-os"
    )
    CommitteeFactory(name="Audit Committee", short_name="AC", slug="audit")
    call_command("import_tracker", str(SEED), "--committee", "CO&S", verbosity=0, stdout=StringIO())
    call_command("import_briefing", str(FIXTURES / "briefing_note_cabinet.txt"), stdout=StringIO())
    return committee


def export(tmp_path, format_name, *extra):
    output = tmp_path / f"tracker.{format_name}"
    out, err = StringIO(), StringIO()
    call_command(
        "export_tracker",
        "--committee",
        "CO&S",
        "--format",
        format_name,
        "--output",
        str(output),
        *extra,
        stdout=out,
        stderr=err,
    )
    return output, out.getvalue(), err.getvalue()


def test_the_pdf_holds_every_row_and_forward_plan_item_of_the_seed(seeded, tmp_path):
    output, printed, _ = export(tmp_path, "pdf", "--with-forward-plan")
    text = squash(
        subprocess.run(
            ["pdftotext", "-raw", str(output), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    parsed = parse_tracker_text(SEED.read_text())
    for row in parsed.rows:
        assert squash(row.report_title) in text
        for rec in row.recommendations:
            # A long cell can break across pages, so check where each recommendation starts.
            assert squash(" ".join(rec.text.split()[:3])) in text
    for item in parsed.forward_plan:
        assert squash(item.title) in text
    assert "Exporting 14 items" in printed


def test_the_docx_holds_every_row_and_forward_plan_item_of_the_seed(seeded, tmp_path):
    import docx

    output, _, progress = export(tmp_path, "docx", "--with-forward-plan")
    document = docx.Document(str(output))
    tracker, plan = document.tables
    parsed = parse_tracker_text(SEED.read_text())
    assert len(tracker.rows) == 1 + len(parsed.rows)
    assert len(plan.rows) == 1 + len(parsed.forward_plan)
    for table_row, row in zip(tracker.rows[1:], parsed.rows, strict=True):
        cells = [cell.text for cell in table_row.cells]
        assert cells[0] == row.number
        assert cells[2] == row.report_title
        for rec in row.recommendations:
            assert squash(rec.text) in squash(cells[4])
        assert cells[6] == " / ".join(row.assignees)
    assert "14 of 14 items" in progress


def test_json_export_follows_the_published_schema(seeded, tmp_path):
    output, _, _ = export(tmp_path, "json", "--status", "closed")
    data = json.loads(output.read_text())
    assert data["committee"] == "Corporate Overview and Scrutiny Committee"
    assert [item["number"] for item in data["items"]] == [
        1,
        3,
        4,
        5,
        6,
        7,
        8,
        9,
        10,
        11,
        12,
        13,
        14,
    ]
    assert data["items"][2]["assigned_to"] == ["Marta Poczowska"]
    assert data["forward_plan"][7]["decision_date"] == "2025-03"


def test_as_at_exports_the_tracker_as_it_stood(seeded, tmp_path):
    output, _, _ = export(tmp_path, "json", "--as-at", "2020-01-01")
    assert json.loads(output.read_text())["items"] == []


def test_bad_options_are_clear_errors(seeded, tmp_path):
    with pytest.raises(CommandError, match="is not a date"):
        export(tmp_path, "csv", "--from", "17/09/2024")
    with pytest.raises(CommandError, match="No committee is called"):
        call_command(
            "export_tracker",
            "--committee",
            "Nope",
            "--format",
            "csv",
            "--output",
            str(tmp_path / "x.csv"),
        )


def test_exported_files_never_include_exempt_items(seeded, tmp_path, client):
    secret = ExemptItemFactory(
        meeting=seeded.meetings.first(), report_title="Sale of the civic offices"
    )
    output, _, _ = export(tmp_path, "csv")
    assert secret.report_title not in output.read_text(encoding="utf-8-sig")
    for format_name in ["csv", "json", "xlsx"]:
        response = client.get(reverse("exports:tracker_download", args=[seeded.slug, format_name]))
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"Sale of the civic offices" not in body


def test_downloads_carry_the_filters_and_a_file_name(seeded, client):
    response = client.get(
        reverse("exports:tracker_download", args=[seeded.slug, "csv"]), {"status": "open"}
    )
    assert response["Content-Disposition"].startswith('attachment; filename="corporate-os-')
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))  # a cell may hold several lines
    assert len(rows) == 2  # the header and the one open recommendation
    assert (
        client.get(reverse("exports:tracker_download", args=[seeded.slug, "exe"])).status_code
        == 404
    )


def test_the_briefing_note_exports_in_the_seeds_structure(seeded, tmp_path, client):
    note = BriefingNote.objects.get()
    output = tmp_path / "note.pdf"
    call_command(
        "export_briefing",
        str(note.pk),
        "--format",
        "pdf",
        "--output",
        str(output),
        stdout=StringIO(),
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(output), "-"], capture_output=True, text=True, check=True
    ).stdout
    markers = [
        r"Briefing Note:",
        r"Purpose of the briefing note:",
        r"\n1\.1\s+This report",
        r"1\.1\.1\s+Members questioned",
        r"a\.\s+Officers highlighted",
        r"b\.\s+Officers confirmed",
        r"1\.1\.6\s+Members raised",
        r"\n1\.2\s+The",
        r"1\.\s+Corporate O&S reviewed",
        r"lucy\.smith@thurrock\.gov\.uk",
    ]
    positions = [re.search(marker, text).start() for marker in markers]
    assert positions == sorted(positions)
    response = client.get(reverse("exports:briefing_download", args=[note.pk, "docx"]))
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    with pytest.raises(CommandError, match="There is no briefing note 999"):
        call_command("export_briefing", "999", "--format", "pdf", "--output", str(output))


def test_downloaded_files_state_the_open_government_licence(seeded, client):
    import io

    import docx
    import openpyxl

    url = reverse("exports:tracker_download", args=[seeded.slug, "xlsx"])
    response = client.get(url)
    assert 'rel="license"' in response["Link"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert "Open Government Licence v3.0" in book.properties.description
    word = client.get(reverse("exports:tracker_download", args=[seeded.slug, "docx"])).content
    assert (
        "Open Government Licence v3.0" in docx.Document(io.BytesIO(word)).core_properties.comments
    )
    page = client.get(reverse("exports:tracker_download", args=[seeded.slug, "html"])).content
    assert b'<meta name="description" content="Open Government Licence v3.0' in page


def test_the_councils_own_copy_marks_each_item_the_public_may_not_see(
    seeded, client, scrutiny_officer
):
    """Signed in, the council's downloads hold its exempt and draft items, each marked as
    not for publication in its documents and JSON, so a copy passed on is not mistaken for
    the public tracker; the public's copy has neither item and no marking."""
    from docx import Document

    from tests.tracker.factories import DraftItemFactory

    meeting = seeded.meetings.first()
    ExemptItemFactory(meeting=meeting, report_title="Sale of the civic offices")
    DraftItemFactory(meeting=meeting, report_title="Library opening hours")
    client.force_login(scrutiny_officer)

    def download(format_name: str) -> bytes:
        response = client.get(reverse("exports:tracker_download", args=[seeded.slug, format_name]))
        assert response.status_code == 200, format_name
        return b"".join(response.streaming_content) if response.streaming else response.content

    items = {item["title"]: item["marking"] for item in json.loads(download("json"))["items"]}
    assert items["Sale of the civic offices"] == "Exempt: not for publication"
    assert items["Library opening hours"] == "Draft: not yet published"
    assert set(items.values()) == {
        "",
        "Exempt: not for publication",
        "Draft: not yet published",
    }

    word = Document(io.BytesIO(download("docx")))
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert "Sale of the civic offices\nExempt: not for publication" in cells
    assert "Library opening hours\nDraft: not yet published" in cells

    pdf = subprocess.run(
        ["pdftotext", "-", "-"], input=download("pdf"), capture_output=True, check=True
    ).stdout.decode()
    # The title column is narrow: the words wrap.
    assert squash("Sale of the civic offices Exempt: not for publication") in squash(pdf)
    assert squash("Library opening hours Draft: not yet published") in squash(pdf)
    printed = client.get(reverse("exports:tracker_print", args=[seeded.slug])).content.decode()
    assert "Sale of the civic offices<br><em>Exempt: not for publication</em>" in printed

    client.logout()
    public = download("csv").decode("utf-8-sig")
    assert "Sale of the civic offices" not in public
    assert "Library opening hours" not in public
    assert "not yet published" not in public
    assert "Exempt: not for publication" not in public
