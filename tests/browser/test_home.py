import shutil

import pytest
from playwright.sync_api import Page, expect

from scrutineer.core import clock
from scrutineer.core.roles import Role
from tests.browser.conftest import (
    ROOT,
    SCREENSHOTS,
    assert_accessible,
    check_both_widths,
    screenshot,
    sign_in,
)
from tests.home import scenario


def test_sign_in_then_see_the_home_page_with_no_accessibility_violations(page, user_with_role):
    user = user_with_role(Role.SCRUTINY_OFFICER, first_name="Lucy", last_name="Smith")
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview and Scrutiny")
    assert_accessible(page)

    page.get_by_role("link", name="Sign in").first.click()
    expect(page).to_have_title("Sign in \N{EN DASH} Scrutineer \N{EN DASH} Thurrock Council")
    assert_accessible(page)
    sign_in(page, user.username)

    expect(page.get_by_text("You are signed in as")).to_contain_text("Lucy Smith")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert page.evaluate("() => document.body.classList.contains('govuk-frontend-supported')")
    assert_accessible(page)
    screenshot(page, "home")


def test_a_wrong_password_shows_the_error_summary_accessibly(page, officer):
    sign_in(page, officer.username, "not-the-password")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Username")).to_be_focused()
    assert_accessible(page)
    screenshot(page, "login-error")


def test_signing_out_returns_to_the_public_home_page(page, officer):
    sign_in(page, officer.username)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    assert_accessible(page)


def test_accessibility_statement_is_linked_from_every_page(page, db):
    page.goto("/")
    page.get_by_role("link", name="Accessibility statement").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accessibility statement")
    assert_accessible(page)


# --- Each role's home page: its counts, and one link each to the list it counts ----------


@pytest.fixture
def w(db):
    return scenario.build(clock.today())


def _keep_for_readme(role: str) -> None:
    """The home page at 1280 px, as the README shows it."""
    shutil.copyfile(
        SCREENSHOTS / f"home-{role}-1280.png", ROOT / "docs/screenshots" / f"home-{role}.png"
    )


def _row(within, key: str):
    """The summary list row whose key says ``key``, in the page or in one card of it."""
    page = within if isinstance(within, Page) else within.page
    return within.locator(".govuk-summary-list__row").filter(
        has=page.locator(".govuk-summary-list__key", has_text=key)
    )


def _follow(page: Page, link, count: int) -> None:
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("All recommendations")
    # The people picker's live regions are statuses too.
    expect(page.get_by_role("status").filter(has_text="match")).to_contain_text(
        f"{count} recommendation{'s' if count != 1 else ''}"
    )
    assert page.locator("table.scrutineer-tracker tbody tr").count() == count


def test_the_public_home_page_shows_committees_next_meetings_and_latest_recommendations(page, w):
    page.goto("/")
    expect(page.get_by_role("heading", name="Committees")).to_be_visible()
    expect(page.get_by_role("link", name=w.committee.name).first).to_be_visible()
    expect(page.get_by_text(w.next.date.strftime("%-d %B %Y"))).to_be_visible()
    expect(page.get_by_role("link", name=w.proposed.reference)).to_be_visible()
    expect(page.get_by_text("Sell the secret depot")).to_have_count(0)
    check_both_widths(page, "home-public")
    _keep_for_readme("public")


def test_a_scrutiny_officer_sees_what_needs_doing_and_opens_the_closures_waiting(page, w):
    sign_in(page, w.scrutiny.username)
    expect(page.get_by_role("heading", name="What needs doing")).to_be_visible()
    expect(_row(page, "Closures proposed and waiting")).to_contain_text("2 recommendations")
    expect(_row(page, "Response overdue")).to_contain_text("1 recommendation")
    expect(_row(page, "Response due by the end of this month")).to_contain_text("1 recommendation")
    expect(_row(page, "No update since the committee last met")).to_contain_text(
        "2 recommendations"
    )
    tasks = page.locator(".govuk-task-list__item")
    expect(tasks.filter(has_text="Briefing note")).to_contain_text("Not yet started")
    expect(tasks.filter(has_text="Tracker for the agenda pack")).to_contain_text(
        "Waiting for 2 updates"
    )
    check_both_widths(page, "home-scrutiny-officer")
    _keep_for_readme("scrutiny-officer")
    _follow(page, _row(page, "Closures proposed and waiting").get_by_role("link"), 2)
    expect(page.get_by_label("Closure proposed")).to_be_checked()
    check_both_widths(page, "recommendation-list-closures")

    page.get_by_role("link", name="Remind these officers now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remind these officers now")
    expect(page.get_by_text("1 person is assigned to the 1 open recommendation")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send the reminders").click()
    expect(page.get_by_role("alert")).to_contain_text("Reminders sent to 1 person.")
    expect(page.get_by_label("Closure proposed")).to_be_checked()
    assert_accessible(page)


def test_an_officer_sees_their_recommendations_and_opens_the_overdue_one(page, w):
    sign_in(page, w.officer.username)
    expect(page.get_by_role("heading", name="Your recommendations")).to_be_visible()
    expect(_row(page, "Open")).to_contain_text("3 recommendations")
    expect(_row(page, "Overdue")).to_contain_text("1 recommendation")
    expect(_row(page, "Update asked for before the committee meets again")).to_contain_text(
        "2 recommendations"
    )
    expect(_row(page, "Closure you proposed")).to_contain_text("1 recommendation")
    expect(page.get_by_text("(agenda item 7)").first).to_be_visible()
    check_both_widths(page, "home-officer")
    _keep_for_readme("officer")
    _follow(page, _row(page, "Overdue").get_by_role("link"), 1)
    expect(page.get_by_role("link", name=w.overdue.reference)).to_be_visible()


def test_a_councillor_sees_their_committee_and_opens_what_is_proposed_for_closure(page, w):
    sign_in(page, w.member.username)
    card = page.locator(".govuk-summary-card").filter(has_text=w.committee.name)
    expect(card).to_contain_text(w.next.date.strftime("%-d %B %Y"))
    expect(_row(card, "Proposed for closure")).to_contain_text("1 recommendation")
    expect(page.get_by_text("You follow no recommendation yet")).to_be_visible()
    check_both_widths(page, "home-member")
    _keep_for_readme("member")
    _follow(page, _row(card, "Proposed for closure").get_by_role("link"), 1)
    expect(page.get_by_role("link", name=w.proposed.reference)).to_be_visible()
    expect(page.get_by_text("Sell the secret depot")).to_have_count(0)
