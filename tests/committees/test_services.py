"""Meetings are written only through committees.services, with the rules and the author."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from scrutineer.committees import services
from scrutineer.committees.models import Meeting
from tests.committees.factories import CommitteeFactory, MeetingFactory


def test_a_meeting_is_recorded_with_its_invited_committees_and_its_author(db, scrutiny_officer):
    committee, guest = CommitteeFactory(), CommitteeFactory()
    meeting = services.meeting_create(
        committee=committee,
        date=datetime.date(2025, 3, 18),
        time=datetime.time(19, 0),
        venue="Council Chamber",
        invited_committees=[guest],
        by=scrutiny_officer,
    )
    assert list(meeting.invited_committees.all()) == [guest]
    assert meeting.history.first().history_user == scrutiny_officer


@pytest.mark.parametrize(
    ("date", "venue", "field", "message"),
    [
        pytest.param(
            datetime.date(9999, 12, 31),
            "",
            "date",
            "Date of the meeting must be between 1974 and 2100",
            id="meeting-in-year-9999",
        ),
        pytest.param(
            datetime.date(1900, 1, 1),
            "",
            "date",
            "Date of the meeting must be between 1974 and 2100",
            id="meeting-in-1900",
        ),
        pytest.param(
            datetime.date(2025, 3, 18),
            "x" * 201,
            "venue",
            "Venue must be 200 characters or fewer",
            id="venue-too-long",
        ),
    ],
)
def test_an_impossible_meeting_is_refused_with_the_field_and_why(db, date, venue, field, message):
    committee = CommitteeFactory()
    with pytest.raises(ValidationError) as refused:
        services.meeting_create(committee=committee, date=date, venue=venue)
    assert refused.value.message_dict == {field: [message]}
    assert not Meeting.objects.exists()


def test_find_or_create_returns_the_meeting_already_recorded_on_that_date(db, scrutiny_officer):
    first = MeetingFactory(date=datetime.date(2025, 3, 18))
    MeetingFactory(committee=first.committee, date=datetime.date(2025, 3, 18))
    found = services.meeting_find_or_create(
        committee=first.committee, date=datetime.date(2025, 3, 18), by=scrutiny_officer
    )
    assert found == first
    assert Meeting.objects.count() == 2


def test_find_or_create_records_a_missing_meeting_with_its_author(db, scrutiny_officer):
    committee = CommitteeFactory()
    meeting = services.meeting_find_or_create(
        committee=committee, date=datetime.date(2025, 3, 18), by=scrutiny_officer
    )
    assert meeting.committee == committee
    assert meeting.history.first().history_user == scrutiny_officer


def test_find_or_create_refuses_an_impossible_date(db):
    with pytest.raises(ValidationError):
        services.meeting_find_or_create(committee=CommitteeFactory(), date=datetime.date(1, 1, 1))
    assert not Meeting.objects.exists()


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def corporate_os(db):
    return CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee", short_name="CO&S", slug="corporate-os"
    )


def test_the_meetings_a_tracker_import_records_carry_the_importer(corporate_os, scrutiny_officer):
    from scrutineer.files.parsers.tracker_text import parse_tracker_text
    from scrutineer.imports.services import tracker_import

    text = (FIXTURES / "corporate_os_tracker.txt").read_text()
    tracker_import(parsed=parse_tracker_text(text), committee=corporate_os, by=scrutiny_officer)
    meetings = Meeting.objects.filter(committee=corporate_os)
    assert meetings.exists()
    assert {m.history.earliest().history_user for m in meetings} == {scrutiny_officer}


def test_the_meeting_a_briefing_note_names_is_recorded_with_the_importer(
    corporate_os, scrutiny_officer
):
    from scrutineer.briefings.services import briefing_import
    from scrutineer.files.parsers.briefing_text import parse_briefing_text

    parsed = parse_briefing_text((FIXTURES / "briefing_note_cabinet.txt").read_text())
    note = briefing_import(parsed=parsed, by=scrutiny_officer).note
    assert note.meeting.history.earliest().history_user == scrutiny_officer
    again = briefing_import(parsed=parsed, by=scrutiny_officer).note
    assert again.meeting == note.meeting
    assert Meeting.objects.count() == 1
