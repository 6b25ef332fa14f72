"""The issue's own keyboard journey (#21): with the keyboard alone, a scrutiny officer adds an
item to a meeting, gives it a lead officer by typing part of a name, adds a recommendation
with a due date in the GOV.UK date input, assigns two people through the people search, and
saves. Every key press leaves visible focus (``press`` fails otherwise)."""

from __future__ import annotations

import datetime
import re

from playwright.sync_api import Page, expect

from scrutineer.committees.models import Meeting
from scrutineer.imports.demo import demo_load_all
from scrutineer.tracker.models import Item
from tests.browser.conftest import check_both_widths
from tests.browser.test_reflow import DEMO_PASSWORD, press, tab_to


def choose(page: Page, selector: str, typed: str) -> None:
    """Type part of a name into a people search, then take the first suggestion by keyboard."""
    tab_to(page, selector)
    page.keyboard.type(typed)
    expect(page.locator(f"{selector} ~ ul [role=option]").first).to_be_visible()
    # The suggestion takes focus and shows it the accessible autocomplete's way (blue).
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"{selector} ~ ul [role=option]").first).to_have_class(
        re.compile("autocomplete__option--focused")
    )
    page.keyboard.press("Enter")


def test_keyboard_journey_an_item_with_a_recommendation_due_date_and_two_assignees(page):
    demo_load_all(only_if_empty=False)
    meeting = Meeting.objects.filter(committee__slug="corporate-os").order_by("-date").first()

    page.goto("/login/")
    tab_to(page, "#id_username")
    page.keyboard.type("scrutiny")
    press(page, "Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    page.goto(f"/committees/meetings/{meeting.pk}/")
    tab_to(page, 'a[href$="/items/new/"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/items/new/")

    tab_to(page, "#id_report_title")
    page.keyboard.type("Customer contact strategy")
    choose(page, "#id_lead_officer", "poczow")
    expect(page.locator("#id_lead_officer")).to_have_value("Marta Poczowska")
    tab_to(page, "#id_summary")
    page.keyboard.type("The committee asked how residents reach the council.")
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tracker/items/*/")
    item = Item.objects.get(report_title="Customer contact strategy")
    assert item.lead_officer.name == "Marta Poczowska"

    tab_to(page, 'a[href$="/recommendations/new/"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/recommendations/new/")
    tab_to(page, "#id_text")
    page.keyboard.type("Publish the contact centre's answer times each quarter.")
    # Two people through the search: each is added to the list below it, and the box empties.
    choose(page, "#id_assignees", "sarah")
    expect(page.locator("#id_assignees")).to_have_value("")
    choose(page, "#id_assignees", "dempsey")
    chosen = page.locator(".scrutineer-picker-multiple__person")
    expect(chosen).to_have_count(2)
    expect(chosen.nth(0)).to_contain_text("Sarah Brown")
    expect(chosen.nth(1)).to_contain_text("Tina Dempsey")
    # The same person is never offered twice.
    tab_to(page, "#id_assignees", limit=5)
    page.keyboard.type("sarah")
    expect(page.get_by_role("option")).to_have_text(["No one found"])
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    # A mistake, corrected by keyboard: Remove Tina, then add her again.
    tab_to(page, ".scrutineer-picker-multiple__person:nth-child(2) button")
    page.keyboard.press("Enter")
    expect(chosen).to_have_count(1)
    assert page.evaluate("() => document.activeElement.id") == "id_assignees"
    choose(page, "#id_assignees", "tina")
    expect(chosen).to_have_count(2)

    due = datetime.date.today() + datetime.timedelta(days=60)
    tab_to(page, "#id_due_date-day")
    page.keyboard.type(str(due.day))
    press(page, "Tab")
    page.keyboard.type(str(due.month))
    press(page, "Tab")
    page.keyboard.type(str(due.year))
    check_both_widths(page, "keyboard-recommendation-form")
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/tracker/items/{item.pk}/")
    expect(page.get_by_text("Publish the contact centre's answer times")).to_be_visible()

    recommendation = item.recommendations.get()
    assert recommendation.due_date == due
    assert sorted(person.name for person in recommendation.assignees.all()) == [
        "Sarah Brown",
        "Tina Dempsey",
    ]
