"""What a council's status words mean in Scrutineer: open or closed.

Pure: a cell's words in, Scrutineer's status out, with the file's own wording kept. Councils
keep their trackers on many scales (RAG; Achieved / On track / Slipped / Not achieved;
Implemented / Partly implemented / Not implemented; Accepted / Rejected; Complete / Ongoing;
Paused), and some write the status only at the end of the progress text ("Still in
progress."). A committee may say what its own words mean (``scale``), over the defaults here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

OPEN, CLOSED = "open", "closed"
STATUSES = (OPEN, CLOSED)

# A word's meaning when the committee has not said otherwise. Anything still to be done stays
# open, however it is described (paused, slipped, not achieved): closing is the committee's
# decision, and an open recommendation is one that is still chased.
DEFAULT_SCALE: dict[str, str] = {
    **dict.fromkeys(
        (
            "open", "ongoing", "in progress", "still in progress", "on going", "outstanding",
            "pending", "not started", "under way", "underway", "awaiting", "awaiting response",
            "in hand", "on track", "slipped", "delayed", "behind", "overdue", "not achieved",
            "not implemented", "partly implemented", "partially implemented", "partly achieved",
            "accepted", "agreed", "partly accepted", "paused", "on hold", "deferred",
            "amber", "red", "red amber", "amber red", "amber green", "green amber", "progressing",
            "not yet due", "live", "active",
        ),
        OPEN,
    ),
    **dict.fromkeys(
        (
            "closed", "complete", "completed", "achieved", "implemented", "done", "finished",
            "fully implemented", "signed off", "no further action", "nfa", "rejected",
            "not accepted", "withdrawn", "superseded", "green", "blue", "resolved", "actioned",
            "delivered", "met",
        ),
        CLOSED,
    ),
}  # fmt: skip

# Status only in the text: a closing sentence such as "Still in progress." or "Closed.", or
# an opening word such as "Completed - the report was received".
_WORDS = sorted(DEFAULT_SCALE, key=len, reverse=True)
_TEXT_END = re.compile(
    r"(?:^|[.!;:\n]\s*)(?P<word>(?:still |now |action |recommendation )?(?:"
    + "|".join(re.escape(w) for w in _WORDS if (" " in w or len(w) > 4 or w == "done"))
    + r"))\s*[.!]?\s*$",
    re.IGNORECASE,
)
_TEXT_START = re.compile(
    r"^\s*(?P<word>closed|completed?|implemented|achieved|ongoing|in progress|done|paused)\b"
    r"\s*(?:[.:;,\u2013\u2014-]|$)",
    re.IGNORECASE,
)


def status_key(text: str) -> str:
    """A status word as the scale keys it: lower case, punctuation and "e.g." dropped."""
    text = re.sub(r"\be\.?\s?g\.?\s", " ", text.casefold())
    text = re.sub(r"[^\w&]+", " ", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class ReadStatus:
    """A status read from a cell: Scrutineer's ``status`` and the ``wording`` the file used;
    ``rest`` is what the cell said after the word ("Closed 12/05/2023": the date)."""

    status: str
    wording: str
    rest: str = ""


def read_status(cell: str, scale: Mapping[str, str] | None = None) -> ReadStatus | None:
    """The status a status cell holds, through the committee's ``scale`` and the defaults;
    None when its words mean nothing known. A cell that starts with a known word and goes
    on ("Complete - see update", "Green: achieved") is read by that word."""
    text = " ".join(cell.split())
    if not text:
        return None
    words = {**DEFAULT_SCALE, **{status_key(k): v for k, v in (scale or {}).items()}}
    key = status_key(text)
    if key in words:
        return ReadStatus(words[key], text)
    # The longest known word the cell starts with: "Green - achieved", "Closed 12/05/2023".
    for word in sorted(words, key=len, reverse=True):
        if key.startswith(word + " "):
            rest = text[len(_prefix_of(text, word)) :].strip(" -\u2013\u2014:;,.")
            return ReadStatus(words[word], text, rest)
    return None


def _prefix_of(text: str, word: str) -> str:
    """The part of ``text`` that spells ``word`` (punctuation and case aside)."""
    wanted = len(word.replace(" ", ""))
    seen = 0
    for index, char in enumerate(text):
        if char.isalnum() or char == "&":
            seen += 1
            if seen == wanted:
                return text[: index + 1]
    return text


def status_in_text(text: str, scale: Mapping[str, str] | None = None) -> ReadStatus | None:
    """The status a progress text gives in its first or last words ("Closed.", "Still in
    progress."), for a file with no status column; None when it gives none."""
    text = " ".join(text.split())
    found = _TEXT_END.search(text) or _TEXT_START.match(text)
    if found is None:
        return None
    read = read_status(found["word"], scale)
    if read is None:
        word = status_key(found["word"]).removeprefix("still ").removeprefix("now ")
        read = read_status(word.removeprefix("action ").removeprefix("recommendation "), scale)
    return ReadStatus(read.status, found["word"].strip()) if read else None


def scale_words(scale: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every word the scale knows, with its meaning: the defaults and the committee's own."""
    return {**DEFAULT_SCALE, **{status_key(k): v for k, v in (scale or {}).items()}}
