"""The header as the GOV.UK service navigation, and the people and teams picker
(issue 21): one row at 1280 px, a Menu button at 320 px worked by keyboard, and the
accessible autocomplete choosing a lead officer and an assignee by part of a name."""

import re

from playwright.sync_api import Page, expect

from scrutineer.core.roles import Role
from tests.browser.conftest import check_both_widths, screenshot, sign_in
from tests.committees.factories import (
    CommitteeFactory,
    CouncillorFactory,
    MeetingFactory,
    PersonFactory,
    TeamFactory,
)
from tests.tracker.factories import ItemFactory, RecommendationFactory

VISIBLE_ITEM_TOPS = """() => [...document.querySelectorAll('.govuk-service-navigation__item')]
    .filter((li) => li.offsetParent !== null)
    .map((li) => Math.round(li.getBoundingClientRect().top))"""


def _tab_to(page: Page, name: str) -> None:
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_header_is_one_row_at_desktop_and_a_menu_worked_by_keyboard_on_small_screens(
    page, user_with_role
):
    # An administrator sees the most sections and tools.
    admin = user_with_role(Role.ADMINISTRATOR, first_name="Ada", last_name="Admin")
    sign_in(page, admin.username)
    page.goto("/committees/")

    tops = page.evaluate(VISIBLE_ITEM_TOPS)
    assert len(tops) >= 7
    assert len(set(tops)) == 1, f"the navigation wraps: {tops}"
    current = page.locator('.govuk-service-navigation a[aria-current="page"]')
    expect(current).to_have_text("Committees")
    header = page.get_by_role("banner")
    for tool in ("Import", "People", "Users"):
        expect(header.get_by_role("link", name=tool)).to_be_visible()
    expect(header.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    check_both_widths(page, "header")

    page.set_viewport_size({"width": 320, "height": 900})
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name="Recommendations")).to_be_hidden()
    _tab_to(page, "Menu")
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    navigation = page.get_by_role("navigation", name="Menu")
    for name in ("Committees", "Recommendations", "Import", "People", "Users"):
        expect(navigation.get_by_role("link", name=name)).to_be_visible()
    expect(navigation.get_by_role("button", name="Sign out")).to_be_visible()
    screenshot(page, "header-menu-open-320")
    page.keyboard.press("Space")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(navigation.get_by_role("link", name="Recommendations")).to_be_hidden()

    # The menu's own Sign out works.
    page.keyboard.press("Enter")
    navigation.get_by_role("button", name="Sign out").click()
    expect(page.locator(".govuk-phase-banner")).not_to_contain_text("Signed in")


def test_choosing_a_lead_officer_and_an_assignee_by_typing_part_of_a_name(page, user_with_role):
    scrutiny = user_with_role(Role.SCRUTINY_OFFICER, first_name="Lucy", last_name="Smith")
    committee = CommitteeFactory(name="Corporate Overview and Scrutiny Committee", slug="cos")
    item = ItemFactory(meeting=MeetingFactory(committee=committee), report_title="Budget")
    sarah = PersonFactory(name="Sarah Brown")
    tina = PersonFactory(name="Tina Dempsey")
    CouncillorFactory(name="Cllr Sarah Jones")
    TeamFactory(name="O&S Officers")
    RecommendationFactory(item=item, assignees=[sarah])
    RecommendationFactory(item=item, assignees=[tina])

    sign_in(page, scrutiny.username)
    page.goto(f"/tracker/items/{item.pk}/edit/")
    lead = page.get_by_role("combobox", name="Lead officer")
    lead.fill("")
    lead.press_sequentially("sara")
    options = page.get_by_role("option")
    # Officers only: the councillor called Sarah is not offered.
    expect(options).to_have_count(1)
    expect(options.first).to_contain_text("Sarah Brown")
    check_both_widths(page, "people-picker-lead-officer")
    lead.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(lead).to_have_value("Sarah Brown")
    page.get_by_role("button", name="Save item").click()
    lead_row = page.locator(".govuk-summary-list__row", has_text="Lead officer")
    expect(lead_row).to_contain_text("Sarah Brown")

    # The tracker's "Assigned to" filter is the same picker.
    page.goto(f"/tracker/committees/{committee.slug}/")
    assigned = page.get_by_role("combobox", name="Assigned to")
    assigned.press_sequentially("demp")
    page.get_by_role("option", name="Tina Dempsey").click()
    expect(assigned).to_have_value("Tina Dempsey")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(f"assignee={tina.pk}"))
    expect(page.get_by_role("combobox", name="Assigned to")).to_have_value("Tina Dempsey")
