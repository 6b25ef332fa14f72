"""Text a spreadsheet would run as a formula: neutralised by the writers, restored by the parsers.

A cell starting "=", "+", "-", "@", tab or CR (perhaps after quotes) is a formula to Excel.
The CSV writer puts one "'" before such text; the CSV reader takes one off, so an exported
tracker imports back exactly. Quotes are included in the match so that "'=x" gains a quote too
and taking one away always restores the original.
"""

from __future__ import annotations

import re

_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would take ``text`` for a formula (or it is one neutralised)."""
    return _FORMULA.match(text) is not None


def neutralise(text: str) -> str:
    """``text`` safe to open in Excel: a leading "'" when it could start a formula."""
    return f"'{text}" if looks_like_formula(text) else text


def unneutralise(cell: str) -> str:
    """Undo ``neutralise``: one leading "'" off text that would otherwise be a formula."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell
