"""Briefing notes' pages in the role x page matrix: drafts for the council side, notes on
exempt items for those entitled to the item."""

from __future__ import annotations

import pytest

from tests.visibility.matrix import (
    Page,
    check_read,
    check_refused_write,
    managers,
    missing,
    pk,
    read_cases,
    write_cases,
)

PAGES: list[Page] = [
    Page("briefings:list"),
    Page("briefings:detail", "draft-a", pk("draft_note"), audience="draft", missing=missing()),
    Page("briefings:detail", "issued-b", pk("public_note")),
    Page(
        "briefings:detail", "exempt-a", pk("exempt_note_a"), audience="exempt_a", missing=missing()
    ),
    Page(
        "briefings:detail", "exempt-b", pk("exempt_note_b"), audience="exempt_b", missing=missing()
    ),
    *[
        Page(
            "briefings:create",
            variant,
            pk(attribute, "item_pk"),
            rule=managers,
            audience=audience,
            missing=missing("item_pk"),
            post=lambda w: {},
        )
        for variant, attribute, audience in [
            ("later-a", "later", "later_a"),
            ("exempt-a", "exempt_a", "exempt_a"),
            ("exempt-b", "exempt_b", "exempt_b"),
        ]
    ],
    *[
        Page(
            name,
            variant,
            pk(attribute),
            rule=managers,
            audience=audience,
            missing=missing(),
            post=data,
        )
        for name, data in [
            (
                "briefings:edit",
                lambda w: {"addressee": "Cabinet", "purpose": "Changed by the matrix"},
            ),
            ("briefings:comment_add", lambda w: {"text": "A comment from the matrix"}),
            ("briefings:recommendation_add", lambda w: {"text": "A recommendation"}),
            ("briefings:issue", lambda w: {"issued_on": "2024-09-27", "issued_to": "Cabinet"}),
        ]
        for variant, attribute, audience in [
            ("draft-a", "draft_note", "draft"),
            ("exempt-a", "exempt_note_a", "exempt_a"),
            ("exempt-b", "exempt_note_b", "exempt_b"),
        ]
    ],
    *[
        Page(
            "briefings:response_add",
            variant,
            pk(attribute),
            rule=managers,
            audience=audience,
            missing=missing(),
            post=lambda w: {"text": "An officer response"},
        )
        for variant, attribute, audience in [
            ("draft-a", "draft_comment", "draft"),
            ("exempt-a", "exempt_comment_a", "exempt_a"),
            ("exempt-b", "exempt_comment_b", "exempt_b"),
        ]
    ],
]


@pytest.mark.parametrize(("page", "who"), read_cases(PAGES))
def test_each_role_gets_what_it_may_see_and_nothing_more(client, db, world, page, who):
    check_read(client, world, page, who)


@pytest.mark.parametrize(("page", "who"), write_cases(PAGES))
def test_a_write_without_the_right_is_refused_and_changes_nothing(client, db, world, page, who):
    check_refused_write(client, world, page, who)
