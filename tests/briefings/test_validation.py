"""A briefing note is issued after its meeting, and its text is bounded (issue 15)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from scrutineer.briefings import services
from scrutineer.briefings.models import BriefingNote
from scrutineer.core import clock
from tests.committees.factories import PersonFactory
from tests.tracker.factories import ItemFactory


@pytest.fixture
def draft(db):
    item = ItemFactory(report_title="Quarter 3 Corporate Performance Report")  # 17 Sep 2024
    note = services.briefing_create_from_item(item=item, contact=PersonFactory())
    services.briefing_comment_add(note=note, text="Members questioned the metrics.")
    return note


@pytest.mark.parametrize(
    ("issued_on", "message"),
    [
        pytest.param(
            datetime.date(2024, 9, 16),
            "Date issued must be on or after the meeting on 17 September 2024",
            id="the-day-before-the-meeting",
        ),
        pytest.param(
            datetime.date(9999, 12, 31), "Date issued must be today or in the past", id="year-9999"
        ),
    ],
)
def test_a_note_cannot_be_issued_before_its_meeting_or_in_the_future(draft, issued_on, message):
    with pytest.raises(ValidationError) as refused:
        services.briefing_issue(note=draft, issued_on=issued_on, issued_to="Cabinet")
    assert refused.value.message_dict == {"issued_on": [message]}
    draft.refresh_from_db()
    assert draft.is_draft


def test_a_note_is_issued_on_the_day_of_its_meeting_or_later(draft):
    services.briefing_issue(note=draft, issued_on=draft.meeting.date, issued_to="Cabinet")
    assert BriefingNote.objects.get().status == "issued"
    assert draft.issued_on <= clock.today()


@pytest.mark.parametrize(
    ("write", "field", "message"),
    [
        pytest.param(
            lambda note: services.briefing_comment_add(note=note, text="x" * 10_001),
            "text",
            "Comment must be 10,000 characters or fewer",
            id="comment",
        ),
        pytest.param(
            lambda note: services.briefing_response_add(
                comment=note.comments.get(), text="x" * 10_001
            ),
            "text",
            "Response must be 10,000 characters or fewer",
            id="officer-response",
        ),
        pytest.param(
            lambda note: services.briefing_update(note=note, purpose="x" * 10_001),
            "purpose",
            "Purpose must be 10,000 characters or fewer",
            id="purpose",
        ),
    ],
)
def test_briefing_text_is_bounded(draft, write, field, message):
    with pytest.raises(ValidationError) as refused:
        write(draft)
    assert refused.value.message_dict == {field: [message]}


def test_the_issue_page_shows_the_date_error_beside_the_field(draft, client, scrutiny_officer):
    client.force_login(scrutiny_officer)
    response = client.post(
        reverse("briefings:issue", args=[draft.pk]),
        {"issued_on": "2024-09-01", "issued_to": "Cabinet"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "issued_on": ["Date issued must be on or after the meeting on 17 September 2024"]
    }
