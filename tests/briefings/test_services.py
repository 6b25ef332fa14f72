import dataclasses
import datetime
import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scrutineer.briefings import services
from scrutineer.briefings.models import (
    BriefingComment,
    BriefingNote,
    BriefingRecommendation,
    OfficerResponse,
)
from scrutineer.files.parsers.briefing_text import parse_briefing_text
from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.files.parsers.report import PreviewOutdated
from tests.committees.factories import CommitteeFactory, PersonFactory
from tests.tracker.factories import ItemFactory, RecommendationFactory


@pytest.fixture
def draft(db):
    item = ItemFactory(report_title="Quarter 3 Corporate Performance Report")
    RecommendationFactory(item=item, text="Corporate O&S reviewed the report.")
    contact = PersonFactory(name="Lucy Smith", email="lucy.smith@example.org", job_title="Officer")
    return services.briefing_create_from_item(item=item, contact=contact)


def test_a_draft_is_prefilled_from_the_item(draft):
    assert draft.is_draft
    assert draft.purpose.startswith("To inform Cabinet of the discussions")
    assert "17 September 2024" in draft.introduction
    assert [r.text for r in draft.recommendations.all()] == ["Corporate O&S reviewed the report."]
    assert draft.contact_email == "lucy.smith@example.org"


def test_comments_and_responses_are_numbered_as_the_seed_is(draft):
    first = services.briefing_comment_add(note=draft, text="Members questioned the metrics.")
    second = services.briefing_comment_add(note=draft, text="Members asked about agency spend.")
    a = services.briefing_response_add(comment=first, text="Officers explained.")
    b = services.briefing_response_add(comment=first, text="Officers will write.")
    assert (first.number, second.number) == ("1.1.1", "1.1.2")
    assert (a.letter, b.letter) == ("a", "b")


def test_an_issued_note_is_read_only_and_public(draft, client):
    assert client.get(reverse("briefings:detail", args=[draft.pk])).status_code == 404
    with pytest.raises(services.BriefingLocked, match="at least one comment"):
        services.briefing_issue(note=draft, issued_on=datetime.date(2025, 3, 20), issued_to="")
    services.briefing_comment_add(note=draft, text="Members questioned the metrics.")
    services.briefing_issue(note=draft, issued_on=datetime.date(2025, 3, 20), issued_to="")
    draft.refresh_from_db()
    assert draft.status == BriefingNote.Status.ISSUED
    assert draft.issued_to == "Cabinet"
    with pytest.raises(services.BriefingLocked, match="issued on 20 March 2025"):
        services.briefing_comment_add(note=draft, text="Too late")
    with pytest.raises(services.BriefingLocked):
        services.briefing_update(note=draft, purpose="Changed")
    assert client.get(reverse("briefings:detail", args=[draft.pk])).status_code == 200


@pytest.mark.parametrize("role", ["officer", "member"])
def test_only_scrutiny_officers_write_notes(draft, client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert (
        client.post(reverse("briefings:comment_add", args=[draft.pk]), {"text": "x"}).status_code
        == 403
    )
    assert draft.comments.count() == 0


def test_an_edit_from_a_page_opened_before_the_note_was_issued_does_not_unissue_it(draft):
    services.briefing_comment_add(note=draft, text="Members questioned the metrics.")
    loaded_earlier = BriefingNote.objects.get(pk=draft.pk)
    services.briefing_issue(
        note=BriefingNote.objects.get(pk=draft.pk),
        issued_on=datetime.date(2025, 3, 20),
        issued_to="",
    )
    with pytest.raises(services.BriefingLocked, match="issued on 20 March 2025"):
        services.briefing_update(note=loaded_earlier, purpose="Changed")
    with pytest.raises(services.BriefingLocked):
        services.briefing_comment_add(note=loaded_earlier, text="Too late")
    draft.refresh_from_db()
    assert draft.status == BriefingNote.Status.ISSUED
    assert draft.issued_on == datetime.date(2025, 3, 20)
    assert draft.comments.count() == 1


def test_issuing_a_note_twice_is_already_done_and_recorded_once(draft, client, scrutiny_officer):
    services.briefing_comment_add(note=draft, text="Members questioned the metrics.")
    client.force_login(scrutiny_officer)
    target = reverse("briefings:issue", args=[draft.pk])
    data = {"issued_on": "2025-03-20", "issued_to": "Cabinet"}
    assert client.post(target, data).status_code == 302
    again = client.post(target, data, follow=True)
    assert again.status_code == 200
    assert "This briefing note was already issued to Cabinet." in again.content.decode()
    assert draft.history.filter(status="issued").count() == 1


def _posted_twice(client, url, text):
    """Open the form, then post it twice as a double click or a resent page would."""
    key = str(client.get(url).context["form"]["submission_key"].value())
    data = {"text": text, "submission_key": key}
    assert client.post(url, data).status_code == 302
    return client.post(url, data, follow=True).content.decode()


def test_a_comment_and_a_response_posted_twice_are_added_once(draft, client, scrutiny_officer):
    client.force_login(scrutiny_officer)
    page = _posted_twice(client, reverse("briefings:comment_add", args=[draft.pk]), "Why?")
    assert "This comment was already added." in page
    assert [c.number for c in draft.comments.all()] == ["1.1.1"]
    comment = draft.comments.get()
    page = _posted_twice(client, reverse("briefings:response_add", args=[comment.pk]), "Because.")
    assert "This response was already added." in page
    assert [r.letter for r in comment.responses.all()] == ["a"]
    # Opening the form again is a new comment, even in the same words.
    url = reverse("briefings:comment_add", args=[draft.pk])
    key = str(client.get(url).context["form"]["submission_key"].value())
    assert client.post(url, {"text": "Why?", "submission_key": key}).status_code == 302
    assert draft.comments.count() == 2


def test_a_comment_key_from_another_note_is_refused(draft):
    other = services.briefing_create_from_item(item=ItemFactory(), contact=None)
    key = uuid.uuid4()
    services.briefing_comment_add(note=draft, text="Why?", submission_key=key)
    with pytest.raises(ValidationError, match="another comment"):
        services.briefing_comment_add(note=other, text="Why?", submission_key=key)
    assert not other.comments.exists()


SEED = Path(__file__).resolve().parents[1] / "fixtures" / "briefing_note_cabinet.txt"
_WRITES = ("INSERT", "UPDATE", "DELETE", "SAVEPOINT")


def test_the_import_preview_only_reads_and_is_what_importing_does(db):
    committee = CommitteeFactory(name="Corporate Overview and Scrutiny Committee")
    parsed = parse_briefing_text(SEED.read_text())
    with CaptureQueriesContext(connection) as queries:
        preview = services.briefing_import_preview(parsed=parsed, filename="note.txt")
    assert [q["sql"] for q in queries if q["sql"].upper().startswith(_WRITES)] == []
    assert [(r.action, r.reference[1]) for r in preview.rows] == [("create", "Cabinet")]
    assert preview.into == committee.name
    result = services.briefing_import(parsed=parsed, filename="note.txt", expected=preview)
    assert result.report.same_as(preview)
    assert not result.report.dry_run
    # The same preview again is out of date: the note is there now, and nothing is written.
    history = BriefingNote.history.count()
    with pytest.raises(PreviewOutdated) as outdated:
        services.briefing_import(parsed=parsed, filename="note.txt", expected=preview)
    assert [r.action for r in outdated.value.report.rows] == ["unchanged"]
    assert BriefingNote.history.count() == history


def test_an_imported_note_keeps_history_of_every_row_with_who_imported_it(db, scrutiny_officer):
    CommitteeFactory(name="Corporate Overview and Scrutiny Committee")
    parsed = parse_briefing_text(SEED.read_text())
    note = services.briefing_import(parsed=parsed, filename="note.txt", by=scrutiny_officer).note
    rows = [
        (BriefingNote, [note.pk]),
        (BriefingComment, list(note.comments.values_list("pk", flat=True))),
        (
            OfficerResponse,
            list(OfficerResponse.objects.filter(comment__note=note).values_list("pk", flat=True)),
        ),
        (BriefingRecommendation, list(note.recommendations.values_list("pk", flat=True))),
    ]
    for model, pks in rows:
        assert pks, f"the seed note has {model.__name__} rows"
        entries = model.history.filter(id__in=pks)
        assert entries.count() == len(pks), f"every {model.__name__} has its history entry"
        assert set(entries.values_list("history_user", flat=True)) == {scrutiny_officer.pk}


def test_a_note_for_a_committee_not_recorded_or_a_meeting_out_of_range_is_refused(db):
    parsed = parse_briefing_text(SEED.read_text())
    with pytest.raises(ImportRefused, match="No committee is called"):
        services.briefing_import_preview(parsed=parsed)
    CommitteeFactory(name="Corporate Overview and Scrutiny Committee")
    far = dataclasses.replace(parsed, meeting_date=datetime.date(9999, 1, 1))
    with pytest.raises(ImportRefused, match="Date of the meeting must be between"):
        services.briefing_import(parsed=far)
    assert BriefingNote.objects.count() == 0
