"""The executive's response as a council's tracker writes it, and what it suggests.

Pure: free text in, a suggested decision out. The suggestion is only that: the importer shows
it in the preview and never records a decision the executive's own words do not state.
"""

from __future__ import annotations

import re

ACCEPTED, PARTLY, REJECTED = "accepted", "partly_accepted", "rejected"
SUGGESTION_LABELS = {ACCEPTED: "accepted", PARTLY: "partly accepted", REJECTED: "rejected"}

_PARTLY = re.compile(
    r"\b(?:partly|partially|in part|agreed in principle|accepted in principle|with amendments?|"
    r"subject to)\b",
    re.IGNORECASE,
)
_REJECTED = re.compile(
    r"\b(?:not\s+(?:be\s+)?(?:accepted|agreed|supported|approved|implemented|taken forward)|"
    r"rejected|declined|did not need|does not need|do not need|no need|will not|won't|"
    r"not (?:considered )?(?:necessary|appropriate|feasible|possible)|unable to)\b",
    re.IGNORECASE,
)
_ACCEPTED = re.compile(
    r"\b(?:agreed?|accepted|accept|supported|support|approved|will be (?:provided|done|"
    r"implemented|introduced|reviewed|considered|included|undertaken)|noted and agreed|yes)\b",
    re.IGNORECASE,
)


def suggest_decision(text: str) -> str:
    """“accepted”, “partly_accepted” or “rejected”, as the response's words suggest; "" when
    they suggest nothing. “It was agreed that the number of actions did not need to be
    reduced” is a rejection: the agreement is not to do what was recommended."""
    if not text.strip():
        return ""
    if _PARTLY.search(text):
        return PARTLY
    if _REJECTED.search(text):
        return REJECTED
    if _ACCEPTED.search(text):
        return ACCEPTED
    return ""


# The executive's decision when a file states it (a column of its own), by the words councils
# and our own export use: recorded as stated.
DECISIONS = {
    "accepted": ACCEPTED,
    "accept": ACCEPTED,
    "agreed": ACCEPTED,
    "partly accepted": PARTLY,
    "partially accepted": PARTLY,
    "accepted in part": PARTLY,
    "rejected": REJECTED,
    "not accepted": REJECTED,
    "declined": REJECTED,
    "awaiting response": "pending",
    "pending": "pending",
    "responded not yet classified": "responded",
    "responded": "responded",
}


def decision_key(text: str) -> str | None:
    """The decision a "decision" cell states, or None when it states none we know."""
    key = " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())
    return DECISIONS.get(key)


_YEAR_PAIR = re.compile(r"(?<![0-9])(?:20)?([0-9]{2})\s*[/-]\s*(?:20)?([0-9]{2})(?![0-9/])")


def municipal_year_in(reference: str) -> str:
    """The municipal year a reference names, as “25/26” (“SR (25/26) 01”, “2025/26-4”); ""
    when it names none."""
    for found in _YEAR_PAIR.finditer(reference):
        first, second = int(found[1]), int(found[2])
        if (first + 1) % 100 == second:
            return f"{first:02d}/{second:02d}"
    return ""
