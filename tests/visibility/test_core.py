"""The core's pages in the role x page matrix, and the project's own: signing in and out."""

from __future__ import annotations

import pytest

from tests.visibility.matrix import (
    AWAY,
    Page,
    always,
    check_read,
    read_cases,
)

PAGES: list[Page] = [
    Page("core:home"),
    Page("core:accessibility"),
    Page("core:healthz"),
    # The project's own: signing in and out. A signed-in user is sent on from the sign-in
    # form; signing out is a POST only (a GET is 405 to everyone).
    Page("login", rule=lambda who: 200 if who == "public" else AWAY),
    Page("logout", rule=always(405)),
]


@pytest.mark.parametrize(("page", "who"), read_cases(PAGES))
def test_each_role_gets_what_it_may_see_and_nothing_more(client, db, world, page, who):
    check_read(client, world, page, who)
