"""Small display helpers for the performance pages: a RAG tag, a direction of travel, a
financial year and a figure with its unit. The words come from files.labels, which the
printed report uses too, so a page and its document never disagree."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from scrutineer.core.calendar import period_label
from scrutineer.core.components import tag_html
from scrutineer.files.labels import DIRECTION_LABELS, RAG_LABELS, RAG_ORDER, figure

register = template.Library()

# The GOV.UK tag colour of each RAG; GOV.UK has no amber, so amber is its orange.
_RAG_TAG_CLASSES = {
    "red": "govuk-tag--red",
    "amber": "govuk-tag--orange",
    "green": "govuk-tag--green",
    "blue": "govuk-tag--blue",
}


@register.filter
def rag_tag(rag: str) -> SafeString:
    """A GOV.UK tag that names the RAG in words, so it never relies on colour alone."""
    css = _RAG_TAG_CLASSES.get(str(rag), "govuk-tag--grey")
    return tag_html(RAG_LABELS.get(str(rag), str(rag)), css)


@register.simple_tag
def rag_labels() -> list[str]:
    """The RAG words in the report's order, for a table's headings."""
    return [RAG_LABELS[rag] for rag in RAG_ORDER]


@register.filter
def direction(value: str) -> str:
    return DIRECTION_LABELS.get(str(value), str(value))


@register.filter
def financial_year(year: int) -> str:
    """The financial year that starts in ``year``: "2024/25"."""
    return period_label(int(year), None)


register.filter("figure", figure)


@register.simple_tag
def indicator_row(row: Any) -> SafeString:
    """An indicator's row of the dashboard's tables (``performance/_row.html``), rendered once
    however many tables show it: a red indicator is often worsening too, so 400 indicators
    made some 800 rows, and rendering each took most of a dashboard's time."""
    html: str | None = getattr(row, "_rendered_row", None)
    if html is None:
        html = get_template("performance/_row.html").render({"row": row}).rstrip("\n")
        row._rendered_row = html
    # The row as its template rendered (and escaped) it.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703
