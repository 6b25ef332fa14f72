"""The tracker's pages in the role x page matrix: meetings, items, recommendations,
progress, closures and executive responses, on public and exempt business."""

from __future__ import annotations

import datetime

import pytest

from tests.visibility.matrix import (
    Page,
    check_read,
    check_refused_write,
    everyone,
    managers,
    managers_or,
    missing,
    on_item,
    pk,
    read_cases,
    slug,
    staff,
    version,
    write_cases,
)
from tests.visibility.world import AS_AT, MISSING


def moved(who: str) -> int:
    return 301


UNPUBLISHED = [
    ("draft-a", "draft_item", "unpublished_a"),
    ("withdrawn-a", "withdrawn_item", "unpublished_a"),
]

PAGES: list[Page] = [
    # drafts and withdrawn records: the council entitled to the item sees them, marked
    *[
        Page("tracker:item_detail", variant, pk(attribute), audience=audience, missing=missing())
        for variant, attribute, audience in UNPUBLISHED
    ],
    Page(
        "tracker:recommendation_detail",
        "withdrawn-a",
        pk("withdrawn_rec"),
        audience="unpublished_a",
        missing=missing(),
    ),
    *on_item("tracker:item_links", managers, post=version("item_a", title_0="Report")),
    *[
        Page(
            "tracker:item_publish",
            variant,
            pk(attribute),
            rule=managers,
            audience=audience,
            missing=missing(),
            get=False,
            post=lambda w: {},
        )
        for variant, attribute, audience in [
            ("public-a", "item_a", "everyone"),
            ("exempt-b", "exempt_b", "exempt_b"),
            *UNPUBLISHED,
        ]
    ],
    *on_item("tracker:item_withdraw", managers, post=lambda w: {"reason": "Wrong meeting"}),
    *[
        Page(
            "tracker:item_reinstate",
            variant,
            pk(attribute),
            rule=managers,
            audience=audience,
            missing=missing(),
            post=lambda w: {},
        )
        for variant, attribute, audience in UNPUBLISHED
    ],
    *on_item(
        "tracker:recommendation_withdraw",
        managers,
        recs=True,
        post=lambda w: {"reason": "Typed twice"},
    ),
    Page(
        "tracker:recommendation_reinstate",
        "withdrawn-a",
        pk("withdrawn_rec"),
        rule=managers,
        audience="unpublished_a",
        missing=missing(),
        post=lambda w: {},
    ),
    Page(
        "tracker:progress_withdraw",
        "public-a",
        pk("public_update"),
        rule=managers,
        missing=missing(),
        post=lambda w: {"reason": "Wrong recommendation"},
    ),
    Page(
        "tracker:progress_reinstate",
        "withdrawn-a",
        pk("withdrawn_update"),
        rule=managers,
        audience="unpublished_a",
        missing=missing(),
        post=lambda w: {},
    ),
    Page("tracker:evidence_download", "public-a", pk("public_evidence"), missing=missing()),
    Page(
        "tracker:evidence_download",
        "withdrawn-a",
        pk("withdrawn_evidence"),
        audience="unpublished_a",
        missing=missing(),
    ),
    # tracker: lists, search and the past
    Page("tracker:index"),
    Page("tracker:my_actions", rule=staff),
    Page("tracker:my_actions_csv", rule=staff),
    # The council-wide list, its CSV and the reminders behind it: the same filters, the same
    # rule; a search for an exempt marker finds it only for those entitled.
    Page("tracker:recommendation_list"),
    Page("tracker:recommendation_list", "search", query="q=disposal+depot+marker"),
    Page(
        "tracker:recommendation_list",
        "by-assignee",
        query=lambda w: f"assignee={w.assignee_a.pk}",
    ),
    Page("tracker:recommendation_list", "mine", query="mine=committees&status=open"),
    Page("tracker:recommendation_list_csv"),
    Page("tracker:recommendation_list_csv", "search", query="q=disposal+depot+marker"),
    Page(
        "tracker:recommendation_list_remind",
        rule=managers,
        post=lambda w: {},
    ),
    Page("tracker:committee_tracker", "a", slug("a")),
    Page("tracker:committee_tracker", "b", slug("b")),
    Page("tracker:committee_tracker", "a-search", slug("a"), query="q=disposal+depot+marker"),
    Page(
        "tracker:committee_tracker",
        "a-by-assignee",
        slug("a"),
        query=lambda w: f"assignee={w.assignee_a.pk}",
    ),
    Page("tracker:as_at", "a-past", slug("a"), query=f"date={AS_AT}"),
    Page("tracker:as_at", "b-past", slug("b"), query=f"date={AS_AT}"),
    Page("tracker:as_at", "a-today", slug("a"), query=f"date={datetime.date.today()}"),
    Page("tracker:overdue", rule=managers),
    Page(
        "tracker:overdue",
        "by-officer",
        rule=managers,
        query=lambda w: f"assignee={w.assignee_a.pk}",
    ),
    # The meeting's old address, kept as a permanent redirect to its page under committees.
    Page("tracker:meeting_moved", "a", pk("meeting_a"), rule=moved),
    Page(
        "tracker:item_create",
        "a",
        pk("meeting_a"),
        rule=managers,
        post=lambda w: {"report_title": "New report"},
    ),
    *on_item("tracker:item_detail", everyone),
    *[
        Page(
            "tracker:item_edit",
            variant,
            pk(attribute),
            rule=managers,
            audience=audience,
            missing=missing(),
            post=version(attribute, report_title="Renamed"),
        )
        for variant, attribute, audience in [
            ("public-a", "item_a", "everyone"),
            ("exempt-a", "exempt_a", "exempt_a"),
            ("exempt-b", "exempt_b", "exempt_b"),
            ("later-a", "later", "later_a"),
        ]
    ],
    *on_item(
        "tracker:recommendation_create",
        managers,
        post=lambda w: {"text": "Review it", "kind": "action"},
    ),
    *on_item("tracker:recommendation_detail", everyone, recs=True),
    *[
        Page(
            "tracker:recommendation_edit",
            variant,
            pk(attribute),
            rule=managers,
            audience=audience,
            missing=missing(),
            post=version(attribute, text="Changed", kind="action"),
        )
        for variant, attribute, audience in [
            ("public-a", "open_rec_a", "everyone"),
            ("exempt-a", "ex_rec_a", "exempt_a"),
            ("exempt-b", "ex_rec_b", "exempt_b"),
            ("later-a", "later_rec", "later_a"),
        ]
    ],
    Page(
        "tracker:progress_add",
        "public-a",
        pk("open_rec_a"),
        rule=managers,
        missing=missing(),
        post=lambda w: {"text": "Done some"},
    ),
    Page(
        "tracker:progress_add",
        "exempt-a",
        pk("ex_rec_a"),
        rule=managers_or("assigned_officer"),
        audience="exempt_a",
        missing=missing(),
        post=lambda w: {"text": "Done some"},
    ),
    Page(
        "tracker:progress_add",
        "exempt-b",
        pk("ex_rec_b"),
        rule=managers,
        audience="exempt_b",
        missing=missing(),
        post=lambda w: {"text": "Done some"},
    ),
    Page(
        "tracker:progress_add",
        "later-a",
        pk("later_rec"),
        rule=managers,
        audience="later_a",
        missing=missing(),
        post=lambda w: {"text": "Done some"},
    ),
    *[
        Page(
            "tracker:close",
            variant,
            pk(attribute),
            rule=managers,
            audience=audience,
            missing=missing(),
            post=lambda w, side=side: {
                "agreed_at": str(getattr(w, f"meeting_{side}").pk),
                "reason": "Done",
            },
        )
        for variant, attribute, audience, side in [
            ("public-a", "open_rec_a", "everyone", "a"),
            ("exempt-a", "ex_rec_a", "exempt_a", "a"),
            ("exempt-b", "ex_rec_b", "exempt_b", "b"),
            ("later-a", "later_rec", "later_a", "a"),
        ]
    ],
    *[
        Page(
            "tracker:reopen",
            variant,
            pk(attribute),
            rule=managers,
            audience=audience,
            missing=missing(),
            post=lambda w: {"reason": "Not done"},
        )
        for variant, attribute, audience in [
            ("public-a", "closed_rec_a", "everyone"),
            ("exempt-a", "ex_closed_a", "exempt_a"),
            ("exempt-b", "ex_closed_b", "exempt_b"),
        ]
    ],
    *[
        Page(
            "tracker:recommendation_send",
            variant,
            pk(attribute),
            rule=managers,
            audience=audience,
            missing=missing(),
            post=lambda w: {"addressee": "Cabinet", "sent_on": "2025-03-19"},
        )
        for variant, attribute, audience in [
            ("public-a", "open_rec_a", "everyone"),
            ("exempt-a", "ex_rec_a", "exempt_a"),
            ("exempt-b", "ex_rec_b", "exempt_b"),
            ("later-a", "later_rec", "later_a"),
        ]
    ],
    *[
        Page(
            "tracker:response_record",
            variant,
            pk(attribute),
            rule=managers,
            audience=audience,
            missing=missing(),
            post=lambda w: {"decision": "accepted", "responded_on": "2025-04-02"},
        )
        for variant, attribute, audience in [
            ("public-a", "sent_rec_a", "everyone"),
            ("exempt-a", "ex_sent_a", "exempt_a"),
            ("exempt-b", "ex_sent_b", "exempt_b"),
        ]
    ],
]


# The closures proposed for a meeting: the council side, of councillors only the committee's.
COUNCIL = {
    "a": ("member_a", "assigned_officer", "officer"),
    "b": ("member_b", "assigned_officer", "officer"),
}


def _decisions(w) -> dict[str, str]:
    return {"form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0"}


PAGES += [
    *[
        Page(
            "tracker:meeting_closures",
            side,
            pk(f"next_meeting_{side}"),
            rule=managers_or(*COUNCIL[side]),
            missing=missing(),
        )
        for side in ("a", "b")
    ],
    *[
        Page(
            "tracker:closure_comment",
            f"{variant}-{side}",
            lambda w, side=side, attribute=attribute: {
                "meeting": getattr(w, f"next_meeting_{side}").pk,
                "pk": getattr(w, f"{attribute}_{side}").pk,
            },
            rule=managers_or(f"member_{side}"),
            audience=audience,
            missing=lambda w, side=side: {
                "meeting": getattr(w, f"next_meeting_{side}").pk,
                "pk": MISSING,
            },
            post=lambda w: {"text": "A comment"},
        )
        for variant, attribute, side, audience in [
            ("public", "proposed", "a", "everyone"),
            ("exempt", "ex_proposed", "a", "exempt_a"),
            ("exempt", "ex_proposed", "b", "exempt_b"),
        ]
    ],
    *[
        Page(
            "tracker:closure_decisions",
            side,
            pk(f"next_meeting_{side}"),
            rule=managers,
            missing=missing(),
            post=_decisions,
        )
        for side in ("a", "b")
    ],
    Page(
        "tracker:meeting_send_to_executive",
        "a",
        pk("meeting_a"),
        rule=managers,
        missing=missing(),
        post=lambda w: {"addressee": "Cabinet", "sent_on": "2024-09-20"},
    ),
]


# The annual scrutiny report: everyone, each counting what they may see (the impact story of
# an exempt recommendation only for those entitled); choosing the stories is the scrutiny
# team's.
PAGES += [
    # Has scrutiny asked this before, while writing: the scrutiny team's, as the forms are.
    Page("tracker:asked_before", "page", query="text=Disposal+library+hours", rule=managers),
    Page(
        "tracker:asked_before",
        "fragment",
        query="text=Disposal+library+hours&fragment=1",
        rule=managers,
    ),
    Page("tracker:annual_report", "2024", query="year=2024"),
    Page("tracker:annual_report", "default"),
    Page("tracker:annual_report", "2024-a", query=lambda w: f"year=2024&committee={w.a.slug}"),
    Page("tracker:annual_report", "2024-b", query=lambda w: f"year=2024&committee={w.b.slug}"),
    Page(
        "tracker:impact_stories",
        "2024",
        query="year=2024",
        rule=managers,
        post=lambda w: {"reference": w.closed_rec_a.reference, "outcome": "It was published"},
    ),
    Page(
        "tracker:impact_story_remove",
        "public-a",
        pk("public_story_a"),
        rule=managers,
        get=False,
        post=lambda w: {},
    ),
]


@pytest.mark.parametrize(("page", "who"), read_cases(PAGES))
def test_each_role_gets_what_it_may_see_and_nothing_more(client, db, world, page, who):
    check_read(client, world, page, who)


@pytest.mark.parametrize(("page", "who"), write_cases(PAGES))
def test_a_write_without_the_right_is_refused_and_changes_nothing(client, db, world, page, who):
    check_refused_write(client, world, page, who)


@pytest.mark.parametrize("who", ["member_a", "scrutiny_officer"])
def test_the_council_sees_withdrawn_records_marked_with_the_reason(client, db, world, who):
    from django.conf import settings

    from tests.visibility.world import M

    client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[who]
    text = client.get(world.open_rec_a.get_absolute_url()).content.decode()
    assert M.withdrawn_progress in text
    assert (
        f"Withdrawn on {world.withdrawn_update.withdrawn_at:%-d %B %Y}: {M.withdrawn_reason}"
        in (text)
    )
    item_page = client.get(world.draft_item.get_absolute_url()).content.decode()
    assert "Draft" in item_page
