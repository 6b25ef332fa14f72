"""The import wizard, page by page as a scrutiny officer goes through it: each page is
checked by axe at 1280 px and again at 320 px, where it must not scroll sideways."""

import re
from pathlib import Path

from playwright.sync_api import expect

from scrutineer.core.roles import Role
from scrutineer.imports.demo import demo_load_all
from scrutineer.imports.tasks import APPLY, PREVIEW, import_upload, preview_import
from scrutineer.jobs.models import Job
from scrutineer.tracker.models import Item
from tests.browser.conftest import assert_accessible, check_both_widths, screenshot, sign_in
from tests.committees.factories import CommitteeFactory
from tests.tracker.factories import ItemFactory

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_upload_preview_and_import_the_seed_tracker(page, user_with_role, tmp_path):
    CommitteeFactory(name="Corporate Overview and Scrutiny Committee", short_name="CO&S")
    sign_in(page, user_with_role(Role.SCRUTINY_OFFICER).username)
    page.get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import records from a file")
    check_both_widths(page, "import-start")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("Select what you are importing")
    check_both_widths(page, "import-start-error")
    page.get_by_label("A committee's recommendations tracker").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a tracker")
    check_both_widths(page, "import-upload")
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("alert")).to_contain_text("Select a tracker file")
    check_both_widths(page, "import-upload-error")

    bad = tmp_path / "tracker.txt"
    bad.write_bytes(
        (FIXTURES / "corporate_os_tracker.txt")
        .read_bytes()
        .replace(b"17 Sept 2024", b"31 Sept 2024", 1)
    )
    page.get_by_label("Committee").select_option(label="Corporate Overview and Scrutiny Committee")
    page.get_by_label("Tracker file").set_input_files(str(bad))
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("alert")).to_contain_text("row 8, column “Meeting Date”")
    check_both_widths(page, "import-problems")

    page.get_by_role("link", name="Upload the file again").click()
    expect(page.get_by_label("Committee")).to_have_value(re.compile(r"\d+"))
    page.get_by_label("Tracker file").set_input_files(str(FIXTURES / "corporate_os_tracker.txt"))
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check the import")
    check_both_widths(page, "import-preview")
    page.get_by_role("button", name="Import 14 rows").click()
    expect(page.get_by_role("alert")).to_contain_text("14 items created")
    expect(page.get_by_role("status").filter(has_text="in 14 items")).to_contain_text(
        "27 recommendations (1 open) in 14 items"
    )
    assert_accessible(page)


def test_a_large_tracker_is_checked_and_imported_by_a_worker_on_progress_pages(
    page, user_with_role, settings
):
    # The seed's 14 items count as a large upload; its jobs wait until the test runs them.
    settings.SCRUTINEER_IMPORT_AT_ONCE_ROWS = 3
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    committee = CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee", short_name="CO&S"
    )
    sign_in(page, user_with_role(Role.SCRUTINY_OFFICER).username)
    page.goto("/imports/tracker/")
    page.get_by_label("Committee").select_option(label="Corporate Overview and Scrutiny Committee")
    page.get_by_label("Tracker file").set_input_files(str(FIXTURES / "corporate_os_tracker.txt"))
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your file is being checked")
    expect(page.get_by_role("status")).to_have_text("Waiting for a free worker to start it.")
    check_both_widths(page, "import-job-checking")

    # A worker works the preview out; the page notices and goes on to the preview.
    preview_import.call(str(Job.objects.get(kind=PREVIEW).pk))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check the import of corporate_os_tracker.txt", timeout=10_000
    )
    page.get_by_role("button", name="Import 14 rows").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your file is being imported")
    check_both_widths(page, "import-job-importing")

    # Someone records an item before a worker is free: nothing is imported, and it says why.
    ItemFactory(meeting__committee=committee, number=1, report_title="Recorded meanwhile")
    import_upload.call(str(Job.objects.get(kind=APPLY).pk))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your file could not be imported", timeout=10_000
    )
    expect(page.get_by_text("The records changed since this preview was made")).to_be_visible()
    check_both_widths(page, "import-job-failed")
    page.get_by_role("link", name="Go back and try again").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check the import")
    page.get_by_role("button", name="Import 14 rows").click()
    importing = Job.objects.filter(kind=APPLY).order_by("-requested_at").first()
    import_upload.call(str(importing.pk))
    expect(page.get_by_role("alert")).to_contain_text("13 items created, 1 updated", timeout=10_000)
    assert_accessible(page)
    screenshot(page, "import-job-imported")
    assert Item.objects.count() == 14


SPREADSHEET = (
    b"No,Meeting Date,Report Title,O&S recommendations,Open / Closed,Assigned to,"
    b"Lead officer,Target date\n"
    b"1,17/09/2024,Parks,1. Review the parks,Open,O&S Officers,Sarah Brown,01/02/2025\n"
)


def test_a_spreadsheets_columns_are_mapped_and_an_upload_can_be_cancelled(
    page, user_with_role, tmp_path
):
    CommitteeFactory(name="Corporate Overview and Scrutiny Committee", short_name="CO&S")
    sign_in(page, user_with_role(Role.SCRUTINY_OFFICER).username)
    tracker_csv = tmp_path / "tracker.csv"
    tracker_csv.write_bytes(SPREADSHEET)
    page.goto("/imports/tracker/")
    page.get_by_label("Committee").select_option(label="Corporate Overview and Scrutiny Committee")
    page.get_by_label("Tracker file").set_input_files(str(tracker_csv))
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Which column holds what in tracker.csv"
    )
    expect(page.get_by_label("Column 7: “Lead officer”")).to_have_value("lead_officer")
    expect(page.get_by_text("For example, “Sarah Brown”")).to_be_visible()
    check_both_widths(page, "import-columns")
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check the import")
    page.get_by_role("button", name="Cancel the import").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "tracker.csv was not imported and has been removed"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a tracker")
    check_both_widths(page, "import-cancelled")
    assert not Item.objects.exists()


def test_a_briefing_note_is_imported_through_the_wizard(page, user_with_role):
    CommitteeFactory(name="Corporate Overview and Scrutiny Committee", short_name="CO&S")
    sign_in(page, user_with_role(Role.SCRUTINY_OFFICER).username)
    page.goto("/imports/")
    page.get_by_label("A briefing note to Cabinet").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Briefing note file").set_input_files(
        str(FIXTURES / "briefing_note_cabinet.txt")
    )
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("table", name="Briefing note")).to_contain_text("Cabinet")
    check_both_widths(page, "import-briefing-preview")
    page.get_by_role("button", name="Import 1 row").click()
    expect(page.get_by_text("Members questioned the metric on agency staff spend")).to_be_visible()
    assert_accessible(page)


def test_briefing_notes_from_the_demo_data(page, db):
    demo_load_all(only_if_empty=False)
    page.goto("/")
    page.get_by_role("link", name="Briefing notes").click()
    assert_accessible(page)
    page.get_by_role("link", name="Corporate Plan Performance Management").click()
    expect(page.get_by_text("Members questioned the metric on agency staff spend")).to_be_visible()
    expect(page.get_by_role("link", name="lucy.smith@thurrock.gov.uk")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "briefing-note")
