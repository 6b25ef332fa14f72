"""Sanitised HTML (a tracker's summary and progress) written into a Word table cell.

Pure: the HTML subset the sanitiser keeps in, paragraphs of formatted runs out; lists are typed
out ("1. ", "• ") with hanging indents rather than left to numbering.xml.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from docx.shared import Cm
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from scrutineer.files.writers.docx_parts import (
    TABLE_PT,
    add_link,
    add_run,
    cell_paragraphs,
    hang,
    xml_safe,
)

_SPACES = re.compile(r"\s+")
_LINK_SCHEMES = ("http://", "https://", "mailto:")


class _CellWriter(HTMLParser):
    """Writes the sanitised HTML subset into a cell as paragraphs of formatted runs."""

    _FLAGS = {"strong": "bold", "b": "bold", "em": "italic", "i": "italic", "u": "underline"}
    _FLAGS |= {"sup": "superscript"}

    def __init__(self, cell: _Cell) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs = cell_paragraphs(cell)
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
            add_run(self.current, "\n")
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
                hang(self.current, self.marker, start, TABLE_PT)
                add_run(self.current, self.marker)
                self.marker = ""
        bold, italic = self.flags["bold"] > 0, self.flags["italic"] > 0
        if self.links and self.links[-1]:
            add_link(self.current, self.links[-1], text, bold=bold, italic=italic)
            return
        run = add_run(self.current, text, bold=bold, italic=italic)
        run.font.underline = self.flags["underline"] > 0 or None
        run.font.superscript = self.flags["superscript"] > 0 or None


def html_cell(cell: _Cell, html: str) -> None:
    """An HTML fragment as paragraphs, lists typed out with hanging indents."""
    writer = _CellWriter(cell)
    writer.feed(xml_safe(html))
    writer.close()
