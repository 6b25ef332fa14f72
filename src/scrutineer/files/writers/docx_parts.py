"""Word (DOCX) building blocks the document writers share, by python-docx: the page, its
header and footer, headings, tables and runs of text in the house style.

Pure: no database, no settings. Every piece of text passes through ``xml_safe``, since lxml
refuses the characters XML 1.0 cannot hold.
"""

from __future__ import annotations

import contextlib
import copy
import io
import re
import struct
from collections.abc import Callable, Iterator, Sequence

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

from scrutineer.files.documents import HouseStyle

# XML 1.0 forbids these characters; lxml refuses them, so they are dropped before writing.
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TABS_AND_BREAKS = re.compile(r"[\t\n\r]")
_BLACK = RGBColor(0, 0, 0)
_LINK_BLUE = RGBColor(0x05, 0x63, 0xC1)
TABLE_PT = 9
LANGUAGE = "en-GB"
# Arial advance widths in ems, to set a hanging indent that lines wrapped text up with the
# text after a typed "1. " or "1.1.1 "; other characters count as a digit.
_EM_WIDTHS = {".": 0.278, " ": 0.278, ")": 0.333, "\N{BULLET}": 0.35}


def new_document(style: HouseStyle, size: int, *, title: str) -> DocumentObject:
    """A blank document whose text is all in the house font, titled ``title`` and in British
    English (the language a screen reader reads it in, and Word checks its spelling in)."""
    doc = Document()
    doc.core_properties.title = xml_safe(title)[:255]  # Word's limit
    doc.core_properties.language = LANGUAGE
    doc.core_properties.author = xml_safe(style.council_name)[:255]
    doc.core_properties.comments = xml_safe(style.licence)[:255]
    _set_language(doc)
    family = xml_safe(style.font_family) or "Arial"
    # Word prefers a theme font to a named one, so the theme references are removed.
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
    normal = doc.styles["Normal"]
    normal.font.name = family
    normal.font.size = Pt(size)
    normal.paragraph_format.space_after = Pt(2 if size == TABLE_PT else 6)
    for name, points in (("Heading 1", size + 5), ("Heading 2", size + 1)):
        heading = doc.styles[name]
        heading.font.name = family
        heading.font.size = Pt(points)
        heading.font.color.rgb = _BLACK
        heading.paragraph_format.space_before = Pt(6)
        heading.paragraph_format.space_after = Pt(6)
    return doc


def _set_language(doc: DocumentObject) -> None:
    """British English as the language of every run that does not say otherwise."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        doc.styles.element.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), LANGUAGE)


def set_page(doc: DocumentObject, *, landscape: bool, margin: Length) -> None:
    """A4 in the given orientation with equal margins."""
    section = doc.sections[0]
    short, long = Cm(21.0), Cm(29.7)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, margin)
    section.header_distance = section.footer_distance = Cm(0.6)


def page_header(doc: DocumentObject, style: HouseStyle, parts: Sequence[str]) -> None:
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
            logo = paragraph.add_run().add_picture(io.BytesIO(style.logo_png), height=Cm(0.9))
            # The logo's text alternative, as Word's "Alt Text" shows it.
            alt = xml_safe(parts[0] if parts and parts[0] else style.council_name) or "Logo"
            logo._inline.docPr.set("descr", f"{alt} logo" if alt != "Logo" else alt)
            logo._inline.docPr.set("title", alt)
            paragraph.add_run(" ")
    for index, text in enumerate(parts):
        add_run(paragraph, ("\t" if index else "") + text, bold=index == 0)


def page_footer(doc: DocumentObject, style: HouseStyle) -> None:
    """The house contact line, if any, and "Page X of Y" kept current by Word fields."""
    footer = doc.sections[0].footer
    paragraph = footer.paragraphs[0]
    if style.contact_footer:
        add_run(paragraph, style.contact_footer)
        paragraph = footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(paragraph, "Page ")
    _field(paragraph, "PAGE")
    add_run(paragraph, " of ")
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


def add_heading(doc: DocumentObject, text: str, level: int = 1) -> None:
    """A heading in the house font, bold."""
    paragraph = doc.add_paragraph(style=doc.styles[f"Heading {level}"])
    add_run(paragraph, text, bold=True)


def add_table(
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
        plain_cell(cell, text, bold=True)
        shade_cell(cell, "D9D9D9")
    return add_row


def plain_cell(cell: _Cell, text: str, *, bold: bool = False) -> None:
    """Plain text in a cell's first paragraph."""
    if text:
        add_run(cell.paragraphs[0], text, bold=bold)


def shade_cell(cell: _Cell, fill: str) -> None:
    """A solid background colour for a cell."""
    shading = f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'
    cell._tc.get_or_add_tcPr().append(parse_xml(shading))


def report_headings(
    doc: DocumentObject, *, points: tuple[float, float, float], before_level_2: float
) -> None:
    """Headings a report needs (larger than the tracker's, and a third level), in the body's
    font and the first heading's colour, each kept with what follows it."""
    for name, size in zip(("Heading 1", "Heading 2", "Heading 3"), points, strict=True):
        heading = doc.styles[name]
        heading.font.name = doc.styles["Normal"].font.name
        heading.font.size = Pt(size)
        heading.font.color.rgb = doc.styles["Heading 1"].font.color.rgb
        heading.paragraph_format.space_before = Pt(before_level_2 if name == "Heading 2" else 6)
        heading.paragraph_format.space_after = Pt(4)
        heading.paragraph_format.keep_with_next = True


def cell_paragraphs(cell: _Cell) -> Iterator[Paragraph]:
    """The cell's empty first paragraph, then new ones as asked for."""
    yield cell.paragraphs[0]
    while True:
        yield cell.add_paragraph()


def add_run(paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False) -> Run:
    """A run of text, without characters XML cannot hold."""
    run, text = paragraph.add_run(), xml_safe(text)
    if _TABS_AND_BREAKS.search(text):
        run.text = text  # python-docx turns these into <w:tab/> and <w:br/>
    elif text:
        run._r.add_t(text)  # half the cost of run.text, which walks the text character by character
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    return run


def add_link(
    paragraph: Paragraph, url: str, text: str, *, bold: bool = False, italic: bool = False
) -> None:
    """A clickable external link, blue and underlined as Word shows its own."""
    rel = paragraph.part.relate_to(xml_safe(url), RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), rel)
    run = add_run(paragraph, text, bold=bold, italic=italic)
    run.font.underline = True
    run.font.color.rgb = _LINK_BLUE
    hyperlink.append(run._r)  # moves the run out of the paragraph into the link
    paragraph._p.append(hyperlink)


def hang(paragraph: Paragraph, prefix: str, start: Length, size: int) -> Length:
    """Indent so wrapped lines line up under the text after ``prefix``; returns that point."""
    hang = Pt(size * sum(_EM_WIDTHS.get(char, 0.556) for char in prefix))
    text_start = Length(start + hang)
    if prefix:
        paragraph.paragraph_format.left_indent = text_start
        paragraph.paragraph_format.first_line_indent = Length(-hang)
    return text_start


def list_label(number: str) -> str:
    """A list number or letter as printed: "1" becomes "1.", "1." and "(a)" stay as they are."""
    return number if number.endswith((".", ")")) else f"{number}."


def xml_safe(text: str) -> str:
    """``text`` without the control characters and lone surrogates XML 1.0 forbids."""
    return _INVALID_XML.sub("", text)


def document_bytes(doc: DocumentObject) -> bytes:
    """The document's bytes."""
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
