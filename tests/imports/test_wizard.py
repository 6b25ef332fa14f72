"""The one import wizard: what it offers, where it keeps an upload (storage, not the session),
whose an upload is, how uploads are removed, and the forward plan and briefing notes going
through it like every other importer."""

import csv
import datetime
import io
import os
from pathlib import Path

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from scrutineer.briefings.models import BriefingNote
from scrutineer.core import clock
from scrutineer.imports.pending import PENDING_DIR, pending_purge
from scrutineer.imports.views import SESSION_KEY
from scrutineer.programme.models import Disposition, ForwardPlanItem
from scrutineer.tracker.models import Item
from tests.committees.factories import CommitteeFactory
from tests.imports import wizard
from tests.performance.factories import FrameworkFactory, IndicatorFactory

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TRACKER = (FIXTURES / "corporate_os_tracker.txt").read_bytes()
BRIEFING = (FIXTURES / "briefing_note_cabinet.txt").read_bytes()


@pytest.fixture
def corporate_os(db):
    return CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee",
        short_name="CO&S",
        slug="corporate-os",
        remit="Corporate finance, budget and property",
    )


def stored():
    """The names of the files waiting in storage."""
    try:
        return sorted(default_storage.listdir(PENDING_DIR)[1])
    except FileNotFoundError:
        return []


def token_of(url):
    return url.rstrip("/").split("/")[-1]


# What the wizard offers


def test_the_start_page_offers_every_importer_and_asks_for_one(client, scrutiny_officer):
    client.force_login(scrutiny_officer)
    page = client.get(reverse("imports:start"))
    labels = [label for _, label in page.context["form"].fields["kind"].choices]
    assert labels == [
        "A committee's recommendations tracker",
        "The executive's forward plan",
        "Executive decisions",
        "A briefing note to Cabinet",
        "Performance figures and targets",
    ]
    refused = client.post(reverse("imports:start"), {})
    assert refused.status_code == 200
    assert "Select what you are importing" in refused.content.decode()
    chosen = client.post(reverse("imports:start"), {"kind": "briefing-note"})
    assert chosen["Location"] == reverse("imports:upload", args=["briefing-note"])


def test_an_unknown_kind_of_import_is_not_found(client, scrutiny_officer):
    client.force_login(scrutiny_officer)
    assert client.get(reverse("imports:upload", args=["minutes"])).status_code == 404


def test_the_upload_page_preselects_what_the_link_names(client, scrutiny_officer, corporate_os):
    framework = FrameworkFactory(name="Corporate Plan PMAF 2024/25")
    client.force_login(scrutiny_officer)
    url = reverse("imports:upload", args=["performance-figures"])
    page = client.get(url, {"framework": framework.pk})
    assert page.context["form"].initial == {"framework": str(framework.pk)}
    assert "Download the template for Corporate Plan PMAF 2024/25 (CSV)" in page.content.decode()
    page = client.get(reverse("imports:upload", args=["tracker"]), {"committee": corporate_os.pk})
    assert page.context["form"].initial == {"committee": str(corporate_os.pk)}


# Where the upload waits


def test_the_pending_file_is_kept_in_storage_not_in_the_session(
    client, scrutiny_officer, corporate_os
):
    client.force_login(scrutiny_officer)
    url = wizard.upload(client, "tracker", "tracker.txt", TRACKER, committee=corporate_os)[
        "Location"
    ]
    token = token_of(url)
    assert stored() == [token, f"{token}.json"]
    with default_storage.open(f"{PENDING_DIR}/{token}") as kept:
        assert kept.read() == TRACKER
    # The session holds the token and what it is, not the file (nor a copy of it in base64).
    session = client.session[SESSION_KEY]
    assert session == {"token": token, "kind": "tracker", "filename": "tracker.txt"}
    assert len(str(dict(client.session.items()))) < 1000
    client.post(url)
    assert Item.objects.count() == 14
    assert stored() == []  # removed once imported
    assert SESSION_KEY not in client.session


def test_a_new_upload_replaces_the_one_waiting(client, scrutiny_officer, corporate_os):
    client.force_login(scrutiny_officer)
    first = wizard.upload(client, "tracker", "a.txt", TRACKER, committee=corporate_os)
    second = wizard.upload(client, "tracker", "b.txt", TRACKER, committee=corporate_os)
    assert stored() == sorted(
        [token_of(second["Location"]), f"{token_of(second['Location'])}.json"]
    )
    assert client.get(first["Location"]).status_code == 404


def test_cancelling_removes_the_upload_and_imports_nothing(client, scrutiny_officer, corporate_os):
    client.force_login(scrutiny_officer)
    url = wizard.upload(client, "tracker", "tracker.txt", TRACKER, committee=corporate_os)[
        "Location"
    ]
    assert client.get(reverse("imports:cancel", args=[token_of(url)])).status_code == 405
    cancelled = client.post(reverse("imports:cancel", args=[token_of(url)]), follow=True)
    assert "tracker.txt was not imported and has been removed" in cancelled.content.decode()
    assert stored() == []
    assert Item.objects.count() == 0
    assert client.get(url).status_code == 404


def test_another_users_token_is_not_found(client, scrutiny_officer, user_with_role, corporate_os):
    from scrutineer.core.roles import Role

    client.force_login(scrutiny_officer)
    url = wizard.upload(
        client, "tracker", "t.csv", b"No,Meeting Date,Report Title\n", committee=corporate_os
    )["Location"]
    token = token_of(url)
    client.force_login(user_with_role(Role.SCRUTINY_OFFICER))
    for name in ("imports:preview", "imports:columns"):
        assert client.get(reverse(name, args=[token])).status_code == 404
        assert client.post(reverse(name, args=[token])).status_code == 404
    assert client.post(reverse("imports:cancel", args=[token])).status_code == 404
    assert len(stored()) == 2  # still there, for the one who uploaded it
    assert Item.objects.count() == 0


@pytest.mark.parametrize("token", ["..", "no-such-upload", "x" * 40, "..%2F..%2Fetc"])
def test_a_made_up_token_is_not_found(client, scrutiny_officer, token):
    client.force_login(scrutiny_officer)
    assert client.get(reverse("imports:preview", args=[token])).status_code == 404


def test_purge_removes_uploads_older_than_a_day(client, scrutiny_officer, corporate_os):
    client.force_login(scrutiny_officer)
    wizard.upload(client, "tracker", "tracker.txt", TRACKER, committee=corporate_os)
    assert len(stored()) == 2
    assert pending_purge(now=clock.now() + datetime.timedelta(hours=23)) == 0
    assert len(stored()) == 2
    assert pending_purge(now=clock.now() + datetime.timedelta(hours=25)) == 2
    assert stored() == []


def test_the_command_and_every_wizard_request_purge_old_uploads(
    client, scrutiny_officer, corporate_os, settings
):
    client.force_login(scrutiny_officer)
    url = wizard.upload(client, "tracker", "tracker.txt", TRACKER, committee=corporate_os)[
        "Location"
    ]
    day_old = (clock.now() - datetime.timedelta(days=1, minutes=1)).timestamp()
    for name in stored():
        os.utime(Path(settings.MEDIA_ROOT) / PENDING_DIR / name, (day_old, day_old))
    assert client.get(reverse("imports:start")).status_code == 200
    assert stored() == []
    assert client.get(url).status_code == 404
    wizard.upload(client, "tracker", "tracker.txt", TRACKER, committee=corporate_os)
    out = io.StringIO()
    call_command("purge_pending_imports", stdout=out)
    assert "Removed 0 pending upload files" in out.getvalue()
    assert len(stored()) == 2


# The forward plan through the wizard

PLAN_HEADERS = ["Title", "Decision maker", "Decision date", "Key decision", "Lead officer"]


def plan_csv(*rows):
    out = io.StringIO()
    csv.writer(out).writerows([PLAN_HEADERS, *rows])
    return out.getvalue().encode()


PLAN = plan_csv(
    ["Quarter 3 Revenue and Capital Budget Report", "Cabinet", "March 2025", "Yes", "Dawn Calvert"],
    ["Asset Disposal Report", "Cabinet", "12 March 2025", "yes", ""],
)


def test_the_forward_plan_is_previewed_then_imported(client, scrutiny_officer, corporate_os):
    client.force_login(scrutiny_officer)
    url = wizard.preview_url(client, "forward-plan", "plan.csv", PLAN, committee=corporate_os)
    preview = client.get(url)
    report = preview.context["report"]
    assert [(r.line, r.action, r.reference[0]) for r in report.rows] == [
        (2, "create", "Quarter 3 Revenue and Capital Budget Report"),
        (3, "create", "Asset Disposal Report"),
    ]
    assert "new officer “Dawn Calvert” recorded" in report.rows[0].details
    assert "Import 2 rows into Corporate Overview and Scrutiny Committee" in (
        preview.content.decode()
    )
    assert ForwardPlanItem.objects.count() == 0
    done = client.post(url, follow=True)
    assert done.redirect_chain[-1][0] == reverse("programme:forward_plan", args=["corporate-os"])
    assert "Imported plan.csv: 2 created, 0 updated, 0 unchanged." in done.content.decode()
    budget = ForwardPlanItem.objects.get(title__startswith="Quarter 3")
    assert (budget.decision_date_precision, budget.is_key_decision) == ("month", True)
    assert budget.lead_officer.name == "Dawn Calvert"
    assert Disposition.objects.filter(committee=corporate_os).count() == 2
    # The same file again changes nothing.
    again = client.get(
        wizard.preview_url(client, "forward-plan", "plan.csv", PLAN, committee=corporate_os)
    )
    assert {r.action for r in again.context["report"].rows} == {"unchanged"}


def test_a_bad_forward_plan_lists_its_problems_by_row_and_column(client, scrutiny_officer):
    client.force_login(scrutiny_officer)
    bad = plan_csv(["Devolution", "Cabinet", "Marchember", "perhaps", ""])
    url = wizard.preview_url(client, "forward-plan", "plan.csv", bad)
    page = client.get(url).content.decode()
    assert "plan.csv cannot be imported" in page
    assert "plan.csv, row 2, column “Decision date”: “Marchember” is not a date" in page
    assert "plan.csv, row 2, column “Key decision”: “perhaps” is not yes or no" in page
    assert client.post(url).status_code == 200
    assert ForwardPlanItem.objects.count() == 0


def test_a_forward_plan_changed_since_the_preview_is_previewed_again(
    client, scrutiny_officer, corporate_os
):
    from scrutineer.files.readers import read_forward_plan_file
    from scrutineer.programme.services.forward_plan import forward_plan_entries_import

    client.force_login(scrutiny_officer)
    url = wizard.preview_url(client, "forward-plan", "plan.csv", PLAN)
    forward_plan_entries_import(entries=read_forward_plan_file(PLAN, filename="plan.csv"))
    history = ForwardPlanItem.history.count()
    page = client.post(url, follow=True)
    assert "The records changed since this preview was made" in page.content.decode()
    assert {r.action for r in page.context["report"].rows} == {"unchanged"}
    assert ForwardPlanItem.history.count() == history


# A briefing note through the wizard


def test_a_briefing_note_is_previewed_then_imported(client, scrutiny_officer, corporate_os):
    client.force_login(scrutiny_officer)
    url = wizard.preview_url(client, "briefing-note", "note.txt", BRIEFING)
    preview = client.get(url)
    (row,) = preview.context["report"].rows
    assert row.action == "create"
    assert row.reference[1] == "Cabinet"
    assert "Import 1 row into Corporate Overview and Scrutiny Committee" in (
        preview.content.decode()
    )
    assert BriefingNote.objects.count() == 0
    done = client.post(url, follow=True)
    note = BriefingNote.objects.get()
    assert done.redirect_chain[-1][0] == note.get_absolute_url()
    assert "Members questioned the metric on agency staff spend" in done.content.decode()
    assert note.meeting.committee == corporate_os
    # The same note again changes nothing.
    again = client.get(wizard.preview_url(client, "briefing-note", "note.txt", BRIEFING))
    assert [r.action for r in again.context["report"].rows] == ["unchanged"]
    edited = BRIEFING.replace(b"agency staff spend", b"agency staffing spend")
    changed = client.get(wizard.preview_url(client, "briefing-note", "note.txt", edited))
    assert changed.context["report"].rows[0].details == [
        "changed comments, responses and recommendations"
    ]


def test_a_briefing_note_for_a_committee_not_recorded_is_refused(client, scrutiny_officer):
    client.force_login(scrutiny_officer)
    url = wizard.preview_url(client, "briefing-note", "note.txt", BRIEFING)
    page = client.get(url).content.decode()
    assert "note.txt cannot be imported" in page
    assert "No committee is called “Corporate Overview and Scrutiny Committee”" in page
    assert BriefingNote.objects.count() == 0


def test_a_briefing_note_must_be_text(client, scrutiny_officer):
    client.force_login(scrutiny_officer)
    response = wizard.upload(client, "briefing-note", "note.docx", b"PK")
    assert "The selected file must be a TXT file" in response.content.decode()


# Problems name the sheet of a workbook


def test_a_workbooks_problems_name_the_sheet(client, scrutiny_officer):
    framework = FrameworkFactory(name="Corporate Plan PMAF 2024/25")
    IndicatorFactory(framework=framework, code="CP01")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Q2 figures"
    sheet.append(["Indicator code", "Year", "Quarter", "Value"])
    sheet.append(["CP01", "2024/25", "Q7", "91"])
    data = io.BytesIO()
    book.save(data)
    client.force_login(scrutiny_officer)
    url = wizard.preview_url(
        client, "performance-figures", "q2.xlsx", data.getvalue(), framework=framework
    )
    page = client.get(url).content.decode()
    assert "q2.xlsx, sheet “Q2 figures”, row 2, column “Quarter”: “Q7” is not a quarter" in page
