"""The forward plan, work programmes and calendars in the role x page matrix."""

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
    slug,
    write_cases,
)

PLAN_ITEM = {
    "title": "Matrix decision",
    "decision_maker": "Cabinet",
    "decision_date": "2027-03-01",
    "decision_date_precision": "month",
}

DECISION = {
    "title": "Matrix decision",
    "decision_maker": "Cabinet",
    "decided_on": "2024-09-19",
}
DECISIONS = [
    ("public", "decision", "everyone"),
    ("exempt", "exempt_decision", "decisions"),
    ("draft", "draft_decision", "decisions"),
]

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
    Page("programme:decision_list"),
    Page("programme:decision_list", "called-in", query="state=called_in"),
    Page("programme:decision_calendar"),
    *[
        Page(
            "programme:decision_detail",
            variant,
            pk(attribute),
            audience=audience,
            missing=missing(),
        )
        for variant, attribute, audience in DECISIONS
    ],
    Page(
        "programme:decision_add",
        rule=managers,
        post=lambda w: DECISION,
    ),
    *[
        Page(
            "programme:decision_edit",
            variant,
            pk(attribute),
            rule=managers,
            audience=audience,
            missing=missing(),
            post=lambda w: {**DECISION, "title": "Changed by the matrix"},
        )
        for variant, attribute, audience in DECISIONS
    ],
    Page(
        "programme:call_in_add",
        "public",
        pk("decision"),
        rule=managers,
        post=lambda w: {
            "received_on": "2024-09-23",
            "signatories": [],
            "reasons": "Matrix call-in",
        },
    ),
    Page(
        "programme:call_in_outcome",
        "exempt",
        pk("call_in"),
        rule=managers,
        audience="decisions",
        missing=missing(),
        post=lambda w: {"status": "withdrawn", "outcome_on": "2024-09-24"},
    ),
]


@pytest.mark.parametrize(("page", "who"), read_cases(PAGES))
def test_each_role_gets_what_it_may_see_and_nothing_more(client, db, world, page, who):
    check_read(client, world, page, who)


@pytest.mark.parametrize(("page", "who"), write_cases(PAGES))
def test_a_write_without_the_right_is_refused_and_changes_nothing(client, db, world, page, who):
    check_refused_write(client, world, page, who)
