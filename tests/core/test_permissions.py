import pytest
from django.contrib.auth.models import AnonymousUser

from scrutineer.core import permissions
from scrutineer.core.roles import Role


@pytest.mark.parametrize(
    ("role", "administers", "staff"),
    [
        pytest.param(None, False, False, id="public"),
        pytest.param(Role.MEMBER, False, True, id="member"),
        pytest.param(Role.OFFICER, False, True, id="officer"),
        pytest.param(Role.SCRUTINY_OFFICER, False, True, id="scrutiny-officer"),
        pytest.param(Role.ADMINISTRATOR, True, True, id="administrator"),
    ],
)
def test_role_predicates(user_with_role, role, administers, staff):
    user = user_with_role(role) if role else AnonymousUser()
    assert permissions.can_administer(user) is administers
    assert permissions.is_staff_user(user) is staff
    assert permissions.can_view_public_pages(user) is True


def test_a_signed_in_user_without_a_role_is_not_staff(user_with_role):
    assert permissions.roles_of(user_with_role(None)) == frozenset()


def test_the_four_role_groups_exist_after_migration(db):
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}
