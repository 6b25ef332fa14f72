"""Writes that belong to the core: users, roles, people and the demo data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import router, transaction
from django.db.models.deletion import Collector, ProtectedError
from django.utils.text import capfirst

from scrutineer.core.history import history_user_set
from scrutineer.core.models import Person
from scrutineer.core.roles import Role
from scrutineer.core.synced import SYNC_REASON, SyncResult, synced_save, synced_snapshot

# A published demo password: these accounts exist only in demo databases.
DEMO_PASSWORD = "scrutiny-demo-2025"  # noqa: S105  # nosec B105


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role


DEMO_USERS = [
    DemoUser("admin", "Ada", "Administrator", Role.ADMINISTRATOR),
    DemoUser("scrutiny", "Lucy", "Smith", Role.SCRUTINY_OFFICER),
    DemoUser("officer", "Sarah", "Brown", Role.OFFICER),
    DemoUser("member", "Cllr Jane", "Doe", Role.MEMBER),
]


def role_group(role: Role) -> Group:
    """The auth group for a role. Created by migration; recreated if someone deleted it."""
    group, _ = Group.objects.get_or_create(name=role.value)
    return group


def user_assign_role(*, user, role: Role) -> None:
    """Put a user in the group for a role."""
    user.groups.add(role_group(role))


@transaction.atomic
def demo_load(*, only_if_empty: bool) -> list[DemoUser] | None:
    """Create one demo user per role; None when skipped because users already exist."""
    user_model = get_user_model()
    if only_if_empty and user_model.objects.exists():
        return None
    for demo in DEMO_USERS:
        user, _ = user_model.objects.update_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "email": f"{demo.username}@example.org",
                "is_staff": demo.role is Role.ADMINISTRATOR,
                "is_superuser": demo.role is Role.ADMINISTRATOR,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        user_assign_role(user=user, role=demo.role)
    return DEMO_USERS


class PersonInUse(Exception):
    """A person other records depend on cannot be deleted: the message says which."""


def person_links(person: Any) -> list[str]:
    """The person's assignments and committee seats, in words: what deleting them would
    silently remove, so what refuses it (records that point at them are PROTECTed)."""
    links = [
        f"Assigned to recommendation {reference}"
        for reference in person.recommendations.order_by("reference").values_list(
            "reference", flat=True
        )
    ]
    links += [
        f"Member of {name}"
        for name in person.memberships.order_by("committee__name").values_list(
            "committee__name", flat=True
        )
    ]
    links += [f"Team of {member}" for member in person.team_members.order_by("name")]
    return links


def person_dependants(person: Any) -> list[str]:
    """Everything that depends on a person, in words: their links, and the records that
    name them (items they lead, updates they wrote, closures they proposed …)."""
    found = person_links(person)
    collector = Collector(using=router.db_for_write(type(person)))
    try:
        collector.collect([person])
    except ProtectedError as exc:
        found += [
            f"{capfirst(str(obj._meta.verbose_name))}: {obj}"
            for obj in sorted(exc.protected_objects, key=str)
        ]
    return found


@transaction.atomic
def person_delete(*, person: Any) -> None:
    """Delete a person nothing depends on. One who is assigned, leads, wrote or sits on
    anything is refused with what depends on them: deactivating their login is the way out,
    and keeps their name on the record."""
    dependants = person_dependants(person)
    if dependants:
        raise PersonInUse(
            f"{person} cannot be deleted because records depend on them: "
            + "; ".join(dependants)
            + ". Reassign their work first, or deactivate their login account (untick "
            "“Active” on their user) so their name stays on the record."
        )
    person.delete()


_TEAM_WORDS = re.compile(r"\b(officers|team|services|group|board|panel)\b", re.IGNORECASE)


def person_kind_for(name: str) -> str:
    """A name read from a file is a team when it says so ("O&S Officers"), else an officer."""
    return Person.Kind.TEAM if _TEAM_WORDS.search(name) else Person.Kind.OFFICER


def person_find_or_create(*, name: str, by: Any = None) -> Person:
    """Match a name from a file to a person or team (case-insensitively), or record them,
    as ``by``."""
    found = Person.objects.filter(name__iexact=name).first()
    if found is not None:
        return found
    person = Person(name=name, kind=person_kind_for(name))
    history_user_set(person, by)
    person.save()
    return person


# --- Councillors from the council's committee system (Modern.gov) ----------------------------

_TITLE = re.compile(r"^(?:councillor|cllr\.?)\s+", re.IGNORECASE)
PERSON_SYNCED_FIELDS = {"key_posts": "key posts"}


def _names_for(name: str) -> list[str]:
    """The ways a councillor may have been written here: "Councillor Jo Bloggs", "Jo Bloggs",
    "Cllr Jo Bloggs"."""
    bare = _TITLE.sub("", name).strip()
    return list(dict.fromkeys([name, bare, f"Cllr {bare}", f"Councillor {bare}"]))


@transaction.atomic
def councillor_sync(
    *,
    external_id: str,
    name: str,
    party: str = "",
    ward: str = "",
    key_posts: str = "",
    fill_only: bool = False,
    by: Any = None,
) -> SyncResult:
    """The councillor with this Modern.gov id brought up to date, or recorded: name, party,
    ward and key posts, the public facts only. ``fill_only`` (what a meeting's list of
    attendees says) only fills fields that are empty here and never renames."""
    incoming = {"name": name[:200], "party": party[:200], "ward": ward[:200]}
    incoming["key_posts"] = key_posts[:500]
    found = Person.objects.filter(external_id=external_id).first()
    link = ""
    if found is None:
        for candidate in _names_for(incoming["name"]):
            candidates = Person.objects.filter(external_id="", name__iexact=candidate)
            found = candidates.filter(kind=Person.Kind.COUNCILLOR).first() or candidates.first()
            if found is not None:
                break
        link = external_id
    if found is not None:
        if fill_only:
            incoming = {
                field: value
                for field, value in incoming.items()
                if field != "name" and value and not getattr(found, field)
            }
        elif (
            Person.objects.exclude(pk=found.pk)
            .filter(name__iexact=incoming["name"], kind=found.kind)
            .exists()
        ):
            incoming["name"] = found.name  # two councillors of one name: each keeps its own
        return synced_save(
            found,
            incoming,
            label=f"Councillor {found.name}",
            by=by,
            verbose=PERSON_SYNCED_FIELDS,
            link=link,
        )
    person_name = incoming["name"]
    if Person.objects.filter(name__iexact=person_name, kind=Person.Kind.COUNCILLOR).exists():
        person_name = f"{person_name[:180]} ({external_id})"[:200]
    person = Person(
        kind=Person.Kind.COUNCILLOR,
        external_id=external_id,
        synced=synced_snapshot({**incoming, "name": person_name}),
        **{**incoming, "name": person_name},
    )
    history_user_set(person, by)
    person._change_reason = SYNC_REASON  # type: ignore[attr-defined]
    person.save()
    return SyncResult(person, "created")
