"""Public pages without signing in: open data and the API documentation, checked by axe."""

import csv
import io
from pathlib import Path

from playwright.sync_api import expect

from scrutineer.imports.demo import demo_load_all
from tests.browser.conftest import assert_accessible, check_both_widths


def test_open_data_and_api_docs_are_public_and_accessible(page, db):
    demo_load_all(only_if_empty=False)
    page.goto("/")
    page.get_by_role("link", name="Open data").click()
    expect(page.get_by_role("link", name="Open Government Licence v3.0")).to_be_visible()
    check_both_widths(page, "open-data")
    # A dataset downloads whole, as the public sees it, with a header row.
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV of the recommendations").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    assert {"reference", "text", "status", "committee"} <= set(rows[0])
    assert all(row["reference"] for row in rows)
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


def test_the_accessibility_statement_and_privacy_notice_are_accessible(page, db):
    page.goto("/")
    page.get_by_role("link", name="Accessibility statement").click()
    expect(page.get_by_role("heading", name="Known issues")).to_be_visible()
    check_both_widths(page, "accessibility-statement")
    page.get_by_role("link", name="Privacy").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_both_widths(page, "privacy")
