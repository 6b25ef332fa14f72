"""The HTTP client against the stand-in service: how it names itself, waits, tries again and
gives up, always with an error that names the operation and its parameters."""

from __future__ import annotations

import datetime

import pytest

from scrutineer.files.parsers.moderngov import ModernGovError
from scrutineer.integrations.moderngov.client import ModernGovClient, service_url
from tests.integrations.conftest import BOT_PAGE, Answer, fixture


def test_it_names_itself_and_asks_for_xml(stand_in):
    with ModernGovClient(stand_in.url) as client:
        committees = client.committees()
    assert [c.id for c in committees] == ["312", "163", "144"]
    ((operation, params, headers),) = stand_in.requests
    assert (operation, params) == ("GetCommittees", {"lDummy": "0"})
    assert headers["User-Agent"].startswith("Scrutineer/")
    assert "xml" in headers["Accept"]


def test_meetings_are_asked_for_with_dates_as_dd_mm_yyyy(stand_in):
    with ModernGovClient(stand_in.url) as client:
        meetings = client.meetings("144", datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
        meeting = client.meeting("4967")
    assert [m.id for m in meetings] == ["4966", "4967"]
    assert meeting.items[1].title == "Work Programme"
    assert stand_in.calls("GetMeetings") == [
        {"lCommitteeId": "144", "sFromDate": "01/01/2026", "sToDate": "31/03/2026"}
    ]


def test_it_waits_politely_between_calls(stand_in):
    pauses: list[float] = []
    with ModernGovClient(stand_in.url, delay=2.0, sleep=pauses.append) as client:
        client.committees()
        client.meeting("4967")
        client.meeting("4966")
    assert len(pauses) == 2  # none before the first call
    assert all(0 < pause <= 2.0 for pause in pauses)


def test_a_server_error_is_tried_again_with_a_growing_pause(stand_in):
    stand_in.answers["GetCommittees"] = [
        Answer(b"busy", 503, "text/plain"),
        Answer(b"busy", 500, "text/plain"),
        Answer(fixture("GetCommittees.xml")),
    ]
    pauses: list[float] = []
    with ModernGovClient(stand_in.url, retry_pause=1.5, sleep=pauses.append) as client:
        assert len(client.committees()) == 3
    assert pauses == [1.5, 3.0]
    assert len(stand_in.calls("GetCommittees")) == 3


def test_it_gives_up_after_three_tries(stand_in):
    stand_in.answers[("GetMeeting", "4967")] = Answer(b"oops", 502, "text/plain")
    with ModernGovClient(stand_in.url) as client, pytest.raises(ModernGovError) as caught:
        client.meeting("4967")
    assert str(caught.value) == (
        "GetMeeting (lMeetingId=4967): the service answered 502 Bad Gateway (tried 3 times)"
    )
    assert len(stand_in.calls("GetMeeting")) == 3


def test_a_missing_meeting_is_not_tried_again(stand_in):
    with ModernGovClient(stand_in.url) as client, pytest.raises(ModernGovError) as caught:
        client.meeting("1234")
    assert "GetMeeting (lMeetingId=1234): the service answered 404 Not Found" in str(caught.value)
    assert len(stand_in.calls("GetMeeting")) == 1


def test_a_web_page_instead_of_xml_is_bot_protection(stand_in):
    stand_in.answers["GetCommittees"] = Answer(BOT_PAGE, 200, "text/html")
    with ModernGovClient(stand_in.url) as client, pytest.raises(ModernGovError) as caught:
        client.committees()
    assert "web page, not XML" in str(caught.value)


def test_a_service_that_does_not_answer_in_time(stand_in):
    stand_in.answers["GetCommittees"] = Answer(fixture("GetCommittees.xml"), delay=1.0)
    with (
        ModernGovClient(stand_in.url, timeout=0.2, attempts=2) as client,
        pytest.raises(ModernGovError) as caught,
    ):
        client.committees()
    assert str(caught.value) == (
        "GetCommittees (lDummy=0): the service did not answer in time (tried 2 times)"
    )


def test_a_service_that_cannot_be_reached():
    with (
        ModernGovClient("http://127.0.0.1:9/mgWebService.asmx") as client,
        pytest.raises(ModernGovError, match="could not be reached"),
    ):
        client.committees()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://democracy.example.gov.uk", "https://democracy.example.gov.uk/mgWebService.asmx"),
        ("https://democracy.example.gov.uk/", "https://democracy.example.gov.uk/mgWebService.asmx"),
        (
            "https://example.gov.uk/democracy/mgWebService.asmx/",
            "https://example.gov.uk/democracy/mgWebService.asmx",
        ),
    ],
)
def test_the_address_is_made_whole(given, expected):
    assert service_url(given) == expected


@pytest.mark.parametrize("given", ["", "democracy.example.gov.uk", "ftp://example.gov.uk/x"])
def test_an_address_that_is_not_the_web_is_refused(given):
    with pytest.raises(ModernGovError, match="not a web address"):
        service_url(given)


def test_the_agenda_page_sits_beside_the_service():
    with ModernGovClient("https://example.gov.uk/democracy/mgWebService.asmx") as client:
        assert client.agenda_url("144", "4967") == (
            "https://example.gov.uk/democracy/ieListDocuments.aspx?CId=144&MId=4967"
        )
