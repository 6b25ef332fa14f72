"""The public downloads the quarter's performance report from the dashboard."""

from playwright.sync_api import expect

from scrutineer.performance.demo import performance_demo_load
from tests.browser.conftest import assert_accessible


def test_the_public_downloads_the_filtered_report_as_word_and_pdf(page):
    performance_demo_load()
    page.goto("/performance/")
    # Two of the demo's 2024/25 Q4 figures wait for approval: the public dashboard opens on
    # the latest quarter whose figures are all approved, and Q4 can still be chosen.
    expect(page.get_by_label("Quarter", exact=True)).to_have_value("2024-3")
    page.get_by_label("Quarter", exact=True).select_option(label="2024/25 Q4")
    page.get_by_label("Directorate", exact=True).select_option("Resources")
    page.get_by_role("button", name="Apply filters").click()
    expect(
        page.get_by_role("heading", name="Download this report (with these filters)")
    ).to_be_visible()
    assert_accessible(page)
    for label, extension in (("Word", "docx"), ("PDF", "pdf")):
        with page.expect_download() as info:
            page.get_by_role("link", name=f"{label} ({extension.upper()}, 2024/25 Q4)").click()
        download = info.value
        assert download.suggested_filename == (
            f"performance-report-corporate-plan-pmaf-sample-data-2024-25-q4.{extension}"
        )
        assert download.path().stat().st_size > 5000
