"""The core's pages in the role x page matrix, and the project's own: signing in and out."""

from __future__ import annotations

import pytest

from tests.visibility.matrix import (
    AWAY,
    Page,
    administrators,
    always,
    check_read,
    check_refused_write,
    managers,
    pk,
    read_cases,
    write_cases,
)


def account(who: str):
    return lambda w: {"pk": w.users[who].pk}


ACCOUNT = {
    "first_name": "Matrix",
    "last_name": "Invitee",
    "email": "matrix.invitee@example.org",
    "roles": ["Officer"],
}
PERSON = {"name": "Matrix Person", "kind": "officer"}

PAGES: list[Page] = [
    Page("core:accessibility"),
    Page("core:privacy"),
    Page("core:cookies"),
    Page("core:healthz"),
    # The project's own: signing in and out. A signed-in user is sent on from the sign-in
    # form; signing out is a POST only (a GET is 405 to everyone).
    Page("login", rule=lambda who: 200 if who == "public" else AWAY),
    Page("logout", rule=always(405)),
    # Accounts: administrators only; the invited user's own page is anyone's (a bad link says
    # so, to everyone alike).
    Page("core:user_list", rule=administrators),
    Page("core:user_invite", rule=administrators, post=lambda w: ACCOUNT),
    Page("core:user_detail", "officer", account("officer"), rule=administrators),
    Page(
        "core:user_edit",
        "officer",
        account("officer"),
        rule=administrators,
        post=lambda w: {**ACCOUNT, "email": "officer@example.org"},
    ),
    Page(
        "core:user_deactivate",
        "officer",
        account("officer"),
        rule=administrators,
        post=lambda w: {},
    ),
    Page(
        "core:user_reactivate",
        "officer",
        account("officer"),
        rule=administrators,
        post=lambda w: {},
    ),
    Page(
        "core:user_invitation_resend",
        "officer",
        account("officer"),
        rule=administrators,
        post=lambda w: {},
    ),
    Page("core:invitation", kwargs=lambda w: {"uidb64": "MQ", "token": "not-a-token"}),
    # People and teams: the scrutiny team's.
    Page("core:person_list", rule=managers),
    Page("core:person_list", "filtered", query="kind=team&name=o", rule=managers),
    Page("core:person_add", rule=managers, post=lambda w: PERSON),
    Page("core:person_edit", "public", pk("public_officer"), rule=managers, post=lambda w: PERSON),
]


@pytest.mark.parametrize(("page", "who"), read_cases(PAGES))
def test_each_role_gets_what_it_may_see_and_nothing_more(client, db, world, page, who):
    check_read(client, world, page, who)


@pytest.mark.parametrize(("page", "who"), write_cases(PAGES))
def test_a_write_without_the_right_is_refused_and_changes_nothing(client, db, world, page, who):
    check_refused_write(client, world, page, who)
