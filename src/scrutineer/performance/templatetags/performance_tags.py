"""Small display helpers for the performance pages: a RAG tag and a figure with its unit."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from scrutineer.files.labels import DIRECTION_LABELS, figure

register = template.Library()

_RAG = {
    "red": ("govuk-tag--red", "Red"),
    "amber": ("govuk-tag--orange", "Amber"),
    "green": ("govuk-tag--green", "Green"),
    "blue": ("govuk-tag--blue", "Blue (not rated)"),
}
_DIRECTION = DIRECTION_LABELS


@register.filter
def rag_tag(rag: str) -> SafeString:
    """A GOV.UK tag that names the colour in words, so it never relies on colour alone."""
    css, label = _RAG.get(str(rag), ("govuk-tag--grey", str(rag)))
    return format_html('<strong class="govuk-tag {}">{}</strong>', css, label)


@register.filter
def direction(value: str) -> str:
    return _DIRECTION.get(str(value), str(value))


register.filter("figure", figure)
