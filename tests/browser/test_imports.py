from pathlib import Path

from playwright.sync_api import expect

from scrutineer.core.roles import Role
from scrutineer.imports.demo import demo_load_all
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.committees.factories import CommitteeFactory

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_upload_preview_and_import_the_seed_tracker(page, user_with_role, tmp_path):
    CommitteeFactory(name="Corporate Overview and Scrutiny Committee", short_name="CO&S")
    sign_in(page, user_with_role(Role.SCRUTINY_OFFICER).username)
    page.get_by_role("link", name="Import").click()
    assert_accessible(page)
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("alert")).to_contain_text("Select a tracker file")
    assert_accessible(page)

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
    assert_accessible(page)

    page.get_by_role("link", name="Upload the file again").click()
    page.get_by_label("Committee").select_option(label="Corporate Overview and Scrutiny Committee")
    page.get_by_label("Tracker file").set_input_files(str(FIXTURES / "corporate_os_tracker.txt"))
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check the import")
    assert_accessible(page)
    screenshot(page, "import-preview")
    page.get_by_role("button", name="Import 14 rows").click()
    expect(page.get_by_role("alert")).to_contain_text("14 items created")
    expect(page.get_by_text("14 items", exact=True)).to_be_visible()
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
