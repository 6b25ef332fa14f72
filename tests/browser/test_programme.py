import datetime

import icalendar
from playwright.sync_api import expect

from scrutineer.core.roles import Role
from scrutineer.imports.demo import demo_load_all
from tests.browser.conftest import (
    assert_accessible,
    check_both_widths,
    fill_date,
    screenshot,
    sign_in,
)
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


def test_a_decision_added_in_the_app_and_scheduled_is_on_the_meetings_work_programme(
    page, user_with_role, live_server
):
    """Issue 20: the forward plan kept in pages; scheduling puts the decision on the meeting's
    work programme and calendar, and a different decision takes it off; a key decision with
    short notice is flagged until its general exception is recorded."""
    from tests.committees.factories import CommitteeFactory

    committee = CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee",
        short_name="CO&S",
        slug="corporate-os",
        remit="Corporate finance, council tax and the budget",
    )
    MeetingFactory(committee=committee, date=datetime.date(2030, 3, 4))
    sign_in(page, user_with_role(Role.SCRUTINY_OFFICER).username)
    page.goto(f"/programme/committees/{committee.slug}/forward-plan/")
    page.get_by_role("link", name="Add a decision").click()
    check_both_widths(page, "forward-plan-item-form")
    page.get_by_label("Title").fill("Council Tax Support Scheme 2030/31")
    fill_date(page, "Decision date", "2030-03-12")
    page.get_by_label("The date is fixed").check()
    page.get_by_role("checkbox", name="Key decision").check()
    fill_date(page, "Date first published in the forward plan", "2030-03-01")
    expect(page.get_by_label("Corporate Overview and Scrutiny Committee")).to_be_checked()
    page.get_by_role("button", name="Add to the forward plan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Council Tax Support Scheme 2030/31")
    page.get_by_label("Scheduled for a meeting").check()
    page.get_by_label("Meeting (when scheduled)").select_option(
        label=f"{committee.name}, 4 March 2030"
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Scheduled for CO&S on 4 March 2030")

    page.get_by_role("link", name="whole forward plan").click()
    card = page.locator(".govuk-summary-card", has_text="Council Tax Support Scheme")
    expect(card).to_contain_text("10 clear days' notice, and no general exception")
    check_both_widths(page, "forward-plan")

    page.goto(f"/programme/committees/{committee.slug}/work-programme/")
    expect(page.get_by_role("heading", name="Meeting of 4 March 2030")).to_be_visible()
    expect(page.get_by_role("cell", name="Council Tax Support Scheme 2030/31")).to_be_visible()
    check_both_widths(page, "work-programme-from-forward-plan")
    events = icalendar.Calendar.from_ical(
        page.request.get(
            f"{live_server.url}/programme/committees/{committee.slug}/calendar.ics"
        ).body()
    ).walk("VEVENT")
    march = next(e for e in events if e.decoded("dtstart") == datetime.date(2030, 3, 4))
    assert "Council Tax Support Scheme 2030/31" in str(march.get("description"))

    # The general exception recorded, the flag goes.
    page.goto("/programme/forward-plan/")
    page.get_by_role("link", name="Change Council Tax Support Scheme 2030/31").click()
    page.get_by_label("General exception").check()
    fill_date(page, "Date the chair was told or agreed", "2030-03-02")
    page.get_by_label("Reasons").fill("The government's grant conditions were published late.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Saved")
    expect(card).not_to_contain_text("clear days' notice")
    expect(card).to_contain_text("Chair told 2 March 2030")

    # Not on the work programme after all: it comes off the meeting's programme.
    page.goto(f"/programme/committees/{committee.slug}/forward-plan/")
    page.get_by_role("link", name="Change what the committee does with Council Tax").click()
    page.get_by_label("Not on the work programme").check()
    page.get_by_role("button", name="Save").click()
    page.goto(f"/programme/committees/{committee.slug}/work-programme/")
    expect(page.get_by_text("Nothing planned yet")).to_be_visible()
    expect(page.get_by_role("cell", name="Council Tax Support Scheme 2030/31")).to_have_count(0)


def test_an_executive_decision_is_recorded_called_in_and_says_whether_it_may_be_implemented(
    page, user_with_role
):
    """Issue 22: a decision entered in its form, its page saying plainly that the call-in
    period is open, a call-in with too few signatures refused, then recorded; the list, the
    decision and the forms checked by axe at both widths."""
    from scrutineer.core import clock
    from tests.committees.factories import CouncillorFactory

    for name in ("Cllr Ada Ames", "Cllr Ben Bell"):
        CouncillorFactory(name=name)
    today = clock.today().isoformat()
    sign_in(page, user_with_role(Role.SCRUTINY_OFFICER).username)
    page.goto("/programme/decisions/")
    page.get_by_role("link", name="Record a decision").click()
    check_both_widths(page, "decision-form")
    page.get_by_label("Title").fill("Fees and charges 2026/27")
    fill_date(page, "Date of the decision", today)
    page.get_by_label("Key decision").check()
    fill_date(page, "Date published", today)
    page.get_by_label("Time published").fill("teatime")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a real time, like 10:30am or 16:00")
    assert_accessible(page)
    page.get_by_label("Time published").fill("00:01")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("#implementation")).to_contain_text(
        "Call-in period open: may not be implemented before the period ends"
    )
    check_both_widths(page, "decision")

    page.get_by_role("link", name="Record a call-in").click()
    fill_date(page, "Date received", today)
    page.get_by_label("Cllr Ada Ames").check()
    page.get_by_label("Reasons").fill("The consultation was too short.")
    page.get_by_role("button", name="Record the call-in").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "A call-in needs 2 members to sign it: select at least 2 councillors"
    )
    check_both_widths(page, "call-in-form")
    page.get_by_label("Cllr Ben Bell").check()
    page.get_by_role("button", name="Record the call-in").click()
    expect(page.locator("#implementation")).to_contain_text(
        "may not be implemented until the committee has considered it"
    )
    screenshot(page, "decision-called-in")

    page.get_by_role("link", name="Record the outcome").click()
    check_both_widths(page, "call-in-outcome-form")
    page.get_by_label("No further action").check()
    fill_date(page, "Date of the outcome", today)
    page.get_by_role("button", name="Save the outcome").click()
    expect(page.locator("#implementation")).to_contain_text("May be implemented")

    page.get_by_role("link", name="All executive decisions").click()
    expect(page.locator("strong.govuk-tag", has_text="May be implemented")).to_be_visible()
    check_both_widths(page, "decision-list")
