"""What kind of file a piece of evidence is, read from its content, not only its name: a
renamed executable is not a PDF. Pure: bytes in, a kind (or None) out."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class EvidenceKind:
    name: str  # what people call it: "PDF", "Word document"
    content_type: str
    extensions: tuple[str, ...]


PDF = EvidenceKind("PDF", "application/pdf", (".pdf",))
DOCX = EvidenceKind(
    "Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = EvidenceKind(
    "Excel spreadsheet",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    (".xlsx",),
)
ODT = EvidenceKind("OpenDocument text", "application/vnd.oasis.opendocument.text", (".odt",))
PNG = EvidenceKind("PNG image", "image/png", (".png",))
JPEG = EvidenceKind("JPEG image", "image/jpeg", (".jpg", ".jpeg"))
KINDS = (PDF, DOCX, XLSX, ODT, PNG, JPEG)
ACCEPTED = ",".join(ext for kind in KINDS for ext in kind.extensions)
NAMES = (
    "a PDF, Word document (DOCX), Excel spreadsheet (XLSX), OpenDocument text (ODT), PNG or JPEG"
)


def _zipped_kind(data: bytes) -> EvidenceKind | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if (
                "mimetype" in names
                and archive.read("mimetype").strip() == ODT.content_type.encode()
            ):
                return ODT
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def evidence_kind(data: bytes) -> EvidenceKind | None:
    """The kind of file the content is, or None when it is none of the accepted kinds."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _zipped_kind(data)
    return None


def evidence_problem(*, name: str, data: bytes, max_bytes: int) -> tuple[str, EvidenceKind | None]:
    """A GOV.UK-worded message naming the file when it may not be attached (empty, too big,
    not an accepted kind, or content that is not what its name says), else "" and its kind."""
    if not data:
        return f"The selected file {name} is empty", None
    if len(data) > max_bytes:
        limit = f"{max_bytes / 1024 / 1024:.1f}".removesuffix(".0")
        return f"The selected file {name} must be smaller than {limit} MB", None
    kind = evidence_kind(data)
    if kind is None:
        return f"The selected file {name} must be {NAMES}", None
    if not name.lower().endswith(kind.extensions):
        return (
            f"The selected file {name} is a {kind.name}: its name must end in "
            f"{' or '.join(kind.extensions)}",
            None,
        )
    return "", kind


def human_size(size: int) -> str:
    """ "2.4 MB", "310 KB", "12 bytes", as GOV.UK writes file sizes."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    if size >= 1024:
        return f"{round(size / 1024)} KB"
    return f"{size} bytes"
