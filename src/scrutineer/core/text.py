"""Turning what people type into the sanitised HTML we store."""

import html
import re

from scrutineer.core.sanitise import clean_html

_LOOKS_LIKE_HTML = re.compile(r"<\s*(p|ul|ol|li|br|strong|em|b|i|a)\b", re.IGNORECASE)


def text_to_html(text: str) -> str:
    """Plain text becomes paragraphs (blank-line separated); HTML is sanitised as it is."""
    text = text.strip()
    if not text:
        return ""
    if _LOOKS_LIKE_HTML.search(text):
        return clean_html(text)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    parts = []
    for paragraph in paragraphs:
        lines = [html.escape(line.strip()) for line in paragraph.splitlines()]
        parts.append("<p>" + "<br>".join(lines) + "</p>")
    return clean_html("".join(parts))
