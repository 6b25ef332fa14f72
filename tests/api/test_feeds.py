"""Atom feeds: valid Atom, the events expected, and never exempt or draft content."""

import datetime
from html.parser import HTMLParser

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


HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"


class _Markup(HTMLParser):
    """The elements and attributes an HTML fragment holds once a feed reader parses it."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


def _active_markup(detail) -> tuple[list[str], str]:
    """The tags a reader would render from a text construct, and the text it would show."""
    if detail.type == "text/plain":
        return [], detail.value
    parser = _Markup()
    parser.feed(detail.value)
    return [t for t in parser.tags if t != "br"], parser.text


@pytest.fixture
def hostile(responded):
    """Every text field a feed carries holds markup a feed reader would run."""
    from scrutineer.briefings.models import BriefingNote
    from scrutineer.tracker.models import ExecutiveResponse, Recommendation

    w = responded.world
    Recommendation.objects.filter(item__meeting__committee=w.committee).update(
        text=f"Review {HOSTILE}"
    )
    Recommendation.objects.filter(pk=w.closed_recommendation.pk).update(
        closure_reason=f"Done {HOSTILE}"
    )
    ExecutiveResponse.objects.filter(recommendation=w.sent_recommendation).update(
        reasons=f"Because {HOSTILE}"
    )
    BriefingNote.objects.filter(pk=responded.issued_note.pk).update(purpose=f"To brief {HOSTILE}")
    services.progress_add(item=w.item, recommendation=w.recommendation, text=f"Begun {HOSTILE}")
    return responded


def test_no_text_field_of_a_feed_carries_active_markup(client, hostile):
    w = hostile.world
    urls = [
        f"/api/feeds/committees/{w.committee.slug}.atom",
        f"/api/feeds/recommendations/{w.recommendation.pk}.atom",
        f"/api/feeds/recommendations/{w.closed_recommendation.pk}.atom",
        f"/api/feeds/recommendations/{w.sent_recommendation.pk}.atom",
    ]
    shown = []
    for url in urls:
        feed = feedparser.parse(client.get(url).content, sanitize_html=False)
        assert feed.bozo == 0, feed.get("bozo_exception")
        details = [feed.feed.title_detail, feed.feed.get("subtitle_detail")]
        for entry in feed.entries:
            details += [entry.title_detail, entry.summary_detail]
        for detail in filter(None, details):
            tags, text = _active_markup(detail)
            assert tags == [], (url, detail.value)
            shown.append(text)
    # The hostile text is still there for the reader to see, as text.
    for prefix in ("Review", "Done", "Because", "To brief"):
        assert any(f"{prefix} {HOSTILE}" in text for text in shown), prefix
