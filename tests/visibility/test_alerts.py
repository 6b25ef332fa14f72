"""E-mail alerts' pages in the role x page matrix: for the public, on what the public sees."""

from __future__ import annotations

import pytest

from tests.visibility.matrix import (
    Page,
    check_read,
    check_refused_write,
    everyone,
    on_item,
    read_cases,
    slug,
    write_cases,
)

PAGES: list[Page] = [
    Page("alerts:subscribe_committee", "a", slug("a")),
    *on_item(
        "alerts:subscribe_recommendation",
        everyone,
        recs=True,
        post=lambda w: {"email": "matrix@example.org"},
    ),
    Page("alerts:confirm", "", lambda w: {"token": w.subscription.token}),
    Page("alerts:unsubscribe", "", lambda w: {"token": w.subscription.token}),
]


@pytest.mark.parametrize(("page", "who"), read_cases(PAGES))
def test_each_role_gets_what_it_may_see_and_nothing_more(client, db, world, page, who):
    check_read(client, world, page, who)


@pytest.mark.parametrize(("page", "who"), write_cases(PAGES))
def test_a_write_without_the_right_is_refused_and_changes_nothing(client, db, world, page, who):
    check_refused_write(client, world, page, who)
