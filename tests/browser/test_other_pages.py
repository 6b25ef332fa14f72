"""Pages the journeys do not pass through, each opened in the browser and checked by axe."""

from playwright.sync_api import expect

from scrutineer.alerts.services import subscription_request
from scrutineer.briefings import services as briefings
from scrutineer.committees.models import Committee
from scrutineer.core.roles import Role
from scrutineer.imports.demo import demo_load_all
from scrutineer.tracker import services
from scrutineer.tracker.models import Item, Recommendation
from tests.browser.conftest import assert_accessible, sign_in


def test_edit_conflict_reopen_and_print_pages(page, user_with_role):
    demo_load_all(only_if_empty=False)
    committee = Committee.objects.get(slug="corporate-os")
    item = Item.objects.get(meeting__committee=committee, number=3)
    closed = Recommendation.objects.filter(item=item).first()
    sign_in(page, user_with_role(Role.SCRUTINY_OFFICER).username)

    page.goto(f"/tracker/items/{item.pk}/edit/")
    assert_accessible(page)
    page.goto(f"/tracker/recommendations/{closed.pk}/reopen/")
    assert_accessible(page)
    page.goto(f"/tracker/recommendations/{closed.pk}/edit/")
    services.recommendation_update(
        recommendation=closed, expected_version=None, text="Changed by someone else"
    )
    page.get_by_role("button", name="Save recommendation").click()
    expect(page.get_by_role("alert")).to_contain_text("Someone else changed this recommendation")
    expect(page.get_by_role("cell", name="Changed by someone else")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/programme/committees/{committee.slug}/work-programme/new/")
    assert_accessible(page)
    page.goto(f"/exports/tracker/{committee.slug}/print/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Recommendations Tracker")
    assert_accessible(page)

    note = briefings.briefing_create_from_item(item=item)
    page.goto(f"/briefings/{note.pk}/edit/")
    assert_accessible(page)
    page.goto(f"/briefings/{note.pk}/recommendations/new/")
    assert_accessible(page)


def test_alert_links_lockout_and_not_found_pages(page, user_with_role):
    committee = Committee.objects.create(name="Audit Committee", short_name="AC", slug="audit")
    subscription = subscription_request(email="resident@example.org", committee=committee)
    page.goto(f"/alerts/confirm/{subscription.token}/")
    expect(page.get_by_role("heading", name="Alerts confirmed")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/alerts/unsubscribe/{subscription.token}/")
    assert_accessible(page)
    page.get_by_role("button", name="Stop these alerts").click()
    expect(page.get_by_role("heading", name="Alerts stopped")).to_be_visible()
    assert_accessible(page)

    officer = user_with_role(Role.OFFICER)
    for _ in range(5):
        sign_in(page, officer.username, "wrong-password")
    page.console_errors.clear()  # the lockout answers 429, which the console reports
    expect(page.get_by_role("heading", name="Too many attempts to sign in")).to_be_visible()
    assert_accessible(page)

    page.goto("/tracker/items/999999/")
    page.console_errors.clear()  # the 404 itself
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert_accessible(page)
