import datetime

from playwright.sync_api import expect

from scrutineer.core.roles import Role
from scrutineer.tracker import services
from tests.browser.conftest import assert_accessible, fill_date, screenshot, sign_in
from tests.committees.factories import MeetingFactory
from tests.tracker.factories import ItemFactory, RecommendationFactory


def test_issue_a_briefing_note_record_cabinets_response_and_see_the_dashboard(page, user_with_role):
    scrutiny = user_with_role(Role.SCRUTINY_OFFICER, first_name="Lucy", last_name="Smith")
    item = ItemFactory(
        meeting=MeetingFactory(date=datetime.date(2025, 3, 18)),
        report_title="Quarter 3 Corporate Performance Report",
    )
    rec = RecommendationFactory(item=item, text="Cabinet to review the PMAF metrics.")
    services.recommendation_send_to_executive(
        recommendation=rec, sent_on=datetime.date(2025, 3, 20)
    )
    sign_in(page, scrutiny.username)
    page.get_by_role("link", name="Overdue").click()
    expect(page.get_by_role("link", name=rec.reference)).to_be_visible()
    assert_accessible(page)

    page.goto(item.get_absolute_url())
    page.get_by_role("link", name="Write a briefing note").click()
    assert_accessible(page)
    page.get_by_role("button", name="Create the draft").click()
    expect(page.get_by_text("Draft: not yet issued")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add a comment").click()
    page.get_by_label("Comment or question 1.1.1").fill("Members questioned the agency spend.")
    page.get_by_role("button", name="Add comment").click()
    page.get_by_role("link", name="Add an officer response to 1.1.1").click()
    page.get_by_label("Officer response").fill("Officers explained the campaign to reduce it.")
    assert_accessible(page)
    page.get_by_role("button", name="Add response").click()
    page.get_by_role("link", name="Issue the note").click()
    fill_date(page, "Date issued", "2025-03-21")
    assert_accessible(page)
    page.get_by_role("button", name="Issue the note").click()
    expect(page.get_by_text("to Cabinet on 21 March 2025")).to_be_visible()
    expect(page.get_by_role("link", name="Add a comment")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "briefing-issued")

    page.goto(rec.get_absolute_url())
    expect(page.get_by_text("Response overdue")).to_be_visible()
    page.get_by_role("link", name="Record the response").click()
    page.get_by_label("Partly accepted").check()
    fill_date(page, "Date of the response", "2025-06-02")
    page.get_by_label("Reasons").fill("The metrics will be refreshed for 2025/26.")
    assert_accessible(page)
    page.get_by_role("button", name="Save response").click()
    expect(page.get_by_text("Partly accepted on 2 June 2025")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Overdue").click()
    expect(page.get_by_role("link", name=rec.reference)).to_have_count(0)
    assert_accessible(page)
