"""The tracker as it stood: today's exempt flags and today's deletions apply to the past,
on the page and in every download (finding 2)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from scrutineer.tracker import services
from scrutineer.tracker.models import Item
from tests.tracker.factories import ItemFactory, RecommendationFactory

PAST = "2024-12-31"
WHEN = timezone.make_aware(datetime.datetime(2024, 10, 1, 12))


def _backdate(instance):
    """Date every history record of the instance (and its recommendations) to WHEN, as if
    it had been recorded then."""
    instance.history.update(history_date=WHEN)
    for recommendation in getattr(instance, "recommendations", Item.objects.none()).all():
        recommendation.history.update(history_date=WHEN)


@pytest.fixture
def made_exempt_later(world):
    item = ItemFactory(meeting=world.meeting, report_title="Depot disposal, once public")
    RecommendationFactory(item=item, text="Report back on the bids received")
    _backdate(item)
    item.refresh_from_db()
    services.item_update(item=item, expected_version=item.version, is_exempt=True)
    return item


def _urls(world):
    slug = world.committee.slug
    return {
        "page": reverse("tracker:as_at", args=[slug]) + f"?date={PAST}",
        "json": reverse("exports:tracker_download", args=[slug, "json"]) + f"?as_at={PAST}",
        "csv": reverse("exports:tracker_download", args=[slug, "csv"]) + f"?as_at={PAST}",
        "print": reverse("exports:tracker_print", args=[slug]) + f"?as_at={PAST}",
    }


def _body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize(
    ("who", "entitled"),
    [
        pytest.param("public", False, id="public"),
        pytest.param("other_member", False, id="member-of-another-committee"),
        pytest.param("officer", False, id="unassigned-officer"),
        pytest.param("committee_member", True, id="member-of-the-committee"),
        pytest.param("scrutiny_officer", True, id="scrutiny-officer"),
    ],
)
def test_an_item_made_exempt_later_is_hidden_in_the_past_too(
    client, world, login_as, made_exempt_later, who, entitled
):
    login_as(who)
    for name, url in _urls(world).items():
        response = client.get(url)
        assert response.status_code == 200, name
        body = _body(response)
        assert ("Depot disposal, once public" in body) is entitled, name
        assert ("Report back on the bids received" in body) is entitled, name


def test_an_item_deleted_since_is_not_in_the_past(client, world):
    item = ItemFactory(meeting=world.meeting, report_title="Withdrawn report, deleted since")
    _backdate(item)
    Item.objects.get(pk=item.pk).delete()
    for name, url in _urls(world).items():
        assert "Withdrawn report, deleted since" not in _body(client.get(url)), name


def test_the_past_still_shows_what_was_recorded_then(client, world):
    item = ItemFactory(meeting=world.meeting, report_title="Leisure centre contract")
    _backdate(item)
    body = _body(client.get(_urls(world)["page"]))
    assert "Leisure centre contract" in body
