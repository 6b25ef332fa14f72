"""Import the seed, export CSV and XLSX, import each into an empty database: the JSON export
of the result is identical to the first."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from scrutineer.briefings.models import BriefingNote
from scrutineer.committees.models import Committee, Meeting
from scrutineer.core.models import Person
from scrutineer.exports.selectors import tracker_document
from scrutineer.files.formats import tracker_chunks
from scrutineer.files.readers import read_tracker_file
from scrutineer.imports.services import tracker_import
from scrutineer.programme.models import Disposition, ForwardPlanItem, WorkProgrammeItem
from scrutineer.tracker.models import ExecutiveResponse, Item, ProgressUpdate, Recommendation
from tests.committees.factories import CommitteeFactory

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "corporate_os_tracker.txt"
TODAY = __import__("datetime").date(2026, 11, 24)


def export(committee, format_name):
    document = tracker_document(committee=committee, user=AnonymousUser(), today=TODAY)
    return b"".join(tracker_chunks(document, format_name))


def empty_the_database():
    # Dependants first: items, recommendations and people PROTECT what depends on them.
    Disposition.objects.all().delete()
    WorkProgrammeItem.objects.all().delete()
    ForwardPlanItem.objects.all().delete()
    BriefingNote.objects.all().delete()
    ProgressUpdate.objects.all().delete()
    ExecutiveResponse.objects.all().delete()
    Recommendation.objects.all().delete()
    Item.objects.all().delete()
    Meeting.objects.all().delete()
    Person.objects.all().delete()


@pytest.mark.parametrize("format_name", ["csv", "xlsx"])
def test_an_export_imports_back_unchanged(db, format_name):
    committee = CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee", short_name="CO&S"
    )
    CommitteeFactory(name="Audit Committee", short_name="AC")
    call_command("import_tracker", str(SEED), "--committee", "CO&S", verbosity=0)
    first = json.loads(export(committee, "json"))
    exported = export(committee, format_name)
    empty_the_database()
    parsed = read_tracker_file(exported, filename=f"tracker.{format_name}")
    tracker_import(parsed=parsed, committee=Committee.objects.get(pk=committee.pk))
    second = json.loads(export(committee, "json"))
    # The forward plan is a separate table: CSV and XLSX carry the tracker's rows only.
    first["forward_plan"] = second["forward_plan"] = []
    assert second == first


@pytest.mark.parametrize("format_name", ["csv", "xlsx"])
def test_what_other_layouts_bring_survives_export_and_import(db, tmp_path, format_name):
    """References, due dates, lead officers, statuses as written, addressees, areas, cabinet
    members and the executive's responses (stated, in its words, or recorded since) come
    back from a CSV or XLSX export."""
    from scrutineer.tracker.services import executive_response_record
    from tests.files import layouts

    committee = CommitteeFactory(name="Scrutiny Committee", short_name="SC")
    for name, data in [
        ("recs.csv", layouts.recommendation_rows_csv()),
        ("plan.docx", layouts.action_plan_docx()),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        call_command("import_tracker", str(path), "--committee", "SC", verbosity=0)
    answered = Recommendation.objects.get(text__startswith="That the panel receives")
    executive_response_record(
        response=answered.executive_response,
        decision="rejected",
        responded_on=__import__("datetime").date(2011, 4, 1),
        reasons="Respite care is reported to the board instead",
    )
    first = json.loads(export(committee, "json"))
    recs = [rec for item in first["items"] for rec in item["recommendations"]]
    assert {rec["reference"] for rec in recs} >= {"SR (25/26) 01", "SR (25/26) 04"}
    assert any(rec["due_date"] == "2014-02-28" for rec in recs)
    assert {(r["executive_response"] or {}).get("decision") for r in recs} >= {
        "responded", "rejected", None,
    }  # fmt: skip
    assert any(item["lead_officer"] for item in first["items"])
    exported = export(committee, format_name)
    empty_the_database()
    parsed = read_tracker_file(exported, filename=f"tracker.{format_name}")
    tracker_import(parsed=parsed, committee=Committee.objects.get(pk=committee.pk))
    second = json.loads(export(committee, "json"))
    first["forward_plan"] = second["forward_plan"] = []
    for a, b in zip(first["items"], second["items"], strict=True):
        for key in a:
            if key != "recommendations":
                assert (key, a[key]) == (key, b[key])
        for ra, rb in zip(a["recommendations"], b["recommendations"], strict=True):
            for key in ra:
                assert (key, ra[key]) == (key, rb[key])
    assert second == first


@pytest.mark.parametrize("format_name", ["csv", "xlsx"])
def test_the_councils_own_copy_imports_back_with_its_exempt_and_draft_items_kept_from_public(
    db, format_name, user_with_role
):
    """The council's download holds its exempt and draft items, marked in a "Not for
    publication" column; imported (into another committee, or after a restore), they stay
    exempt and draft, and the preview says so: a council's copy never imports as public."""
    from scrutineer.core.roles import Role
    from scrutineer.imports.services import tracker_import_preview
    from scrutineer.tracker.selectors import item_visible_list
    from tests.tracker.factories import DraftItemFactory, ExemptItemFactory

    committee = CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee", short_name="CO&S"
    )
    CommitteeFactory(name="Audit Committee", short_name="AC")
    call_command("import_tracker", str(SEED), "--committee", "CO&S", verbosity=0)
    meeting = committee.meetings.first()
    ExemptItemFactory(meeting=meeting, report_title="Sale of the civic offices")
    DraftItemFactory(meeting=meeting, report_title="Library opening hours")
    council = user_with_role(Role.SCRUTINY_OFFICER)
    document = tracker_document(committee=committee, user=council, today=TODAY)
    exported = b"".join(tracker_chunks(document, format_name))
    assert b"Not for publication" in exported or format_name == "xlsx"

    other = CommitteeFactory(name="Place Overview and Scrutiny Committee", short_name="PO&S")
    parsed = read_tracker_file(exported, filename=f"tracker.{format_name}")
    preview = tracker_import_preview(parsed=parsed, committee=other)
    details = "\n".join(
        line for section in preview.sections for row in section.rows for line in row.details
    )
    assert "Sale of the civic offices" in details
    assert "exempt: not for publication (never shown to the public)" in details
    assert "a draft, not yet published" in details
    tracker_import(parsed=parsed, committee=other)

    imported = Item.objects.filter(meeting__committee=other)
    assert imported.get(report_title="Sale of the civic offices").is_exempt
    draft = imported.get(report_title="Library opening hours")
    assert not draft.is_exempt
    assert draft.published_at is None
    public = item_visible_list(AnonymousUser()).filter(meeting__committee=other)
    titles = set(public.values_list("report_title", flat=True))
    assert "Sale of the civic offices" not in titles
    assert "Library opening hours" not in titles
    assert len(titles) == 14  # the seed's items, published as before
