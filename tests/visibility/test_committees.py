"""Committees' pages in the role x page matrix."""

from __future__ import annotations

import pytest

from tests.visibility.matrix import (
    Page,
    check_read,
    read_cases,
    slug,
)

PAGES: list[Page] = [
    Page("committees:list"),
    Page("committees:detail", "a", slug("a")),
    Page("committees:detail", "b", slug("b")),
]


@pytest.mark.parametrize(("page", "who"), read_cases(PAGES))
def test_each_role_gets_what_it_may_see_and_nothing_more(client, db, world, page, who):
    check_read(client, world, page, who)
