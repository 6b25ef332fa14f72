"""Every PDF Scrutineer prints (tracker, briefing note, performance report), set by Typst.

Pure: a document dataclass in, PDF bytes out; no settings, no database. Each document is a
Typst template beside the print templates (``templates/files/pdf``) laid out from JSON
passed in ``sys.inputs``: the templates show every string of it as text, so a record can
never act as Typst markup or code, and the compiler's root is the template folder, so nothing
outside it can be read. The PDFs are tagged and declare PDF/UA-1, with title and language.
"""

from __future__ import annotations

import ctypes
import functools
import json
import zlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from scrutineer.core.calendar import long_date, month_year
from scrutineer.core.sanitise import clean_html
from scrutineer.files.columns import CLOSURE_COLUMNS, FORWARD_PLAN_COLUMNS, TRACKER_COLUMNS
from scrutineer.files.documents import (
    BriefingDocument,
    ClosureListDocument,
    ExportItem,
    ExportRecommendation,
    HouseStyle,
    TrackerDocument,
)
from scrutineer.files.labels import status_label
from scrutineer.files.writers.pdf_html import html_blocks, printable
from scrutineer.files.writers.pdf_merge import joined

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "files" / "pdf"
# Arial's metric twin, named explicitly so the PDF looks the same wherever it is made.
FONT_DIRS = (Path("/usr/share/fonts/truetype/liberation"),)
# After the house font, in this order; only the families installed are asked for.
_FALLBACK_FONTS = ("Arial", "Liberation Sans", "Helvetica", "DejaVu Sans")
# CSS pixels (the logo's natural size, as a browser shows it) and the logo's largest box.
_MM_PER_PX = 25.4 / 96
_LOGO_MAX_MM = (60.0, 18.0)
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Items in each part of a long tracker, and parts set at once: each part holds about 80 MB
# while Typst sets it, so two keep a 2,000-item tracker well under 300 MB, on two cores.
PART_ITEMS = 100
PARALLEL_PARTS = 2
# Pages of running header and footer set at once: Typst holds about 100 kB for each.
FURNITURE_PAGES = 400

Progress = Callable[[int, int], None]


def tracker_pdf(
    document: TrackerDocument,
    *,
    with_forward_plan: bool = False,
    progress: Progress | None = None,
    part_items: int = PART_ITEMS,
) -> bytes:
    """The tracker as an A4 landscape PDF, optionally followed by the forward plan.

    A tracker of more than ``part_items`` items is set in parts of about that many, two at a
    time, and joined: Typst's memory grows with the pages it holds, and the parts keep it to
    a few dozen. Each part begins a page, at the start of a meeting's items where it can.
    ``progress`` hears (items set, items in all) at the start and after each part.
    """
    total = len(document.items)
    if progress is not None:
        progress(0, total)
    council = document.council or document.style.council_name
    as_at = long_date(document.as_at)
    common = {
        **house(
            document.style,
            title=document.title,
            header=(council, document.committee, f"As at {as_at}"),
            margin=(12, 12, 12, 12),
            landscape=True,
        ),
        "heading": document.title,
        "caption": f"{document.committee}: recommendations and progress, as at {as_at}",
        "columns": list(TRACKER_COLUMNS),
    }
    plan = _plan(document) if with_forward_plan and document.forward_plan else None
    parts = _parts(document.items, part_items)

    def body(index: int, items: Sequence[ExportItem]) -> bytes:
        data = {
            **common,
            "furniture": len(parts) == 1,
            "first": index == 0,
            "items": [_item(item) for item in items],
            "plan": plan if index == len(parts) - 1 else None,
        }
        # A later part may start at a subheading, which PDF/UA checks only in a whole
        # document; the parts are tagged alike, and the first declares the standard.
        return render("tracker.typ", data, standalone=index == 0, forget=len(parts) == 1)

    if len(parts) == 1:
        pdf = body(0, parts[0])
        if progress is not None:
            progress(total, total)
        return pdf
    bodies: list[bytes] = []
    with ThreadPoolExecutor(max_workers=PARALLEL_PARTS) as pool:
        for start in range(0, len(parts), PARALLEL_PARTS):
            batch = range(start, min(start + PARALLEL_PARTS, len(parts)))
            bodies += pool.map(body, batch, [parts[index] for index in batch])
            _forget_layouts()
            if progress is not None:
                progress(sum(len(part) for part in parts[: batch.stop]), total)

    def furniture(pages: int) -> list[bytes]:
        """The running header and footer of ``pages`` pages, a few hundred at a time."""
        return [
            render(
                "furniture.typ",
                {
                    **common,
                    "furniture": True,
                    "numbers": [first, min(first + FURNITURE_PAGES - 1, pages)],
                    "pages": pages,
                },
                standalone=False,
            )
            for first in range(1, pages + 1, FURNITURE_PAGES)
        ]

    _give_back_memory()
    return joined(_drained(bodies), furniture)


def _plan(document: TrackerDocument) -> dict[str, Any]:
    return {
        "heading": document.forward_plan_title,
        "caption": (
            f"Items on the Cabinet Forward Plan and where {document.committee_short} will "
            "consider them"
        ),
        "columns": [
            name.format(committee=document.committee_short) for name in FORWARD_PLAN_COLUMNS
        ],
        "entries": [
            {
                "number": str(entry.number),
                "title": entry.title,
                "date": month_year(entry.decision_date),
                "note": entry.note,
            }
            for entry in document.forward_plan
        ],
    }


def _parts(items: Sequence[ExportItem], size: int) -> list[Sequence[ExportItem]]:
    """The items in runs of at most ``size``, each ending where a meeting's items end when one
    does in the run's second half, so that the page each part begins reads as a new meeting."""
    parts: list[Sequence[ExportItem]] = []
    start = 0
    while len(items) - start > size:
        end = start + size
        for cut in range(end, start + size // 2, -1):
            if items[cut].meeting_date != items[cut - 1].meeting_date:
                end = cut
                break
        parts.append(items[start:end])
        start = end
    parts.append(items[start:])
    return parts


def briefing_pdf(document: BriefingDocument) -> bytes:
    """The briefing note as an A4 portrait PDF."""
    council = document.council or document.style.council_name
    data = {
        **house(
            document.style,
            title=f"Briefing Note: {document.title}",
            header=(council, "", ""),
            margin=(14, 16, 14, 16),
            landscape=False,
        ),
        "furniture": True,
        "addressee": document.addressee,
        "heading": f"Briefing Note: {document.title}",
        "purpose": document.purpose,
        "introduction": document.introduction,
        "committee": document.committee,
        "comments": [
            {
                "label": comment.number,
                "text": comment.text,
                "responses": [
                    {"label": _label(response.letter), "text": response.text}
                    for response in comment.responses
                ],
            }
            for comment in document.comments
        ],
        "recommendations": [
            {"label": _label(number), "text": text} for number, text in document.recommendations
        ],
        "contact": {
            "name": document.contact_name,
            "role": document.contact_role,
            "email": document.contact_email,
            "phone": document.contact_phone,
        },
    }
    return render("briefing.typ", data)


def closure_list_pdf(document: ClosureListDocument) -> bytes:
    """The closures proposed for a meeting, as an A4 portrait paper for the agenda pack."""
    council = document.council or document.style.council_name
    meeting = f"Meeting of {long_date(document.meeting_date)}"
    data = {
        **house(
            document.style,
            title=f"{document.title}: {document.committee}, {meeting}",
            header=(council, document.committee, meeting),
            margin=(16, 16, 16, 16),
            landscape=False,
        ),
        "furniture": True,
        "heading": document.title,
        "subheading": f"{document.committee}, meeting of {long_date(document.meeting_date)}",
        "caption": f"Recommendations proposed for closure at the {document.committee} "
        f"meeting of {long_date(document.meeting_date)}",
        "columns": list(CLOSURE_COLUMNS),
        "closures": [
            {
                "reference": closure.reference,
                "item": closure.item,
                "text": closure.text,
                "exempt": closure.is_exempt,
                "reason": closure.reason or "No reason given.",
                "latest": (
                    f"Latest update, {long_date(closure.latest_update_on)}: "
                    if closure.latest_update and closure.latest_update_on
                    else ""
                ),
                "latest_text": closure.latest_update,
                "proposed": ", ".join(
                    part
                    for part in (
                        closure.proposed_by,
                        long_date(closure.proposed_on) if closure.proposed_on else "",
                    )
                    if part
                ),
            }
            for closure in document.closures
        ],
    }
    return render("closures.typ", data)


def render(
    template: str, data: dict[str, Any], *, standalone: bool = True, forget: bool = True
) -> bytes:
    """The template laid out from ``data``, as a tagged PDF/UA-1 document (or, not
    ``standalone``, a part of one: tagged alike, but not checked as a whole document).

    The data goes in as JSON text, which the template reads with ``json()``; every string in
    it is cleared of characters no PDF can show first. Typst's memo cache is emptied after,
    unless other parts are being set at the same time (``forget``: see _forget_layouts).
    """
    import typst  # a native library: loaded by the processes that print, not by every page

    payload = json.dumps(_printable(data), ensure_ascii=False, separators=(",", ":"))
    pdf = typst.compile(
        TEMPLATES / template,
        root=TEMPLATES,
        font_paths=_fonts(),
        sys_inputs={"data": payload},
        pdf_standards=["ua-1"] if standalone else [],
    )
    if forget:
        _forget_layouts()
    return pdf


def svg_png(svg: str, *, width_mm: float, font: str = "", ppi: float = 200) -> bytes:
    """An SVG drawing as a PNG ``width_mm`` wide (plus a 2 mm white margin), its text in the
    house ``font`` as the PDFs set it, for the Word documents, which cannot show SVG."""
    import typst

    data = {"svg": printable(svg), "width": width_mm, "fonts": font_families(font)}
    payload = json.dumps(data, ensure_ascii=False)
    png = typst.compile(
        TEMPLATES / "picture.typ",
        root=TEMPLATES,
        font_paths=_fonts(),
        sys_inputs={"data": payload},
        format="png",
        ppi=ppi,
    )
    if not isinstance(png, bytes):  # one page, so one picture; a list would be a bug
        raise TypeError("The drawing came out as more than one picture.")
    return png


def _drained(parts: list[bytes]) -> Iterator[bytes]:
    """The parts, each let go as it is taken."""
    while parts:
        yield parts.pop(0)


def _give_back_memory() -> None:
    """Hands the memory Typst freed back to the system, where the merging can have it.

    The C library keeps what each thread freed for that thread; the parts were set on other
    threads than the merging, so without this their memory would only add to its own.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, or None where the C library has none (nothing to hand back)."""
    try:
        trim: Callable[[int], int] | None = getattr(ctypes.CDLL(None), "malloc_trim", None)
    except OSError:
        return None
    return trim


def _forget_layouts() -> None:
    """Empties Typst's memo cache of what was just set, so the next document (or part) reuses
    the memory rather than adding to it.

    The typst package ages the cache after every compile and drops what ten compiles in a row
    did not use: ten empty documents (a millisecond in all) let the layouts go.
    """
    import typst

    nothing = _no_fonts()
    for _ in range(11):
        typst.compile(b"", font_paths=nothing)


@functools.cache
def _no_fonts() -> Any:
    import typst

    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[])


def house(
    style: HouseStyle,
    *,
    title: str,
    header: Sequence[str],
    margin: tuple[float, float, float, float],
    landscape: bool,
) -> dict[str, Any]:
    """What every document's template needs: metadata, fonts, page, running header and footer
    and logo. ``margin`` is top, right, bottom and left, in millimetres."""
    return {
        "page": {"margin": list(margin), "landscape": landscape},
        "title": title,
        "author": style.council_name,
        "licence": style.licence,
        "fonts": font_families(style.font_family),
        "header": list(header),
        "footer": style.contact_footer,
        "logo": _logo(style, alt=header[0] or style.council_name),
    }


@functools.cache
def _fonts() -> Any:
    """The fonts Typst may use: the system's, Liberation Sans wherever it lives, and Typst's own.

    Read once per process: finding them takes longer than laying out a short document.
    """
    import typst

    return typst.Fonts(
        include_system_fonts=True,
        include_embedded_fonts=True,
        font_paths=[str(path) for path in FONT_DIRS if path.is_dir()],
    )


@functools.cache
def _installed_families() -> frozenset[str]:
    return frozenset(family.casefold() for family in _fonts().families())


def font_families(house_font: str) -> list[str]:
    """The house font, then Arial's look-alikes, leaving out any not installed: asking Typst
    for a missing family only earns a warning, and a font that is there is the fallback."""
    installed = _installed_families()
    families: list[str] = []
    for family in (house_font.strip(), *_FALLBACK_FONTS):
        if family and family.casefold() in installed and family not in families:
            families.append(family)
    return families


def _logo(style: HouseStyle, *, alt: str) -> dict[str, Any] | None:
    """The logo as the template draws it, at its natural size up to 60 by 18 mm; a file that
    is not a whole PNG is left out rather than spoiling the document."""
    png = style.logo_png
    if not png or not _whole_png(png):
        return None
    width_px = int.from_bytes(png[16:20], "big")
    height_px = int.from_bytes(png[20:24], "big")
    if not width_px or not height_px:
        return None
    width, height = width_px * _MM_PER_PX, height_px * _MM_PER_PX
    scale = min(1.0, _LOGO_MAX_MM[0] / width, _LOGO_MAX_MM[1] / height)
    return {"png": list(png), "width": round(width * scale, 2), "alt": alt or "Logo"}


def _whole_png(png: bytes) -> bool:
    """Whether ``png`` is a PNG whose chunks are all there, each with the right checksum,
    from its header to its end (Typst refuses the whole document over a broken image)."""
    if not png.startswith(_PNG_SIGNATURE):
        return False
    position, kinds = len(_PNG_SIGNATURE), []
    while position + 12 <= len(png):
        length = int.from_bytes(png[position : position + 4], "big")
        body = png[position + 4 : position + 8 + length]
        crc = png[position + 8 + length : position + 12 + length]
        if len(crc) < 4 or zlib.crc32(body) != int.from_bytes(crc, "big"):
            return False
        kinds.append(body[:4])
        position += 12 + length
    return bool(kinds) and kinds[0] == b"IHDR" and kinds[-1] == b"IEND"


def _item(item: ExportItem) -> dict[str, Any]:
    return {
        "number": str(item.number),
        "date": long_date(item.meeting_date),
        "title": item.title,
        "marking": item.marking,
        # Sanitised on the way in, and again here so the writer is safe whatever it is given.
        "summary": html_blocks(clean_html(item.summary_html)),
        "recommendations": _groups(item.recommendations),
        "status": status_label(item.status),
        "assigned": " / ".join(item.assigned_to),
        "progress": html_blocks(clean_html(item.progress_html)),
    }


def _groups(recommendations: Sequence[ExportRecommendation]) -> list[dict[str, Any]]:
    """Runs of recommendations sharing a preamble ("Cabinet to:"), each keeping its number."""
    groups: list[dict[str, Any]] = []
    for recommendation in recommendations:
        if not groups or groups[-1]["preamble"] != recommendation.preamble:
            groups.append({"preamble": recommendation.preamble, "items": []})
        number = recommendation.number.strip().rstrip(".")
        groups[-1]["items"].append(
            {"label": f"{number}." if number else "", "text": recommendation.text}
        )
    return groups


def _label(number: str) -> str:
    """A response letter or recommendation number as the note prints it, with one full stop."""
    return f"{number.strip().rstrip('.')}."


def _printable(value: Any) -> Any:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {key: _printable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_printable(item) for item in value]
    return value
