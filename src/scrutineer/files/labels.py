"""Words the documents and pages print for computed values: status, RAG, direction of travel,
figures.

One place, so a page and the document printed from it never disagree.
"""

from __future__ import annotations

# The tracker's status column: an item is open while any of its recommendations is.
STATUS_LABELS = {"open": "Open", "closed": "Closed", "none": "No recommendations"}
# The quarterly performance report. RAG and direction are words as well as colours, so the
# printed report never relies on colour alone.
RAG_ORDER = ("red", "amber", "green", "blue")
RAG_LABELS = {"red": "Red", "amber": "Amber", "green": "Green", "blue": "Not rated"}
DIRECTION_LABELS = {
    "improving": "Improving",
    "worsening": "Worsening",
    "unchanged": "No change",
    "no_data": "No comparison",
}


# How the council's own copy of a tracker marks what the public may not see.
EXEMPT_MARKING = "Exempt: not for publication"
DRAFT_MARKING = "Draft: not yet published"


def item_marking(*, exempt: bool, draft: bool) -> str:
    """What the council's copy prints beside an item the public may not see; empty for the rest."""
    return "; ".join(
        words for words, applies in ((EXEMPT_MARKING, exempt), (DRAFT_MARKING, draft)) if applies
    )


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


def status_label(status: str) -> str:
    """A tracker status as the documents print it: "Open", "Closed", "No recommendations"."""
    return STATUS_LABELS.get(status, status.title())
