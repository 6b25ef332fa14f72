"""Issue 8's journey: from the quarter's dashboard to a recommendation on a red indicator."""

from playwright.sync_api import expect

from scrutineer.core.roles import Role
from scrutineer.performance.demo import performance_demo_load
from scrutineer.performance.models import IndicatorReference
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.committees.factories import CommitteeFactory, MeetingFactory


def test_a_scrutiny_officer_raises_a_recommendation_from_a_red_indicator(page, user_with_role):
    performance_demo_load()
    committee = CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee", short_name="CO&S", slug="corporate-os"
    )
    MeetingFactory(committee=committee)
    scrutiny = user_with_role(Role.SCRUTINY_OFFICER)

    sign_in(page, scrutiny.username)
    page.get_by_role("link", name="Performance").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Corporate performance: 2024/25 Q4")
    assert_accessible(page)
    screenshot(page, "performance-dashboard")

    page.get_by_label("Directorate", exact=True).select_option("Resources")
    page.get_by_role("button", name="Apply filters").click()
    red = page.get_by_role("table", name="Red indicators")
    expect(red.get_by_role("link", name="CP05")).to_have_count(0)  # Children's Services
    assert_accessible(page)
    red.get_by_role("link", name="CP02 Average contact-centre answer time").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Average contact-centre answer time")
    expect(page.get_by_role("img", name="Trend chart: CP02")).to_be_visible()
    expect(page.get_by_role("table", name="Figures by quarter")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "performance-indicator")

    page.get_by_role("link", name="Raise a recommendation").click()
    page.get_by_role("button", name="Raise recommendation").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the recommendation")
    assert_accessible(page)
    page.get_by_label("Meeting").select_option(index=1)
    page.get_by_label("Recommendation", exact=True).fill(
        "Report to the next meeting on the plan to bring answer times back to target."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Raise recommendation").click()
    expect(page.get_by_role("alert")).to_contain_text("raised from CP02")
    expect(page.get_by_role("link", name="CO&S 24/25-01")).to_be_visible()
    assert_accessible(page)
    assert IndicatorReference.objects.get().indicator.code == "CP02"

    page.get_by_role("link", name="Corporate Plan PMAF (sample data)").click()
    page.get_by_role("link", name="Ambition check").click()
    low_targets = page.get_by_role("table", name="Targets at or below last year's outturn (3)")
    expect(low_targets).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Milestones").click()
    expect(page.get_by_text("Operating model: new corporate structure in place")).to_be_visible()
    assert_accessible(page)
