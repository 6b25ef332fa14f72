"""Public pages without signing in: open data and the API documentation, checked by axe."""

from playwright.sync_api import expect

from scrutineer.imports.demo import demo_load_all
from tests.browser.conftest import assert_accessible


def test_open_data_and_api_docs_are_public_and_accessible(page, db):
    demo_load_all(only_if_empty=False)
    page.goto("/")
    page.get_by_role("link", name="Open data").click()
    expect(page.get_by_role("link", name="Open Government Licence v3.0")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="documentation").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    page.goto("/performance/")
    assert_accessible(page)


def test_subscribe_to_a_committees_alerts(page, db):
    demo_load_all(only_if_empty=False)
    page.goto("/committees/corporate-os/")
    page.get_by_role("link", name="Get e-mail alerts").click()
    assert_accessible(page)
    page.get_by_role("button", name="Get alerts").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter your e-mail address")
    assert_accessible(page)
    page.get_by_label("Your e-mail address").fill("resident@example.org")
    page.get_by_role("button", name="Get alerts").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    assert_accessible(page)
