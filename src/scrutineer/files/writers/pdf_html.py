"""Sanitised HTML (a tracker's summary and progress) as data the PDF templates lay out.

Pure: the HTML subset the sanitiser keeps in, plain lists and dicts out, ready for JSON. The
templates only ever show these strings as text, so nothing in a record can act as Typst
markup or code, whatever it holds.

A fragment is a list of blocks:

- ``{"p": [run, ...]}``: a paragraph;
- ``{"ul": [[block, ...], ...]}`` or ``{"ol": [[block, ...], ...]}``: a list of items, each
  itself a list of blocks.

A run is a plain string, ``{"br": 1}`` for a line break, or ``{"t": text}`` with any of
``"b"``, ``"i"``, ``"u"``, ``"sup"``, ``"sub"`` set to 1 and ``"href"`` for a link.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

Run = str | dict[str, Any]
Block = dict[str, Any]

_SPACES = re.compile(r"\s+")
# Control characters and lone surrogates: no font has them, and a lone surrogate is not JSON.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_LINK_SCHEMES = ("http://", "https://", "mailto:")
_FLAGS = {"strong": "b", "b": "b", "em": "i", "i": "i", "u": "u", "sup": "sup", "sub": "sub"}


def printable(text: str) -> str:
    """``text`` without the characters a PDF cannot show or JSON cannot carry."""
    return _UNPRINTABLE.sub("", text)


def safe_link(href: str) -> str:
    """The link's address when it is a web or e-mail address, else ""."""
    href = printable(href).strip()
    return href if href.lower().startswith(_LINK_SCHEMES) else ""


class _Blocks(HTMLParser):
    """Reads the sanitised HTML subset into blocks of runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list[Block] = []
        # The block lists being filled, innermost last: the fragment, then each open list's
        # current item (or, before its first <li>, a stray-text item not yet in the list).
        self.containers: list[list[Block]] = [self.root]
        self.lists: list[list[list[Block]]] = []  # the items of each open list
        self.paragraph: list[Run] | None = None  # None until a paragraph's first words arrive
        self.flags = dict.fromkeys(_FLAGS.values(), 0)
        self.links: list[str] = []
        self.hidden = 0  # inside <script> or <style>, whose content is not text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _FLAGS:
            self.flags[_FLAGS[tag]] += 1
        elif tag == "a":
            self.links.append(safe_link(dict(attrs).get("href") or ""))
        elif tag == "br":
            if self.paragraph is not None:
                self.paragraph.append({"br": 1})
        elif tag in ("ol", "ul"):
            self._open_list(tag)
        elif tag == "li":
            self.paragraph = None
            if not self.lists:  # a stray <li> reads as a bullet
                self._open_list("ul")
            self._keep_stray_text()
            item: list[Block] = []
            self.lists[-1].append(item)
            self.containers.append(item)
        elif tag in ("p", "div"):
            self.paragraph = None
        elif tag in ("script", "style"):
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _FLAGS:
            self.flags[_FLAGS[tag]] = max(0, self.flags[_FLAGS[tag]] - 1)
        elif tag == "a":
            if self.links:
                self.links.pop()
        elif tag in ("ol", "ul"):
            self.paragraph = None
            if self.lists:
                self._keep_stray_text()
                self.lists.pop()
        elif tag in ("li", "p", "div"):
            self.paragraph = None
        elif tag in ("script", "style"):
            self.hidden = max(0, self.hidden - 1)

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        text = _SPACES.sub(" ", printable(data))
        if self.paragraph is None:
            text = text.lstrip()
            if not text:
                return
            self.paragraph = []
            self.containers[-1].append({"p": self.paragraph})
        self.paragraph.append(self._run(text))

    def _run(self, text: str) -> Run:
        marks: dict[str, Any] = {flag: 1 for flag, depth in self.flags.items() if depth}
        href = self.links[-1] if self.links else ""
        if href:
            marks["href"] = href
        return {"t": text, **marks} if marks else text

    def _open_list(self, tag: str) -> None:
        self.paragraph = None
        items: list[list[Block]] = []
        self.containers[-1].append({tag: items})
        self.lists.append(items)
        self.containers.append([])  # text before the first <li>, kept if there is any

    def _keep_stray_text(self) -> None:
        """Closes the innermost list's current item; text before its first <li> becomes an
        item of its own rather than being lost."""
        container = self.containers.pop()
        items = self.lists[-1]
        if container and not any(container is item for item in items):
            items.append(container)


def html_blocks(html: str) -> list[Block]:
    """A sanitised HTML fragment as blocks of runs; see the module's docstring."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    return parser.root
