from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from scrutineer.briefings.models import BriefingNote, OfficerResponse
from scrutineer.files.parsers.briefing_text import parse_briefing_text
from tests.committees.factories import CommitteeFactory

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "briefing_note_cabinet.txt"


@pytest.fixture
def corporate_os(db):
    return CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee", short_name="CO&S", slug="corporate-os"
    )


def run(path):
    out = StringIO()
    call_command("import_briefing", str(path), stdout=out)
    return out.getvalue().strip().splitlines()


def test_import_briefing_stores_the_note_and_prints_its_id_last(corporate_os):
    lines = run(SEED)
    note = BriefingNote.objects.get()
    assert lines[-1] == str(note.pk)
    parsed = parse_briefing_text(SEED.read_text())
    assert note.meeting.committee == corporate_os
    assert note.meeting.date == parsed.meeting_date
    assert note.addressee == "Cabinet"
    assert note.purpose == parsed.purpose
    assert note.contact_email == "lucy.smith@thurrock.gov.uk"
    stored = [
        (c.number, c.text, [(r.letter, r.text) for r in c.responses.all()])
        for c in note.comments.all()
    ]
    assert stored == [
        (c.number, c.text, [(r.letter, r.text) for r in c.responses]) for c in parsed.comments
    ]
    assert [(r.number, r.text) for r in note.recommendations.all()] == [
        (r.number, r.text) for r in parsed.recommendations
    ]


def test_importing_the_note_twice_changes_nothing_and_prints_the_same_id(corporate_os):
    first = run(SEED)[-1]
    responses = list(OfficerResponse.objects.values_list("pk", flat=True))
    second = run(SEED)
    assert second[-1] == first
    assert second[0].startswith("Unchanged")
    assert list(OfficerResponse.objects.values_list("pk", flat=True)) == responses
    assert BriefingNote.history.count() == 1


def test_an_edited_note_updates_the_same_record(corporate_os, tmp_path):
    note_id = run(SEED)[-1]
    edited = tmp_path / "edited.txt"
    edited.write_text(SEED.read_text().replace("agency staff spend", "agency staffing spend"))
    lines = run(edited)
    assert lines[-1] == note_id
    assert lines[0].startswith("Updated")
    assert BriefingNote.objects.get().comments.filter(text__contains="agency staffing").exists()


def test_a_file_that_is_not_a_briefing_note_is_refused(corporate_os, tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text("Minutes of the meeting\n\nPresent: everyone")
    with pytest.raises(CommandError, match=r"minutes.txt: row 1.*not a briefing note"):
        run(path)
    assert BriefingNote.objects.count() == 0


def test_the_note_is_shown_to_the_public(client, corporate_os):
    note_id = run(SEED)[-1]
    content = client.get(reverse("briefings:detail", args=[note_id])).content.decode()
    assert "Members questioned the metric on agency staff spend" in content
    assert "lucy.smith@thurrock.gov.uk" in content
