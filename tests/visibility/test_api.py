"""The API and the feeds in the role x page matrix: each role reads with its own token."""

from __future__ import annotations

import pytest

from scrutineer.api.open_data import DATASETS as OPEN_DATASETS
from tests.visibility.matrix import (
    Page,
    always,
    api_managers_or,
    check_read,
    check_refused_write,
    everyone,
    missing,
    on_item,
    pk,
    read_cases,
    slug,
    write_cases,
)

PAGES: list[Page] = [
    # API: documentation
    Page("api:docs"),
    Page("api:api-v1:openapi-json"),
    # Open data: every dataset, whole, as the public sees it, whoever asks
    Page("api:open_data"),
    *[
        Page(
            "api:open_data_download",
            f"{name}-{fmt}",
            lambda w, name=name, fmt=fmt: {"name": name, "format_name": fmt},
        )
        for name in OPEN_DATASETS
        for fmt in ("csv", "json")
    ],
    Page("api:api-v1:api-root", rule=always(404)),
    # API: reads, with each role's own token
    Page("api:api-v1:committee_list"),
    Page("api:api-v1:committee_detail", "a", slug("a")),
    Page("api:api-v1:committee_members", "a", slug("a")),
    Page("api:api-v1:person_list"),
    Page("api:api-v1:person_detail", "assignee-a", pk("assignee_a", "person_id")),
    Page("api:api-v1:meeting_list"),
    Page("api:api-v1:meeting_detail", "a", pk("meeting_a", "meeting_id")),
    Page("api:api-v1:item_list"),
    *on_item("api:api-v1:item_detail", everyone, "item_id"),
    Page("api:api-v1:recommendation_list"),
    Page(
        "api:api-v1:recommendation_list",
        "by-assignee-a",
        query=lambda w: f"assignee={w.assignee_a.pk}",
    ),
    *on_item("api:api-v1:recommendation_detail", everyone, "recommendation_id", recs=True),
    Page("api:api-v1:progress_update_list"),
    Page("api:api-v1:forward_plan_list"),
    Page("api:api-v1:work_programme_list"),
    Page("api:api-v1:decision_list"),
    *[
        Page(
            "api:api-v1:decision_detail",
            variant,
            pk(attribute, "decision_id"),
            audience=audience,
            missing=missing("decision_id"),
        )
        for variant, attribute, audience in [
            ("public", "decision", "everyone"),
            ("exempt", "exempt_decision", "decisions"),
            ("draft", "draft_decision", "decisions"),
        ]
    ],
    Page("api:api-v1:briefing_note_list"),
    *[
        Page(
            "api:api-v1:briefing_note_detail",
            variant,
            pk(attribute, "note_id"),
            audience=audience,
            missing=missing("note_id"),
        )
        for variant, attribute, audience in [
            ("draft-a", "draft_note", "draft"),
            ("issued-b", "public_note", "everyone"),
            ("exempt-a", "exempt_note_a", "exempt_a"),
            ("exempt-b", "exempt_note_b", "exempt_b"),
        ]
    ],
    Page("api:api-v1:indicator_list"),
    Page("api:api-v1:indicator_detail", "", pk("indicator", "indicator_id")),
    Page("api:api-v1:measurement_list", "", pk("indicator", "indicator_id")),
    # API: writes (POST only; the same path's GET is measurement_list / not allowed)
    *[
        Page(
            "api:api-v1:progress_update_create",
            variant,
            pk(attribute, "recommendation_id"),
            rule=api_managers_or(*extra),
            audience=audience,
            missing=missing("recommendation_id"),
            post=lambda w: {"text": "Posted by the matrix"},
            get=False,
            body_json=True,
        )
        for variant, attribute, audience, extra in [
            ("public-a", "open_rec_a", "everyone", ()),
            ("exempt-a", "ex_rec_a", "exempt_a", ("assigned_officer",)),
            ("exempt-b", "ex_rec_b", "exempt_b", ()),
            ("later-a", "later_rec", "later_a", ()),
        ]
    ],
    Page(
        "api:api-v1:measurement_create",
        "",
        pk("indicator", "indicator_id"),
        rule=api_managers_or(),
        post=lambda w: {"year": 2024, "quarter": 3, "value": 50.0},
        get=False,
        body_json=True,
    ),
    # From a browser session instead of a token: reads show what the signed-in role may see;
    # writes take a token only, so a session (which a forged form from another site would
    # carry: the API takes no CSRF token) is 401 to everyone and changes nothing.
    Page("api:api-v1:recommendation_list", "session", credentials="session"),
    Page(
        "api:api-v1:item_detail",
        "exempt-a-session",
        pk("exempt_a", "item_id"),
        audience="exempt_a",
        missing=missing("item_id"),
        credentials="session",
    ),
    Page(
        "api:api-v1:briefing_note_detail",
        "draft-a-session",
        pk("draft_note", "note_id"),
        audience="draft",
        missing=missing("note_id"),
        credentials="session",
    ),
    Page(
        "api:api-v1:progress_update_create",
        "public-a-session",
        pk("open_rec_a", "recommendation_id"),
        rule=always(401),
        post=lambda w: {"text": "Posted by the matrix"},
        get=False,
        body_json=True,
        credentials="session",
    ),
    Page(
        "api:api-v1:measurement_create",
        "session",
        pk("indicator", "indicator_id"),
        rule=always(401),
        post=lambda w: {"year": 2024, "quarter": 3, "value": 50.0},
        get=False,
        body_json=True,
        credentials="session",
    ),
    # Atom feeds: for feed readers, who do not sign in: what the public may see, to all
    Page("api:committee_feed", "a", slug("a")),
    Page("api:committee_feed", "b", slug("b")),
    Page("api:recommendation_feed", "public-a", pk("open_rec_a")),
    Page("api:recommendation_feed", "exempt-a", pk("ex_rec_a"), rule=always(404)),
    Page("api:recommendation_feed", "exempt-b", pk("ex_rec_b"), rule=always(404)),
    Page("api:recommendation_feed", "later-a", pk("later_rec"), rule=always(404)),
]


@pytest.mark.parametrize(("page", "who"), read_cases(PAGES))
def test_each_role_gets_what_it_may_see_and_nothing_more(client, db, world, page, who):
    check_read(client, world, page, who)


@pytest.mark.parametrize(("page", "who"), write_cases(PAGES))
def test_a_write_without_the_right_is_refused_and_changes_nothing(client, db, world, page, who):
    check_refused_write(client, world, page, who)
