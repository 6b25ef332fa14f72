"""The tracker journeys of issue 3, each role in a real browser, every page checked by axe."""

import pytest
from playwright.sync_api import expect

from scrutineer.committees.models import Committee
from scrutineer.core.models import Person
from scrutineer.core.roles import Role
from scrutineer.imports.demo import demo_load_all
from tests.browser.conftest import assert_accessible, fill_date, screenshot, sign_in
from tests.committees.factories import CommitteeFactory, MeetingFactory, PersonFactory
from tests.tracker.factories import ExemptItemFactory, ItemFactory, RecommendationFactory


@pytest.fixture
def corporate_os(db):
    return CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee", short_name="CO&S", slug="corporate-os"
    )


def test_from_meeting_to_closure_by_scrutiny_officer_and_assigned_officer(
    page, corporate_os, user_with_role
):
    scrutiny = user_with_role(Role.SCRUTINY_OFFICER, first_name="Lucy", last_name="Smith")
    officer = user_with_role(Role.OFFICER, first_name="Sarah", last_name="Brown")
    PersonFactory(name="Sarah Brown", user=officer, directorate="Resources")
    PersonFactory(name="O&S Officers", kind=Person.Kind.TEAM)

    # The scrutiny officer records a meeting, an item and two recommendations.
    sign_in(page, scrutiny.username)
    page.goto(f"/tracker/committees/{corporate_os.slug}/")
    assert_accessible(page)
    page.get_by_role("link", name="Record a meeting").click()
    page.get_by_role("button", name="Save meeting").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the date of the meeting")
    assert_accessible(page)
    fill_date(page, "Date of the meeting", "2025-03-18")
    page.get_by_label("Venue").fill("Council Chamber")
    page.get_by_role("button", name="Save meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meeting of 18 March 2025")
    assert_accessible(page)

    page.get_by_role("link", name="Add an item").click()
    page.get_by_label("Report title").fill("2025/26 Budget Savings Proposals")
    page.get_by_label("Summary of the discussion").fill(
        "The Committee reviewed the savings.\n\nMembers asked about delivery risk."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Save item").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2025/26 Budget Savings Proposals")

    for text, assignee in [
        ("Present a report on progress with the savings plan.", "Sarah Brown"),
        ("Add the quarterly finance reports to the work programme.", "O&S Officers"),
    ]:
        page.get_by_role("link", name="Add a recommendation").click()
        page.get_by_label("Recommendation", exact=True).fill(text)
        page.get_by_label("Action").check()
        page.get_by_label(assignee).check()
        assert_accessible(page)
        page.get_by_role("button", name="Save recommendation").click()
    expect(page.get_by_role("heading", name="2. CO&S 24/25-02")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "item")
    page.get_by_role("button", name="Sign out").click()

    # The assigned officer sees it in My actions, posts progress and proposes closure.
    sign_in(page, officer.username)
    page.get_by_role("link", name="My actions").click()
    expect(page.get_by_role("link", name="CO&S 24/25-01", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="CO&S 24/25-02", exact=True)).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "my-actions")
    page.get_by_role("link", name="Update progress on CO&S 24/25-01").click()
    page.get_by_label("Progress update").fill("The report was presented to Cabinet in March.")
    page.get_by_label("Propose closing this recommendation").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save progress").click()
    expect(page.get_by_role("alert")).to_contain_text("closure proposed")
    expect(page.get_by_text("Closure proposed").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    # The scrutiny officer confirms the closure the committee agreed.
    sign_in(page, scrutiny.username)
    page.goto(f"/tracker/committees/{corporate_os.slug}/")
    page.get_by_role("link", name="Present a report on progress").click()
    page.get_by_role("link", name="Close recommendation").click()
    page.get_by_label("Meeting at which the committee agreed").select_option(index=1)
    page.get_by_label("Reason for closing").fill("Report received by the committee.")
    assert_accessible(page)
    page.get_by_role("button", name="Close recommendation").click()
    expect(page.get_by_role("alert")).to_contain_text("CO&S 24/25-01 closed")
    expect(page.get_by_text("agreed at the meeting of 18 March 2025")).to_be_visible()
    expect(page.get_by_role("heading", name="History of changes")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "recommendation")


def test_the_public_sees_the_result_but_not_an_exempt_item(page, corporate_os):
    meeting = MeetingFactory(committee=corporate_os)
    item = ItemFactory(meeting=meeting, report_title="Digital and Customer Progress Update")
    RecommendationFactory(item=item, text="Agreed time frames and milestones")
    secret = ExemptItemFactory(meeting=meeting, report_title="Sale of the civic offices")
    page.goto("/committees/")
    assert_accessible(page)
    page.get_by_role("link", name=corporate_os.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(corporate_os.name)
    assert_accessible(page)
    page.goto("/tracker/")
    assert_accessible(page)
    page.get_by_role("link", name=corporate_os.name).click()
    expect(page.get_by_role("link", name="Digital and Customer Progress Update")).to_be_visible()
    expect(page.get_by_text("Sale of the civic offices")).to_have_count(0)
    assert_accessible(page)
    response = page.goto(f"/tracker/items/{secret.pk}/")
    assert response is not None
    assert response.status == 404
    page.console_errors.clear()
    page.goto(f"/tracker/items/{item.pk}/")
    expect(page.get_by_role("heading", name="History of changes")).to_have_count(0)
    assert_accessible(page)


def test_the_seed_tracker_in_the_browser(page, db):
    demo_load_all(only_if_empty=False)
    committee = Committee.objects.get(slug="corporate-os")
    page.goto(f"/tracker/committees/{committee.slug}/")
    expect(
        page.get_by_role("link", name="Q1 Forecast Revenue and Capital Outturn Report")
    ).to_be_visible()
    # The seed's 14 rows, and the demo's one labelled sample item with open work.
    expect(page.get_by_text("15 items")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "tracker")
    page.get_by_label("Search").fill("quarterly finance")
    page.get_by_role("button", name="Apply filters").click()
    expect(
        page.get_by_role("link", name="Q1 Forecast Revenue and Capital Outturn Report")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Cabinet forward plan: items for this committee").click()
    expect(page.get_by_role("cell", name="Corporate Risk Register")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/tracker/committees/{committee.slug}/as-at/")
    fill_date(page, "Show the tracker as it stood", "2020-01-01")
    page.get_by_role("button", name="Show the tracker").click()
    expect(page.get_by_text("The tracker had no items on that date.")).to_be_visible()
    assert_accessible(page)
