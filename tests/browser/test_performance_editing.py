"""Issue 8: a performance manager edits an indicator, sets its targets, records and corrects
figures (quarterly and monthly) and keeps the milestones, outside the Django admin."""

from playwright.sync_api import Page, expect

from scrutineer.core.roles import Role
from scrutineer.performance.demo import performance_demo_load
from scrutineer.performance.models import Indicator, Measurement
from tests.browser.conftest import assert_accessible, fill_date, screenshot, sign_in


def check(page: Page, name: str) -> None:
    assert_accessible(page)
    screenshot(page, name)


def test_a_performance_manager_edits_an_indicator_and_records_a_figure(page, user_with_role):
    performance_demo_load()
    indicator = Indicator.objects.get(code="CP12")
    sign_in(page, user_with_role(Role.SCRUTINY_OFFICER).username)
    page.goto(indicator.get_absolute_url())

    page.get_by_role("link", name="Edit indicator").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit indicator")
    check(page, "performance-indicator-edit")
    page.get_by_label("Name", exact=True).fill("FOI requests answered on time")
    page.get_by_label("Tolerance", exact=True).fill("-1")
    page.get_by_role("button", name="Save indicator").click()
    expect(page.get_by_role("alert")).to_contain_text("The tolerance must be 0 or more")
    assert_accessible(page)
    page.get_by_label("Tolerance", exact=True).fill("3")
    page.get_by_role("button", name="Save indicator").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("FOI requests answered on time")

    page.get_by_role("link", name="Set targets").click()
    expect(page.get_by_role("table", name="Targets by year")).to_be_visible()
    check(page, "performance-targets")
    page.get_by_label("Financial year").select_option(label="2025/26")
    page.get_by_label("Annual target").fill("97")
    page.get_by_role("button", name="Save targets").click()
    expect(page.get_by_role("alert")).to_contain_text("CP12 targets for 2025/26 saved")

    page.get_by_role("link", name="Record a figure").click()
    expect(page.get_by_label("Quarter")).to_have_value("1")  # the quarter after the latest
    check(page, "performance-record-figure")
    page.get_by_label("Figure", exact=True).fill("80")
    page.get_by_role("button", name="Save figure").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("CP12 is red for 2025/26 Q1: enter the route to green")
    summary.get_by_role("link").click()
    expect(page.get_by_label("Route to green")).to_be_focused()
    check(page, "performance-record-figure-error")
    page.get_by_label("Route to green").fill("Two temporary officers clear the backlog by July.")
    page.get_by_role("button", name="Save figure").click()
    expect(page.get_by_role("alert")).to_contain_text("CP12 2025/26 Q1 figure saved")
    assert Measurement.objects.get(indicator=indicator, year=2025).approved is False

    page.get_by_role("link", name="Correct the 2024/25 Q4 figure").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Correct the 2024/25 Q4 figure")
    expect(page.get_by_text("Saving a change withdraws the approval")).to_be_visible()
    check(page, "performance-correct-figure")
    page.get_by_label("Commentary").fill("Corrected after the annual data check.")
    page.get_by_role("button", name="Save figure").click()
    expect(page.get_by_role("alert")).to_contain_text("not public until it is approved")
    q4 = Measurement.objects.get(indicator=indicator, year=2024, quarter=4)
    assert (q4.approved, q4.commentary) == (False, "Corrected after the annual data check.")


def test_a_monthly_indicator_and_the_milestones_are_kept_on_their_pages(page, user_with_role):
    framework = performance_demo_load()
    monthly = Indicator.objects.get(code="CP15")
    sign_in(page, user_with_role(Role.ADMINISTRATOR).username)
    page.goto(monthly.get_absolute_url())
    expect(page.get_by_role("table", name="Figures by month")).to_be_visible()
    expect(page.get_by_role("img", name="Trend chart: CP15")).to_be_visible()
    check(page, "performance-monthly-indicator")

    page.get_by_role("link", name="Record a figure").click()
    expect(page.get_by_label("Month", exact=True)).to_have_value("1")  # April, after March
    expect(page.get_by_label("Financial year")).to_have_value("2025")
    check(page, "performance-record-monthly-figure")
    page.get_by_label("Figure", exact=True).fill("11.2")
    page.get_by_role("button", name="Save figure").click()
    expect(page.get_by_role("alert")).to_contain_text("CP15 April 2025 figure saved")
    expect(page.get_by_role("row", name="April 2025")).to_contain_text("Unapproved")

    page.goto(f"/performance/?framework={framework.pk}")
    page.get_by_role("link", name="Add an indicator").click()
    page.get_by_role("button", name="Add indicator").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the indicator's code")
    check(page, "performance-indicator-create")

    page.goto(f"/performance/milestones/?framework={framework.pk}")
    page.get_by_role("link", name="Add a milestone").click()
    check(page, "performance-milestone-create")
    page.get_by_label("Milestone", exact=True).fill("Customer strategy adopted")
    page.get_by_label("Directorate").fill("Resources")
    fill_date(page, "Planned date", "2025-09-30")
    page.get_by_role("button", name="Add milestone").click()
    expect(page.get_by_role("alert")).to_contain_text("Customer strategy adopted")

    page.get_by_role("link", name="Edit Town-centre masterplan adopted").click()
    check(page, "performance-milestone-edit")
    page.get_by_label("Complete").check()
    page.get_by_role("button", name="Save milestone").click()
    expect(page.get_by_role("alert")).to_contain_text("enter the actual date")
    assert_accessible(page)
    fill_date(page, "Actual date (optional)", "2025-04-14")
    page.get_by_role("button", name="Save milestone").click()
    row = page.get_by_role("row", name="Town-centre masterplan adopted")
    expect(row).to_contain_text("Complete")
    expect(row).to_contain_text("14 Apr 2025")
