from playwright.sync_api import expect

from scrutineer.core.roles import Role
from tests.browser.conftest import assert_accessible, screenshot, sign_in


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
