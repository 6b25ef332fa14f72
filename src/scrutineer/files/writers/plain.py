"""Sanitised HTML (a summary, a progress update) as the plain text of a spreadsheet cell.

Pure. A CSV or XLSX cell holds text, never markup: paragraphs become lines, a line break a
new line, each item of a bulleted list a line starting "• " and of a numbered list a line
starting "1. ", a nested list's items indented two spaces further. Emphasis is dropped (a
cell has none to give); a link keeps its words, followed by its address in brackets when
the words are not the address. The importer reads the lines back as paragraphs and the "• "
lines as a list (``parsers.tracker_rows``), so an exported tracker imports back unchanged.
"""

from __future__ import annotations

from scrutineer.files.writers.pdf_html import Block, Run, html_blocks

BULLET = "• "


def cell_text(html: str) -> str:
    """The fragment's text, a paragraph or list item per line; "" for an empty fragment."""
    if "<" not in html and "&" not in html:
        return html.strip()
    return "\n".join(_lines(html_blocks(html), depth=0))


def _lines(blocks: list[Block], *, depth: int) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if "p" in block:
            text = "".join(_run(run) for run in block["p"])
            lines += [line.strip() for line in text.split("\n") if line.strip()]
        else:
            ordered = "ol" in block
            indent = "  " * depth
            for number, item in enumerate(block.get("ol") or block.get("ul") or [], start=1):
                mark = f"{number}. " if ordered else BULLET
                inner = _lines(item, depth=depth + 1)
                if not inner:
                    continue
                lines.append(f"{indent}{mark}{inner[0]}")
                # The item's later paragraphs and nested lists, under its first line.
                lines += [
                    line if line.startswith(indent + "  ") else f"{indent}  {line}"
                    for line in inner[1:]
                ]
    return lines


def _run(run: Run) -> str:
    if isinstance(run, str):
        return run
    if "br" in run:
        return "\n"
    text: str = run["t"]
    href: str = run.get("href", "")
    address = href.removeprefix("mailto:")
    if href and address.strip() != text.strip() and href.strip() != text.strip():
        return f"{text} ({address})"
    return text
