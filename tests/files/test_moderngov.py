"""Modern.gov's answers read into dataclasses: the recorded answers, the service's quirks, and
malformed XML, which only ever gives a clean error naming the operation and its parameters."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrutineer.files.parsers.moderngov import (
    ModernGovError,
    decoded_html,
    decoded_title,
    parse_all_meetings_by_date,
    parse_committees,
    parse_councillors_by_ward,
    parse_meeting,
    parse_meetings,
    parse_time,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "moderngov"
PARSERS = [
    (parse_committees, "GetCommittees.xml"),
    (parse_meetings, "GetMeetings-144.xml"),
    (parse_meeting, "GetMeeting-4967.xml"),
    (parse_meeting, "GetMeeting-4966.xml"),
    (parse_councillors_by_ward, "GetCouncillorsByWard-excerpt.xml"),
    (parse_meeting, "variants/GetMeeting-4967.xml"),
    (parse_committees, "variants/GetCommittees.xml"),
]


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_committees_are_read_with_their_flags():
    committees = parse_committees(read("GetCommittees.xml"))
    assert [(c.id, c.title, c.deleted, c.expired) for c in committees] == [
        ("312", "Appointment Sub Committee for Director of Adult Social Services", False, True),
        ("163", "Art Galleries Committee", False, False),
        ("144", "Audit Committee", False, False),
    ]
    assert committees[0].category == "Governance and Decision Making Committees"


def test_a_title_encoded_twice_is_decoded_twice():
    committees = parse_committees(read("variants/GetCommittees.xml"))
    assert committees[-1].title == "Chair's Panel"
    assert committees[-2].deleted


def test_meetings_are_read_with_dates_times_and_status():
    meetings = parse_meetings(read("GetMeetings-144.xml"))
    assert [(m.id, m.committee_id, m.date, m.time, m.status) for m in meetings] == [
        ("4966", "144", datetime.date(2026, 1, 13), datetime.time(10, 0), "Cancelled"),
        ("4967", "144", datetime.date(2026, 2, 10), datetime.time(10, 0), "Confirmed"),
    ]


def test_the_flat_list_of_meetings_is_read_too():
    data = b"""<?xml version="1.0"?><meetings><meeting><meetingid>7</meetingid>
    <committeeid>144</committeeid><committeetitle>Audit Committee</committeetitle>
    <meetingdate>02/03/2026</meetingdate><meetingtime>2.30 pm</meetingtime>
    <meetingstatus>Provisional</meetingstatus></meeting></meetings>"""
    (meeting,) = parse_all_meetings_by_date(data)
    assert (meeting.committee_id, meeting.date, meeting.time) == (
        "144",
        datetime.date(2026, 3, 2),
        datetime.time(14, 30),
    )


def test_a_meeting_is_read_with_its_agenda_minutes_documents_and_attendees():
    meeting = parse_meeting(read("GetMeeting-4967.xml"))
    assert (meeting.id, meeting.date, meeting.status) == (
        "4967",
        datetime.date(2026, 2, 10),
        "Confirmed",
    )
    assert meeting.location == "Council Antechamber, Level 2, Town Hall Extension"
    assert meeting.agenda_published
    assert meeting.minutes_published
    first, last = meeting.items
    assert (first.id, first.number, first.title) == ("18831", "1.", "Minutes")
    assert (last.id, last.number, last.title) == ("18833", "9.", "Work Programme")
    # HTML escaped inside the XML comes out as sanitised HTML: Word's divs and spans go.
    assert first.agenda_html.startswith("<p>To approve as a correct record")
    assert "<div" not in first.agenda_html
    assert "<span" not in first.agenda_html
    assert "class=" not in first.agenda_html
    assert last.minutes_html.startswith("<p>The Committee considered a report")
    assert [(d.title, d.url) for d in last.documents] == [
        (
            "DRAFT WP FEBRUARY 2026",
            "https://democracy.manchester.gov.uk/mgConvert2PDF.aspx?ID=60909",
        )
    ]
    (attendee,) = meeting.attendees
    assert (attendee.member_id, attendee.name, attendee.role, attendee.party, attendee.ward) == (
        "192",
        "Councillor Basil Curley",
        "Committee Member",
        "LAB",
        "Charlestown",
    )


def test_a_cancelled_meeting_has_no_agenda_items():
    meeting = parse_meeting(read("GetMeeting-4966.xml"))
    assert meeting.status == "Cancelled"
    assert meeting.items == ()
    assert meeting.attendees[0].key_posts == "Chair of Health Scrutiny Committee"


def test_restricted_items_are_flagged_and_their_restricted_documents_never_read():
    meeting = parse_meeting(read("variants/GetMeeting-4967.xml"))
    by_id = {item.id: item for item in meeting.items}
    restricted = by_id["18840"]
    assert restricted.is_restricted
    assert restricted.documents == ()
    assert not by_id["18833"].is_restricted


def test_scripts_and_event_handlers_in_agenda_text_are_removed():
    meeting = parse_meeting(read("variants/GetMeeting-4967.xml"))
    item = next(i for i in meeting.items if i.id == "18834")
    assert item.title == "Chair's Communications"
    assert "script" not in item.agenda_html
    assert "alert" not in item.agenda_html
    assert "onclick" not in item.agenda_html
    assert item.agenda_html == "<p>The Chair's update.</p><p>Questions &amp; answers.</p>"
    assert item.minutes_html == ""


def test_councillors_are_read_by_their_public_facts_only():
    (councillor,) = parse_councillors_by_ward(read("GetCouncillorsByWard-excerpt.xml"))
    assert councillor.id == "117"
    assert councillor.name == "Councillor Peter Bradbury"
    assert councillor.party == "Labour"
    assert councillor.ward == "Caerau"
    assert councillor.key_posts.startswith("Cabinet Member Community Development")
    assert "REDACTED" not in repr(councillor)  # no address, phone or e-mail is kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.00 am", datetime.time(10, 0)),
        ("2.00 pm", datetime.time(14, 0)),
        ("12.30 pm", datetime.time(12, 30)),
        ("12.15 am", datetime.time(0, 15)),
        ("6 pm", datetime.time(18, 0)),
        ("6.30p.m.", datetime.time(18, 30)),
        ("14:00", datetime.time(14, 0)),
        ("", None),
        ("tbc", None),
        ("13.00 pm", None),
        ("25:00", None),
    ],
)
def test_times_as_the_service_writes_them(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chair&#39;s Communications", "Chair's Communications"),  # read from &amp;#39;
        ("Chair's Communications", "Chair's Communications"),
        ("Fish &amp; Chips", "Fish & Chips"),
        ("<b>Bold</b> title", "Bold title"),
        ("  Spaced \n  out ", "Spaced out"),
    ],
)
def test_titles_are_decoded_as_often_as_needed(text, expected):
    assert decoded_title(text) == expected


def test_html_escaped_twice_is_decoded_once_more():
    assert decoded_html("&lt;p&gt;Twice&lt;/p&gt;") == "<p>Twice</p>"
    assert decoded_html("<p> </p><div>&nbsp;</div>") == ""


BAD = [
    (b"", "answered with nothing"),
    (b"   \n", "answered with nothing"),
    (b"<!DOCTYPE html><html><body>Just a moment...</body></html>", "web page, not XML"),
    (b"<html><head></head></html>", "web page, not XML"),
    (read("GetCommittees.xml")[:400], "cut short"),
    (b"<?xml version='1.0'?><committees><committee></committees>", "cut short"),
    (b"<meeting/>", "expected <committees> but the answer is <meeting>"),
    (b'<?xml version="1.0" encoding="utf-99"?><committees/>', "not text in a known encoding"),
    (
        b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;">]><committees>&b;</committees>',
        "document type or entities",
    ),
    (
        b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<committees>&x;</committees>",
        "document type or entities",
    ),
    (
        b"<committees><committee><committeeid>abc</committeeid>"
        b"<committeetitle>X</committeetitle></committee></committees>",
        "“abc”, which is not a number",
    ),
    (b"<committees><committee><committeetitle>X</committeetitle></committee></committees>",
     "has no <committeeid>"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "message"), BAD)
def test_a_bad_answer_is_a_clean_error_naming_the_operation_and_parameters(data, message):
    with pytest.raises(ModernGovError) as caught:
        parse_committees(data, {"lDummy": 0})
    assert message in str(caught.value)
    assert str(caught.value).startswith("GetCommittees (lDummy=0): ")


@pytest.mark.parametrize(
    ("date", "message"),
    [("2026-02-10", "not a date as dd/mm/yyyy"), ("31/02/2026", "not a real date"), ("", "has no")],
)
def test_a_meeting_without_a_real_date_is_refused(date, message):
    data = read("GetMeeting-4967.xml").replace(b"<meetingdate>10/02/2026</meetingdate>", b"", 1)
    data = data.replace(
        b"<meetingid>4967</meetingid>",
        f"<meetingid>4967</meetingid><meetingdate>{date}</meetingdate>".encode(),
        1,
    )
    with pytest.raises(ModernGovError, match=message) as caught:
        parse_meeting(data, {"lMeetingId": "4967"})
    assert "GetMeeting (lMeetingId=4967): meeting 4967" in str(caught.value)


# --- Fuzzing: whatever comes back, a dataclass or a ModernGovError, nothing else ----------

TAGS = [
    "committees", "committee", "committeeid", "committeetitle", "committeedeleted",
    "getmeetings", "committeemeetings", "meeting", "meetingid", "meetingdate", "meetingtime",
    "meetingstatus", "agendaitems", "agendaitem", "agendaitemid", "agendaitemtitle",
    "agendatext", "isrestricted", "linkeddocuments", "linkeddoc", "url", "attendees",
    "attendee", "councillorsbyward", "wards", "ward", "councillors", "councillor",
    "councillorid", "fullusername",
]  # fmt: skip
ALL_PARSERS = [
    parse_committees,
    parse_meetings,
    parse_all_meetings_by_date,
    parse_meeting,
    parse_councillors_by_ward,
]


def _clean(parser, data: bytes) -> None:
    try:
        parser(data, {"lMeetingId": "1"})
    except ModernGovError as error:
        message = str(error)
    else:
        return
    assert message.startswith("Get")
    assert "(lMeetingId=1): " in message


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    which=st.sampled_from(PARSERS),
    cut=st.integers(min_value=0, max_value=7000),
    junk=st.binary(max_size=20),
    at=st.integers(min_value=0, max_value=7000),
)
def test_a_damaged_recording_gives_only_a_clean_error(which, cut, junk, at):
    parser, name = which
    data = read(name)[:cut]
    data = data[:at] + junk + data[at:]
    _clean(parser, data)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda tag, inner, attr: f"<{tag}{attr}>{inner}</{tag}>",
        st.sampled_from(TAGS),
        children,
        st.sampled_from(["", ' memberid="x"', ' memberid="12" name="&amp;#39;"', ' name=""']),
    )


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30).map(
    lambda t: t.replace("&", "&amp;").replace("<", "&lt;")
)
TREES = st.recursive(
    TEXT, lambda inner: _element(st.lists(inner, max_size=4).map("".join)), max_leaves=25
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(parser=st.sampled_from(ALL_PARSERS), root=st.sampled_from(TAGS), body=TREES)
def test_any_tree_of_the_services_tags_gives_a_result_or_a_clean_error(parser, root, body):
    _clean(parser, f"<?xml version='1.0'?><{root}>{body}</{root}>".encode())


@settings(max_examples=200, deadline=None)
@given(parser=st.sampled_from(ALL_PARSERS), data=st.binary(max_size=300))
def test_any_bytes_give_a_result_or_a_clean_error(parser, data):
    _clean(parser, data)


@settings(max_examples=200, deadline=None)
@given(
    parser=st.sampled_from(ALL_PARSERS),
    version=st.text(max_size=6),
    encoding=st.text(max_size=12),
)
def test_any_xml_declaration_gives_a_result_or_a_clean_error(parser, version, encoding):
    declaration = f'<?xml version="{version}" encoding="{encoding}"?>'
    _clean(parser, declaration.encode("utf-8", "surrogatepass") + read("GetCommittees.xml")[38:])
