"""The import pages in the role x page matrix."""

from __future__ import annotations

import uuid

import pytest

from tests.visibility.matrix import (
    AWAY,
    Page,
    always,
    check_read,
    check_refused_write,
    managers,
    read_cases,
    write_cases,
)
from tests.visibility.world import MANAGERS


def no_job(w):
    return {"pk": uuid.UUID(int=0)}


PAGES: list[Page] = [
    # One wizard for every importer. No upload is pending, so even a manager's preview, column
    # mapping, status words or cancel is a 404; cancelling is a POST only.
    Page("imports:start", rule=managers, post=lambda w: {}),
    *[
        Page(
            "imports:upload",
            kind,
            lambda w, kind=kind: {"kind": kind},
            rule=managers,
            post=lambda w, target=target: {target: str(w.framework.pk)} if target else {},
        )
        for kind, target in [
            ("tracker", ""),
            ("forward-plan", ""),
            ("briefing-note", ""),
            ("performance-figures", "framework"),
        ]
    ],
    *[
        Page(
            name,
            "no-upload",
            lambda w: {"token": "no-such-upload-for-anyone-at-all"},
            rule=lambda who: 404 if who in MANAGERS else managers(who),
            post=lambda w: {},
        )
        for name in ("imports:preview", "imports:columns", "imports:statuses")
    ],
    Page(
        "imports:cancel",
        "no-upload",
        lambda w: {"token": "no-such-upload-for-anyone-at-all"},
        rule=always(405),
        post=lambda w: {},
        post_rule=lambda who: 404 if who in MANAGERS else managers(who),
    ),
    # Where a large import done by a worker leads (with what it imported): only for the one
    # who asked for it; a job of anyone else's is as missing as one that never was.
    Page(
        "imports:imported",
        "own",
        lambda w: {"pk": w.own_import.pk},
        rule=always(AWAY),
        audience="own_job",
        missing=no_job,
    ),
]


@pytest.mark.parametrize(("page", "who"), read_cases(PAGES))
def test_each_role_gets_what_it_may_see_and_nothing_more(client, db, world, page, who):
    check_read(client, world, page, who)


@pytest.mark.parametrize(("page", "who"), write_cases(PAGES))
def test_a_write_without_the_right_is_refused_and_changes_nothing(client, db, world, page, who):
    check_refused_write(client, world, page, who)
