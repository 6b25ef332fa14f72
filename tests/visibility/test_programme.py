"""The forward plan, work programmes and calendars in the role x page matrix."""

from __future__ import annotations

import pytest

from tests.visibility.matrix import (
    Page,
    check_read,
    check_refused_write,
    managers,
    pk,
    read_cases,
    slug,
    write_cases,
)

PLAN_ITEM = {
    "title": "Matrix decision",
    "decision_maker": "Cabinet",
    "decision_date": "2027-03-01",
    "decision_date_precision": "month",
}

PAGES: list[Page] = [
    Page("programme:forward_plan_index"),
    Page("programme:forward_plan_index", "past", query="when=past"),
    Page(
        "programme:forward_plan_item_add",
        rule=managers,
        post=lambda w: {**PLAN_ITEM, "committees": [w.a.pk]},
    ),
    Page(
        "programme:forward_plan_item_edit",
        "a",
        pk("plan_item"),
        rule=managers,
        post=lambda w: {**PLAN_ITEM, "title": "Changed by the matrix"},
    ),
    Page("programme:forward_plan", "a", slug("a")),
    Page("programme:forward_plan", "b", slug("b")),
    Page(
        "programme:disposition_edit",
        "a",
        pk("disposition"),
        rule=managers,
        post=lambda w: {"choice": "not_on_work_programme", "note": "Changed by the matrix"},
    ),
    Page("programme:work_programme", "a", slug("a")),
    Page("programme:work_programme", "b", slug("b")),
    Page(
        "programme:work_programme_add",
        "a",
        slug("a"),
        rule=managers,
        post=lambda w: {"title": "Matrix item", "source": "member"},
    ),
    Page("programme:calendar", "a", slug("a")),
    Page("programme:calendar", "b", slug("b")),
    Page("programme:all_calendar"),
    Page("programme:meeting_calendar", "a", pk("meeting_a")),
    Page("programme:meeting_calendar", "b", pk("meeting_b")),
    Page("programme:gaps"),
]


@pytest.mark.parametrize(("page", "who"), read_cases(PAGES))
def test_each_role_gets_what_it_may_see_and_nothing_more(client, db, world, page, who):
    check_read(client, world, page, who)


@pytest.mark.parametrize(("page", "who"), write_cases(PAGES))
def test_a_write_without_the_right_is_refused_and_changes_nothing(client, db, world, page, who):
    check_refused_write(client, world, page, who)
