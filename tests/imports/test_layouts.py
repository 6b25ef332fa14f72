"""Other councils' layouts imported from the command line and through the wizard, with no
mapping (issue #18): every mapped column stored, people matched, the history the file's
own dates tell, the preview showing what will be stored."""

import datetime
import html
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from scrutineer.core.models import Person
from scrutineer.imports.models import ColumnMapping
from scrutineer.tracker.as_at import tracker_as_at
from scrutineer.tracker.models import ExecutiveResponse, Item, ProgressUpdate, Recommendation
from tests.committees.factories import CommitteeFactory, PersonFactory
from tests.files import layouts
from tests.imports import wizard

D = datetime.date


@pytest.fixture
def committee(db):
    return CommitteeFactory(name="Scrutiny Committee", short_name="SC", slug="scrutiny")


def run_import(tmp_path, name, data, *extra):
    path = tmp_path / name
    path.write_bytes(data)
    out = StringIO()
    call_command("import_tracker", str(path), "--committee", "SC", *extra, stdout=out)
    return out.getvalue()


def end_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def test_rows_of_recommendations_import_with_every_column_stored(committee, tmp_path):
    jg = PersonFactory(name="James Gilchrist")
    PersonFactory(name="Sam Bell", job_title="Head of Finance")
    output = run_import(tmp_path, "recs.csv", layouts.recommendation_rows_csv())
    assert "3 created, 0 updated, 0 unchanged" in output
    items = list(Item.objects.order_by("number"))
    assert [(i.number, i.meeting.date, i.report_title) for i in items] == [
        (1, D(2025, 5, 12), "Review the housing allocations policy with tenants"),
        (2, D(2025, 5, 12), "Children"),
        (3, D(2025, 6, 2), "Planning"),
    ]
    housing, savings = Recommendation.objects.filter(item=items[0]).order_by("number")
    assert (housing.reference, housing.area, housing.status, housing.status_wording) == (
        "SR (25/26) 01", "Housing", "closed", "Complete",
    )  # fmt: skip
    # Initials matched where one person has them; unknown ones recorded, and warned of.
    assert [p.name for p in housing.assignees.order_by("pk")] == [jg.name, "AW"]
    assert items[0].lead_officer == jg
    assert [p.name for p in savings.assignees.all()] == ["Sam Bell"]  # SB: by initials
    assert (savings.status, savings.status_wording) == ("open", "Ongoing")
    (update,) = housing.progress_updates.all()
    assert update.date == D(2025, 7, 14)
    assert housing.closed_on == D(2025, 7, 14)  # its last update's date: the file gives none
    paused = Recommendation.objects.get(reference="SR (25/26) 03")
    assert (paused.status, paused.status_wording, paused.addressee) == (
        "open", "e.g. Paused", "Executive",
    )  # fmt: skip
    assert Person.objects.get(name="AW").kind == Person.Kind.OFFICER
    assert "“AW” are initials nobody on record has" in output
    assert "Recommendation 1 is open and nobody is assigned to it" in output  # SR (25/26) 04
    # The same file again changes nothing.
    again = run_import(tmp_path, "recs.csv", layouts.recommendation_rows_csv())
    assert "0 created, 0 updated, 3 unchanged" in again


def test_the_tracker_as_it_stood_is_reconstructed_from_the_files_dates(committee, tmp_path):
    run_import(tmp_path, "recs.csv", layouts.recommendation_rows_csv())
    user = None

    def shown(day):
        from django.contrib.auth.models import AnonymousUser

        rows = tracker_as_at(committee=committee, when=end_of(day), user=user or AnonymousUser())
        return [(r.report_title, [rec.status for rec in r.recommendations]) for r in rows]

    assert shown(D(2025, 5, 11)) == []
    housing = "Review the housing allocations policy with tenants"
    assert shown(D(2025, 5, 12)) == [(housing, ["Open", "Open"]), ("Children", ["Open"])]
    assert shown(D(2025, 7, 14))[0] == (housing, ["Closed", "Open"])
    assert len(shown(D(2025, 6, 2))) == 3
    # Every back-dated record says where it came from.
    reasons = set(Item.history.values_list("history_change_reason", flat=True))
    assert reasons == {"Reconstructed from the imported file recs.csv"}


def test_the_as_at_page_says_the_past_was_reconstructed_from_a_file(client, committee, tmp_path):
    run_import(tmp_path, "recs.csv", layouts.recommendation_rows_csv())
    url = reverse("tracker:as_at", args=[committee.slug])
    page = html.unescape(client.get(url, {"date": "2025-06-30"}).content.decode())
    assert "Review the housing allocations policy with tenants" in page
    assert "reconstructed from the imported file recs.csv" in page


def test_a_word_plan_imports_responses_in_the_executives_words(committee, tmp_path):
    output = run_import(tmp_path, "plan.docx", layouts.action_plan_docx())
    assert "2 created" in output
    assert "“End of May” names no year" in output
    dementia = Item.objects.get(report_title="Dementia services")
    assert dementia.meeting.date == D(2011, 3, 1)
    recs = list(dementia.recommendations.order_by("number"))
    assert [r.number for r in recs] == ["a", "b", "c", "d"]
    assert recs[0].due_date == D(2014, 2, 28)
    assert recs[0].cabinet_member == "Cabinet Member for Health"
    assert sorted(p.name for p in recs[0].assignees.all()) == [
        "A Waller", "Becky Eades", "James Gilchrist",
    ]  # fmt: skip
    assert Person.objects.get(name="A Waller").kind == Person.Kind.COUNCILLOR
    rejected = recs[1].executive_response
    assert rejected.decision == ExecutiveResponse.Decision.RESPONDED  # never classified
    assert rejected.text == "It was agreed that the number of actions did not need to be reduced"
    assert rejected.sent_on == D(2011, 3, 1)
    assert (recs[1].status, recs[1].status_wording) == ("closed", "Completed")
    assert "suggests rejected" in output
    assert recs[3].due_date is None


def test_a_workbook_with_merged_cells_and_two_sheets_imports_each_sheet(committee, tmp_path):
    output = run_import(tmp_path, "actions.xlsx", layouts.actions_workbook_xlsx())
    assert "4 created" in output
    climate = Recommendation.objects.get(text__startswith="That the climate motion")
    assert [u.date for u in climate.progress_updates.order_by("date")] == [
        D(2022, 7, 12),
        D(2022, 8, 1),
    ]
    assert climate.addressee == "The Leader"
    assert climate.status == "open"
    leisure = Recommendation.objects.get(text__startswith="That the leisure contract")
    assert (leisure.status, leisure.closed_on) == ("closed", D(2021, 10, 1))
    assert "2022-23 4" in output
    assert "Before 2022 3" in output


def test_columns_and_status_words_are_mapped_on_the_command_line(committee, tmp_path):
    data = layouts.csv_bytes(
        [
            ["When", "Asked", "Who", "Where we are"],
            ["17/09/2024", "Review the parks", "Sarah Brown", "Parked"],
        ]
    )
    with pytest.raises(CommandError, match="no column for “O&S recommendations”") as refused:
        run_import(tmp_path, "t.csv", data)
    assert '--map "Their header=field"' in str(refused.value)
    args = ["--map", "When=meeting_date", "--map", "Asked=recommendations"]
    args += ["--map", "Who=assignees", "--map", "Where we are=status"]
    with pytest.raises(CommandError, match="“Parked” is not a status") as refused:
        run_import(tmp_path, "t.csv", data, *args)
    assert '--status-map "Word=open"' in str(refused.value)
    dry = run_import(tmp_path, "t.csv", data, *args, "--status-map", "Parked=open", "--dry-run")
    assert dry.splitlines()[0].split() == ["Row", "No", "Action", "What", "will", "be", "stored"]
    assert "Status words: “Parked” = open" in dry
    assert Item.objects.count() == 0
    run_import(tmp_path, "t.csv", data, *args, "--status-map", "Parked=open")
    rec = Recommendation.objects.get()
    assert (rec.status, rec.status_wording) == ("open", "Parked")
    assert [p.name for p in rec.assignees.all()] == ["Sarah Brown"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--map", "Who"], "write it as --map"),
        (["--map", "Who=boss"], "“boss” is not a field"),
        (["--map", "Nope=assignees"], "the file has no column “Nope”"),
        (["--status-map", "Parked=maybe"], "“maybe” is not a status"),
    ],
)
def test_bad_mappings_are_refused_plainly(committee, tmp_path, args, message):
    data = layouts.csv_bytes([["Date", "Recommendation", "Who"], ["1/1/2024", "Do", "X Y"]])
    with pytest.raises(CommandError, match=message):
        run_import(tmp_path, "t.csv", data, *args)


def test_the_wizard_previews_a_layout_with_no_title_column_and_stores_it(
    client, committee, scrutiny_officer
):
    client.force_login(scrutiny_officer)
    data = layouts.recommendation_rows_xlsx()
    url = wizard.preview_url(client, "tracker", "recs.xlsx", data, committee=committee)
    page = html.unescape(client.get(url).content.decode())
    assert "title made from the area (the file has no title column)" in page
    assert "title made from the first recommendation" in page
    assert "reference SR (25/26) 01, municipal year 25/26" in page
    assert "closed (“Complete”) on 14 July 2025 (its last update's date)" in page
    assert "AW (unknown initials, a new person)" in page
    # JG, AW, SB and KM are initials nobody on record has; SR (25/26) 04 has nobody.
    assert "Check 5 things before importing" in page
    assert "Recommendation 1 is open and nobody is assigned to it" in page
    assert "The file's status words" in page
    # Saying what a word means changes the preview, and is remembered for the committee.
    statuses = reverse("imports:statuses", args=[url.rstrip("/").split("/")[-1]])
    form = client.get(statuses).context["form"]
    chosen = {name: field.initial for name, field in form.fields.items()}
    paused = next(n for n, f in form.fields.items() if f.label == "“e.g. Paused”")
    chosen[paused] = "closed"
    assert client.post(statuses, chosen)["Location"] == url
    assert "closed (“e.g. Paused”)" in html.unescape(client.get(url).content.decode())
    assert client.post(url).status_code == 302
    assert Recommendation.objects.get(reference="SR (25/26) 03").status == "closed"
    assert ColumnMapping.objects.get(committee=committee).statuses["e.g. Paused"] == "closed"
    assert ProgressUpdate.objects.count() == 1


def test_an_unknown_status_word_is_said_on_the_wizard_page(client, committee, scrutiny_officer):
    client.force_login(scrutiny_officer)
    rows = [["1", "17/09/2024", "Parks", "Review the parks", "Parked", "O&S Officers"]]
    url = wizard.preview_url(
        client, "tracker", "s.csv", layouts.scales_csv(rows), committee=committee
    )
    page = html.unescape(client.get(url).content.decode())
    assert "“Parked” is not a status Scrutineer knows" in page
    assert "Say what the file's status words mean" in page
    statuses = reverse("imports:statuses", args=[url.rstrip("/").split("/")[-1]])
    (name,) = client.get(statuses).context["form"].fields
    assert "Select whether “Parked” means open or closed" in html.unescape(
        client.post(statuses, {}).content.decode()
    )
    client.post(statuses, {name: "open"})
    assert client.get(url).context["report"].count("create") == 1


def test_an_imported_recommendation_shows_what_the_file_said_and_can_be_classified(
    client, committee, scrutiny_officer, tmp_path
):
    run_import(tmp_path, "plan.docx", layouts.action_plan_docx())
    rec = Recommendation.objects.get(text__startswith="That the number of actions")
    client.force_login(scrutiny_officer)
    page = html.unescape(client.get(rec.get_absolute_url()).content.decode())
    assert "(“Completed” in the imported tracker)" in page
    assert "Cabinet Member for Health" in page
    assert "Responded (not yet classified)" in page
    assert "It was agreed that the number of actions did not need to be reduced" in page
    record = reverse("tracker:response_record", args=[rec.pk])
    assert record in page
    form = client.get(record).context["form"]
    assert form.initial["responded_on"] == D(2011, 3, 1)
    client.post(
        record,
        {"decision": "rejected", "responded_on": "2011-03-01", "reasons": "Not needed"},
    )
    rec.executive_response.refresh_from_db()
    assert rec.executive_response.decision == ExecutiveResponse.Decision.REJECTED


def test_people_are_matched_by_job_title_and_by_initial_and_surname(committee, tmp_path):
    sam = PersonFactory(name="Sam Bell", job_title="Head of Finance")
    ann = PersonFactory(name="Ann Waller", kind=Person.Kind.COUNCILLOR)
    data = layouts.csv_bytes(
        [
            ["Date", "Recommendation", "Lead officer"],
            ["17/09/2024", "Review the budget", "Head of Finance / Cllr A Waller"],
        ]
    )
    output = run_import(tmp_path, "t.csv", data)
    rec = Recommendation.objects.get()
    assert list(rec.assignees.order_by("pk")) == [sam, ann]
    assert "Head of Finance = Sam Bell (by job title)" in output
    assert "Cllr A Waller = Ann Waller (by initial and surname)" in output
    assert Person.objects.count() == 2


class Terminal(StringIO):
    def isatty(self):
        return True


def test_the_command_line_draws_a_progress_bar_on_a_terminal(committee, tmp_path):
    path = tmp_path / "recs.csv"
    path.write_bytes(layouts.recommendation_rows_csv())
    terminal, piped = Terminal(), StringIO()
    call_command(
        "import_tracker", str(path), "--committee", "SC", stdout=StringIO(), stderr=terminal
    )
    assert terminal.getvalue().endswith(f"\r[{'#' * 30}] 3/3 rows\n")
    call_command("import_tracker", str(path), "--committee", "SC", stdout=StringIO(), stderr=piped)
    assert piped.getvalue() == ""  # not on a terminal: no bar
