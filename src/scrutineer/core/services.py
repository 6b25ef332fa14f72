"""Writes that belong to the core: users (invited, given roles, deactivated), people and teams,
and the demo data."""

from __future__ import annotations

import re
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import router, transaction
from django.db.models import Q
from django.db.models.deletion import Collector, ProtectedError
from django.utils.text import capfirst

from scrutineer.core.history import history_user_set
from scrutineer.core.invitations import invitation_days, invitation_url
from scrutineer.core.mail import email_message
from scrutineer.core.models import Person
from scrutineer.core.roles import Role
from scrutineer.core.synced import SYNC_REASON, SyncResult, synced_save, synced_snapshot
from scrutineer.core.validation import first_of, raise_if_any, too_long

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


def person_find_or_create(*, name: str, kind: str | None = None, by: Any = None) -> Person:
    """Match a name from a file to a person or team (case-insensitively), or record them
    (as ``kind``, else as their name suggests), as ``by``."""
    found = Person.objects.filter(name__iexact=name).first()
    if found is not None:
        return found
    person = Person(name=name, kind=kind or person_kind_for(name))
    history_user_set(person, by)
    person.save()
    return person


# Accounts: invited by an administrator, given roles, linked to a person, deactivated (never
# deleted: their name stays on what they did).

ROLE_GROUPS = [role.value for role in Role]


def _is_administrator(user: Any) -> bool:
    return bool(user.is_superuser) or user.groups.filter(name=Role.ADMINISTRATOR.value).exists()


def _other_active_administrators(user: Any) -> bool:
    others = get_user_model().objects.filter(is_active=True).exclude(pk=user.pk)
    return others.filter(Q(is_superuser=True) | Q(groups__name=Role.ADMINISTRATOR.value)).exists()


def _account_checked(
    *,
    user: Any,
    email: str,
    first_name: str,
    last_name: str,
    roles: Iterable[Role],
    person: Person | None,
    by: Any,
) -> tuple[str, str, str, set[Role]]:
    """The account's e-mail address, names and roles as stored, or one ValidationError naming
    each field that breaks a rule."""
    email, first_name, last_name = email.strip().lower(), first_name.strip(), last_name.strip()
    wanted = set(roles)
    user_model = get_user_model()
    taken = user_model.objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
    if user is not None:
        taken = taken.exclude(pk=user.pk)
    email_problem = None
    if not email:
        email_problem = "Enter their e-mail address"
    else:
        try:
            validate_email(email)
        except ValidationError:
            email_problem = "Enter an e-mail address in the right format, like name@example.org"
    if email_problem is None and taken.exists():
        email_problem = "There is already an account with this e-mail address"
    losing_admin = user is not None and Role.ADMINISTRATOR not in wanted and _is_administrator(user)
    roles_problem = None
    if not wanted:
        roles_problem = "Select at least one role"
    elif losing_admin and by is not None and by.pk == user.pk:
        roles_problem = "You cannot take away your own administrator role"
    elif losing_admin and not _other_active_administrators(user):
        roles_problem = "There must always be an active administrator: this is the only one"
    person_problem = None
    if (
        person is not None
        and person.user_id is not None
        and (user is None or person.user_id != user.pk)
    ):
        person_problem = f"{person} already has a login account"
    raise_if_any(
        email=first_of(email_problem, too_long(email, label="E-mail address", limit=254)),
        first_name=first_of(
            None if first_name else "Enter their first name",
            too_long(first_name, label="First name", limit=150),
        ),
        last_name=first_of(
            None if last_name else "Enter their last name",
            too_long(last_name, label="Last name", limit=150),
        ),
        roles=roles_problem,
        person=person_problem,
    )
    return email, first_name, last_name, wanted


def _roles_set(user: Any, roles: set[Role]) -> None:
    """Put the user in the groups of these roles and no other role's; administrators are staff
    and superusers, for the Django admin's reference data."""
    current = {group.name for group in user.groups.filter(name__in=ROLE_GROUPS)}
    wanted = {role.value for role in roles}
    if current - wanted:
        user.groups.remove(*Group.objects.filter(name__in=current - wanted))
    for role in roles:
        if role.value not in current:
            user.groups.add(role_group(role))


def _person_link(user: Any, person: Person | None, by: Any) -> None:
    """Link the account to this person, and no other."""
    others = Person.objects.filter(user=user)
    if person is not None:
        others = others.exclude(pk=person.pk)
    for old in others:
        old.user = None
        history_user_set(old, by)
        old.save()
    if person is not None and person.user_id != user.pk:
        person.user = user
        history_user_set(person, by)
        person.save()


@transaction.atomic
def user_invite(
    *,
    email: str,
    first_name: str,
    last_name: str,
    roles: Iterable[Role],
    person: Person | None = None,
    by: Any = None,
) -> Any:
    """Make an account with these roles, linked to the person (or to a new person of that
    name), and e-mail its owner a one-time link to set their password. Their username is
    their e-mail address. Until they set it, the account has no usable password."""
    email, first_name, last_name, wanted = _account_checked(
        user=None,
        email=email,
        first_name=first_name,
        last_name=last_name,
        roles=roles,
        person=person,
        by=by,
    )
    if person is None:
        name = f"{first_name} {last_name}"
        kind = Person.Kind.COUNCILLOR if Role.MEMBER in wanted else Person.Kind.OFFICER
        if Person.objects.filter(name__iexact=name, kind=kind).exists():
            raise ValidationError(
                {
                    "person": [
                        f"There is already {_a(Person.Kind(kind).label.lower())} called "
                        f"{name}: choose them from the list"
                    ]
                }
            )
        person = Person(name=name, kind=kind, email=email)
        history_user_set(person, by)
        person.save()
    user = get_user_model()(
        username=email,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_staff=Role.ADMINISTRATOR in wanted,
        is_superuser=Role.ADMINISTRATOR in wanted,
    )
    user.set_unusable_password()
    history_user_set(user, by)
    user.save()
    _roles_set(user, wanted)
    _person_link(user, person, by)
    user_invitation_send(user=user, by=by)
    return user


def user_invitation_send(*, user: Any, by: Any = None) -> None:
    """E-mail the user their one-time link to set a password (again, if it was lost or ran
    out). Only for an active account whose owner has not yet set one."""
    if not user.is_active or user.has_usable_password():
        raise ValidationError("They have already set their password: they can sign in.")
    inviter = (by.get_full_name() or by.get_username()) if by is not None else ""
    message = email_message(
        template="core/email/invitation",
        subject=f"You are invited to {settings.SCRUTINEER_SERVICE_NAME}",
        to=[user.email],
        context={
            "user": user,
            "url": invitation_url(user),
            "days": invitation_days(),
            "inviter": inviter,
            "roles": sorted(group.name for group in user.groups.filter(name__in=ROLE_GROUPS)),
        },
    )
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as exc:  # refused, unreachable or timed out
        raise ValidationError(
            "The invitation could not be sent: the e-mail server did not take it. Nothing "
            "has changed; try again later."
        ) from exc


def user_invitation_accept(*, user: Any, password: str) -> None:
    """The invited user's own password, set through their one-time link (which it spends)."""
    user.set_password(password)
    history_user_set(user, user)
    user.save()


@transaction.atomic
def user_update(
    *,
    user: Any,
    email: str,
    first_name: str,
    last_name: str,
    roles: Iterable[Role],
    person: Person | None,
    by: Any = None,
) -> Any:
    """Change an account's name, e-mail address, roles and person. Someone who has not yet
    signed in keeps their e-mail address as their username."""
    email, first_name, last_name, wanted = _account_checked(
        user=user,
        email=email,
        first_name=first_name,
        last_name=last_name,
        roles=roles,
        person=person,
        by=by,
    )
    if not user.has_usable_password() and user.username == user.email:
        user.username = email
    user.email, user.first_name, user.last_name = email, first_name, last_name
    user.is_staff = user.is_superuser = Role.ADMINISTRATOR in wanted
    history_user_set(user, by)
    user.save()
    _roles_set(user, wanted)
    _person_link(user, person, by)
    return user


def user_deactivate(*, user: Any, by: Any = None) -> Any:
    """Switch an account off: its owner cannot sign in, and their name stays on the record."""
    if by is not None and by.pk == user.pk:
        raise ValidationError("You cannot deactivate your own account.")
    if _is_administrator(user) and not _other_active_administrators(user):
        raise ValidationError("There must always be an active administrator: this is the only one.")
    user.is_active = False
    history_user_set(user, by)
    user.save()
    return user


def user_reactivate(*, user: Any, by: Any = None) -> Any:
    """Switch an account back on."""
    user.is_active = True
    history_user_set(user, by)
    user.save()
    return user


# People and teams, recorded by the scrutiny team.


def _a(noun: str) -> str:
    """The noun with its indefinite article: "an officer", "a councillor"."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


PERSON_FIELD_MAX = 200


def _person_checked(
    *,
    person: Person | None,
    name: str,
    kind: str,
    job_title: str,
    directorate: str,
    email: str,
    teams: Iterable[Person],
) -> dict[str, Any]:
    name, job_title, directorate = name.strip(), job_title.strip(), directorate.strip()
    email = email.strip().lower()
    teams = list(teams)
    same = Person.objects.filter(name__iexact=name, kind=kind)
    if person is not None:
        same = same.exclude(pk=person.pk)
    kind_label = _a(Person.Kind(kind).label.lower()) if kind in Person.Kind.values else ""
    existing = same.first() if name else None
    email_problem = None
    if email:
        try:
            validate_email(email)
        except ValidationError:
            email_problem = "Enter an e-mail address in the right format, like name@example.org"
    raise_if_any(
        name=first_of(
            None if name else "Enter the name",
            too_long(name, label="Name", limit=PERSON_FIELD_MAX),
            f"There is already {kind_label} called {existing}" if existing else None,
        ),
        kind=None if kind in Person.Kind.values else "Choose a councillor, officer or team",
        job_title=too_long(job_title, label="Job title", limit=PERSON_FIELD_MAX),
        directorate=too_long(directorate, label="Directorate", limit=PERSON_FIELD_MAX),
        email=first_of(email_problem, too_long(email, label="E-mail address", limit=254)),
        teams=first_of(
            "A team cannot belong to a team" if teams and kind == Person.Kind.TEAM else None,
            "Choose teams only" if any(t.kind != Person.Kind.TEAM for t in teams) else None,
        ),
    )
    return {
        "name": name,
        "kind": kind,
        "job_title": job_title,
        "directorate": directorate,
        "email": email,
        "teams": teams,
    }


@transaction.atomic
def person_create(
    *,
    name: str,
    kind: str = Person.Kind.OFFICER,
    job_title: str = "",
    directorate: str = "",
    email: str = "",
    teams: Iterable[Person] = (),
    by: Any = None,
) -> Person:
    """Record a councillor, an officer or a team (which is assigned work like a person)."""
    fields = _person_checked(
        person=None,
        name=name,
        kind=kind,
        job_title=job_title,
        directorate=directorate,
        email=email,
        teams=teams,
    )
    chosen = fields.pop("teams")
    person = Person(**fields)
    history_user_set(person, by)
    person.save()
    if chosen:
        history_user_set(person, by)
        person.teams.set(chosen)
    return person


@transaction.atomic
def person_update(
    *,
    person: Person,
    name: str,
    kind: str,
    job_title: str,
    directorate: str,
    email: str,
    teams: Iterable[Person],
    by: Any = None,
) -> Person:
    """Change a person's or team's details and the teams they belong to."""
    fields = _person_checked(
        person=person,
        name=name,
        kind=kind,
        job_title=job_title,
        directorate=directorate,
        email=email,
        teams=teams,
    )
    chosen = fields.pop("teams")
    if kind != person.kind and kind != Person.Kind.TEAM and person.team_members.exists():
        raise ValidationError({"kind": ["Only a team can have members: it has members"]})
    if any(getattr(person, key) != value for key, value in fields.items()):
        for key, value in fields.items():
            setattr(person, key, value)
        history_user_set(person, by)
        person.save()
    if {t.pk for t in person.teams.all()} != {t.pk for t in chosen}:
        history_user_set(person, by)
        person.teams.set(chosen)
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
