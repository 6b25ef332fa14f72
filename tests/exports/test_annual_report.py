"""export_scrutiny_report as Word and PDF: on the seed tracker, CO&S 2024/25's document says
27 recommendations made, 26 closed and 1 open, and the PDF is tagged PDF/UA-1."""

from __future__ import annotations

import io
import re
from io import StringIO

import docx
import pytest
from django.core.management import call_command

from scrutineer.tracker import services
from scrutineer.tracker.models import Recommendation
from tests.committees.factories import CommitteeFactory
from tests.files.test_pdf import pages, poppler, squashed
from tests.tracker.test_annual_report import SEED


@pytest.fixture
def seed(db):
    CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee", short_name="CO&S", slug="corporate-os"
    )
    call_command("import_tracker", str(SEED), "--committee", "CO&S", verbosity=0, stdout=StringIO())
    story = Recommendation.objects.order_by("pk").first()
    services.impact_story_add(
        recommendation=story, year=2024, outcome="Letters now share one plain-English template."
    )


def _export(tmp_path, format_name: str) -> tuple[bytes, str]:
    out = StringIO()
    path = tmp_path / f"report.{format_name}"
    call_command(
        "export_scrutiny_report",
        "--committee",
        "CO&S",
        "--year",
        "2024",
        "--format",
        format_name,
        "--output",
        str(path),
        stdout=out,
    )
    return path.read_bytes(), out.getvalue()


def test_the_seed_report_as_word(seed, tmp_path):
    data, said = _export(tmp_path, "docx")
    assert "27 recommendations made, 26 closed, 1 open" in said
    word = docx.Document(io.BytesIO(data))
    cells = [[c.text for c in row.cells] for table in word.tables for row in table.rows]
    assert ["Recommendations made", "27"] in cells
    assert ["Closed", "26"] in cells
    assert ["Still open", "1"] in cells
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Letters now share one plain-English template." in text
    assert "Not for publication" not in text  # the command makes the published report
    assert word.core_properties.comments  # the open licence, in the file's own properties


def test_the_seed_report_as_a_tagged_pdf(seed, tmp_path):
    data, _ = _export(tmp_path, "pdf")
    text = squashed("".join(pages(data, tmp_path)))
    assert "Recommendationsmade27" in text
    assert "Closed26" in text
    assert "Stillopen1" in text
    assert "Lettersnowshareoneplain-Englishtemplate." in text
    assert re.search(r"Tagged:\s+yes", poppler("pdfinfo", data, tmp_path))
    assert b"<pdfuaid:part>1</pdfuaid:part>" in data
