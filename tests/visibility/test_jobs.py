"""Background jobs in the role x page matrix: a download made for one person's view of the
records is theirs alone; one of the public's view may be followed by anyone with its link."""

from __future__ import annotations

import uuid

import pytest

from tests.visibility.matrix import Page, check_read, read_cases, staff


def job(attribute: str):
    return lambda w: {"pk": getattr(w, attribute).pk}


def no_job(w):
    return {"pk": uuid.UUID(int=0)}


PAGES: list[Page] = [
    Page("jobs:recent", rule=staff),
    *[
        Page(name, variant, job(attribute), audience=audience, missing=no_job)
        for name in ("jobs:detail", "jobs:status", "jobs:download")
        for variant, attribute, audience in [
            ("public", "public_job", "everyone"),
            ("own", "own_job", "own_job"),
        ]
    ],
]


@pytest.mark.parametrize(("page", "who"), read_cases(PAGES))
def test_each_role_gets_what_it_may_see_and_nothing_more(client, db, world, page, who):
    check_read(client, world, page, who)
