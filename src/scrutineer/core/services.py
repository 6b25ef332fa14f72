"""Writes that belong to the core: users, roles and the demo data."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from scrutineer.core.roles import Role

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
