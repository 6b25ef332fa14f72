"""``manage.py sync_moderngov`` against the stand-in service: what it brings in, that a
second run changes nothing, that changes there arrive with history, that edits here are kept,
and that faults change nothing and name the operation and its parameters."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.urls import reverse

from scrutineer.committees.forms import MeetingForm
from scrutineer.committees.models import Committee, Meeting, Membership
from scrutineer.core.history import history_of
from scrutineer.core.models import Person
from scrutineer.integrations.models import SyncRun
from scrutineer.integrations.moderngov.sync import membership_role
from scrutineer.tracker import services as tracker
from scrutineer.tracker.models import Item
from tests.committees.factories import CommitteeFactory, MeetingFactory
from tests.integrations.conftest import BOT_PAGE, Answer
from tests.tracker.factories import ItemFactory

pytestmark = pytest.mark.django_db

RESTRICTED = "Disposal of the Ardwick depot to Northgate Holdings"
AGENDA = "https://democracy.manchester.gov.uk/ieListDocuments.aspx"


def history_rows() -> int:
    """Every history row of every tracked model: a write anywhere adds one."""
    return sum(
        model._default_manager.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    )


def test_the_first_run_brings_in_committees_meetings_items_and_councillors(sync, stand_in):
    output = sync()
    assert output.error is None, output

    audit = Committee.objects.get(external_id="144")
    assert (audit.name, audit.kind, audit.is_expired) == ("Audit Committee", "audit", False)
    galleries = Committee.objects.get(external_id="163")
    assert galleries.kind == Committee.Kind.OTHER
    past = Committee.objects.get(external_id="312")
    assert past.is_expired
    assert not past.meetings.exists()  # an expired committee's meetings are not fetched

    cancelled, confirmed = audit.meetings.order_by("date")
    assert (cancelled.external_id, cancelled.status) == ("4966", Meeting.Status.CANCELLED)
    assert (confirmed.external_id, confirmed.status) == ("4967", Meeting.Status.SCHEDULED)
    assert confirmed.date == datetime.date(2026, 2, 10)
    assert confirmed.time == datetime.time(10, 0)
    assert confirmed.venue == "Council Antechamber, Level 2, Town Hall Extension"
    assert confirmed.source_url.endswith("/ieListDocuments.aspx?CId=144&MId=4967")

    minutes, programme = confirmed.items.order_by("number")
    assert (minutes.external_id, minutes.agenda_number, minutes.report_title) == (
        "18831",
        "1.",
        "Minutes",
    )
    assert (programme.number, programme.agenda_number, programme.report_title) == (
        2,
        "9.",
        "Work Programme",
    )
    assert programme.agenda_html.startswith("<p>The report of the Governance")
    assert programme.minutes_html.startswith("<p>The Committee considered")
    assert programme.documents == [
        {
            "title": "DRAFT WP FEBRUARY 2026",
            "url": "https://democracy.manchester.gov.uk/mgConvert2PDF.aspx?ID=60909",
        }
    ]
    assert programme.summary_html == ""  # Scrutineer's own summary is not Modern.gov's minutes

    bradbury = Person.objects.get(external_id="117")
    assert (bradbury.kind, bradbury.party, bradbury.ward) == ("councillor", "Labour", "Caerau")
    assert bradbury.key_posts.startswith("Cabinet Member Community Development")
    curley = Person.objects.get(external_id="192")
    assert (curley.name, curley.party, curley.ward) == (
        "Councillor Basil Curley",
        "LAB",
        "Charlestown",
    )
    assert curley.key_posts == "Chair of Health Scrutiny Committee"
    assert Membership.objects.filter(committee=audit, person=curley, role="member").exists()
    # A councillor's home address and telephone numbers are never kept anywhere.
    for person in Person.objects.all():
        assert "REDACTED" not in str(person.__dict__)

    run = SyncRun.objects.get()
    assert (run.trigger, run.failed, run.errors) == ("command", False, [])
    assert run.created == 3 + 2 + 2 + 2 + 1  # committees, meetings, items, councillors, seats
    assert "Added committee Audit Committee." in output
    assert "Synced meetings from 01/05/2025 to 31/03/2027: 10 added" in output


def test_a_second_run_changes_nothing(sync):
    sync()
    before = history_rows()
    versions = list(Item.objects.order_by("pk").values_list("version", flat=True))
    output = sync()
    assert output.error is None
    assert history_rows() == before
    assert list(Item.objects.order_by("pk").values_list("version", flat=True)) == versions
    second = SyncRun.objects.order_by("-pk").first()
    assert (second.created, second.updated, second.conflicts) == (0, 0, 0)
    assert second.unchanged == 10
    assert second.lines == []


def test_a_deleted_committee_is_not_brought_in_and_twice_encoded_titles_are_decoded(sync, stand_in):
    stand_in.use_variants()
    sync()
    assert not Committee.objects.filter(external_id="999").exists()
    assert Committee.objects.get(external_id="170").name == "Chair's Panel"
    assert Item.objects.get(external_id="18834").report_title == "Chair's Communications"
    assert "script" not in Item.objects.get(external_id="18834").agenda_html
    assert SyncRun.objects.get().lines[0] == "Left out 1 committee deleted in Modern.gov."


def test_a_restricted_item_is_exempt_and_never_public(sync, stand_in, client, django_user_model):
    stand_in.use_variants()
    sync()
    restricted = Item.objects.get(external_id="18840")
    assert restricted.is_exempt
    assert restricted.documents == []  # its restricted document is never linked
    # The first write was already exempt: no history row ever held the title as public.
    assert all(row.is_exempt for row in restricted.history.all())
    meeting = restricted.meeting
    public_pages = [
        reverse("committees:meeting_detail", args=[meeting.pk]),
        reverse("committees:detail", args=[meeting.committee.slug]),
        reverse("tracker:committee_tracker", args=[meeting.committee.slug]),
        reverse("tracker:index") + "?q=depot",
        reverse("tracker:committee_tracker", args=[meeting.committee.slug]) + "?q=depot",
        "/api/v1/items",
        f"/api/v1/items?committee={meeting.committee.slug}",
        "/api/v1/meetings",
        reverse("api:committee_feed", args=[meeting.committee.slug]),
        reverse("programme:calendar", args=[meeting.committee.slug]),
    ]
    for url in public_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "Northgate" not in text, url
        assert "Ardwick" not in text, url
    assert client.get(restricted.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/items/{restricted.pk}").status_code == 404
    # The meeting's public items are there for everyone.
    public = Item.objects.get(external_id="18833")
    assert client.get(public.get_absolute_url()).status_code == 200


def test_a_change_in_modern_gov_arrives_with_history(sync, stand_in):
    sync()
    stand_in.replace(
        "GetMeeting-4967.xml",
        "<agendaitemtitle>Work Programme<",
        "<agendaitemtitle>Work Programme 2026/27<",
    )
    stand_in.replace(
        "GetMeeting-4967.xml",
        "<meetingtime>10.00 am</meetingtime>",
        "<meetingtime>2.00 pm</meetingtime>",
    )
    stand_in.replace(
        "GetMeeting-4967.xml",
        "<meetingstatus>Confirmed</meetingstatus>",
        "<meetingstatus>Cancelled</meetingstatus>",
    )
    output = sync()
    assert output.error is None
    item = Item.objects.get(external_id="18833")
    assert item.report_title == "Work Programme 2026/27"
    assert item.version == 2
    latest = history_of(item)[0]
    assert latest.reason == "Synced from Modern.gov"
    assert [(c.field, c.old, c.new) for c in latest.changes] == [
        ("Report title", "Work Programme", "Work Programme 2026/27")
    ]
    meeting = Meeting.objects.get(external_id="4967")
    assert meeting.is_cancelled  # kept, and shown as cancelled
    assert meeting.time == datetime.time(14, 0)
    assert (
        "Updated item 2. Work Programme 2026/27 (Audit Committee, 10 February 2026): title."
        in output
    )


def test_an_edit_here_is_kept_and_reported_as_a_conflict(sync, stand_in):
    sync()
    item = Item.objects.get(external_id="18833")
    tracker.item_update(item=item, expected_version=None, report_title="Work programme 2025/26")
    tracker.item_update(item=item, expected_version=None, summary="Members asked for more.")
    stand_in.replace(
        "GetMeeting-4967.xml",
        "<agendaitemtitle>Work Programme<",
        "<agendaitemtitle>Committee Work Programme<",
    )
    stand_in.replace("GetMeeting-4967.xml", "set out its future Work", "set out its updated Work")
    output = sync()
    item.refresh_from_db()
    assert item.report_title == "Work programme 2025/26"  # kept
    assert "updated Work" in item.minutes_html  # a field not edited here still follows
    assert item.summary_html == "<p>Members asked for more.</p>"  # Scrutineer's own work
    assert (
        "Conflict: Item 2. Work programme 2025/26 (Audit Committee, 10 February 2026): title "
        "was changed here to “Work programme 2025/26”; Modern.gov now says “Committee Work "
        "Programme”. Kept the value changed here."
    ) in output
    assert SyncRun.objects.order_by("-pk").first().conflicts == 1


def test_a_hand_made_committee_meeting_and_item_are_linked_not_doubled(sync):
    audit = CommitteeFactory(name="Audit Committee", short_name="AUD", slug="audit")
    meeting = MeetingFactory(committee=audit, date=datetime.date(2026, 2, 10), venue="")
    item = ItemFactory(meeting=meeting, report_title="Work programme", summary="Ours")
    sync()
    audit.refresh_from_db()
    meeting.refresh_from_db()
    item.refresh_from_db()
    assert (audit.external_id, audit.slug) == ("144", "audit")
    assert meeting.external_id == "4967"
    assert meeting.venue == "Council Antechamber, Level 2, Town Hall Extension"  # was empty
    assert (item.external_id, item.summary_html) == ("18833", "<p>Ours</p>")
    assert item.report_title == "Work programme"  # its title was typed here: kept
    assert Committee.objects.filter(name="Audit Committee").count() == 1
    assert audit.meetings.count() == 2


def test_a_past_committee_is_not_offered_in_pickers(sync):
    sync()
    other = CommitteeFactory()
    form = MeetingForm(committee=other)
    offered = set(form.fields["invited_committees"].queryset.values_list("external_id", flat=True))
    assert "144" in offered
    assert "312" not in offered


def test_a_dry_run_reports_and_keeps_nothing(sync):
    before = history_rows()
    output = sync("--dry-run")
    assert "Added committee Audit Committee." in output
    assert "Nothing was kept (dry run)." in output
    assert history_rows() == before
    assert not Committee.objects.exists()
    assert SyncRun.objects.get().dry_run


def test_only_the_committees_asked_for(sync, stand_in):
    output = sync("--committee", "144", "--committee", "77")
    assert set(Committee.objects.values_list("external_id", flat=True)) == {"144"}
    assert "Committee 77 is not among the committees Modern.gov lists" in output
    assert output.error is not None
    assert [p["lCommitteeId"] for p in stand_in.calls("GetMeetings")] == ["144"]


def test_dates_are_sent_as_the_service_reads_them(sync, stand_in):
    sync("--committee", "144")
    (params,) = stand_in.calls("GetMeetings")
    assert params == {"lCommitteeId": "144", "sFromDate": "01/05/2025", "sToDate": "31/03/2027"}


# --- Faults -----------------------------------------------------------------------------


def test_an_answer_cut_short_leaves_the_committee_as_it_was_and_the_next_run_picks_up(
    sync, stand_in
):
    whole = stand_in.files["GetMeeting-4967.xml"]
    stand_in.answers[("GetMeeting", "4967")] = Answer(whole[: len(whole) // 2])
    before = history_rows()
    output = sync()
    assert (
        "Audit Committee was not synced: GetMeeting (lMeetingId=4967): the answer is not "
        "well-formed XML, or was cut short"
    ) in output
    assert "Nothing of it was changed; the next run will try again." in output
    assert output.error is not None
    # Nothing half-written: neither the committee, nor its cancelled meeting fetched before.
    assert not Committee.objects.filter(external_id="144").exists()
    assert not Meeting.objects.exists()
    assert Committee.objects.filter(external_id="163").exists()  # the others went ahead
    assert history_rows() > before

    del stand_in.answers[("GetMeeting", "4967")]
    assert sync().error is None
    assert Meeting.objects.filter(committee__external_id="144").count() == 2


def test_a_meeting_that_404s_is_named(sync, stand_in):
    del stand_in.files["GetMeeting-4967.xml"]
    output = sync()
    assert (
        "Audit Committee was not synced: GetMeeting (lMeetingId=4967): the service answered "
        "404 Not Found"
    ) in output
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", "text/xml"])
def test_bot_protection_fails_the_sync_and_changes_nothing(sync, stand_in, content_type):
    stand_in.answers["GetCommittees"] = Answer(BOT_PAGE, 200, content_type)
    before = history_rows()
    output = sync()
    assert "GetCommittees (lDummy=0): the service answered with a web page, not XML" in output
    assert "bot protection" in output
    assert "Nothing was changed." in output
    assert history_rows() == before
    run = SyncRun.objects.get()
    assert run.failed


def test_a_service_that_cannot_be_reached_fails_cleanly(settings):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = StringIO()
    with pytest.raises(CommandError):
        call_command("sync_moderngov", "--url", "http://127.0.0.1:9/mgWebService.asmx", stdout=out)
    assert "GetCommittees (lDummy=0): the service could not be reached" in out.getvalue()
    assert "(tried 3 times)" in out.getvalue()


def test_bad_arguments_are_refused(settings):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    settings.SCRUTINEER_MODERNGOV_URL = ""
    with pytest.raises(CommandError, match="--url"):
        call_command("sync_moderngov")
    with pytest.raises(CommandError, match="not a date as DD/MM/YYYY"):
        call_command("sync_moderngov", "--url", "http://127.0.0.1:9", "--from", "2026-01-01")
    with pytest.raises(CommandError, match="a number"):
        call_command("sync_moderngov", "--url", "http://127.0.0.1:9", "--committee", "Audit")


def test_queue_runs_the_sync_as_the_schedule(sync):
    output = sync("--queue")
    assert "Queued the sync with Modern.gov as task" in output
    run = SyncRun.objects.get()  # the tests' task backend runs it at once
    assert run.trigger == SyncRun.Trigger.SCHEDULE
    assert run.created == 10


@pytest.mark.parametrize(
    ("role", "seat"),
    [
        ("Committee Member", "member"),
        ("Chair", "chair"),
        ("Chairman", "chair"),
        ("Vice-Chair", "vice_chair"),
        ("Deputy Chair", "vice_chair"),
        ("Co-opted Member", "co_opted"),
        ("Substitute Committee Member", None),
        ("Reserve", None),
        ("Officer", None),
        ("In attendance", None),
        ("Deputy Leader", None),
    ],
)
def test_only_members_of_the_committee_get_a_seat(role, seat):
    assert membership_role(role) == seat
