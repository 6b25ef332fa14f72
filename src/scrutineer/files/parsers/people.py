"""Who a tracker's assignee and lead officer cells name: people, councillors, initials, and
the bodies and roles (“The Leader”, “Executive”, “Cabinet”) that are addressed, not assigned.

Pure: a cell's text in, names and what kind of name each is out. Matching a name to a person
on record is the importer's work; this only says what the file wrote.
"""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["body", "councillor", "initials", "person"]

_SEPARATORS = re.compile(r"\s*(?:[/;,\n]|\r)\s*")
_AND = re.compile(r"\s+(?:and|&)\s+")
_INITIALS = re.compile(r"(?:[A-Z]\.?\s?){2,4}")
_COUNCILLOR = re.compile(r"^(?:cllrs?|councillors?|cllr\.)\s+", re.IGNORECASE)
_BODY = re.compile(
    r"^(?:the\s+)?(?:"
    r"(?:deputy\s+)?leader(?:\s+of\s+the\s+council)?|executive|cabinet|(?:full\s+)?council|"
    r"(?:city\s+|elected\s+)?mayor|all\s+(?:members|councillors)|members|"
    r"(?:cabinet|executive|lead)\s+members?(?:\s+for\s+.+)?|portfolio\s+holders?(?:\s+for\s+.+)?"
    r")$",
    re.IGNORECASE,
)


def split_people(cell: str) -> tuple[str, ...]:
    """The names in a cell, split on “/”, “;”, “,”, new lines, and on “and” or “&” between
    two names (“JG and AW”, “Head of Housing and Director of Finance”), not inside one
    (“Cabinet Member for Environment and Housing”, “O&S Officers”)."""
    names: list[str] = []
    for part in _SEPARATORS.split(cell):
        part = " ".join(part.split())
        pieces = _AND.split(part)
        names.extend(pieces if len(pieces) > 1 and all(map(_is_whole_name, pieces)) else [part])
    return tuple(dict.fromkeys(name.strip(" .-\u2013") for name in names if name.strip(" .-")))


def _is_whole_name(piece: str) -> bool:
    """Whether one side of an “and” names someone on its own: initials, or two or more words
    starting with a capital letter."""
    if _INITIALS.fullmatch(piece):
        return True
    return piece[:1].isupper() and len(piece.split()) >= 2


def name_kind(name: str) -> Kind:
    """What a name read from a file is: a body or role that is addressed (“The Leader”,
    “Executive”, “Cabinet Member for Housing”), a councillor (“Cllr A Waller”), initials
    (“JG”), or a person or team by name."""
    if _BODY.match(name.strip()):
        return "body"
    if _COUNCILLOR.match(name):
        return "councillor"
    if _INITIALS.fullmatch(name.strip()):
        return "initials"
    return "person"


def without_title(name: str) -> str:
    """A councillor's name without “Cllr” or “Councillor”: “A Waller”."""
    return _COUNCILLOR.sub("", name).strip()


def initials_of(name: str) -> str:
    """The initials a name is written as (“James Gilchrist”: “JG”); initials stay as they are."""
    if _INITIALS.fullmatch(name.strip()):
        return re.sub(r"[^A-Z]", "", name)
    return "".join(word[0].upper() for word in without_title(name).split() if word[:1].isalpha())
