import datetime

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from scrutineer.tracker import services
from scrutineer.tracker.models import Recommendation
from tests.committees.factories import CommitteeFactory, MeetingFactory, PersonFactory
from tests.tracker.factories import ItemFactory, OverdueRecommendationFactory, RecommendationFactory


def fill_tracker(committee, count, assignee):
    meeting = MeetingFactory(committee=committee)
    for n in range(count):
        item = ItemFactory(meeting=meeting, number=n + 1)
        RecommendationFactory(item=item, assignees=[assignee, PersonFactory()])
        RecommendationFactory(item=item, assignees=[assignee])
        services.progress_add(item=item, text=f"Progress {n}")


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_tracker_and_my_actions_issue_the_same_queries_for_10_items_as_for_120(
    client, login_as, world
):
    login_as("assigned_officer")
    small, large = CommitteeFactory(), CommitteeFactory()
    fill_tracker(small, 10, world.officer_person)
    tracker_small = queries_for(client, reverse("tracker:committee_tracker", args=[small.slug]))
    actions_small = queries_for(client, reverse("tracker:my_actions"))
    # Twelve times the rows is enough to show the count does not grow with them; scale itself
    # is make bench's (bench/pages.py, 100,000 recommendations). On PostgreSQL a test's rows are
    # never analysed, so 500 items took minutes of nested-loop joins here.
    fill_tracker(large, 120, world.officer_person)
    tracker_large = queries_for(client, reverse("tracker:committee_tracker", args=[large.slug]))
    actions_large = queries_for(client, reverse("tracker:my_actions"))
    assert tracker_small == tracker_large
    assert actions_small == actions_large
    assert len(client.get(reverse("tracker:my_actions")).context["actions"]) == 2 * (10 + 120) + 2


def test_tracker_shows_the_seed_columns_and_counts(client, world):
    OverdueRecommendationFactory(item=world.item)
    content = client.get(
        reverse("tracker:committee_tracker", args=[world.committee.slug])
    ).content.decode()
    for heading in [
        "No",
        "Meeting date",
        "Report title",
        "Summary of discussion",
        "Recommendations",
        "Open / Closed",
        "Assigned to",
        "Progress",
    ]:
        assert f'scope="col" class="govuk-table__header">{heading}</th>' in content
    assert '<span class="scrutineer-count__number">3</span> open' in content
    assert '<span class="scrutineer-count__number">1</span> overdue' in content
    assert "Sarah Brown" in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param({"status": "closed"}, [], id="closed"),
        pytest.param({"status": "open"}, ["Budget savings proposals"], id="open"),
        pytest.param({"q": "savings"}, ["Budget savings proposals"], id="search-title"),
        pytest.param({"q": "overspends"}, ["Budget savings proposals"], id="search-stemmed"),
        pytest.param({"q": "penguins"}, [], id="search-nothing"),
        pytest.param({"date_from": "2030-01-01"}, [], id="date-from"),
    ],
)
def test_tracker_filters(client, world, query, expected):
    response = client.get(reverse("tracker:committee_tracker", args=[world.committee.slug]), query)
    titles = [row.item.report_title for row in response.context["rows"]]
    assert titles == expected


def test_search_finds_words_in_progress_updates_on_this_database(db):
    from scrutineer.tracker.models import Item
    from scrutineer.tracker.selectors.tracker_page import item_search_matches

    def found(query):
        return list(Item.objects.filter(item_search_matches(query)).values_list("pk", flat=True))

    item = ItemFactory(summary="", report_title="Finance")
    other = ItemFactory(summary="", report_title="Digital")
    services.progress_add(item=item, text="The quarterly reports were added to the work programme")
    assert found("quarterly programme") == [item.pk]
    assert other.pk not in found("report")
    assert item_search_matches("   ") is None
    assert found('"unbalanced * OR (') == []


def test_a_search_among_some_items_finds_what_the_full_text_condition_finds(db):
    from scrutineer.tracker.models import Item
    from scrutineer.tracker.selectors.tracker_page import (
        item_among,
        item_search_among,
        item_search_matches,
    )

    libraries = ItemFactory(summary="", report_title="Libraries review")
    elsewhere = ItemFactory(summary="", report_title="Libraries strategy")
    parks = ItemFactory(summary="", report_title="Parks and open spaces")
    some = Item.objects.filter(pk__in=[libraries.pk, parks.pk])
    assert item_search_among("libraries", some) == [libraries.pk]
    assert item_search_among("penguins", some) == []
    assert sorted(item_search_among("  ", some)) == [libraries.pk, parks.pk]
    for query in ("libraries", "open spaces", "review"):
        condition = item_search_matches(query)
        everywhere = set(Item.objects.filter(condition).values_list("pk", flat=True))
        assert set(item_search_among(query, Item.objects.all())) == everywhere
    assert elsewhere.pk in set(item_search_among("libraries", Item.objects.all()))
    ids = [libraries.pk, parks.pk]
    assert set(Item.objects.filter(item_among(ids)).values_list("pk", flat=True)) == set(ids)
    assert not Item.objects.filter(item_among([])).exists()


def test_the_search_index_follows_items_edited_or_deleted_outside_the_services(db):
    from scrutineer.tracker.models import Item
    from scrutineer.tracker.selectors.tracker_page import item_search_matches

    item = ItemFactory(summary="", report_title="Libraries")
    Item.objects.filter(pk=item.pk).update(search_document="Parks and open spaces")
    assert list(Item.objects.filter(item_search_matches("parks"))) == [item]
    assert not Item.objects.filter(item_search_matches("libraries")).exists()
    Item.objects.filter(pk=item.pk).delete()
    replacement = ItemFactory(summary="", report_title="Highways")
    assert list(Item.objects.filter(item_search_matches("parks"))) == []
    assert list(Item.objects.filter(item_search_matches("highways"))) == [replacement]


def test_tracker_filter_errors_are_reported_not_raised(client, world):
    response = client.get(
        reverse("tracker:committee_tracker", args=[world.committee.slug]),
        {"date_from": "2025-02-01", "date_to": "2025-01-01", "assignee": "x"},
    )
    assert response.status_code == 200
    assert "The end date must be the same as or after the start date" in response.content.decode()


def test_stale_items_are_flagged(client, world, settings):
    settings.SCRUTINEER_STALE_AFTER_DAYS = 30
    response = client.get(reverse("tracker:committee_tracker", args=[world.committee.slug]))
    row = response.context["rows"][0]
    assert row.is_stale
    assert "No recent update" in response.content.decode()


def test_as_at_shows_what_the_tracker_said_on_that_day(client, world, scrutiny_officer):
    before = timezone.now()
    services.recommendation_update(
        recommendation=world.recommendation, expected_version=None, text="Rewritten later"
    )
    services.recommendation_close(
        recommendation=world.recommendation,
        closed_by=scrutiny_officer,
        agreed_at=None,
        reason="Done",
    )
    from scrutineer.tracker.as_at import tracker_as_at

    past = tracker_as_at(committee=world.committee, when=before, user=scrutiny_officer)
    now = tracker_as_at(committee=world.committee, when=timezone.now(), user=scrutiny_officer)
    past_recs = {r.reference: r for row in past for r in row.recommendations}
    now_recs = {r.reference: r for row in now for r in row.recommendations}
    ref = world.recommendation.reference
    assert past_recs[ref].status == "Open"
    assert past_recs[ref].text != "Rewritten later"
    assert past_recs[ref].assignees == ["Sarah Brown"]
    assert now_recs[ref].status == "Closed"
    assert now_recs[ref].text == "Rewritten later"
    assert (
        tracker_as_at(
            committee=world.committee,
            when=timezone.make_aware(datetime.datetime(2000, 1, 1)),
            user=scrutiny_officer,
        )
        == []
    )


def test_item_page_shows_the_history_of_changes_to_staff_only(client, world, login_as):
    services.item_update(item=world.item, expected_version=None, report_title="Budget 2025/26")
    login_as("scrutiny_officer")
    content = client.get(reverse("tracker:item_detail", args=[world.item.pk])).content.decode()
    assert "History of changes" in content
    assert "“Budget savings proposals” → “Budget 2025/26”" in content
    client.logout()
    content = client.get(reverse("tracker:item_detail", args=[world.item.pk])).content.decode()
    assert "History of changes" not in content


def test_a_stale_edit_gets_a_conflict_message_with_both_versions(client, world, login_as):
    login_as("scrutiny_officer")
    target = reverse("tracker:recommendation_edit", args=[world.recommendation.pk])
    services.recommendation_update(
        recommendation=world.recommendation, expected_version=None, text="Their version"
    )
    response = client.post(target, {"text": "My version", "kind": "action", "version": "1"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this recommendation while you were editing it" in content
    assert "Their version" in content
    assert "My version" in content
    assert Recommendation.objects.get(pk=world.recommendation.pk).text == "Their version"
    # Saving again from the conflict page, now knowing their version, succeeds.
    version = response.context["form"].data["version"]
    response = client.post(target, {"text": "My version", "kind": "action", "version": version})
    assert response.status_code == 302
    assert Recommendation.objects.get(pk=world.recommendation.pk).text == "My version"


def test_my_actions_lists_what_is_assigned_to_me_or_my_team(client, world, login_as):
    team = PersonFactory(name="O&S Officers", kind="team")
    world.officer_person.teams.add(team)
    team_rec = RecommendationFactory(item=world.item, assignees=[team])
    RecommendationFactory(item=world.item, assignees=[PersonFactory()])
    login_as("assigned_officer")
    actions = client.get(reverse("tracker:my_actions")).context["actions"]
    assert {a.pk for a in actions} == {
        world.recommendation.pk,
        world.exempt_recommendation.pk,
        team_rec.pk,
    }


STALE = "Someone else changed this recommendation after you opened this page"


def test_a_stale_close_gets_the_conflict_page_and_keeps_the_edit(client, world, login_as):
    login_as("scrutiny_officer")
    rec = world.recommendation
    target = reverse("tracker:close", args=[rec.pk])
    page = client.get(target)
    assert page.context["form"]["version"].value() == 1
    services.recommendation_update(
        recommendation=Recommendation.objects.get(pk=rec.pk),
        expected_version=None,
        text="Their version",
    )
    data = {"agreed_at": str(world.meeting.pk), "reason": "Report received", "version": "1"}
    response = client.post(target, data)
    content = response.content.decode()
    assert response.status_code == 200
    assert STALE in content
    assert "Their version" in content
    assert "When you opened this page" in content
    rec.refresh_from_db()
    assert rec.is_open
    assert rec.text == "Their version"
    # Closing again from the conflict page, now knowing their version, is deliberate.
    data["version"] = response.context["form"].data["version"]
    assert client.post(target, data).status_code == 302
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.CLOSED
    assert rec.text == "Their version"


def test_a_second_submit_of_the_same_close_is_shown_as_already_done(client, world, login_as):
    login_as("scrutiny_officer")
    rec = world.recommendation
    target = reverse("tracker:close", args=[rec.pk])
    data = {"agreed_at": str(world.meeting.pk), "reason": "Report received", "version": "1"}
    assert client.post(target, data).status_code == 302
    again = client.post(target, data, follow=True)
    assert again.status_code == 200
    assert f"{escape(rec.reference)} is already closed." in again.content.decode()
    assert rec.progress_updates.filter(text_html__contains="Closed:").count() == 1
    assert rec.history.filter(status="closed").count() == 1
    # Opening the close page of a closed recommendation says so too, rather than 403.
    page = client.get(target, follow=True)
    assert "is already closed" in page.content.decode()


def test_a_stale_reopen_gets_the_conflict_page(client, world, login_as):
    login_as("scrutiny_officer")
    rec = world.closed_recommendation
    target = reverse("tracker:reopen", args=[rec.pk])
    opened_at = str(rec.version)
    services.recommendation_update(
        recommendation=Recommendation.objects.get(pk=rec.pk),
        expected_version=None,
        text="Their version",
    )
    response = client.post(target, {"reason": "Not delivered", "version": opened_at})
    assert response.status_code == 200
    assert STALE in response.content.decode()
    assert Recommendation.objects.get(pk=rec.pk).status == Recommendation.Status.CLOSED


def test_a_stale_proposal_of_closure_gets_the_conflict_page_and_keeps_the_text(
    client, world, login_as
):
    login_as("assigned_officer")
    rec = world.recommendation
    target = reverse("tracker:progress_add", args=[rec.pk])
    services.recommendation_update(
        recommendation=Recommendation.objects.get(pk=rec.pk),
        expected_version=None,
        due_date=datetime.date(2025, 6, 30),
    )
    response = client.post(target, {"text": "All done", "proposes_closure": "on", "version": "1"})
    content = response.content.decode()
    assert response.status_code == 200
    assert STALE in content
    assert "All done" in content
    assert "30 June 2025" in content
    rec.refresh_from_db()
    assert rec.closure_proposed_at is None
    assert not rec.progress_updates.exists()


def test_a_second_submit_of_sent_to_the_executive_is_shown_as_already_done(client, world, login_as):
    login_as("scrutiny_officer")
    target = reverse("tracker:recommendation_send", args=[world.sent_recommendation.pk])
    response = client.post(target, {"addressee": "Cabinet", "sent_on": "2024-09-20"}, follow=True)
    assert response.status_code == 200
    assert "was already sent to Cabinet" in response.content.decode()


def test_the_recommendation_history_names_the_assignee_and_prints_dates(client, world, login_as):
    login_as("scrutiny_officer")
    services.recommendation_update(
        recommendation=world.recommendation,
        expected_version=None,
        assignees=[world.officer_person, PersonFactory(name="O&S Officers")],
        due_date=datetime.date(2025, 3, 31),
    )
    page = client.get(reverse("tracker:recommendation_detail", args=[world.recommendation.pk]))
    content = page.content.decode()
    assert "“Sarah Brown” → “O&amp;S Officers, Sarah Brown”" in content
    assert "“(empty)” → “31 March 2025”" in content
    when = page.context["history"][0].when
    assert f"{when.day} {when:%B %Y}, " in content


def test_the_same_progress_form_posted_twice_saves_one_update(client, world, login_as):
    login_as("assigned_officer")
    rec = world.recommendation
    target = reverse("tracker:progress_add", args=[rec.pk])
    form = client.get(target).context["form"]
    key = str(form["submission_key"].value())
    assert f'name="submission_key" value="{key}"' in str(form["submission_key"])
    # Each opening of the page is a new update: a second opening gets another key.
    assert str(client.get(target).context["form"]["submission_key"].value()) != key
    data = {"text": "Report drafted.", "version": "1", "submission_key": key}
    assert client.post(target, data).status_code == 302
    again = client.post(target, data, follow=True)  # a double click, or the page resent
    assert again.redirect_chain[-1][0] == rec.get_absolute_url()
    assert "This update was already saved." in again.content.decode()
    assert rec.progress_updates.count() == 1


@pytest.mark.parametrize("who", ["public", "officer", "scrutiny_officer"])
def test_the_item_page_lists_its_briefing_notes_without_a_query_from_the_template(
    client, world, login_as, who, django_assert_num_queries
):
    """Issued notes for everyone, drafts for those who write them; the view hands the page
    the notes, so rendering it asks the database nothing."""
    from scrutineer.briefings import services as briefings
    from scrutineer.briefings.models import BriefingNote

    issued = briefings.briefing_create_from_item(item=world.item)
    briefings.briefing_comment_add(note=issued, text="Members asked about the savings.")
    briefings.briefing_issue(note=issued, issued_on=datetime.date(2024, 9, 20), issued_to="")
    # A second note on the same report, still a draft (one note per report title: made here).
    draft = BriefingNote.objects.create(
        committee=world.committee,
        meeting=world.meeting,
        item=world.item,
        addressee="Council",
        title="Budget savings: note to Council",
        report_title="Budget savings proposals (to Council)",
        purpose="To inform Council.",
    )
    login_as(who)
    response = client.get(reverse("tracker:item_detail", args=[world.item.pk]))
    expected = [issued, draft] if who == "scrutiny_officer" else [issued]
    assert sorted(n.pk for n in response.context["briefings"]) == sorted(n.pk for n in expected)
    assert ("Briefing note to Council" in response.content.decode()) is (draft in expected)
    context = response.context[0].flatten()
    with django_assert_num_queries(0):
        render_to_string("tracker/item.html", context)
