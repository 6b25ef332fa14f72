"""The administrators' sync page in the role x page matrix; the synced meeting and its items
(a restricted one among them, carrying committee A's exempt markers) are in the world, so
every other page of the matrix is opened with them too."""

from __future__ import annotations

import pytest

from tests.visibility.matrix import (
    LOGIN,
    Page,
    check_read,
    check_refused_write,
    pk,
    read_cases,
    write_cases,
)


def administrators(who: str) -> int:
    return 200 if who == "administrator" else (LOGIN if who == "public" else 403)


PAGES: list[Page] = [
    Page("integrations:moderngov", rule=administrators, post=lambda w: {}),
    # The synced meeting and items, on the pages hand-made ones have.
    Page("committees:meeting_detail", "synced", pk("synced_meeting")),
    Page("tracker:item_detail", "synced-public", pk("synced_item")),
    Page(
        "tracker:item_detail",
        "synced-exempt",
        pk("synced_exempt"),
        audience="later_a",  # its committee's members and managers; nobody is assigned to it
        missing=lambda w: {"pk": 999_999},
    ),
    Page("api:api-v1:item_detail", "synced-public", pk("synced_item", "item_id")),
    Page(
        "api:api-v1:item_detail",
        "synced-exempt",
        pk("synced_exempt", "item_id"),
        audience="later_a",  # its committee's members and managers; nobody is assigned to it
        missing=lambda w: {"item_id": 999_999},
    ),
]


@pytest.mark.parametrize(("page", "who"), read_cases(PAGES))
def test_each_role_gets_what_it_may_see_and_nothing_more(client, db, world, page, who):
    check_read(client, world, page, who)


@pytest.mark.parametrize(("page", "who"), write_cases(PAGES))
def test_a_write_without_the_right_is_refused_and_changes_nothing(client, db, world, page, who):
    check_refused_write(client, world, page, who)
