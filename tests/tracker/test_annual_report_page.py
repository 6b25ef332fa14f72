"""The annual scrutiny report's page and downloads, for the public and the council, and the
scrutiny team's impact stories: chosen, told and removed, never shown to those who may not
see the recommendation."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scrutineer.core.models import ChangeCounter
from scrutineer.core.page_cache import generation
from scrutineer.tracker import services
from scrutineer.tracker.models import ImpactStory
from tests.committees.factories import CommitteeFactory, MeetingFactory
from tests.tracker.factories import (
    DraftItemFactory,
    ExemptItemFactory,
    ItemFactory,
    RecommendationFactory,
)

PAGE = reverse("tracker:annual_report")
STORIES = reverse("tracker:impact_stories")


@pytest.fixture
def business(db):
    """Committee "Place": two published recommendations, an exempt one and a draft one, all
    made in 2024/25, each of the first and the exempt one told as an impact story."""
    committee = CommitteeFactory(name="Place Overview and Scrutiny Committee", slug="place-os")
    meeting = MeetingFactory(committee=committee, date=datetime.date(2024, 6, 10))
    public = RecommendationFactory(item=ItemFactory(meeting=meeting), text="Review bus routes")
    RecommendationFactory(item=public.item, text="Publish the timetable")
    exempt = RecommendationFactory(
        item=ExemptItemFactory(meeting=meeting), text="Sell the depot SECRET-DEPOT"
    )
    RecommendationFactory(item=DraftItemFactory(meeting=meeting), text="Draft recommendation")
    services.impact_story_add(recommendation=public, year=2024, outcome="Two new bus routes.")
    services.impact_story_add(
        recommendation=exempt, year=2024, outcome="The depot sold for SECRET-PRICE."
    )
    return committee


def _headline(response) -> dict[str, str]:
    return dict(response.context["report"]["headline"])


def test_the_public_report_counts_only_what_is_published(client, business):
    response = client.get(PAGE, {"year": "2024", "committee": "place-os"})
    assert response.status_code == 200
    assert _headline(response)["Recommendations made"] == "2"  # not the exempt, not the draft
    text = response.content.decode()
    assert "Annual scrutiny report 2024/25: Place Overview and Scrutiny Committee" in text
    assert "Two new bus routes." in text
    assert "SECRET" not in text
    assert "counts the exempt and draft business" not in text


def test_the_council_report_counts_the_exempt_and_draft_business(
    client, business, scrutiny_officer
):
    client.force_login(scrutiny_officer)
    response = client.get(PAGE, {"year": "2024", "committee": "place-os"})
    assert _headline(response)["Recommendations made"] == "4"
    text = response.content.decode()
    assert "The depot sold for SECRET-PRICE." in text
    assert "counts the exempt and draft business" in text
    assert "Choose the impact stories of 2024/25" in text


def test_each_chart_is_an_accessible_image_with_its_numbers_in_a_table(client, business):
    text = client.get(PAGE, {"year": "2024"}).content.decode()
    assert text.count('role="img"') == 3
    assert '<title id="annual-standing-title">Where the 2024/25 recommendations stand</title>' in (
        text
    )
    assert 'aria-labelledby="annual-standing-title annual-standing-desc"' in text
    assert "Where the 2024/25 recommendations stand: the figures" in text  # the table's caption
    assert "<script" not in text.split("<main")[1].split("</main>")[0]  # no script needed


def test_the_page_opens_on_the_latest_year_with_published_recommendations(client, business):
    response = client.get(PAGE)
    assert response.context["report"]["year"] == "2024/25"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        pytest.param(
            {"year": "1999"}, "Select one of the options given for municipal year", id="y"
        ),
        pytest.param({"year": "x"}, "Select one of the options given for municipal year", id="x"),
        pytest.param(
            {"year": "2024", "committee": "nope"},
            "Select one of the options given for committee",
            id="committee",
        ),
    ],
)
def test_a_year_or_committee_not_offered_is_named_not_a_500(client, business, query, message):
    response = client.get(PAGE, query)
    assert response.status_code == 200
    assert response.context["report"] is None
    assert message in response.content.decode()


def test_the_downloads_count_as_the_page_does(client, business, scrutiny_officer):
    url = reverse("exports:annual_report", args=["json"])
    public = client.get(url, {"year": "2024", "committee": "place-os"})
    assert public["Link"].startswith("<https://www.nationalarchives.gov.uk/doc/open-government")
    data = json.loads(public.content)
    assert data["recommendations"]["made"] == 2
    assert [s["outcome"] for s in data["impact_stories"]] == ["Two new bus routes."]
    csv_text = client.get(
        reverse("exports:annual_report", args=["csv"]), {"year": "2024"}
    ).content.decode("utf-8-sig")
    assert "all,All recommendations,made,2" in csv_text
    assert "impact_story" in csv_text
    assert "SECRET" not in csv_text
    client.force_login(scrutiny_officer)
    council = client.get(url, {"year": "2024", "committee": "place-os"})
    assert json.loads(council.content)["recommendations"]["made"] == 4
    assert "Link" not in council  # the council's counts are not published data
    assert council["Cache-Control"] == "private, no-store"
    assert client.get(reverse("exports:annual_report", args=["xlsx"])).status_code == 404


def test_the_scrutiny_officer_adds_and_removes_an_impact_story(client, business, scrutiny_officer):
    client.force_login(scrutiny_officer)
    rec = RecommendationFactory(item=ItemFactory(meeting=business.meetings.get()))
    response = client.post(
        f"{STORIES}?year=2024",
        {"reference": rec.reference.lower(), "outcome": "Fares were frozen."},
        follow=True,
    )
    assert f"{rec.reference} added to the impact stories of 2024/25." in response.content.decode()
    story = ImpactStory.objects.get(recommendation=rec)
    assert (story.year, story.outcome, story.chosen_by) == (
        2024,
        "Fares were frozen.",
        scrutiny_officer,
    )
    assert story.history.get().history_user == scrutiny_officer
    again = client.post(
        f"{STORIES}?year=2024", {"reference": rec.reference, "outcome": "Again"}, follow=True
    )
    assert "is already an impact story of this year" in again.content.decode()
    assert ImpactStory.objects.filter(recommendation=rec).count() == 1
    removed = client.post(reverse("tracker:impact_story_remove", args=[story.pk]), follow=True)
    assert (
        f"{rec.reference} removed from the impact stories of 2024/25." in removed.content.decode()
    )
    assert not ImpactStory.objects.filter(pk=story.pk).exists()
    assert ImpactStory.history.filter(id=story.pk, history_type="-").get().history_user == (
        scrutiny_officer
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        pytest.param(
            {"reference": "", "outcome": "x"},
            "reference",
            "Enter the recommendation reference",
            id="no-reference",
        ),
        pytest.param(
            {"reference": "NOPE-1", "outcome": "x"},
            "reference",
            "There is no recommendation with the reference NOPE-1",
            id="unknown",
        ),
        pytest.param(
            {"reference": "REF", "outcome": ""},
            "outcome",
            "Enter what came of the recommendation",
            id="no-outcome",
        ),
        pytest.param(
            {"reference": "REF", "outcome": "x" * 1001},
            "outcome",
            "What came of it must be 1,000 characters or fewer",
            id="long",
        ),
    ],
)
def test_a_bad_impact_story_is_refused_with_a_message_by_its_field(
    client, business, scrutiny_officer, data, field, message
):
    client.force_login(scrutiny_officer)
    rec = RecommendationFactory(item=ItemFactory(meeting=business.meetings.get()))
    data = {key: value.replace("REF", rec.reference) for key, value in data.items()}
    before = ImpactStory.objects.count()
    response = client.post(f"{STORIES}?year=2024", data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert ImpactStory.objects.count() == before


def test_a_recommendation_made_after_the_year_cannot_be_its_story(
    client, business, scrutiny_officer
):
    client.force_login(scrutiny_officer)
    later = RecommendationFactory(
        item=ItemFactory(meeting=MeetingFactory(committee=business, date=datetime.date(2025, 6, 2)))
    )
    response = client.post(f"{STORIES}?year=2024", {"reference": later.reference, "outcome": "x"})
    assert "was made after the 2024/25 municipal year ended" in response.content.decode()
    assert not ImpactStory.objects.filter(recommendation=later).exists()


def test_only_the_scrutiny_team_chooses_impact_stories(client, business, member):
    assert client.get(STORIES).status_code == 302  # the public: sign in
    client.force_login(member)
    assert client.get(STORIES).status_code == 403
    story = ImpactStory.objects.first()
    assert client.post(reverse("tracker:impact_story_remove", args=[story.pk])).status_code == 403
    assert ImpactStory.objects.filter(pk=story.pk).exists()


def test_the_recommendation_page_offers_the_scrutiny_team_its_story(
    client, business, scrutiny_officer
):
    rec = business.meetings.get().items.first().recommendations.first()
    assert "Tell this as an impact story" not in client.get(rec.get_absolute_url()).content.decode()
    client.force_login(scrutiny_officer)
    page = client.get(rec.get_absolute_url()).content.decode()
    link = f"{STORIES}?year=2024&amp;reference={rec.reference.replace(' ', '%20')}"
    assert link in page
    form = client.get(f"{STORIES}?year=2024&reference={rec.reference}").content.decode()
    assert f'value="{rec.reference}"' in form


def test_the_page_takes_as_many_queries_for_many_recommendations_as_for_few(
    client, business, scrutiny_officer
):
    client.force_login(scrutiny_officer)
    meeting = business.meetings.get()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(PAGE, {"year": "2024"}).status_code == 200
        return len(captured)

    few = queries()
    for number in range(20):
        rec = RecommendationFactory(item=ItemFactory(meeting=meeting), area=f"Area {number}")
        services.impact_story_add(recommendation=rec, year=2024, outcome=f"Outcome {number}")
    assert queries() == few


def test_the_councils_report_is_kept_until_a_record_changes(
    client, business, scrutiny_officer, settings
):
    """A year's figures read every recommendation of the year: the page keeps them in the
    page cache, per audience, until a record changes (the change counter moves)."""
    settings.SCRUTINEER_PUBLIC_CACHE_SECONDS = 60
    client.force_login(scrutiny_officer)
    query = {"year": "2024", "committee": "place-os"}
    with CaptureQueriesContext(connection) as first:
        assert _headline(client.get(PAGE, query))["Recommendations made"] == "4"
    with CaptureQueriesContext(connection) as again:
        assert _headline(client.get(PAGE, query))["Recommendations made"] == "4"
    assert len(again) < len(first)
    # The public's copy is its own: the council's figures are never served to it.
    client.logout()
    assert _headline(client.get(PAGE, query))["Recommendations made"] == "2"
    client.force_login(scrutiny_officer)
    meeting = business.meetings.get()
    RecommendationFactory(item=ItemFactory(meeting=meeting), text="Mend the bridge")
    # Not committed (a test's transaction never is), so the counter has not moved: the kept
    # copy is served, which shows it is kept.
    assert _headline(client.get(PAGE, query))["Recommendations made"] == "4"
    # The counter moves as a commit moves it (tests/core/test_page_cache.py): figured again.
    ChangeCounter.objects.update_or_create(pk=1, defaults={"value": generation() + 1})
    assert _headline(client.get(PAGE, query))["Recommendations made"] == "5"
