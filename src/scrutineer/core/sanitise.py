"""Sanitising HTML that comes from outside (imports, forms) before it is stored or shown.

A small allow-list: paragraphs, lists, emphasis, line breaks, superscripts and links.
Everything else (scripts, styles, event handlers, iframes) is removed.
"""

import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "ol", "ul", "li", "strong", "em", "b", "i", "u", "sup", "sub", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"[ \t\r\f\v]+")


def clean_html(fragment: str) -> str:
    """The fragment with only allow-listed tags and attributes left; links get rel=noopener."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, tags removed and entities decoded, spaces collapsed."""
    text = nh3.clean(fragment, tags=set(), attributes={})
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", text))).strip()


def markup_free(text: str) -> str:
    """Text typed by people (or a file) with any tags in it removed: for plain-text e-mail,
    where a mail client that guesses at HTML must find none to render."""
    return plain_text(text)
