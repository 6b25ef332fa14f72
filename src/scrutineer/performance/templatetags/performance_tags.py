"""Small display helpers for the performance pages: a RAG tag and a figure with its unit."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

_RAG = {
    "red": ("govuk-tag--red", "Red"),
    "amber": ("govuk-tag--orange", "Amber"),
    "green": ("govuk-tag--green", "Green"),
    "blue": ("govuk-tag--blue", "Blue (not rated)"),
}
_DIRECTION = {
    "improving": "Improving",
    "worsening": "Worsening",
    "unchanged": "No change",
    "no_data": "No comparison",
}


@register.filter
def rag_tag(rag: str) -> SafeString:
    """A GOV.UK tag that names the colour in words, so it never relies on colour alone."""
    css, label = _RAG.get(str(rag), ("govuk-tag--grey", str(rag)))
    return format_html('<strong class="govuk-tag {}">{}</strong>', css, label)


@register.filter
def direction(value: str) -> str:
    return _DIRECTION.get(str(value), str(value))


@register.filter
def figure(value: float | None, unit: str = "") -> str:
    """A value in its unit: "94.2%", "£1,250,000", "3.5 days"; a dash when missing."""
    if value is None:
        return "\N{EM DASH}"
    number = f"{value:,.0f}" if value == int(value) or abs(value) >= 1000 else f"{value:,.1f}"
    if unit == "%":
        return f"{number}%"
    if unit == "£":
        return f"£{number}"
    if unit in ("days", "minutes"):
        return f"{number} {unit}"
    return number
