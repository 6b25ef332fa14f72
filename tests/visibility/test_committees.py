"""Committees' pages in the role x page matrix."""

from __future__ import annotations

import pytest

from tests.visibility.matrix import (
    Page,
    administrators,
    check_read,
    check_refused_write,
    managers,
    missing,
    pk,
    read_cases,
    slug,
    write_cases,
)

PAGES: list[Page] = [
    Page("committees:list"),
    Page("committees:detail", "a", slug("a")),
    Page("committees:detail", "b", slug("b")),
    Page("committees:meeting_detail", "a", pk("meeting_a")),
    Page("committees:meeting_detail", "b", pk("meeting_b")),
    Page(
        "committees:meeting_minutes",
        "a",
        pk("meeting_a"),
        rule=managers,
        missing=missing(),
        post=lambda w: {"published_on": "2024-10-01"},
    ),
    Page(
        "committees:meeting_create",
        "a",
        slug("a"),
        rule=managers,
        post=lambda w: {"date": "2025-03-18"},
    ),
    # A person's committee seats: the administrator gives them with the account.
    Page(
        "committees:person_committees",
        "public",
        pk("public_officer"),
        rule=administrators,
        post=lambda w: {f"committee_{w.a.pk}": "chair"},
    ),
]


@pytest.mark.parametrize(("page", "who"), read_cases(PAGES))
def test_each_role_gets_what_it_may_see_and_nothing_more(client, db, world, page, who):
    check_read(client, world, page, who)


@pytest.mark.parametrize(("page", "who"), write_cases(PAGES))
def test_a_write_without_the_right_is_refused_and_changes_nothing(client, db, world, page, who):
    check_refused_write(client, world, page, who)
