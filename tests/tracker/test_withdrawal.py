"""Withdrawing, reinstating, publishing and evidence: the services, and what each channel
then counts, reminds of and finds."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from scrutineer.committees import services as committees
from scrutineer.core.roles import Role
from scrutineer.tracker import services
from scrutineer.tracker.models import Item, ProgressUpdate
from scrutineer.tracker.reminders import assignee_digests, weekly_digest_rows
from scrutineer.tracker.selectors import (
    TrackerFilters,
    item_visible_list,
    progress_update_visible_list,
    recommendation_visible_list,
    tracker_items,
)
from scrutineer.tracker.selectors.tracker_page import meetings_minutes_awaited, tracker_counts
from tests.committees.factories import MeetingFactory, PersonFactory
from tests.core.factories import UserFactory
from tests.tracker.factories import DraftItemFactory, ItemFactory, RecommendationFactory

TODAY = datetime.date(2025, 6, 2)
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def business(db):
    meeting = MeetingFactory(date=datetime.date(2025, 3, 3))
    officer = PersonFactory(name="Sarah Brown", email="sarah.brown@example.org")
    item = ItemFactory(meeting=meeting, report_title="Library opening hours")
    rec = RecommendationFactory(
        item=item,
        text="Review the opening hours",
        assignees=[officer],
        due_date=datetime.date(2025, 4, 1),
    )
    return meeting, officer, item, rec


def test_withdrawing_needs_a_reason_and_is_kept_in_history(business):
    _, _, _item, rec = business
    with pytest.raises(ValidationError) as error:
        services.record_withdraw(record=rec, reason="  ")
    assert error.value.message_dict == {"reason": ["Enter why it is being withdrawn"]}
    services.record_withdraw(record=rec, reason="Typed twice")
    rec.refresh_from_db()
    assert rec.is_withdrawn
    assert rec.withdrawal_reason == "Typed twice"
    with pytest.raises(services.AlreadyDone):
        services.record_withdraw(record=rec, reason="Again")
    services.record_reinstate(record=rec)
    rec.refresh_from_db()
    assert not rec.is_withdrawn
    assert rec.withdrawal_reason == ""
    reasons = [h.withdrawal_reason for h in rec.history.order_by("history_date", "history_id")]
    assert reasons[-2:] == ["Typed twice", ""]
    with pytest.raises(services.AlreadyDone):
        services.record_reinstate(record=rec)


def test_a_withdrawal_from_a_stale_page_is_refused(business):
    _, _, item, _ = business
    with pytest.raises(services.EditConflict):
        services.record_withdraw(record=item, reason="Wrong meeting", expected_version=99)


def test_withdrawn_records_are_never_open_overdue_or_reminded_of(business):
    meeting, _officer, item, rec = business
    public = AnonymousUser()
    filters = TrackerFilters()
    assert (
        tracker_counts(
            tracker_items(user=public, committee=meeting.committee, filters=filters, today=TODAY),
            today=TODAY,
        ).overdue
        == 1
    )
    assert [d.recipient for d in assignee_digests(today=TODAY)] == ["sarah.brown@example.org"]
    services.record_withdraw(record=rec, reason="Typed twice")
    items = tracker_items(user=public, committee=meeting.committee, filters=filters, today=TODAY)
    counts = tracker_counts(items, today=TODAY)
    assert (counts.open, counts.overdue) == (0, 0)
    assert assignee_digests(today=TODAY) == []
    assert weekly_digest_rows(today=TODAY) == []
    services.record_reinstate(record=rec)
    services.record_withdraw(record=item, reason="Wrong committee")
    assert assignee_digests(today=TODAY) == []
    assert list(tracker_items(user=public, committee=None, filters=filters, today=TODAY)) == []


def test_search_never_finds_withdrawn_words(business):
    _meeting, _, item, rec = business
    update = services.progress_add(item=item, recommendation=rec, text="Zebra crossing survey")
    filters = TrackerFilters(q="zebra")

    def found():
        return list(
            tracker_items(user=AnonymousUser(), committee=None, filters=filters, today=TODAY)
        )

    assert found() == [item]
    services.record_withdraw(record=update, reason="Wrong item")
    assert found() == []


def test_the_rule_hides_withdrawn_records_from_the_public_and_shows_them_to_the_council(business):
    _meeting, _, item, rec = business
    update = services.progress_add(item=item, recommendation=rec, text="Begun")
    services.record_withdraw(record=update, reason="Wrong recommendation")
    public, scrutiny = AnonymousUser(), UserFactory(role=Role.SCRUTINY_OFFICER)
    assert list(progress_update_visible_list(public)) == []
    assert list(progress_update_visible_list(scrutiny)) == [update]
    services.record_withdraw(record=rec, reason="Typed twice")
    assert list(recommendation_visible_list(public)) == []
    services.record_reinstate(record=update)
    # An update on a withdrawn recommendation goes with it.
    assert list(progress_update_visible_list(public)) == []


def test_a_draft_is_public_once_published_or_once_its_minutes_are(db):
    meeting = MeetingFactory(date=datetime.date(2025, 3, 3))
    draft = DraftItemFactory(meeting=meeting, report_title="Waste collection")
    other = DraftItemFactory(meeting=meeting, report_title="Parks")
    public = AnonymousUser()
    assert list(item_visible_list(public)) == []
    assert meetings_minutes_awaited(meeting.committee, today=TODAY) == [meeting]
    services.item_publish(item=draft)
    assert list(item_visible_list(public)) == [draft]
    with pytest.raises(services.AlreadyDone):
        services.item_publish(item=draft)
    committees.meeting_minutes_published_set(meeting=meeting, published_on=TODAY)
    assert set(item_visible_list(public)) == {draft, other}
    assert meetings_minutes_awaited(meeting.committee, today=TODAY) == []


@pytest.mark.parametrize(
    ("published_on", "message"),
    [
        pytest.param(
            datetime.date(2025, 3, 1), "must be the same as or after the meeting", id="before"
        ),
        pytest.param(datetime.date(2999, 1, 1), "must be today or in the past", id="future"),
    ],
)
def test_minutes_cannot_be_published_before_the_meeting_or_in_the_future(db, published_on, message):
    meeting = MeetingFactory(date=datetime.date(2025, 3, 3))
    with pytest.raises(ValidationError, match=message):
        committees.meeting_minutes_published_set(meeting=meeting, published_on=published_on)


def test_items_typed_in_are_drafts_and_imported_or_synced_ones_published(db):
    meeting = MeetingFactory()
    assert services.item_create(meeting=meeting, report_title="Typed").published_at is None
    synced = services.item_sync(
        meeting=meeting,
        external_id="8001",
        title="Budget monitoring",
        agenda_number="5.",
        agenda_html="",
        minutes_html="",
        documents=[],
        is_exempt=False,
    ).instance
    assert synced.published_at is not None


def test_evidence_is_stored_under_a_name_nobody_can_guess(business):
    _, _, item, rec = business
    update = services.progress_add(
        item=item,
        recommendation=rec,
        text="Report attached",
        evidence=[services.Upload(name="survey report.pdf", data=PDF)],
    )
    evidence = update.evidence_files.get()
    assert (evidence.name, evidence.content_type, evidence.size) == (
        "survey report.pdf",
        "application/pdf",
        len(PDF),
    )
    assert "survey" not in evidence.file.name
    assert len(evidence.file.name) > 30
    assert default_storage.open(evidence.file.name).read() == PDF


def test_a_bad_evidence_file_saves_nothing(business):
    _, _, item, rec = business
    with pytest.raises(ValidationError) as error:
        services.progress_add(
            item=item,
            recommendation=rec,
            text="Report attached",
            evidence=[
                services.Upload(name="ok.pdf", data=PDF),
                services.Upload(name="virus.pdf", data=b"MZ"),
            ],
        )
    assert "The selected file virus.pdf must be" in error.value.message_dict["evidence"][0]
    assert not ProgressUpdate.objects.exists()


def test_withdrawn_evidence_is_not_served_to_the_public(client, business):
    _, _, item, rec = business
    update = services.progress_add(
        item=item, recommendation=rec, text="Attached", evidence=[services.Upload("a.pdf", PDF)]
    )
    url = reverse("tracker:evidence_download", args=[update.evidence_files.get().pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    services.record_withdraw(record=update, reason="Wrong file")
    assert client.get(url).status_code == 404


def test_the_author_may_withdraw_their_own_update_but_not_reinstate_it(client, business):
    _, officer, item, rec = business
    user = UserFactory(role=Role.OFFICER)
    officer.user = user
    officer.save()
    mine = services.progress_add(item=item, recommendation=rec, text="Mine", author=officer)
    theirs = services.progress_add(item=item, recommendation=rec, text="Theirs")
    client.force_login(user)
    withdraw = "tracker:progress_withdraw"
    assert client.post(reverse(withdraw, args=[theirs.pk]), {"reason": "x"}).status_code == 403
    response = client.post(reverse(withdraw, args=[mine.pk]), {"reason": "Wrong one"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.withdrawal_reason == "Wrong one"
    reinstate = reverse("tracker:progress_reinstate", args=[mine.pk])
    assert client.post(reinstate).status_code == 403


def test_the_links_form_names_the_row_in_its_messages(client, business, scrutiny_officer):
    _, _, item, _ = business
    client.force_login(scrutiny_officer)
    url = reverse("tracker:item_links", args=[item.pk])
    response = client.post(url, {"version": item.version, "url_0": "not a url"})
    assert "Enter the address of link 1 in the right format" in response.content.decode()
    response = client.post(
        url,
        {"version": item.version, "title_0": "Report", "url_0": "https://example.gov.uk/r.pdf"},
    )
    assert response.status_code == 302
    assert Item.objects.get(pk=item.pk).documents == [
        {"title": "Report", "url": "https://example.gov.uk/r.pdf"}
    ]
