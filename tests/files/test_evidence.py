"""Evidence files are recognised by their content, not only their name."""

import io
import zipfile

import pytest

from scrutineer.files.evidence import evidence_kind, evidence_problem, human_size

MB = 1024 * 1024


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"})
XLSX = _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<w/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<o/>"})


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        pytest.param("report.pdf", b"%PDF-1.7 ...", "", id="pdf"),
        pytest.param("plan.docx", DOCX, "", id="docx"),
        pytest.param("figures.xlsx", XLSX, "", id="xlsx"),
        pytest.param("minutes.odt", ODT, "", id="odt"),
        pytest.param("photo.png", b"\x89PNG\r\n\x1a\n....", "", id="png"),
        pytest.param("photo.JPEG", b"\xff\xd8\xff\xe0....", "", id="jpeg-upper-case"),
        pytest.param("empty.pdf", b"", "The selected file empty.pdf is empty", id="empty"),
        pytest.param(
            "run.pdf",
            b"MZ\x90\x00",
            "The selected file run.pdf must be a PDF, Word document (DOCX)",
            id="executable-named-pdf",
        ),
        pytest.param(
            "archive.docx",
            _zip({"a.txt": b"a"}),
            "The selected file archive.docx must be a PDF",
            id="zip-that-is-not-office",
        ),
        pytest.param(
            "report.png",
            b"%PDF-1.7",
            "The selected file report.png is a PDF: its name must end in .pdf",
            id="content-and-name-disagree",
        ),
        pytest.param(
            "big.pdf",
            b"%PDF" + b"0" * (2 * MB),
            "The selected file big.pdf must be smaller than 1 MB",
            id="too-big",
        ),
    ],
)
def test_each_file_is_checked_by_its_content_and_named_in_the_message(name, data, problem):
    found, kind = evidence_problem(name=name, data=data, max_bytes=MB)
    assert found.startswith(problem) if problem else found == ""
    assert (kind is not None) == (problem == "")


def test_a_broken_zip_is_no_kind():
    assert evidence_kind(b"PK\x03\x04 not really a zip") is None


@pytest.mark.parametrize(
    ("size", "text"),
    [(12, "12 bytes"), (310 * 1024, "310 KB"), (int(2.4 * MB), "2.4 MB")],
)
def test_sizes_read_as_govuk_writes_them(size, text):
    assert human_size(size) == text
