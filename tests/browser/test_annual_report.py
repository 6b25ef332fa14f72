"""The annual scrutiny report in the browser: the scrutiny officer tells an impact story, the
public reads the year's report (charts with their tables, at 1280 and 320 px) and downloads
it."""

from playwright.sync_api import expect

from scrutineer.core.roles import Role
from scrutineer.imports.demo import demo_load_all
from scrutineer.tracker.models import Recommendation
from tests.browser.conftest import check_both_widths, sign_in


def test_an_impact_story_is_told_and_the_public_reads_the_report(page, user_with_role):
    demo_load_all(only_if_empty=False)
    rec = Recommendation.objects.get(reference="CO&S 24/25-03")
    sign_in(page, user_with_role(Role.SCRUTINY_OFFICER).username)
    page.goto("/tracker/annual-report/?year=2024&committee=corporate-os")
    page.get_by_role("link", name="Choose the impact stories of 2024/25").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Impact stories, 2024/25")
    page.get_by_role("button", name="Add impact story").click()  # nothing filled in
    expect(page.get_by_role("alert")).to_contain_text("Enter the recommendation reference")
    check_both_widths(page, "impact-stories-error")
    page.get_by_label("Recommendation reference").fill(rec.reference)
    page.get_by_label("What came of it").fill("Every letter now uses one plain-English template.")
    page.get_by_role("button", name="Add impact story").click()
    expect(
        page.get_by_text(f"{rec.reference} added to the impact stories of 2024/25.")
    ).to_be_visible()
    check_both_widths(page, "impact-stories")
    page.get_by_role("link", name="Back to the annual report").click()
    check_both_widths(page, "annual-report-council")

    page.context.clear_cookies()
    page.goto("/tracker/")
    page.get_by_role("link", name="The annual scrutiny report").click()
    page.get_by_label("Municipal year", exact=True).select_option(label="2024/25")
    page.get_by_label("Committee", exact=True).select_option(
        label="Corporate Overview and Scrutiny Committee"
    )
    page.get_by_role("button", name="Show report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Annual scrutiny report 2024/25: Corporate Overview and Scrutiny Committee"
    )
    expect(page.get_by_role("img", name="Where the 2024/25 recommendations stand")).to_be_visible()
    figures = page.get_by_role("table", name="Where the 2024/25 recommendations stand: the figures")
    expect(figures.get_by_role("row", name="Made 27")).to_be_visible()
    expect(figures.get_by_role("row", name="Closed 26")).to_be_visible()
    expect(page.get_by_text("Every letter now uses one plain-English template.")).to_be_visible()
    check_both_widths(page, "annual-report-public")
    with page.expect_download() as info:
        page.get_by_role("link", name="PDF of the annual scrutiny report 2024/25").click()
    download = info.value
    assert download.suggested_filename == "annual-scrutiny-report-2024-25-corporate-os.pdf"
    assert download.path().stat().st_size > 5000
