import datetime

import icalendar
from playwright.sync_api import expect

from scrutineer.core.roles import Role
from scrutineer.imports.demo import demo_load_all
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.committees.factories import MeetingFactory


def test_schedule_a_forward_plan_item_and_see_it_in_the_work_programme_and_calendar(
    page, user_with_role, live_server
):
    demo_load_all(only_if_empty=False)
    from scrutineer.committees.models import Committee

    committee = Committee.objects.get(slug="corporate-os")
    MeetingFactory(committee=committee, date=datetime.date(2025, 3, 4))
    scrutiny = user_with_role(Role.SCRUTINY_OFFICER)
    sign_in(page, scrutiny.username)
    page.goto(f"/programme/committees/{committee.slug}/forward-plan/")
    assert_accessible(page)
    page.get_by_role("link", name="Change what the committee does with Devolution").click()
    expect(page.get_by_text("Suggested from the committees' remits")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Scheduled for a meeting").check()
    page.get_by_label("Meeting (when scheduled)").select_option(
        label=f"{committee.name}, 4 March 2025"
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Scheduled for CO&S on 4 March 2025")
    assert_accessible(page)

    page.get_by_role("link", name="work programme").first.click()
    expect(page.get_by_role("heading", name="Meeting of 4 March 2025")).to_be_visible()
    expect(page.get_by_role("cell", name="Devolution", exact=True)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "work-programme")
    calendar_url = page.get_by_role("link", name="Subscribe to the calendar (ICS)").get_attribute(
        "href"
    )
    response = page.request.get(live_server.url + calendar_url)
    events = icalendar.Calendar.from_ical(response.body()).walk("VEVENT")
    march = next(e for e in events if e.decoded("dtstart") == datetime.date(2025, 3, 4))
    assert "Devolution" in str(march.get("description"))

    page.goto("/programme/gaps/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Key decisions")
    assert_accessible(page)
