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
