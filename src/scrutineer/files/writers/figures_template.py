"""The performance figures template (CSV): the columns the figures parser reads back."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from scrutineer.files.formulas import neutralise
from scrutineer.files.parsers.performance_figures import TEMPLATE_COLUMNS


def figures_template_csv(rows: Iterable[Sequence[str]]) -> bytes:
    """The template: the header, then ``rows`` (text cells made safe to open in Excel)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")  # tells Excel the file is UTF-8
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(TEMPLATE_COLUMNS)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")
