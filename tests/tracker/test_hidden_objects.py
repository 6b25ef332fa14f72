"""A page about an object the user may not see answers 404, before any permission is asked,
so that no page confirms an exempt item exists (finding 5)."""

import pytest
from django.urls import reverse

from scrutineer.tracker import services

UNENTITLED = ["public", "other_member", "officer"]


@pytest.fixture
def exempt_world(world):
    """The world's exempt item also has a closed recommendation and one sent to Cabinet."""
    closed = services.recommendation_create(item=world.exempt_item, text="Noted the valuation")
    closed.status, closed.closed_on = "closed", world.meeting.date
    closed.save()
    sent = services.recommendation_create(item=world.exempt_item, text="Cabinet to decide")
    services.recommendation_send_to_executive(recommendation=sent, sent_on=world.meeting.date)
    world.exempt_closed, world.exempt_sent = closed, sent
    return world


def _exempt_pages(w):
    rec = w.exempt_recommendation.pk
    return {
        "item_edit": reverse("tracker:item_edit", args=[w.exempt_item.pk]),
        "recommendation_create": reverse("tracker:recommendation_create", args=[w.exempt_item.pk]),
        "recommendation_edit": reverse("tracker:recommendation_edit", args=[rec]),
        "progress_add": reverse("tracker:progress_add", args=[rec]),
        "close": reverse("tracker:close", args=[rec]),
        "reopen": reverse("tracker:reopen", args=[w.exempt_closed.pk]),
        "recommendation_send": reverse("tracker:recommendation_send", args=[rec]),
        "response_record": reverse("tracker:response_record", args=[w.exempt_sent.pk]),
        "briefing_create": reverse("briefings:create", args=[w.exempt_item.pk]),
        "subscribe": reverse("alerts:subscribe_recommendation", args=[rec]),
    }


@pytest.mark.parametrize("who", UNENTITLED)
def test_every_page_of_an_exempt_item_answers_404_to_those_who_may_not_see_it(
    client, exempt_world, login_as, who
):
    login_as(who)
    for name, url in _exempt_pages(exempt_world).items():
        assert client.get(url).status_code == 404, name
        assert client.post(url, {}).status_code == 404, name


@pytest.mark.parametrize("who", UNENTITLED)
def test_a_public_items_pages_still_ask_for_the_permission(client, world, login_as, who):
    login_as(who)
    response = client.get(reverse("tracker:item_edit", args=[world.item.pk]))
    assert response.status_code == (302 if who == "public" else 403)


def test_an_assigned_officer_still_reaches_progress_on_an_exempt_item(client, world, login_as):
    login_as("assigned_officer")
    url = reverse("tracker:progress_add", args=[world.exempt_recommendation.pk])
    assert client.get(url).status_code == 200
    assert client.get(reverse("tracker:item_edit", args=[world.exempt_item.pk])).status_code == 403
