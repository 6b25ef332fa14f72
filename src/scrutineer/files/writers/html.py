"""Print views of the tracker and the briefing note: HTML for the browser and the web-page
export (the PDFs are set by Typst: see pdf.py).

Pure: dataclasses in, str out. A private template engine keeps it free of settings.
"""

from __future__ import annotations

import base64
import functools
from pathlib import Path
from typing import Any

from django.template import Context, Engine
from django.utils.safestring import SafeString

from scrutineer.core.calendar import long_date, month_year
from scrutineer.core.sanitise import clean_html
from scrutineer.files.columns import CLOSURE_COLUMNS, FORWARD_PLAN_COLUMNS, TRACKER_COLUMNS
from scrutineer.files.documents import (
    BriefingDocument,
    ClosureListDocument,
    ExportItem,
    ExportRecommendation,
    HouseStyle,
    TrackerDocument,
)
from scrutineer.files.labels import status_label

_APP = Path(__file__).resolve().parent.parent
PRINT_CSS = _APP / "static" / "scrutineer" / "print.css"
_ENGINE = Engine(dirs=[str(_APP / "templates")], autoescape=True, libraries={})

# Class suffixes for the column widths in print.css, in TRACKER_COLUMNS order.
_TRACKER_KEYS = (
    "no",
    "date",
    "title",
    "summary",
    "recommendations",
    "status",
    "assigned",
    "progress",
)
_PLAN_KEYS = ("no", "title", "date", "information")
_FONT_FALLBACK = 'Arial, "Liberation Sans", Helvetica, sans-serif'
# Characters left as they are in a CSS string; anything else is written as a hex escape, so
# no value can end the string, the rule or the <style> element it sits in.
_CSS_PLAIN = frozenset(" .,:;&'()/-_!?@#%*+=")


def tracker_html(
    document: TrackerDocument, *, with_forward_plan: bool = False, standalone: bool = True
) -> str:
    """The tracker as HTML: a whole document, or the fragment a web page includes."""
    body = _ENGINE.get_template("files/tracker_print.html").render(
        Context(_tracker_context(document, with_forward_plan=with_forward_plan))
    )
    if not standalone:
        return body
    council = document.council or document.style.council_name
    page = _page_css(
        document.style,
        top_left=council,
        top_center=document.committee,
        top_right=f"As at {long_date(document.as_at)}",
    )
    return _document(document.title, body, page, document.style)


def briefing_html(document: BriefingDocument, *, standalone: bool = True) -> str:
    """The briefing note as HTML: a whole document, or the fragment a web page includes."""
    body = _ENGINE.get_template("files/briefing_print.html").render(
        Context(_briefing_context(document))
    )
    if not standalone:
        return body
    council = document.council or document.style.council_name
    page = _page_css(document.style, top_left=council, top_center="", top_right="")
    return _document(f"Briefing Note: {document.title}", body, page, document.style)


def closure_list_html(document: ClosureListDocument, *, standalone: bool = True) -> str:
    """The closures proposed for a meeting as HTML: a whole document, or a page's fragment."""
    meeting = f"Meeting of {long_date(document.meeting_date)}"
    body = _ENGINE.get_template("files/closure_list_print.html").render(
        Context(
            {
                "title": document.title,
                "subtitle": f"{document.committee}, meeting of {long_date(document.meeting_date)}",
                "caption": f"Recommendations proposed for closure at the {document.committee} "
                f"meeting of {long_date(document.meeting_date)}",
                "columns": CLOSURE_COLUMNS,
                "closures": [
                    {
                        "closure": closure,
                        "proposed_on": long_date(closure.proposed_on)
                        if closure.proposed_on
                        else "",
                        "latest_on": long_date(closure.latest_update_on)
                        if closure.latest_update_on
                        else "",
                    }
                    for closure in document.closures
                ],
                "logo": _logo(document.style),
                "council": document.council or document.style.council_name,
            }
        )
    )
    if not standalone:
        return body
    council = document.council or document.style.council_name
    page = _page_css(
        document.style, top_left=council, top_center=document.committee, top_right=meeting
    )
    return _document(document.title, body, page, document.style)


@functools.cache
def print_css() -> str:
    """The print stylesheet that web pages link to, read once."""
    return PRINT_CSS.read_text(encoding="utf-8")


def _document(title: str, body: SafeString, page_css: str, style: HouseStyle) -> str:
    # Our own stylesheet, with the per-document values CSS-escaped.
    css = SafeString(f"{print_css()}\n{page_css}")  # nosec B703
    return _ENGINE.get_template("files/print_document.html").render(
        # body is the SafeString the fragment template rendered, so it goes in unescaped.
        Context(
            {
                "title": title,
                "css": css,
                "body": body,
                "author": style.council_name,
                "licence": style.licence,
            }
        )
    )


def _page_css(style: HouseStyle, *, top_left: str, top_center: str, top_right: str) -> str:
    """The per-document part of the stylesheet: running headers, footer and house font."""
    boxes = {
        "top-left": top_left,
        "top-center": top_center,
        "top-right": top_right,
        "bottom-left": style.contact_footer,
    }
    rules = " ".join(f"@{box} {{ content: {_css_string(text)}; }}" for box, text in boxes.items())
    font = f"{_css_string(style.font_family)}, {_FONT_FALLBACK}" if style.font_family else ""
    family = f"font-family: {font};" if font else ""
    # The page margin is the only margin wanted; the browser default on <body> would add to it.
    body = "body { margin: 0; }"
    return f"@page {{ {family} {rules} }}\n{body}\n.scrutineer-print {{ {family} }}\n"


def _css_string(text: str) -> str:
    """``text`` as a double-quoted CSS string."""
    return '"' + "".join(_css_char(char) for char in text) + '"'


def _css_char(char: str) -> str:
    if char.isalnum() or char in _CSS_PLAIN:
        return char
    # The trailing space ends the escape, so a following hex digit is not swallowed into it.
    return f"\\{ord(char):x} "


def _tracker_context(document: TrackerDocument, *, with_forward_plan: bool) -> dict[str, Any]:
    plan_names = [name.format(committee=document.committee_short) for name in FORWARD_PLAN_COLUMNS]
    plan = document.forward_plan if with_forward_plan else ()
    return {
        "logo": _logo(document.style),
        "council": document.council or document.style.council_name,
        "title": document.title,
        "committee": document.committee,
        "committee_short": document.committee_short,
        "as_at": long_date(document.as_at),
        "columns": _columns(TRACKER_COLUMNS, _TRACKER_KEYS),
        "items": [_item(item) for item in document.items],
        "forward_plan_title": document.forward_plan_title,
        "plan_columns": _columns(plan_names, _PLAN_KEYS),
        "forward_plan": [
            {
                "number": str(entry.number),
                "title": entry.title,
                "decision_date": month_year(entry.decision_date),
                "note": entry.note,
            }
            for entry in plan
        ],
    }


def _columns(names: tuple[str, ...] | list[str], keys: tuple[str, ...]) -> list[dict[str, str]]:
    return [{"name": name, "key": key} for name, key in zip(names, keys, strict=True)]


def _item(item: ExportItem) -> dict[str, Any]:
    return {
        # Strings, not ints: the template engine localises numbers, which needs settings.
        "number": str(item.number),
        "meeting_date": long_date(item.meeting_date),
        "title": item.title,
        "marking": item.marking,
        # Sanitised on the way in, and again here so the writer is safe whatever it is given.
        "summary_html": SafeString(clean_html(item.summary_html)),  # nosec B703
        "groups": _groups(item.recommendations),
        "status": status_label(item.status),
        "assigned_to": " / ".join(item.assigned_to),
        "progress_html": SafeString(clean_html(item.progress_html)),  # nosec B703
    }


def _groups(recommendations: tuple[ExportRecommendation, ...]) -> list[dict[str, Any]]:
    """Runs of recommendations sharing a preamble ("Cabinet to:"), printed once before its list."""
    groups: list[dict[str, Any]] = []
    for recommendation in recommendations:
        if not groups or groups[-1]["preamble"] != recommendation.preamble:
            groups.append({"preamble": recommendation.preamble, "recommendations": []})
        number = recommendation.number.strip().rstrip(".")
        numeric = number.isascii() and number.isdigit()
        groups[-1]["recommendations"].append(
            {
                # <li value> takes only an integer; "2a" and the like are printed as text.
                "value": number if numeric else "",
                "label": "" if numeric or not number else f"{number}.",
                "text": recommendation.text,
            }
        )
    return groups


def _briefing_context(document: BriefingDocument) -> dict[str, Any]:
    return {
        "logo": _logo(document.style),
        "council": document.council or document.style.council_name,
        "addressee": document.addressee,
        "title": document.title,
        "purpose": document.purpose,
        "introduction": document.introduction,
        "committee": document.committee,
        "comments": [
            {
                "number": comment.number,
                "text": comment.text,
                "responses": [
                    {"label": _label(response.letter), "text": response.text}
                    for response in comment.responses
                ],
            }
            for comment in document.comments
        ],
        "recommendations": [
            {"label": _label(number), "text": text} for number, text in document.recommendations
        ],
        "contact": {
            "name": document.contact_name,
            "role": document.contact_role,
            "email": document.contact_email,
            "phone": document.contact_phone,
        },
    }


def _label(number: str) -> str:
    """A response letter or recommendation number as the note prints it, with one full stop."""
    return f"{number.strip().rstrip('.')}."


def _logo(style: HouseStyle) -> str:
    if not style.logo_png:
        return ""
    return "data:image/png;base64," + base64.b64encode(style.logo_png).decode("ascii")
