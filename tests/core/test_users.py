"""Users and roles in the app (issue 20): an administrator invites someone by e-mail, they set
their own password through a one-time link and sign in with the roles given; roles, person and
committees are changed in pages; accounts are deactivated, never deleted."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from scrutineer.committees.models import Membership
from scrutineer.core import services
from scrutineer.core.models import Person
from scrutineer.core.permissions import roles_of
from scrutineer.core.roles import Role
from tests.committees.factories import CommitteeFactory, CouncillorFactory, PersonFactory
from tests.core.factories import PASSWORD

User = get_user_model()
NEW_PASSWORD = "a-long-new-password-for-2030"


def invite(by, **changes):
    fields = {
        "email": "Dawn.Calvert@Example.org",
        "first_name": "Dawn",
        "last_name": "Calvert",
        "roles": [Role.SCRUTINY_OFFICER],
    }
    return services.user_invite(by=by, **fields | changes)


def signs_in(client, username: str, password: str) -> bool:
    """Whether the sign-in form lets them in (as a browser would: django-axes needs the
    request)."""
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


def link_in(message) -> str:
    return re.search(r"https?://\S+/invitation/\S+/", message.body)[0]


def test_an_invitation_makes_an_account_that_cannot_sign_in_yet_and_mails_the_link(
    administrator, mailoutbox, client
):
    user = invite(administrator)
    assert (user.username, user.email) == ("dawn.calvert@example.org", "dawn.calvert@example.org")
    assert not user.has_usable_password()
    assert roles_of(User.objects.get(pk=user.pk)) == {Role.SCRUTINY_OFFICER}
    assert (user.person.name, user.person.kind) == ("Dawn Calvert", "officer")
    (message,) = mailoutbox
    assert message.to == ["dawn.calvert@example.org"]
    assert "Your username is dawn.calvert@example.org" in message.body
    assert "as scrutiny officer" in message.body
    assert user.history.first().history_user == administrator
    assert not signs_in(client, user.username, "")


def test_the_invited_user_sets_a_password_once_and_signs_in_with_the_roles_given(
    administrator, mailoutbox, client
):
    invite(administrator)
    link = link_in(mailoutbox[0]).removeprefix("http://127.0.0.1:8000")
    shown = client.get(link, follow=True)
    assert "Set your password" in shown.content.decode()
    form_url = shown.redirect_chain[-1][0]
    assert "set-password" in form_url  # the token leaves the address bar before the form
    done = client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert done.redirect_chain[-1][0] == reverse("login")
    assert "Sign in with your username, dawn.calvert@example.org" in done.content.decode()
    assert signs_in(client, "dawn.calvert@example.org", NEW_PASSWORD)
    assert client.get(reverse("tracker:overdue")).status_code == 200  # a scrutiny officer's page
    client.logout()
    spent = client.get(link, follow=True)
    assert "This link does not work" in spent.content.decode()


def test_a_link_for_a_deactivated_account_does_not_work(administrator, mailoutbox, client):
    user = invite(administrator)
    services.user_deactivate(user=user, by=administrator)
    page = client.get(link_in(mailoutbox[0]).removeprefix("http://127.0.0.1:8000"), follow=True)
    assert "This link does not work" in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        pytest.param({"email": ""}, "email", "Enter their e-mail address", id="no-email"),
        pytest.param({"email": "dawn"}, "email", "right format", id="bad-email"),
        pytest.param({"first_name": " "}, "first_name", "Enter their first name", id="no-name"),
        pytest.param({"roles": []}, "roles", "Select at least one role", id="no-role"),
    ],
)
def test_the_rules_of_an_invitation(administrator, mailoutbox, changes, field, message):
    with pytest.raises(ValidationError) as refused:
        invite(administrator, **changes)
    assert message in refused.value.message_dict[field][0]
    assert not User.objects.filter(email__iexact="dawn.calvert@example.org").exists()
    assert mailoutbox == []


def test_one_account_per_address_and_per_person(administrator, mailoutbox):
    invite(administrator)
    with pytest.raises(ValidationError, match="already an account"):
        invite(administrator, email="DAWN.calvert@example.org")
    taken = User.objects.get(email="dawn.calvert@example.org").person
    with pytest.raises(ValidationError, match="already has a login account"):
        invite(administrator, email="other@example.org", person=taken)


def test_a_councillor_is_linked_to_their_record_and_seated_on_committees(administrator, client):
    councillor = CouncillorFactory(name="Cllr Ada Member")
    committee = CommitteeFactory()
    user = invite(
        administrator,
        email="ada@example.org",
        first_name="Ada",
        last_name="Member",
        roles=[Role.MEMBER],
        person=councillor,
    )
    assert user.person == councillor
    client.force_login(administrator)
    page = reverse("committees:person_committees", args=[councillor.pk])
    response = client.post(page, {f"committee_{committee.pk}": "chair"})
    assert response["Location"] == reverse("core:user_detail", args=[user.pk])
    membership = Membership.objects.get(person=councillor)
    assert (membership.committee, membership.role) == (committee, "chair")
    assert membership.history.get().history_user == administrator
    detail = client.get(reverse("core:user_detail", args=[user.pk])).content.decode()
    assert f"{committee.name} (Chair)" in detail
    client.post(page, {f"committee_{committee.pk}": ""})
    assert not Membership.objects.exists()


def test_a_person_with_the_name_already_recorded_is_chosen_not_duplicated(administrator):
    PersonFactory(name="Dawn Calvert")
    with pytest.raises(ValidationError, match="choose them from the list"):
        invite(administrator)


def test_changing_roles_is_kept_in_history_and_administrators_are_staff(administrator):
    user = invite(administrator)
    services.user_update(
        user=user,
        email=user.email,
        first_name="Dawn",
        last_name="Calvert",
        roles=[Role.ADMINISTRATOR, Role.OFFICER],
        person=user.person,
        by=administrator,
    )
    user = User.objects.get(pk=user.pk)
    assert roles_of(user) == {Role.ADMINISTRATOR, Role.OFFICER}
    assert (user.is_staff, user.is_superuser) == (True, True)
    latest = user.history.first()
    assert {g.group.name for g in latest.groups.all()} == {"Administrator", "Officer"}
    assert latest.history_user == administrator


def test_no_one_locks_the_council_out(administrator):
    with pytest.raises(ValidationError, match="your own account"):
        services.user_deactivate(user=administrator, by=administrator)
    with pytest.raises(ValidationError, match="your own administrator role"):
        services.user_update(
            user=administrator,
            email="admin@example.org",
            first_name="Ada",
            last_name="Admin",
            roles=[Role.OFFICER],
            person=None,
            by=administrator,
        )
    with pytest.raises(ValidationError, match="always be an active administrator"):
        services.user_deactivate(user=administrator, by=None)


def test_deactivated_accounts_cannot_sign_in_and_come_back_when_reactivated(
    administrator, officer, client
):
    client.force_login(administrator)
    url = reverse("core:user_deactivate", args=[officer.pk])
    assert "Deactivate" in client.get(url).content.decode()
    client.post(url)
    officer.refresh_from_db()
    assert not officer.is_active
    assert User.objects.filter(pk=officer.pk).exists()
    client.logout()
    assert not signs_in(client, officer.username, PASSWORD)
    services.user_reactivate(user=officer, by=administrator)
    assert signs_in(client, officer.username, PASSWORD)


def test_the_invitation_is_sent_again_only_while_it_is_unused(administrator, officer, mailoutbox):
    user = invite(administrator)
    services.user_invitation_send(user=user, by=administrator)
    assert len(mailoutbox) == 2
    with pytest.raises(ValidationError, match="already set their password"):
        services.user_invitation_send(user=officer, by=administrator)


def test_the_users_pages_for_an_administrator(administrator, client, mailoutbox):
    client.force_login(administrator)
    response = client.post(
        reverse("core:user_invite"),
        {
            "first_name": "Dawn",
            "last_name": "Calvert",
            "email": "dawn@example.org",
            "roles": ["Officer", "Member"],
            "person": "",
        },
    )
    user = User.objects.get(email="dawn@example.org")
    assert response["Location"] == reverse("core:user_detail", args=[user.pk])
    listing = client.get(reverse("core:user_list")).content.decode()
    assert "Member, Officer" in listing
    assert "Invited" in listing
    edit = client.get(reverse("core:user_edit", args=[user.pk]))
    assert edit.context["form"].initial["roles"] == ["Officer", "Member"]
    refused = client.post(
        reverse("core:user_edit", args=[user.pk]),
        {"first_name": "Dawn", "last_name": "Calvert", "email": "dawn@example.org"},
    )
    assert refused.context["form"].errors["roles"] == ["Select at least one role"]


def test_the_users_list_reads_in_a_constant_number_of_queries(
    administrator, client, django_assert_max_num_queries, user_with_role
):
    for number in range(20):
        user = user_with_role(Role.OFFICER)
        PersonFactory(name=f"Officer {number}", user=user)
    client.force_login(administrator)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("core:user_list"))
    assert response.status_code == 200


def test_an_invitation_the_mail_server_refuses_leaves_nothing_behind(
    administrator, client, monkeypatch
):
    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    client.force_login(administrator)
    response = client.post(
        reverse("core:user_invite"),
        {
            "first_name": "Dawn",
            "last_name": "Calvert",
            "email": "dawn@example.org",
            "roles": "Officer",
        },
    )
    assert response.status_code == 200
    assert "could not be sent" in response.content.decode()
    assert not User.objects.filter(email="dawn@example.org").exists()
    assert not Person.objects.filter(name="Dawn Calvert").exists()
