import datetime

import pytest

from scrutineer.tracker import services
from scrutineer.tracker.models import Recommendation
from tests.committees.factories import CommitteeFactory, MeetingFactory, PersonFactory
from tests.tracker.factories import ItemFactory, RecommendationFactory


@pytest.mark.parametrize(
    ("day", "year"),
    [
        pytest.param(datetime.date(2024, 9, 17), "24/25", id="autumn"),
        pytest.param(datetime.date(2025, 3, 18), "24/25", id="march-before-annual-meeting"),
        pytest.param(datetime.date(2025, 5, 1), "25/26", id="may"),
        pytest.param(datetime.date(1999, 12, 1), "99/00", id="century"),
    ],
)
def test_municipal_year_begins_in_may(day, year):
    assert services.municipal_year(day) == year


def test_references_number_recommendations_per_committee_and_municipal_year(db):
    committee = CommitteeFactory(short_name="CO&S")
    item = ItemFactory(meeting=MeetingFactory(committee=committee, date=datetime.date(2024, 9, 17)))
    first = RecommendationFactory(item=item)
    second = RecommendationFactory(item=item)
    next_year = RecommendationFactory(
        item=ItemFactory(
            meeting=MeetingFactory(committee=committee, date=datetime.date(2025, 6, 1))
        )
    )
    assert [first.reference, second.reference] == ["CO&S 24/25-01", "CO&S 24/25-02"]
    assert next_year.reference == "CO&S 25/26-01"


def test_summary_html_is_sanitised_when_stored(db):
    item = ItemFactory(summary='<p onclick="x()">Fine</p><script>alert(1)</script>')
    assert item.summary_html == "<p>Fine</p>"


def test_plain_text_summary_becomes_paragraphs(db):
    item = ItemFactory(summary="First point.\n\nSecond <point>.")
    assert item.summary_html == "<p>First point.</p><p>Second &lt;point&gt;.</p>"


def test_closing_records_the_meeting_and_reason_and_a_progress_note(db, scrutiny_officer):
    rec = RecommendationFactory()
    meeting = MeetingFactory(committee=rec.item.meeting.committee, date=datetime.date(2025, 1, 14))
    services.recommendation_close(
        recommendation=rec, closed_by=scrutiny_officer, agreed_at=meeting, reason="Report received"
    )
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.CLOSED
    assert rec.closed_on == datetime.date(2025, 1, 14)
    assert rec.closure_agreed_at == meeting
    assert rec.progress_updates.get().text_html == "<p>Closed: Report received</p>"
    assert rec.history.first().history_user == scrutiny_officer


def test_closing_twice_is_refused(db, scrutiny_officer):
    rec = RecommendationFactory()
    services.recommendation_close(
        recommendation=rec, closed_by=scrutiny_officer, agreed_at=None, reason="Done"
    )
    with pytest.raises(services.TrackerRuleBroken, match="already closed"):
        services.recommendation_close(
            recommendation=rec, closed_by=scrutiny_officer, agreed_at=None, reason="Again"
        )


def test_reopening_clears_the_closure_and_needs_a_reason(db, scrutiny_officer):
    rec = RecommendationFactory()
    services.recommendation_close(
        recommendation=rec, closed_by=scrutiny_officer, agreed_at=None, reason="Done"
    )
    with pytest.raises(services.TrackerRuleBroken, match="reason"):
        services.recommendation_reopen(recommendation=rec, reopened_by=scrutiny_officer, reason=" ")
    services.recommendation_reopen(
        recommendation=rec, reopened_by=scrutiny_officer, reason="Savings not delivered"
    )
    rec.refresh_from_db()
    assert rec.is_open
    assert rec.closed_on is None
    assert rec.closure_agreed_at is None
    assert "Reopened: Savings not delivered" in rec.progress_updates.first().text_html


def test_proposing_closure_marks_the_recommendation(db):
    rec = RecommendationFactory()
    author = PersonFactory()
    services.progress_add(
        item=rec.item,
        recommendation=rec,
        text="Report presented",
        proposes_closure=True,
        author=author,
    )
    rec.refresh_from_db()
    assert rec.closure_proposed_by == author
    assert rec.is_open


def test_see_recommendation_n_links_the_items(db):
    first = ItemFactory()
    eighth = ItemFactory(meeting=first.meeting, number=8)
    services.progress_add(item=first, text="Covered elsewhere: see recommendation 8.")
    assert list(first.related_items.all()) == [eighth]
    assert list(eighth.related_items.all()) == [first]


def test_a_second_save_from_a_stale_form_is_a_conflict_and_changes_nothing(db):
    rec = RecommendationFactory(text="Original")
    opened_at = rec.version
    services.recommendation_update(
        recommendation=Recommendation.objects.get(pk=rec.pk),
        expected_version=opened_at,
        text="First editor",
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.recommendation_update(
            recommendation=Recommendation.objects.get(pk=rec.pk),
            expected_version=opened_at,
            text="Second editor",
        )
    assert conflict.value.current.text == "First editor"
    rec.refresh_from_db()
    assert rec.text == "First editor"


def test_the_database_refuses_a_closed_recommendation_without_a_date(db):
    from django.db import IntegrityError

    rec = RecommendationFactory()
    rec.status = Recommendation.Status.CLOSED
    with pytest.raises(IntegrityError):
        rec.save()
