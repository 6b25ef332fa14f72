"""The administrators' sync page in the browser: "Sync now" against the stand-in service, on
to the page that shows what it changed and the conflict it kept; and the synced meeting and
item as everyone sees them. Each page checked by axe at 1280 and 320 px."""

from io import StringIO

from django.core.management import call_command
from playwright.sync_api import expect

from scrutineer.committees.models import Meeting
from scrutineer.core.roles import Role
from scrutineer.tracker import services
from scrutineer.tracker.models import Item
from tests.browser.conftest import check_both_widths, sign_in
from tests.integrations.conftest import stand_in

__all__ = ["stand_in"]


def test_sync_now_shows_what_changed(page, user_with_role, stand_in, settings):
    settings.SCRUTINEER_MODERNGOV_URL = stand_in.url
    settings.SCRUTINEER_MODERNGOV_DELAY_SECONDS = 0
    settings.SCRUTINEER_MODERNGOV_RETRY_SECONDS = 0
    stand_in.use_variants()
    call_command("sync_moderngov", "--from", "01/05/2025", "--to", "31/03/2027", stdout=StringIO())
    # Modern.gov retitles two items; one of them was retitled here too, and keeps our title.
    minutes = Item.objects.get(external_id="18831")
    services.item_update(item=minutes, expected_version=None, report_title="Minutes of 25 Nov")
    stand_in.replace(
        "GetMeeting-4967.xml",
        "<agendaitemtitle>Minutes<",
        "<agendaitemtitle>Minutes of the last meeting<",
    )
    stand_in.replace(
        "GetMeeting-4967.xml",
        "<agendaitemtitle>Work Programme<",
        "<agendaitemtitle>Work Programme 2026/27<",
    )

    administrator = user_with_role(Role.ADMINISTRATOR, first_name="Ada", last_name="Admin")
    sign_in(page, administrator.username)
    page.goto("/integrations/moderngov/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sync with Modern.gov")
    page.get_by_role("button", name="Sync now").click()
    # The tests' task backend runs the job at once: its page goes on to the sync page.
    expect(page).to_have_url(f"{page.url.split('/integrations/')[0]}/integrations/moderngov/")
    expect(page.get_by_role("definition").filter(has_text="Ada Admin")).to_be_visible()
    expect(page.get_by_text("Updated item 2. Work Programme 2026/27")).to_be_visible()
    expect(page.get_by_text("Conflict: Item 1. Minutes of 25 Nov")).to_be_visible()
    expect(page.get_by_role("row", name="Items 0 1 3 1")).to_be_visible()
    check_both_widths(page, "moderngov-sync")

    # What everyone sees of what came in: the cancelled meeting, and an item with its
    # agenda text, minutes, documents and the link back to the council's agenda page.
    page.context.clear_cookies()
    cancelled = Meeting.objects.get(external_id="4966")
    page.goto(cancelled.get_absolute_url())
    expect(page.get_by_text("This meeting was cancelled.")).to_be_visible()
    check_both_widths(page, "moderngov-cancelled-meeting")
    item = Item.objects.get(external_id="18833")
    page.goto(item.get_absolute_url())
    expect(page.get_by_role("heading", name="On the agenda")).to_be_visible()
    expect(page.get_by_role("link", name="DRAFT WP FEBRUARY 2026")).to_be_visible()
    expect(page.get_by_role("link", name="On the council's committee pages")).to_have_attribute(
        "href", item.meeting.source_url
    )
    check_both_widths(page, "moderngov-item")
