"""Impossible or unbounded input is refused with a message that says which field and why
(issue 15, findings 11 and 12): in the services, on the pages and in imports alike."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from scrutineer.core import clock
from scrutineer.tracker import services
from scrutineer.tracker.models import ExecutiveResponse, ProgressUpdate
from tests.committees.factories import MeetingFactory
from tests.tracker.factories import ItemFactory, RecommendationFactory

MEETING = datetime.date(2024, 9, 17)  # the factories' meeting
TOO_LONG = "word " * 4001  # 20,005 characters


def _tomorrow() -> datetime.date:
    return clock.today() + datetime.timedelta(days=1)


def _meeting(committee, day):
    return MeetingFactory(committee=committee, date=day)


@pytest.mark.parametrize(
    ("write", "field", "message"),
    [
        pytest.param(
            lambda rec: services.recommendation_send_to_executive(
                recommendation=rec, sent_on=datetime.date(2024, 9, 1)
            ),
            "sent_on",
            "Date sent to the executive must be on or after the meeting on 17 September 2024",
            id="sent-before-the-meeting",
        ),
        pytest.param(
            lambda rec: services.recommendation_send_to_executive(
                recommendation=rec, sent_on=_tomorrow()
            ),
            "sent_on",
            "Date sent to the executive must be today or in the past",
            id="sent-in-the-future",
        ),
        pytest.param(
            lambda rec: services.recommendation_send_to_executive(
                recommendation=rec, sent_on=datetime.date.max
            ),
            "sent_on",
            "Date sent to the executive must be today or in the past",
            id="sent-on-9999-12-31",
        ),
        pytest.param(
            lambda rec: services.recommendation_close(
                recommendation=rec,
                closed_by=None,
                agreed_at=_meeting(rec.item.meeting.committee, datetime.date(2024, 7, 2)),
                reason="Done",
            ),
            "agreed_at",
            "The meeting that agreed the closure must be on or after the meeting that made "
            "the recommendation on 17 September 2024",
            id="closure-agreed-before-the-recommendation",
        ),
        pytest.param(
            lambda rec: services.recommendation_close(
                recommendation=rec,
                closed_by=None,
                agreed_at=_meeting(rec.item.meeting.committee, _tomorrow()),
                reason="Done",
            ),
            "agreed_at",
            "The meeting that agreed the closure must be today or in the past",
            id="closure-agreed-at-a-meeting-to-come",
        ),
        pytest.param(
            lambda rec: services.recommendation_close(
                recommendation=rec, closed_by=None, agreed_at=None, reason=TOO_LONG
            ),
            "reason",
            "Reason for closing must be 10,000 characters or fewer",
            id="closure-reason-too-long",
        ),
        pytest.param(
            lambda rec: services.progress_add(item=rec.item, recommendation=rec, text=TOO_LONG),
            "text",
            "Progress update must be 20,000 characters or fewer",
            id="progress-too-long",
        ),
        pytest.param(
            lambda rec: services.progress_add(
                item=rec.item, recommendation=rec, text="Done", date=_tomorrow()
            ),
            "date",
            "Date of the update must be today or in the past",
            id="progress-dated-in-the-future",
        ),
        pytest.param(
            lambda rec: services.item_update(
                item=rec.item, expected_version=None, summary="x" * 20_001
            ),
            "summary",
            "Summary of the discussion must be 20,000 characters or fewer",
            id="summary-too-long",
        ),
        pytest.param(
            lambda rec: services.item_create(meeting=rec.item.meeting, report_title="x" * 501),
            "report_title",
            "Report title must be 500 characters or fewer",
            id="report-title-too-long",
        ),
        pytest.param(
            lambda rec: services.recommendation_update(
                recommendation=rec, expected_version=None, text="x" * 10_001
            ),
            "text",
            "Recommendation must be 10,000 characters or fewer",
            id="recommendation-too-long",
        ),
        pytest.param(
            lambda rec: services.recommendation_update(
                recommendation=rec, expected_version=None, due_date=datetime.date(9999, 12, 31)
            ),
            "due_date",
            "Due date must be between 1974 and 2100",
            id="due-date-in-year-9999",
        ),
    ],
)
def test_an_impossible_or_unbounded_write_is_refused_with_the_field_and_why(
    db, write, field, message
):
    rec = RecommendationFactory()
    before = (rec.item.progress_updates.count(), ExecutiveResponse.objects.count())
    with pytest.raises(ValidationError) as refused:
        write(rec)
    assert refused.value.message_dict == {field: [message]}
    rec.refresh_from_db()
    assert rec.is_open
    assert (rec.item.progress_updates.count(), ExecutiveResponse.objects.count()) == before


@pytest.mark.parametrize(
    ("responded_on", "message"),
    [
        pytest.param(
            datetime.date(2024, 9, 19),
            "Date of the response must be on or after the date it was sent on 20 September 2024",
            id="before-it-was-sent",
        ),
        pytest.param(None, "Date of the response must be today or in the past", id="future"),
    ],
)
def test_a_response_falls_between_sending_and_today(db, responded_on, message):
    rec = RecommendationFactory()
    response = services.recommendation_send_to_executive(
        recommendation=rec, sent_on=datetime.date(2024, 9, 20)
    )
    with pytest.raises(ValidationError) as refused:
        services.executive_response_record(
            response=response, decision="accepted", responded_on=responded_on or _tomorrow()
        )
    assert refused.value.message_dict == {"responded_on": [message]}


def test_dates_in_a_possible_order_are_accepted(db):
    rec = RecommendationFactory()
    response = services.recommendation_send_to_executive(recommendation=rec, sent_on=MEETING)
    services.executive_response_record(response=response, decision="accepted", responded_on=MEETING)
    services.recommendation_close(
        recommendation=rec, closed_by=None, agreed_at=rec.item.meeting, reason="Done"
    )
    services.progress_add(item=rec.item, text="x" * 20_000, date=clock.today())
    rec.refresh_from_db()
    assert not rec.is_open


def test_the_send_page_shows_a_date_in_year_9999_beside_the_field(client, scrutiny_officer):
    rec = RecommendationFactory()
    client.force_login(scrutiny_officer)
    response = client.post(
        reverse("tracker:recommendation_send", args=[rec.pk]),
        {"addressee": "Cabinet", "sent_on": "9999-12-31"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "sent_on": ["Date sent to the executive must be today or in the past"]
    }
    assert not ExecutiveResponse.objects.exists()


def test_the_close_page_refuses_a_meeting_before_the_recommendation(client, scrutiny_officer):
    rec = RecommendationFactory()
    earlier = MeetingFactory(committee=rec.item.meeting.committee, date=datetime.date(2024, 7, 2))
    client.force_login(scrutiny_officer)
    response = client.post(
        reverse("tracker:close", args=[rec.pk]), {"agreed_at": earlier.pk, "reason": "Done"}
    )
    assert response.status_code == 200
    assert (
        "must be on or after the meeting that made the recommendation on 17 September 2024"
        in (response.context["form"].errors["agreed_at"][0])
    )
    rec.refresh_from_db()
    assert rec.is_open


def test_the_progress_page_refuses_an_update_over_20000_characters(client, scrutiny_officer):
    rec = RecommendationFactory()
    client.force_login(scrutiny_officer)
    response = client.post(reverse("tracker:progress_add", args=[rec.pk]), {"text": TOO_LONG})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "text": ["Progress update must be 20,000 characters or fewer"]
    }
    assert "Progress update must be 20,000 characters or fewer" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_an_item_without_recommendations_is_not_shown_as_closed(db, client):
    item = ItemFactory(report_title="Annual report of the Chair")
    page = client.get(reverse("tracker:committee_tracker", args=[item.meeting.committee.slug]))
    html = page.content.decode()
    assert "No recommendations" in html
    assert ">Closed</strong>" not in html


def test_an_item_at_a_meeting_to_come_is_never_minus_days_ago(db, client):
    day = clock.today() + datetime.timedelta(days=49)
    item = ItemFactory(meeting=MeetingFactory(date=day))
    RecommendationFactory(item=item)
    page = client.get(reverse("tracker:committee_tracker", args=[item.meeting.committee.slug]))
    html = page.content.decode()
    assert "in 49 days" in html
    assert "-49" not in html


@pytest.mark.parametrize(
    ("url_name", "data", "field", "message"),
    [
        pytest.param(
            "tracker:item_create",
            {"report_title": "x" * 501},
            "report_title",
            "Report title must be 500 characters or fewer",
            id="report-title",
        ),
        pytest.param(
            "tracker:item_create",
            {"report_title": "Budget", "summary": "x" * 20_001},
            "summary",
            "Summary of the discussion must be 20,000 characters or fewer",
            id="summary",
        ),
    ],
)
def test_the_item_page_words_each_length_limit_as_govuk_does(
    client, scrutiny_officer, url_name, data, field, message
):
    rec = RecommendationFactory()
    client.force_login(scrutiny_officer)
    response = client.post(reverse(url_name, args=[rec.item.meeting.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert rec.item.meeting.items.count() == 1
