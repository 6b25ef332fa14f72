"""Who an imported tracker's names are: the people on record they match (by name, by
initials, by initial and surname, or by job title), and who would be recorded new.

Everyone on record is read once per import; a name is matched only when one person fits, so
that "JG" is never given to the wrong one of two people with those initials.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from scrutineer.core.models import Person
from scrutineer.core.services import person_kind_for
from scrutineer.files.parsers.people import initials_of, name_kind, without_title

_INITIAL_SURNAME = re.compile(r"([A-Z])\.?\s+([A-Za-z'\-]{2,})")


@dataclass(frozen=True)
class Match:
    """What a name in the file is: ``person`` on record (``how`` it was matched), or someone
    to record new (``person`` None) of ``kind``; ``unknown_initials`` when it is initials
    nobody on record has."""

    name: str
    person: Person | None
    how: str  # "name", "initials", "initial and surname", "job title", or "" when new
    kind: str

    @property
    def unknown_initials(self) -> bool:
        return self.person is None and name_kind(self.name) == "initials"

    @property
    def new_name(self) -> str:
        """The name a new person is recorded under: a councillor's without “Cllr”, unless
        that leaves only a surname (“Councillor Moss”)."""
        if self.kind != Person.Kind.COUNCILLOR or len(without_title(self.name).split()) < 2:
            return self.name
        return without_title(self.name)


def _key(name: str) -> str:
    return " ".join(without_title(name).casefold().split())


class PeopleOnRecord:
    """Everyone on record, indexed by the ways a file names them."""

    def __init__(self, people: list[Person] | None = None) -> None:
        if people is None:
            people = list(Person.objects.order_by("pk"))
        self.by_name: dict[str, Person] = {}
        self.by_title: dict[str, list[Person]] = defaultdict(list)
        self.by_initials: dict[str, list[Person]] = defaultdict(list)
        self.by_short: dict[tuple[str, str], list[Person]] = defaultdict(list)
        for person in people:
            self.by_name.setdefault(_key(person.name), person)
            if person.job_title.strip():
                self.by_title[_key(person.job_title)].append(person)
            if person.kind != Person.Kind.TEAM:
                self.by_initials[initials_of(person.name)].append(person)
                words = without_title(person.name).split()
                if len(words) >= 2:
                    self.by_short[(words[0][0].upper(), words[-1].casefold())].append(person)
        self.found: dict[str, Match] = {}

    def match(self, name: str) -> Match:
        """The person a name from the file is, or who would be recorded."""
        if name in self.found:
            return self.found[name]
        kind = name_kind(name)
        found, how = self.by_name.get(_key(name)), "name"
        if found is None and len(self.by_title.get(_key(name), [])) == 1:
            found, how = self.by_title[_key(name)][0], "job title"
        if found is None and kind == "initials":
            candidates = self.by_initials.get(initials_of(name), [])
            found, how = (candidates[0], "initials") if len(candidates) == 1 else (None, "")
        if found is None and (short := _INITIAL_SURNAME.fullmatch(without_title(name))):
            candidates = self.by_short.get((short[1].upper(), short[2].casefold()), [])
            found, how = (
                (candidates[0], "initial and surname")
                if len(candidates) == 1
                else (
                    None,
                    "",
                )
            )
        if found is None:
            how = ""
        new_kind = Person.Kind.COUNCILLOR if kind == "councillor" else person_kind_for(name)
        match = Match(name, found, how, found.kind if found else new_kind)
        self.found[name] = match
        return match
