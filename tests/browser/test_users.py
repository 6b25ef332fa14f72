"""Users and people in the browser (issue 20): an administrator invites someone, who sets a
password from the e-mail's link and signs in with the roles given; the scrutiny team adds a
team and an officer in it. Every page with axe at 1280 and 320 px."""

import re

from django.core import mail
from playwright.sync_api import expect

from scrutineer.core.roles import Role
from tests.browser.conftest import check_both_widths, sign_in
from tests.committees.factories import CommitteeFactory

PASSWORD = "a-long-new-password-for-2030"


def test_an_invited_user_sets_a_password_and_signs_in_with_the_roles_given(
    page, user_with_role, live_server, settings
):
    settings.SCRUTINEER_BASE_URL = live_server.url
    committee = CommitteeFactory(name="Corporate Overview and Scrutiny Committee")
    admin = user_with_role(Role.ADMINISTRATOR, first_name="Ada", last_name="Admin")
    sign_in(page, admin.username)
    page.get_by_role("link", name="Users").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Users")
    check_both_widths(page, "users")
    page.get_by_role("link", name="Invite someone").click()
    check_both_widths(page, "user-invite")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter their e-mail address")
    page.get_by_label("First name").fill("Jane")
    page.get_by_label("Last name").fill("Doe")
    page.get_by_label("E-mail address").fill("jane.doe@example.org")
    page.get_by_label("Member", exact=True).check()
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("alert")).to_contain_text("Invitation sent to jane.doe@example.org")
    expect(page.get_by_text("Invited", exact=True)).to_be_visible()
    check_both_widths(page, "user-detail")

    page.get_by_role("link", name="Change committees").click()
    page.get_by_label(committee.name).select_option(label="Member")
    check_both_widths(page, "user-committees")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Saved the committees of Jane Doe")
    expect(page.get_by_text(committee.name)).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    (message,) = mail.outbox
    link = re.search(r"http://\S+/invitation/\S+/", message.body)[0]
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set your password")
    check_both_widths(page, "invitation")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm the password").fill(PASSWORD)
    page.get_by_role("button", name="Set my password").click()
    expect(page.get_by_role("alert")).to_contain_text("Your password is set")
    sign_in(page, "jane.doe@example.org", PASSWORD)
    expect(page.locator(".govuk-phase-banner")).to_contain_text("Signed in as Jane Doe.")
    # A member: the council side's pages, and none of the scrutiny team's or administrator's.
    expect(page.get_by_role("link", name="My actions", exact=True)).to_be_visible()
    for section in ("Overdue", "Import", "People", "Users"):
        expect(page.get_by_role("link", name=section, exact=True)).to_have_count(0)
    page.get_by_role("button", name="Sign out").click()

    # Spent: the link does not work a second time.
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("This link does not work")
    check_both_widths(page, "invitation-spent")


def test_an_administrator_deactivates_an_account(page, user_with_role):
    admin = user_with_role(Role.ADMINISTRATOR)
    leaver = user_with_role(Role.OFFICER, first_name="Sam", last_name="Leaver")
    sign_in(page, admin.username)
    page.goto(f"/users/{leaver.pk}/")
    page.get_by_role("link", name="Deactivate").click()
    check_both_widths(page, "user-deactivate")
    page.get_by_role("button", name="Deactivate the account").click()
    expect(page.get_by_role("alert")).to_contain_text("Sam Leaver is deactivated")
    expect(page.get_by_text("Deactivated", exact=True)).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, leaver.username)
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()


def test_the_scrutiny_team_adds_a_team_and_an_officer_in_it(page, user_with_role):
    sign_in(page, user_with_role(Role.SCRUTINY_OFFICER).username)
    page.get_by_role("link", name="People").click()
    check_both_widths(page, "people")
    page.get_by_role("link", name="Add a person or team").click()
    page.get_by_label("Name").fill("O&S Officers")
    page.get_by_label("Team", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Recorded: O&S Officers")

    page.get_by_role("link", name="Add a person or team").click()
    page.get_by_label("Name").fill("Dawn Calvert")
    page.get_by_label("Job title").fill("Strategic Lead, Finance")
    page.get_by_label("Directorate").fill("Resources")
    page.get_by_label("O&S Officers").check()
    check_both_widths(page, "person-form")
    page.get_by_role("button", name="Save").click()
    row = page.get_by_role("row", name=re.compile("Dawn Calvert"))
    expect(row).to_contain_text("Strategic Lead, Finance, Resources")
    expect(row).to_contain_text("O&S Officers")
