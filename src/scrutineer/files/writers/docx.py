"""Word (DOCX) versions of the recommendations tracker and of briefing notes, by python-docx.

Pure: dataclasses in, bytes out. Lists are typed out ("1. ", "• ") rather than left to
numbering.xml, so the printed numbers are exactly those of the record.
"""

from __future__ import annotations

import contextlib
import copy
import io
import re
import struct
from collections.abc import Callable, Iterator, Sequence
from html.parser import HTMLParser

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.image.exceptions import UnrecognizedImageError
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Length, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from scrutineer.core.calendar import long_date, month_year
from scrutineer.files.columns import FORWARD_PLAN_COLUMNS, TRACKER_COLUMNS
from scrutineer.files.documents import (
    BriefingDocument,
    ExportItem,
    ExportRecommendation,
    HouseStyle,
    TrackerDocument,
)
from scrutineer.files.labels import status_label

# XML 1.0 forbids these characters; lxml refuses them, so they are dropped before writing.
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"\s+")
_TABS_AND_BREAKS = re.compile(r"[\t\n\r]")
_LINK_SCHEMES = ("http://", "https://", "mailto:")
_BLACK = RGBColor(0, 0, 0)
_LINK_BLUE = RGBColor(0x05, 0x63, 0xC1)
_TABLE_PT = 9
_BRIEFING_PT = 11
# Landscape A4 less 1.5 cm margins leaves 26.7 cm; text-heavy columns get the room.
_TRACKER_WIDTHS = (1.0, 2.4, 3.4, 6.6, 5.4, 1.6, 2.5, 3.8)
_PLAN_WIDTHS = (1.2, 10.0, 3.0, 12.5)
# Arial advance widths in ems, to set a hanging indent that lines wrapped text up with the
# text after a typed "1. " or "1.1.1 "; other characters count as a digit.
_EM_WIDTHS = {".": 0.278, " ": 0.278, ")": 0.333, "\N{BULLET}": 0.35}


def tracker_docx(
    document: TrackerDocument,
    *,
    with_forward_plan: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """The tracker as a landscape Word document, optionally followed by the forward plan."""
    doc = _new_document(document.style, _TABLE_PT)
    _page(doc, landscape=True, margin=Cm(1.5))
    date = f"As at {long_date(document.as_at)}"
    _header(doc, document.style, (document.council, document.committee, date))
    _footer(doc, document.style)
    _heading(doc, document.title)
    cells = _table(doc, TRACKER_COLUMNS, _TRACKER_WIDTHS)
    total = len(document.items)
    for done, item in enumerate(document.items, start=1):
        _tracker_row(cells(), item)
        if progress is not None and (done % 100 == 0 or done == total):
            progress(done, total)
    if with_forward_plan:
        _forward_plan(doc, document)
    return _save(doc)


def briefing_docx(document: BriefingDocument) -> bytes:
    """The briefing note as a portrait Word document laid out like the council's own."""
    doc = _new_document(document.style, _BRIEFING_PT)
    _page(doc, landscape=False, margin=Cm(2.0))
    council = document.council or document.style.council_name
    if council or document.style.logo_png:
        _header(doc, document.style, (council,))
    _footer(doc, document.style)
    _heading(doc, document.addressee)
    _heading(doc, f"Briefing Note: {document.title}", level=2)
    purpose = doc.add_paragraph()
    _run(purpose, "Purpose of the briefing note:", bold=True)
    _run(purpose, f" {document.purpose}")
    _briefing_body(doc, document)
    _contact(doc, document)
    return _save(doc)


# Tracker


def _tracker_row(cells: Sequence[_Cell], item: ExportItem) -> None:
    """Fill one row's cells from an item."""
    _plain(cells[0], str(item.number))
    _plain(cells[1], long_date(item.meeting_date))
    _plain(cells[2], item.title)
    _html_cell(cells[3], item.summary_html)
    _recommendations(cells[4], item.recommendations)
    _plain(cells[5], status_label(item.status))
    _plain(cells[6], " / ".join(item.assigned_to))
    _html_cell(cells[7], item.progress_html)


def _recommendations(cell: _Cell, recommendations: Sequence[ExportRecommendation]) -> None:
    """Each recommendation as "1. text", with its preamble printed once before its group."""
    paragraphs = _paragraphs(cell)
    preamble = ""
    for recommendation in recommendations:
        if recommendation.preamble and recommendation.preamble != preamble:
            _run(next(paragraphs), recommendation.preamble)
        preamble = recommendation.preamble
        prefix = f"{_label(recommendation.number)} " if recommendation.number else ""
        paragraph = next(paragraphs)
        _hang(paragraph, prefix, Length(0), _TABLE_PT)
        _run(paragraph, prefix + recommendation.text)


def _forward_plan(doc: DocumentObject, document: TrackerDocument) -> None:
    """A page break, then the Cabinet Forward Plan items in a table of their own."""
    doc.add_page_break()
    _heading(doc, document.forward_plan_title)
    headers = [name.format(committee=document.committee_short) for name in FORWARD_PLAN_COLUMNS]
    cells = _table(doc, headers, _PLAN_WIDTHS)
    for item in document.forward_plan:
        row = cells(keep_together=True)  # one-line rows: nothing is gained by splitting them
        texts = (str(item.number), item.title, month_year(item.decision_date), item.note)
        for cell, text in zip(row, texts, strict=True):
            _plain(cell, text)


def _table(
    doc: DocumentObject, headers: Sequence[str], widths_cm: Sequence[float]
) -> Callable[..., Sequence[_Cell]]:
    """A fixed-width grid table with a repeating header row; returns a function adding a row."""
    table = doc.add_table(rows=0, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # fixed layout: Word need not measure 2,000 rows to place columns
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)

    # Copying a blank row is several times faster than python-docx building each one anew.
    blank = table.add_row()._tr
    table._tbl.remove(blank)

    def add_row(*, keep_together: bool = False, header: bool = False) -> Sequence[_Cell]:
        row = copy.deepcopy(blank)
        table._tbl.append(row)
        if keep_together or header:
            row.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        if header:  # Word repeats this row at the top of every page the table runs onto
            row.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        return [_Cell(cell, table) for cell in row.tc_lst]

    for cell, text in zip(add_row(header=True), headers, strict=True):
        _plain(cell, text, bold=True)
        _shade(cell, "D9D9D9")
    return add_row


def _plain(cell: _Cell, text: str, *, bold: bool = False) -> None:
    """Plain text in a cell's first paragraph."""
    if text:
        _run(cell.paragraphs[0], text, bold=bold)


def _shade(cell: _Cell, fill: str) -> None:
    """A solid background colour for a cell."""
    shading = f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'
    cell._tc.get_or_add_tcPr().append(parse_xml(shading))


def _paragraphs(cell: _Cell) -> Iterator[Paragraph]:
    """The cell's empty first paragraph, then new ones as asked for."""
    yield cell.paragraphs[0]
    while True:
        yield cell.add_paragraph()


# HTML cells


class _CellWriter(HTMLParser):
    """Writes the sanitised HTML subset into a cell as paragraphs of formatted runs."""

    _FLAGS = {"strong": "bold", "b": "bold", "em": "italic", "i": "italic", "u": "underline"}
    _FLAGS |= {"sup": "superscript"}

    def __init__(self, cell: _Cell) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs = _paragraphs(cell)
        self.current: Paragraph | None = None  # None until a block's first words arrive
        self.marker = ""  # a list item's "1. " or "• ", waiting for those words
        self.lists: list[list[int]] = []  # per open list: [is_ordered, items so far]
        self.flags = dict.fromkeys(self._FLAGS.values(), 0)
        self.links: list[str] = []
        self.hidden = 0  # inside <script> or <style>, whose content is not text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._FLAGS:
            self.flags[self._FLAGS[tag]] += 1
        elif tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            self.links.append(href if href.lower().startswith(_LINK_SCHEMES) else "")
        elif tag == "br" and self.current is not None:
            _run(self.current, "\n")
        elif tag in ("ol", "ul"):
            self.lists.append([tag == "ol", 0])
            self.current = None
        elif tag == "li":
            if not self.lists:  # a stray <li> reads as a bullet
                self.lists.append([False, 0])
            self.lists[-1][1] += 1
            ordered, count = self.lists[-1]
            self.marker = f"{count}. " if ordered else "\N{BULLET} "
            self.current = None
        elif tag in ("p", "div"):
            self.current = None
        elif tag in ("script", "style"):
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self._FLAGS:
            self.flags[self._FLAGS[tag]] = max(0, self.flags[self._FLAGS[tag]] - 1)
        elif tag == "a" and self.links:
            self.links.pop()
        elif tag in ("ol", "ul", "li", "p", "div"):
            if tag in ("ol", "ul") and self.lists:
                self.lists.pop()
            if tag in ("ol", "ul", "li"):
                self.marker = ""  # an empty item's number must not land on the next text
            self.current = None
        elif tag in ("script", "style"):
            self.hidden = max(0, self.hidden - 1)

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        text = _SPACES.sub(" ", data)
        if self.current is None:
            text = text.lstrip()
            if not text:
                return
            self.current = next(self.paragraphs)
            if self.marker:
                start = Cm(0.4 * (len(self.lists) - 1))
                _hang(self.current, self.marker, start, _TABLE_PT)
                _run(self.current, self.marker)
                self.marker = ""
        bold, italic = self.flags["bold"] > 0, self.flags["italic"] > 0
        if self.links and self.links[-1]:
            _link(self.current, self.links[-1], text, bold=bold, italic=italic)
            return
        run = _run(self.current, text, bold=bold, italic=italic)
        run.font.underline = self.flags["underline"] > 0 or None
        run.font.superscript = self.flags["superscript"] > 0 or None


def _html_cell(cell: _Cell, html: str) -> None:
    """An HTML fragment as paragraphs, lists typed out with hanging indents."""
    writer = _CellWriter(cell)
    writer.feed(_clean(html))
    writer.close()


# Briefing note


def _briefing_body(doc: DocumentObject, document: BriefingDocument) -> None:
    """Section 1.1 with its comments and responses, then 1.2 and the recommendations."""
    start = Length(0)
    inner = _numbered(doc, "1.1", document.introduction, start)
    for comment in document.comments:
        below = _numbered(doc, comment.number, comment.text, inner)
        for response in comment.responses:
            _numbered(doc, _label(response.letter), response.text, below)
    _numbered(doc, "1.2", f"The {document.committee} agreed the recommendations:", start)
    for number, text in document.recommendations:
        _numbered(doc, _label(number), text, inner, italic=True)


def _numbered(
    doc: DocumentObject, number: str, text: str, start: Length, *, italic: bool = False
) -> Length:
    """A paragraph "number text" at ``start``; returns where its text starts, for sub-items."""
    paragraph = doc.add_paragraph()
    prefix = f"{number} "
    _run(paragraph, prefix + text, italic=italic)
    return _hang(paragraph, prefix, start, _BRIEFING_PT)


def _contact(doc: DocumentObject, document: BriefingDocument) -> None:
    """The "please contact" block, with labels in bold and the e-mail address as a link."""
    lead = doc.add_paragraph()
    _run(lead, "For any questions regarding this briefing note, please contact:", bold=True)
    fields = (
        ("Name", document.contact_name),
        ("Job title", document.contact_role),
        ("E-mail", document.contact_email),
        ("Telephone", document.contact_phone),
    )
    for label, value in fields:
        if not value and label != "Name":  # the seed prints only the lines it has
            continue
        paragraph = doc.add_paragraph()
        _run(paragraph, f"{label}: ", bold=True)
        if label == "E-mail":
            _link(paragraph, f"mailto:{value}", value)
        else:
            _run(paragraph, value)


# Shared


def _new_document(style: HouseStyle, size: int) -> DocumentObject:
    """A blank document whose text is all in the house font."""
    doc = Document()
    doc.core_properties.author = _clean(style.council_name)[:255]  # Word's limit
    doc.core_properties.comments = _clean(style.licence)[:255]
    family = _clean(style.font_family) or "Arial"
    # Word prefers a theme font to a named one, so the theme references are removed.
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
    normal = doc.styles["Normal"]
    normal.font.name = family
    normal.font.size = Pt(size)
    normal.paragraph_format.space_after = Pt(2 if size == _TABLE_PT else 6)
    for name, points in (("Heading 1", size + 5), ("Heading 2", size + 1)):
        heading = doc.styles[name]
        heading.font.name = family
        heading.font.size = Pt(points)
        heading.font.color.rgb = _BLACK
        heading.paragraph_format.space_before = Pt(6)
        heading.paragraph_format.space_after = Pt(6)
    return doc


def _page(doc: DocumentObject, *, landscape: bool, margin: Length) -> None:
    """A4 in the given orientation with equal margins."""
    section = doc.sections[0]
    short, long = Cm(21.0), Cm(29.7)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, margin)
    section.header_distance = section.footer_distance = Cm(0.6)


def _header(doc: DocumentObject, style: HouseStyle, parts: Sequence[str]) -> None:
    """The logo, then ``parts`` spread across the top of every page by tab stops."""
    section = doc.sections[0]
    paragraph = section.header.paragraphs[0]
    margins = (section.left_margin or 0) + (section.right_margin or 0)
    width = Length((section.page_width or 0) - margins)
    # Set on the style, whose own stops (for portrait US Letter) would otherwise come first.
    stops = doc.styles["Header"].paragraph_format.tab_stops
    stops.clear_all()
    stops.add_tab_stop(Length(width // 2), WD_TAB_ALIGNMENT.CENTER)
    stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    # A broken logo should not stop the export: the council's name still heads the page.
    with contextlib.suppress(UnrecognizedImageError, struct.error, ValueError, IndexError):
        if style.logo_png:
            paragraph.add_run().add_picture(io.BytesIO(style.logo_png), height=Cm(0.9))
            paragraph.add_run(" ")
    for index, text in enumerate(parts):
        _run(paragraph, ("\t" if index else "") + text, bold=index == 0)


def _footer(doc: DocumentObject, style: HouseStyle) -> None:
    """The house contact line, if any, and "Page X of Y" kept current by Word fields."""
    footer = doc.sections[0].footer
    paragraph = footer.paragraphs[0]
    if style.contact_footer:
        _run(paragraph, style.contact_footer)
        paragraph = footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "Page ")
    _field(paragraph, "PAGE")
    _run(paragraph, " of ")
    _field(paragraph, "NUMPAGES")


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A field Word works out as it lays out the page, showing "1" until it does."""
    for content in (
        '<w:fldChar w:fldCharType="begin"/>',
        f'<w:instrText xml:space="preserve"> {instruction} </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>1</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    ):
        paragraph._p.append(parse_xml(f"<w:r {nsdecls('w')}>{content}</w:r>"))


def _heading(doc: DocumentObject, text: str, level: int = 1) -> None:
    """A heading in the house font, bold."""
    paragraph = doc.add_paragraph(style=doc.styles[f"Heading {level}"])
    _run(paragraph, text, bold=True)


def _run(paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False) -> Run:
    """A run of text, without characters XML cannot hold."""
    run, text = paragraph.add_run(), _clean(text)
    if _TABS_AND_BREAKS.search(text):
        run.text = text  # python-docx turns these into <w:tab/> and <w:br/>
    elif text:
        run._r.add_t(text)  # half the cost of run.text, which walks the text character by character
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    return run


def _link(
    paragraph: Paragraph, url: str, text: str, *, bold: bool = False, italic: bool = False
) -> None:
    """A clickable external link, blue and underlined as Word shows its own."""
    rel = paragraph.part.relate_to(_clean(url), RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), rel)
    run = _run(paragraph, text, bold=bold, italic=italic)
    run.font.underline = True
    run.font.color.rgb = _LINK_BLUE
    hyperlink.append(run._r)  # moves the run out of the paragraph into the link
    paragraph._p.append(hyperlink)


def _hang(paragraph: Paragraph, prefix: str, start: Length, size: int) -> Length:
    """Indent so wrapped lines line up under the text after ``prefix``; returns that point."""
    hang = Pt(size * sum(_EM_WIDTHS.get(char, 0.556) for char in prefix))
    text_start = Length(start + hang)
    if prefix:
        paragraph.paragraph_format.left_indent = text_start
        paragraph.paragraph_format.first_line_indent = Length(-hang)
    return text_start


def _label(number: str) -> str:
    """A list number or letter as printed: "1" becomes "1.", "1." and "(a)" stay as they are."""
    return number if number.endswith((".", ")")) else f"{number}."


def _clean(text: str) -> str:
    """``text`` without the control characters and lone surrogates XML 1.0 forbids."""
    return _INVALID_XML.sub("", text)


def _save(doc: DocumentObject) -> bytes:
    """The document's bytes."""
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
