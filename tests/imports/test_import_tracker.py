"""Importing the seed tracker: every row lands, twice changes nothing, bad files store nothing."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from scrutineer.core.models import Person
from scrutineer.core.text import text_to_html
from scrutineer.files.parsers.tracker_text import parse_tracker_text
from scrutineer.tracker.models import Item, ProgressUpdate, Recommendation
from tests.committees.factories import CommitteeFactory

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "corporate_os_tracker.txt"


@pytest.fixture
def corporate_os(db):
    return CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee", short_name="CO&S", slug="corporate-os"
    )


def run_import(path, *extra):
    from io import StringIO

    out = StringIO()
    call_command("import_tracker", str(path), "--committee", "CO&S", *extra, stdout=out)
    return out.getvalue()


def test_every_row_of_the_seed_is_stored_as_parsed(corporate_os):
    parsed = parse_tracker_text(SEED.read_text())
    output = run_import(SEED)
    assert "14 created, 0 updated, 0 unchanged" in output
    assert Item.objects.count() == len(parsed.rows) == 14
    for row in parsed.rows:
        item = Item.objects.get(meeting__committee=corporate_os, number=int(row.number))
        assert item.meeting.date == row.meeting_date
        assert item.report_title == row.report_title
        recs = list(item.recommendations.order_by("pk"))
        assert [(r.number, r.text, r.preamble) for r in recs] == [
            (p.number or "1", p.text, p.preamble) for p in row.recommendations
        ]
        for rec in recs:
            assert sorted(p.name for p in rec.assignees.all()) == sorted(row.assignees)
            assert rec.status == row.status
            assert rec.reference.startswith("CO&S 24/25-")
        if row.progress_html:
            latest = item.progress_updates.first()
            assert latest is not None
            assert latest.text_html == text_to_html(row.progress_html)


def test_teams_in_the_seed_become_teams(corporate_os):
    run_import(SEED)
    assert Person.objects.get(name="O&S Officers").kind == Person.Kind.TEAM
    assert Person.objects.get(name="Dawn Calvert").kind == Person.Kind.OFFICER


def test_importing_the_same_file_twice_changes_nothing(corporate_os):
    run_import(SEED)
    counts = (Item.objects.count(), Recommendation.objects.count(), ProgressUpdate.objects.count())
    history = Recommendation.history.count()
    output = run_import(SEED)
    assert "0 created, 0 updated, 14 unchanged" in output
    assert counts == (
        Item.objects.count(),
        Recommendation.objects.count(),
        ProgressUpdate.objects.count(),
    )
    assert Recommendation.history.count() == history


def test_reimporting_an_edited_file_updates_what_changed_with_history(corporate_os, tmp_path):
    run_import(SEED)
    edited = tmp_path / "edited.txt"
    edited.write_text(SEED.read_text().replace("\tPeople Strategy\t", "\tPeople Strategy 2025\t"))
    output = run_import(edited)
    assert "0 created, 1 updated, 13 unchanged" in output
    item = Item.objects.get(number=6)
    assert item.report_title == "People Strategy 2025"
    assert item.history.first().prev_record.report_title == "People Strategy"


def test_a_dry_run_reports_and_saves_nothing(corporate_os):
    output = run_import(SEED, "--dry-run")
    assert "Dry run, nothing saved: 14 created" in output
    assert Item.objects.count() == 0
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"hello\tworld\n", "not a recommendations tracker", id="not-a-tracker"),
        pytest.param(b"\xff\xfe\x00bad", "is not UTF-8 text", id="wrong-encoding"),
        pytest.param(None, "Meeting Date", id="bad-date"),
    ],
)
def test_bad_files_are_refused_with_file_and_row_and_nothing_is_stored(
    corporate_os, tmp_path, content, message
):
    path = tmp_path / "tracker.txt"
    if content is None:
        content = SEED.read_bytes().replace(b"17 Sept 2024", b"31 Sept 2024", 1)
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as refused:
        run_import(path)
    assert "tracker.txt" in str(refused.value)
    assert Item.objects.count() == 0


def test_a_failure_halfway_leaves_nothing_half_written(corporate_os, monkeypatch):
    from scrutineer.tracker.services import imported

    def failing():
        # Every item, recommendation, update and history record is inserted by now.
        assert Recommendation.objects.exists()
        raise RuntimeError("disk full")

    monkeypatch.setattr(imported, "records_changed", failing)
    with pytest.raises(RuntimeError):
        run_import(SEED)
    assert Item.objects.count() == 0
    assert Recommendation.objects.count() == 0
    assert Recommendation.history.count() == 0


def test_a_failure_halfway_through_changes_leaves_the_first_import_as_it_was(
    corporate_os, monkeypatch, tmp_path
):
    from scrutineer.imports import services

    run_import(SEED)
    titles = list(Item.objects.order_by("number").values_list("report_title", flat=True))
    edited = tmp_path / "edited.txt"
    text = SEED.read_text()
    for title in titles[:3]:
        text = text.replace(f"\t{title}\t", f"\t{title} (revised)\t")
    edited.write_text(text)
    calls = {"n": 0}
    real = services.tracker.item_update

    def failing(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(services.tracker, "item_update", failing)
    with pytest.raises(RuntimeError):
        run_import(edited)
    assert calls["n"] == 2
    assert list(Item.objects.order_by("number").values_list("report_title", flat=True)) == titles


def test_unknown_committee_is_a_clear_error(db):
    with pytest.raises(CommandError, match="No committee is called “Nope”"):
        call_command("import_tracker", str(SEED), "--committee", "Nope")


def test_the_seed_appears_on_the_tracker_page(client, corporate_os):
    run_import(SEED)
    parsed = parse_tracker_text(SEED.read_text())
    content = client.get(
        reverse("tracker:committee_tracker", args=[corporate_os.slug])
    ).content.decode()
    import html

    text = html.unescape(content)
    for row in parsed.rows:
        assert row.report_title in text
        for name in row.assignees:
            assert name in text
        for rec in row.recommendations:
            assert " ".join(rec.text.split()[:8]) in text


def test_the_forward_plan_table_is_imported_with_each_disposition(corporate_os, client):
    from scrutineer.programme.models import Disposition

    audit = CommitteeFactory(name="Audit Committee", short_name="AC")
    run_import(SEED)
    parsed = parse_tracker_text(SEED.read_text())
    stored = list(Disposition.objects.filter(committee=corporate_os).order_by("position"))
    assert [(d.position, d.forward_plan_item.title, d.choice) for d in stored] == [
        (int(p.number), p.title, p.disposition) for p in parsed.forward_plan
    ]
    assert stored[-1].other_committee == audit
    assert run_import(SEED)  # a second import
    assert Disposition.objects.count() == 8
    assert Disposition.history.count() == 8
    page = client.get(reverse("programme:forward_plan", args=[corporate_os.slug]))
    for item in parsed.forward_plan:
        assert item.title in page.content.decode()


SPREADSHEET = (
    b"No,Meeting Date,Report Title,O&S recommendations,Assigned to,Lead officer,Target date\n"
    b"1,17/09/2024,Parks,1. Review the parks,,Sarah Brown,01/02/2025\n"
    b"2,17/09/2024,Libraries,1. Keep the libraries,O&S Officers,LEE HENLEY,31/12/2099\n"
)


def test_a_spreadsheets_lead_officer_and_target_date_are_stored(corporate_os, tmp_path):
    import datetime

    from scrutineer.core.roles import Role
    from scrutineer.tracker.selectors import recommendation_overdue_dashboard
    from tests.committees.factories import PersonFactory
    from tests.core.factories import UserFactory

    lee = PersonFactory(name="Lee Henley")
    path = tmp_path / "tracker.csv"
    path.write_bytes(SPREADSHEET)
    dry = run_import(path, "--dry-run")
    assert "new officer “Sarah Brown” recorded" in dry
    assert "“LEE HENLEY” recorded" not in dry  # matched: shown under the name on record
    assert "assigned to O&S Officers (new team), Lee Henley" in dry
    assert Person.objects.count() == 1
    run_import(path)
    parks = Recommendation.objects.get(item__report_title="Parks")
    sarah = Person.objects.get(name="Sarah Brown")
    assert sarah.kind == Person.Kind.OFFICER
    assert list(parks.assignees.all()) == [sarah]
    assert parks.due_date == datetime.date(2025, 2, 1)
    libraries = Recommendation.objects.get(item__report_title="Libraries")
    assert sorted(p.name for p in libraries.assignees.all()) == ["Lee Henley", "O&S Officers"]
    assert lee in libraries.assignees.all()
    assert libraries.due_date == datetime.date(2099, 12, 31)
    officer = UserFactory(role=Role.SCRUTINY_OFFICER)
    late = recommendation_overdue_dashboard(user=officer, today=datetime.date(2025, 6, 1))
    assert [r.pk for r in late.recommendations] == [parks.pk]
    assert "0 created, 0 updated, 2 unchanged" in run_import(path)  # and again: no change


def test_a_bad_target_date_is_refused_naming_row_and_column(corporate_os, tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_bytes(SPREADSHEET.replace(b"31/12/2099", b"31/13/2099"))
    with pytest.raises(CommandError, match="row 3, column “Target date”: “31/13/2099” is not a"):
        run_import(path)
    assert Item.objects.count() == 0


def test_a_dry_run_only_reads(corporate_os):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        run_import(SEED, "--dry-run")
    writes = ("INSERT", "UPDATE", "DELETE", "SAVEPOINT")
    assert [q["sql"] for q in queries if q["sql"].upper().startswith(writes)] == []
