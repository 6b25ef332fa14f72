"""Closure agreed by the committee (issue 20), in a real browser with axe on every page: an
officer proposes closure in an update, the list for the committee's next meeting shows it, a
member comments, the scrutiny officer records the committee's decision and the
recommendation closes with that meeting; then the meeting's recommendations go to the
executive in one step."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from scrutineer.core.models import Person
from scrutineer.core.roles import Role
from tests.browser.conftest import assert_accessible, check_both_widths, fill_date, sign_in
from tests.committees.factories import (
    CommitteeFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)
from tests.tracker.factories import ItemFactory, RecommendationFactory


@pytest.fixture
def corporate_os(db):
    return CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee", short_name="CO&S", slug="corporate-os"
    )


def test_a_closure_proposed_commented_on_and_agreed_at_the_meeting(
    page, corporate_os, user_with_role
):
    today = timezone.localdate()
    made = MeetingFactory(committee=corporate_os, date=datetime.date(2025, 3, 18))
    meeting = MeetingFactory(committee=corporate_os, date=today)
    item = ItemFactory(meeting=made, report_title="2025/26 Budget Savings Proposals")
    scrutiny = user_with_role(Role.SCRUTINY_OFFICER, first_name="Lucy", last_name="Smith")
    officer = user_with_role(Role.OFFICER, first_name="Sarah", last_name="Brown")
    sarah = PersonFactory(name="Sarah Brown", user=officer)
    member = user_with_role(Role.MEMBER, first_name="Ada", last_name="Okafor")
    ada = PersonFactory(name="Cllr Ada Okafor", kind=Person.Kind.COUNCILLOR, user=member)
    MembershipFactory(committee=corporate_os, person=ada)
    rec = RecommendationFactory(
        item=item, text="Present a report on progress with the savings plan.", assignees=[sarah]
    )
    RecommendationFactory(item=item, text="Noted the savings proposals.", kind="noting")

    # The officer proposes closure in a progress update.
    sign_in(page, officer.username)
    page.goto(rec.get_absolute_url())
    page.get_by_role("link", name="Update progress").click()
    page.get_by_label("Progress update").fill("The report was presented to Cabinet in March.")
    page.get_by_label("Propose closing this recommendation").check()
    page.get_by_role("button", name="Save progress").click()
    expect(page.get_by_role("alert")).to_contain_text("closure proposed to the committee")
    page.get_by_role("button", name="Sign out").click()

    # A member of the committee finds it on the list for the next meeting, and comments.
    sign_in(page, member.username)
    page.goto(corporate_os.get_absolute_url())
    page.get_by_role("link", name="Proposed for closure at the next meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Recommendations proposed for closure"
    )
    expect(page.get_by_text("The report was presented to Cabinet in March.")).to_be_visible()
    expect(page.get_by_text("Noted the savings proposals.")).to_have_count(0)
    check_both_widths(page, "closures-list")
    page.get_by_role("link", name=f"Comment on the closure of {rec.reference}").click()
    page.get_by_role("button", name="Save comment").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter your comment")
    check_both_widths(page, "closure-comment")
    page.get_by_label("Your comment").fill("Was the report shared with all members?")
    page.get_by_role("button", name="Save comment").click()
    expect(page.get_by_role("alert")).to_contain_text("Your comment")
    expect(page.get_by_text("Was the report shared with all members?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Printable version").click()
    expect(page.get_by_text("Present a report on progress with the savings plan.")).to_be_visible()
    expect(page.get_by_text("Was the report shared with all members?")).to_have_count(0)
    check_both_widths(page, "closures-print")
    page.get_by_role("button", name="Sign out").click()

    # After the meeting, the scrutiny officer records the committee's decision.
    sign_in(page, scrutiny.username)
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Recommendations proposed for closure at this meeting").click()
    page.get_by_role("link", name="Record the committee's decisions").click()
    page.get_by_role("button", name="Save the decisions").click()
    expect(page.get_by_role("alert")).to_contain_text("Select the committee's decision")
    check_both_widths(page, "closure-decisions")
    page.get_by_label("Closure agreed").check()
    page.get_by_role("button", name="Save the decisions").click()
    expect(page.get_by_role("alert")).to_contain_text("1 closed")
    expect(page.get_by_role("heading", name="Decided at this meeting")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=rec.reference).click()
    expect(page.get_by_text(f"agreed at the meeting of {today:%-d %B %Y}")).to_be_visible()
    expect(page.get_by_text("The report was presented to Cabinet in March.").first).to_be_visible()
    expect(page.get_by_text("Was the report shared with all members?")).to_be_visible()
    expect(page.get_by_text("Closure agreed by the committee at its meeting of")).to_be_visible()
    check_both_widths(page, "recommendation-closed-at-meeting")

    # Every recommendation of the meeting that made it goes to the executive in one step.
    page.goto(made.get_absolute_url())
    page.get_by_role("link", name="Send the recommendations to the executive").click()
    expect(page.get_by_text("Left out: 1 noting")).to_be_visible()
    check_both_widths(page, "meeting-send")
    fill_date(page, "Date sent", "2025-03-20")
    page.get_by_role("button", name="Send 1 recommendation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("1 recommendation sent to Cabinet")
    check_both_widths(page, "meeting-sent")
