"""The home pages in the role x page matrix: the public's and each role's own."""

from __future__ import annotations

import pytest

from tests.visibility.matrix import Page, check_read, read_cases

PAGES: list[Page] = [Page("home:home")]


@pytest.mark.parametrize(("page", "who"), read_cases(PAGES))
def test_each_role_gets_what_it_may_see_and_nothing_more(client, db, world, page, who):
    check_read(client, world, page, who)
