"""The import pages in the role x page matrix."""

from __future__ import annotations

import pytest

from tests.visibility.matrix import (
    Page,
    check_read,
    check_refused_write,
    managers,
    read_cases,
    write_cases,
)
from tests.visibility.world import MANAGERS

PAGES: list[Page] = [
    # imports: no upload is pending, so even a manager's preview is a 404
    Page(
        "imports:tracker_upload",
        rule=managers,
        post=lambda w: {"committee": str(w.a.pk)},
    ),
    Page(
        "imports:tracker_preview",
        "no-upload",
        lambda w: {"token": "no-such-upload"},
        rule=lambda who: 404 if who in MANAGERS else managers(who),
        post=lambda w: {},
    ),
]


@pytest.mark.parametrize(("page", "who"), read_cases(PAGES))
def test_each_role_gets_what_it_may_see_and_nothing_more(client, db, world, page, who):
    check_read(client, world, page, who)


@pytest.mark.parametrize(("page", "who"), write_cases(PAGES))
def test_a_write_without_the_right_is_refused_and_changes_nothing(client, db, world, page, who):
    check_refused_write(client, world, page, who)
