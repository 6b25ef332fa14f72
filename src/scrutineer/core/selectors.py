"""Queries for the core's pages: accounts and people."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Prefetch, Q, QuerySet

from scrutineer.core.models import Person
from scrutineer.core.roles import Role

ROLE_NAMES = [role.value for role in Role]


def user_list() -> QuerySet[Any]:
    """Every account, active first then by name, each with its roles (``role_groups``) and its
    person, in a constant number of queries."""
    return (
        get_user_model()
        .objects.select_related("person")
        .prefetch_related(
            Prefetch(
                "groups",
                queryset=Group.objects.filter(name__in=ROLE_NAMES).order_by("name"),
                to_attr="role_groups",
            )
        )
        .order_by("-is_active", "first_name", "last_name", "username")
    )


def roles_of_account(user: Any) -> list[Role]:
    """The roles an account holds, as its groups say (administrators also by superuser)."""
    names = set(user.groups.filter(name__in=ROLE_NAMES).values_list("name", flat=True))
    roles = [role for role in Role if role.value in names]
    if user.is_superuser and Role.ADMINISTRATOR not in roles:
        roles.insert(0, Role.ADMINISTRATOR)
    return roles


def people_without_account(user: Any = None) -> QuerySet[Person]:
    """Councillors and officers an account may be linked to: those with none yet, and the
    account's own person."""
    found = Person.objects.exclude(kind=Person.Kind.TEAM)
    linked = Q(user__isnull=True)
    if user is not None:
        linked |= Q(user=user)
    return found.filter(linked).order_by("name")


def person_list(*, kind: str = "", name: str = "") -> QuerySet[Person]:
    """People and teams, by name, each with its teams and whether it has a login account, in
    a constant number of queries; filtered by kind and by part of the name."""
    people = Person.objects.select_related("user").prefetch_related(
        Prefetch("teams", queryset=Person.objects.order_by("name"))
    )
    if kind in Person.Kind.values:
        people = people.filter(kind=kind)
    if name.strip():
        people = people.filter(name__icontains=name.strip())
    return people.order_by("name", "kind")
