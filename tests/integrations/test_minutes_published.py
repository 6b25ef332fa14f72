"""A meeting whose minutes Modern.gov has published: the sync records it, once, and the items
typed here as drafts become public with them."""

import datetime

from django.contrib.auth.models import AnonymousUser

from scrutineer.files.parsers.moderngov import Committee as ModernGovCommittee
from scrutineer.files.parsers.moderngov import parse_meeting
from scrutineer.integrations.moderngov.sync import FetchedCommittee, SyncReport, committee_apply
from scrutineer.tracker import services
from scrutineer.tracker.selectors import item_visible_list
from tests.committees.factories import CommitteeFactory, MeetingFactory

MEETING = """<?xml version="1.0" encoding="utf-8"?>
<meeting><meetingid>7001</meetingid><meetingdate>03/03/2025</meetingdate>
<meetingstatus>Confirmed</meetingstatus><meetingtime>6.00 pm</meetingtime>
<meetinglocation>Council Chamber</meetinglocation>
<minutepublished>{published}</minutepublished>
<agendaitems/><attendees/></meeting>"""


def _sync(committee, published: bool) -> None:
    fetched = FetchedCommittee(
        ModernGovCommittee(
            id="5001", title=committee.name, deleted=False, expired=False, category=""
        ),
        [(parse_meeting(MEETING.format(published=published).encode()), "https://e.gov.uk/m")],
    )
    committee_apply(fetched, by=None, report=SyncReport())


def test_the_sync_records_the_minutes_and_the_drafts_become_public(db):
    committee = CommitteeFactory(name="Corporate Overview and Scrutiny Committee")
    meeting = MeetingFactory(committee=committee, date=datetime.date(2025, 3, 3))
    draft = services.item_create(meeting=meeting, report_title="Waste collection")
    _sync(committee, published=False)
    meeting.refresh_from_db()
    assert meeting.minutes_published_on is None
    assert list(item_visible_list(AnonymousUser())) == []

    _sync(committee, published=True)
    meeting.refresh_from_db()
    first = meeting.minutes_published_on
    assert first is not None
    assert list(item_visible_list(AnonymousUser())) == [draft]
    _sync(committee, published=True)
    meeting.refresh_from_db()
    assert meeting.minutes_published_on == first  # kept, not moved on by each sync
