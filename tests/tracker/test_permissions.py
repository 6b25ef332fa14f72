"""The role by view matrix: nothing leaks and nothing is written without the right."""

import pytest
from django.urls import reverse

from scrutineer.core import permissions
from scrutineer.tracker.models import (
    ExecutiveResponse,
    Item,
    Meeting,
    ProgressUpdate,
    Recommendation,
)

ROLES = [
    "public",
    "other_member",
    "committee_member",
    "officer",
    "assigned_officer",
    "scrutiny_officer",
    "administrator",
]
MANAGERS = {"scrutiny_officer", "administrator"}
STAFF = set(ROLES) - {"public"}


def url(world, name):
    return {
        "index": reverse("tracker:index"),
        "tracker": reverse("tracker:committee_tracker", args=[world.committee.slug]),
        "as_at": reverse("tracker:as_at", args=[world.committee.slug]) + "?date=2030-01-01",
        "meeting": reverse("committees:meeting_detail", args=[world.meeting.pk]),
        "meeting_moved": reverse("tracker:meeting_moved", args=[world.meeting.pk]),
        "item": reverse("tracker:item_detail", args=[world.item.pk]),
        "recommendation": reverse("tracker:recommendation_detail", args=[world.recommendation.pk]),
        "exempt_item": reverse("tracker:item_detail", args=[world.exempt_item.pk]),
        "exempt_recommendation": reverse(
            "tracker:recommendation_detail", args=[world.exempt_recommendation.pk]
        ),
        "meeting_create": reverse("committees:meeting_create", args=[world.committee.slug]),
        "item_create": reverse("tracker:item_create", args=[world.meeting.pk]),
        "item_edit": reverse("tracker:item_edit", args=[world.item.pk]),
        "recommendation_create": reverse("tracker:recommendation_create", args=[world.item.pk]),
        "recommendation_edit": reverse(
            "tracker:recommendation_edit", args=[world.recommendation.pk]
        ),
        "progress_add": reverse("tracker:progress_add", args=[world.recommendation.pk]),
        "close": reverse("tracker:close", args=[world.recommendation.pk]),
        "reopen": reverse("tracker:reopen", args=[world.closed_recommendation.pk]),
        "my_actions": reverse("tracker:my_actions"),
        "overdue": reverse("tracker:overdue"),
        "recommendation_send": reverse(
            "tracker:recommendation_send", args=[world.recommendation.pk]
        ),
        "response_record": reverse("tracker:response_record", args=[world.sent_recommendation.pk]),
    }[name]


def expected_read(page, who):
    if page in {"index", "tracker", "as_at", "meeting", "item", "recommendation"}:
        return 200
    if page in {"exempt_item", "exempt_recommendation"}:
        entitled = MANAGERS | {"committee_member", "assigned_officer"}
        return 200 if who in entitled else 404
    if page == "meeting_moved":
        return 301
    if page == "my_actions":
        return 200 if who in STAFF else 302
    allowed = who in (MANAGERS | {"assigned_officer"} if page == "progress_add" else MANAGERS)
    if allowed:
        return 200
    return 302 if who == "public" else 403


PAGES = [
    "index",
    "tracker",
    "as_at",
    "meeting",
    "meeting_moved",
    "item",
    "recommendation",
    "exempt_item",
    "exempt_recommendation",
    "meeting_create",
    "item_create",
    "item_edit",
    "recommendation_create",
    "recommendation_edit",
    "progress_add",
    "close",
    "reopen",
    "my_actions",
    "overdue",
    "recommendation_send",
    "response_record",
]


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_who_may_open_each_page(client, world, login_as, who, page):
    login_as(who)
    response = client.get(url(world, page))
    assert response.status_code == expected_read(page, who)


@pytest.mark.parametrize("who", ROLES)
def test_exempt_items_never_appear_in_the_tracker_unless_entitled(client, world, login_as, who):
    login_as(who)
    content = client.get(url(world, "tracker")).content.decode()
    as_at = client.get(url(world, "as_at")).content.decode()
    entitled = who in MANAGERS | {"committee_member", "assigned_officer"}
    assert (world.exempt_item.report_title in content) is entitled
    assert (world.exempt_item.report_title in as_at) is entitled
    assert world.item.report_title in content


WRITES = {
    "meeting_create": ({"date": "2025-03-18"}, lambda w: Meeting.objects.count()),
    "item_create": ({"report_title": "New report"}, lambda w: Item.objects.count()),
    "item_edit": (
        {"report_title": "Renamed", "version": "1"},
        lambda w: Item.objects.get(pk=w.item.pk).report_title,
    ),
    "recommendation_create": (
        {"text": "Review it", "kind": "action"},
        lambda w: Recommendation.objects.count(),
    ),
    "recommendation_edit": (
        {"text": "Changed", "kind": "action", "version": "1"},
        lambda w: Recommendation.objects.get(pk=w.recommendation.pk).text,
    ),
    "progress_add": ({"text": "Done some"}, lambda w: ProgressUpdate.objects.count()),
    "close": (
        {"agreed_at": "MEETING", "reason": "Done"},
        lambda w: Recommendation.objects.get(pk=w.recommendation.pk).status,
    ),
    "reopen": (
        {"reason": "Not done"},
        lambda w: Recommendation.objects.get(pk=w.closed_recommendation.pk).status,
    ),
    "recommendation_send": (
        {"addressee": "Cabinet", "sent_on": "2025-03-19"},
        lambda w: ExecutiveResponse.objects.count(),
    ),
    "response_record": (
        {"decision": "accepted", "responded_on": "2025-04-02"},
        lambda w: ExecutiveResponse.objects.get(recommendation=w.sent_recommendation).decision,
    ),
}


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("page", list(WRITES))
def test_writes_need_the_right_and_change_nothing_without_it(client, world, login_as, who, page):
    login_as(who)
    data, observe = WRITES[page]
    data = {k: (str(world.meeting.pk) if v == "MEETING" else v) for k, v in data.items()}
    before = observe(world)
    response = client.post(url(world, page), data)
    allowed = expected_read(page, who) == 200
    if allowed:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert observe(world) != before
    else:
        assert response.status_code in {302, 403}
        if response.status_code == 302:
            assert "/login/" in response["Location"]
        assert observe(world) == before


def test_the_old_address_of_a_meeting_leads_to_its_page(client, world):
    response = client.get(reverse("tracker:meeting_moved", args=[world.meeting.pk]))
    assert response.status_code == 301
    assert response["Location"] == world.meeting.get_absolute_url()
    assert response["Location"] == f"/committees/meetings/{world.meeting.pk}/"


def test_predicates_are_named_for_the_matrix():
    for name in [
        "can_manage_tracker",
        "can_update_progress",
        "can_close_recommendation",
        "can_reopen_recommendation",
        "can_view_item",
        "can_view_my_actions",
    ]:
        assert callable(getattr(permissions, name))
