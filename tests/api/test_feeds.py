"""Atom feeds: valid Atom, the events expected, and never exempt or draft content."""

import datetime

import feedparser
import pytest

from scrutineer.tracker import services


@pytest.fixture
def responded(published):
    w = published.world
    services.executive_response_record(
        response=w.sent_recommendation.executive_response,
        decision="accepted",
        responded_on=datetime.date(2024, 10, 30),
    )
    return published


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_committee_feed_has_each_kind_of_event(client, responded):
    w = responded.world
    feed = _parse(client, f"/api/feeds/committees/{w.committee.slug}.atom")
    titles = [entry.title for entry in feed.entries]
    assert f"New recommendation {w.recommendation.reference}" in titles
    assert f"Recommendation {w.closed_recommendation.reference} closed" in titles
    assert f"Progress on {w.recommendation.reference}" in titles
    assert f"Cabinet accepted {w.sent_recommendation.reference}" in titles
    assert any(t.startswith("Briefing note issued to Cabinet") for t in titles)
    assert all(entry.id and entry.updated for entry in feed.entries)


def test_committee_feed_never_shows_exempt_or_draft_content(client, responded):
    w = responded.world
    body = client.get(f"/api/feeds/committees/{w.committee.slug}.atom").content.decode()
    assert w.exempt_recommendation.reference not in body
    assert w.exempt_item.report_title not in body
    assert "confidential bidder" not in body
    assert "Draft report on parking charges" not in body


def test_recommendation_feed_follows_one_recommendation(client, responded):
    w = responded.world
    services.progress_add(item=w.item, recommendation=w.recommendation, text="Second update.")
    feed = _parse(client, f"/api/feeds/recommendations/{w.recommendation.pk}.atom")
    assert feed.feed.title == f"Recommendation {w.recommendation.reference}"
    assert [e.summary for e in feed.entries][:2] == ["Second update.", "The review has begun."]
    assert feed.entries[-1].title == f"New recommendation {w.recommendation.reference}"


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(
            lambda w: f"/api/feeds/recommendations/{w.exempt_recommendation.pk}.atom",
            id="exempt-recommendation",
        ),
        pytest.param(lambda w: "/api/feeds/committees/no-such-committee.atom", id="no-committee"),
        pytest.param(lambda w: "/api/feeds/recommendations/999999.atom", id="no-recommendation"),
    ],
)
def test_feeds_not_public_are_not_found(client, published, url):
    assert client.get(url(published.world)).status_code == 404


def test_exempt_recommendation_feed_is_not_found_even_for_a_signed_in_member(
    client, published, caller
):
    user, _ = caller("committee_member")
    client.force_login(user)
    url = f"/api/feeds/recommendations/{published.world.exempt_recommendation.pk}.atom"
    assert client.get(url).status_code == 404
