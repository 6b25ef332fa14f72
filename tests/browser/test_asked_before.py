"""Has scrutiny asked this before, as the scrutiny officer types a new item's title: the
earlier items appear under the form and a polite live region says how many."""

from playwright.sync_api import expect

from scrutineer.committees.models import Meeting
from scrutineer.core.roles import Role
from scrutineer.imports.demo import demo_load_all
from tests.browser.conftest import check_both_widths, sign_in


def test_earlier_items_appear_as_the_officer_types(page, user_with_role):
    demo_load_all(only_if_empty=False)
    meeting = Meeting.objects.filter(committee__slug="corporate-os").order_by("-date").first()
    sign_in(page, user_with_role(Role.SCRUTINY_OFFICER).username)
    page.goto(f"/tracker/meetings/{meeting.pk}/items/new/")
    page.get_by_label("Report title").press_sequentially("Communication and Engagement Strategy")
    results = page.locator("[data-asked-before-results]")
    expect(
        results.get_by_role("link", name="Communication and Engagement Strategy").first
    ).to_be_visible()
    expect(page.locator("[data-asked-before-status]")).to_contain_text(
        "like this found, listed after the form"
    )
    check_both_widths(page, "asked-before-while-writing")
    page.get_by_label("Report title").fill("")
    page.get_by_label("Report title").press_sequentially("Zebra")
    expect(page.locator("[data-asked-before-status]")).to_have_text(
        "No earlier item like this found."
    )
