import datetime
import uuid

import pytest

from scrutineer.tracker import services
from scrutineer.tracker.models import Recommendation
from tests.committees.factories import CommitteeFactory, MeetingFactory, PersonFactory
from tests.tracker.factories import ItemFactory, RecommendationFactory


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


# Every state change re-reads the row under a lock and checks the version the form was
# opened with: a close, reopen or proposal from a stale page never saves the copy it loaded.


def _fresh(rec):
    return Recommendation.objects.get(pk=rec.pk)


def test_a_close_from_a_page_opened_before_an_edit_is_a_conflict_and_keeps_the_edit(
    db, scrutiny_officer
):
    rec = RecommendationFactory(text="Original")
    opened = _fresh(rec)
    services.recommendation_update(recommendation=_fresh(rec), expected_version=1, text="Edited")
    with pytest.raises(services.EditConflict) as conflict:
        services.recommendation_close(
            recommendation=opened,
            closed_by=scrutiny_officer,
            agreed_at=None,
            reason="Done",
            expected_version=1,
        )
    assert conflict.value.current.text == "Edited"
    rec.refresh_from_db()
    assert rec.is_open
    assert rec.text == "Edited"
    assert not rec.progress_updates.exists()


def test_a_close_without_a_version_writes_the_fresh_row_not_the_copy_loaded_earlier(
    db, scrutiny_officer
):
    rec = RecommendationFactory(text="Original")
    loaded_earlier = _fresh(rec)
    services.recommendation_update(recommendation=_fresh(rec), expected_version=1, text="Edited")
    services.recommendation_close(
        recommendation=loaded_earlier, closed_by=scrutiny_officer, agreed_at=None, reason="Done"
    )
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.CLOSED
    assert rec.text == "Edited"
    assert rec.version == 3


def test_closing_twice_with_the_same_version_records_one_closure(db, scrutiny_officer):
    rec = RecommendationFactory()
    first, second = _fresh(rec), _fresh(rec)
    kwargs = {"closed_by": scrutiny_officer, "agreed_at": None, "reason": "Done"}
    services.recommendation_close(recommendation=first, expected_version=1, **kwargs)
    with pytest.raises(services.AlreadyDone, match="already closed"):
        services.recommendation_close(recommendation=second, expected_version=1, **kwargs)
    rec.refresh_from_db()
    assert rec.progress_updates.count() == 1
    assert rec.history.filter(status="closed").count() == 1
    assert rec.version == 2


def test_a_reopen_from_a_stale_page_is_a_conflict(db, scrutiny_officer):
    rec = RecommendationFactory()
    services.recommendation_close(
        recommendation=_fresh(rec), closed_by=scrutiny_officer, agreed_at=None, reason="Done"
    )
    opened = _fresh(rec)
    services.recommendation_update(recommendation=_fresh(rec), expected_version=2, text="Edited")
    with pytest.raises(services.EditConflict):
        services.recommendation_reopen(
            recommendation=opened, reopened_by=scrutiny_officer, reason="No", expected_version=2
        )
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.CLOSED
    assert rec.text == "Edited"


def test_reopening_twice_records_one_reopening(db, scrutiny_officer):
    rec = RecommendationFactory()
    services.recommendation_close(
        recommendation=_fresh(rec), closed_by=scrutiny_officer, agreed_at=None, reason="Done"
    )
    first, second = _fresh(rec), _fresh(rec)
    kwargs = {"reopened_by": scrutiny_officer, "reason": "Not done", "expected_version": 2}
    services.recommendation_reopen(recommendation=first, **kwargs)
    with pytest.raises(services.AlreadyDone, match="already open"):
        services.recommendation_reopen(recommendation=second, **kwargs)
    assert _fresh(rec).progress_updates.filter(text_html__contains="Reopened").count() == 1


def test_a_proposal_from_a_stale_page_is_a_conflict_and_posts_nothing(db, scrutiny_officer):
    rec = RecommendationFactory()
    opened = _fresh(rec)
    services.recommendation_update(recommendation=_fresh(rec), expected_version=1, text="Edited")
    with pytest.raises(services.EditConflict):
        services.progress_add(
            item=rec.item,
            recommendation=opened,
            text="Finished",
            proposes_closure=True,
            expected_version=1,
        )
    rec.refresh_from_db()
    assert rec.closure_proposed_at is None
    assert rec.text == "Edited"
    assert not rec.progress_updates.exists()


def test_a_proposal_on_a_copy_loaded_before_the_closure_is_refused(db, scrutiny_officer):
    rec = RecommendationFactory()
    loaded_earlier = _fresh(rec)
    services.recommendation_close(
        recommendation=_fresh(rec), closed_by=scrutiny_officer, agreed_at=None, reason="Done"
    )
    with pytest.raises(services.TrackerRuleBroken, match="Only an open recommendation"):
        services.progress_add(
            item=rec.item, recommendation=loaded_earlier, text="Finished", proposes_closure=True
        )
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.CLOSED
    assert rec.closure_proposed_at is None


def test_proposing_twice_with_the_same_version_records_one_proposal(db):
    rec = RecommendationFactory()
    author = PersonFactory()
    first, second = _fresh(rec), _fresh(rec)
    kwargs = {"text": "Finished", "proposes_closure": True, "author": author}
    services.progress_add(item=rec.item, recommendation=first, expected_version=1, **kwargs)
    with pytest.raises(services.AlreadyDone):
        services.progress_add(item=rec.item, recommendation=second, expected_version=1, **kwargs)
    assert rec.progress_updates.count() == 1


def test_an_edit_without_a_version_keeps_a_closure_made_after_the_page_loaded(db, scrutiny_officer):
    rec = RecommendationFactory()
    loaded_earlier = _fresh(rec)
    services.recommendation_close(
        recommendation=_fresh(rec), closed_by=scrutiny_officer, agreed_at=None, reason="Done"
    )
    services.recommendation_update(
        recommendation=loaded_earlier, expected_version=None, text="Imported text"
    )
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.CLOSED
    assert rec.text == "Imported text"


def test_sending_to_the_executive_twice_is_refused_not_an_integrity_error(db):
    rec = RecommendationFactory()
    first, second = _fresh(rec), _fresh(rec)
    services.recommendation_send_to_executive(
        recommendation=first, sent_on=datetime.date(2025, 1, 20)
    )
    with pytest.raises(services.AlreadyDone, match="already sent"):
        services.recommendation_send_to_executive(
            recommendation=second, sent_on=datetime.date(2025, 1, 20)
        )


def test_recording_the_same_executive_response_twice_writes_it_once(db):
    from scrutineer.tracker.models import ExecutiveResponse

    rec = RecommendationFactory()
    services.recommendation_send_to_executive(
        recommendation=rec, sent_on=datetime.date(2025, 1, 20)
    )
    first = ExecutiveResponse.objects.get(recommendation=rec)
    second = ExecutiveResponse.objects.get(recommendation=rec)
    kwargs = {"decision": "accepted", "responded_on": datetime.date(2025, 2, 3)}
    services.executive_response_record(response=first, **kwargs)
    with pytest.raises(services.AlreadyDone, match="already recorded"):
        services.executive_response_record(response=second, **kwargs)
    assert first.history.count() == 2  # sent, then decided: not decided twice


def test_a_plain_update_submitted_twice_with_the_same_key_is_saved_once(db):
    rec = RecommendationFactory()
    key = uuid.uuid4()
    kwargs = {"item": rec.item, "recommendation": rec, "text": "Report drafted."}
    first = services.progress_add(submission_key=key, **kwargs)
    with pytest.raises(services.AlreadyDone, match="already saved") as repeat:
        services.progress_add(submission_key=key, **kwargs)
    assert repeat.value.current == first
    assert rec.progress_updates.count() == 1
    # Without a key, or with a new one, the same words are a new update (said again on purpose).
    services.progress_add(**kwargs)
    services.progress_add(submission_key=uuid.uuid4(), **kwargs)
    assert rec.progress_updates.count() == 3


def test_a_key_used_elsewhere_is_refused_not_answered_with_that_update(db):
    rec, other = RecommendationFactory(), RecommendationFactory()
    key = uuid.uuid4()
    services.progress_add(item=rec.item, recommendation=rec, text="Mine", submission_key=key)
    with pytest.raises(services.TrackerRuleBroken, match="another update") as refused:
        services.progress_add(
            item=other.item, recommendation=other, text="Theirs", submission_key=key
        )
    assert not isinstance(refused.value, services.AlreadyDone)
    assert not other.progress_updates.exists()
