"""Another council's tracker through the wizard (issue #18): a workbook with merged cells and
two sheets, its columns recognised, its preview showing what will be stored and what to
check, its status words explained; each page checked by axe at 1280 and 320 px."""

from playwright.sync_api import expect

from scrutineer.core.roles import Role
from scrutineer.tracker.models import Recommendation
from tests.browser.conftest import check_both_widths, sign_in
from tests.committees.factories import CommitteeFactory
from tests.files import layouts


def test_a_workbook_of_another_layout_is_previewed_and_imported(page, user_with_role, tmp_path):
    CommitteeFactory(name="Full Council", short_name="FC")
    sign_in(page, user_with_role(Role.SCRUTINY_OFFICER).username)
    workbook = tmp_path / "actions.xlsx"
    workbook.write_bytes(layouts.actions_workbook_xlsx())
    page.goto("/imports/tracker/")
    page.get_by_label("Committee").select_option(label="Full Council")
    page.get_by_label("Tracker file").set_input_files(str(workbook))
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Which column holds what in actions.xlsx"
    )
    # Both sheets' columns, each once, recognised by meaning.
    expect(page.get_by_label("Column 2: “Resolution”")).to_have_value("recommendations")
    expect(page.get_by_label("Column 11: “Progress”")).to_have_value("progress")
    check_both_widths(page, "import-layout-columns")
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check the import")
    expect(page.get_by_text("The file's status words")).to_be_visible()
    expect(page.get_by_role("cell", name="2022-23, row 4")).to_be_visible()
    expect(page.get_by_text("title made from the first recommendation").first).to_be_visible()
    check_both_widths(page, "import-layout-preview")
    page.get_by_role("link", name="Change what the status words mean").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "What the status words in actions.xlsx mean"
    )
    check_both_widths(page, "import-layout-statuses")
    page.get_by_role("button", name="Preview the import again").click()
    page.get_by_role("button", name="Import 4 rows").click()
    expect(page.get_by_role("alert")).to_contain_text("4 items created")
    assert Recommendation.objects.count() == 4


def test_the_preview_of_rows_of_recommendations_warns_of_what_to_check(
    page, user_with_role, tmp_path
):
    CommitteeFactory(name="Scrutiny Committee", short_name="SC")
    sign_in(page, user_with_role(Role.SCRUTINY_OFFICER).username)
    workbook = tmp_path / "recs.xlsx"
    workbook.write_bytes(layouts.recommendation_rows_xlsx())
    page.goto("/imports/tracker/")
    page.get_by_label("Committee").select_option(label="Scrutiny Committee")
    page.get_by_label("Tracker file").set_input_files(str(workbook))
    page.get_by_role("button", name="Preview the import").click()
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_text("Check 5 things before importing")).to_be_visible()
    expect(
        page.get_by_text("title made from the area (the file has no title column)").first
    ).to_be_visible()
    check_both_widths(page, "import-layout-warnings")
