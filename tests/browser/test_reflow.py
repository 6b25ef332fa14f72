"""Reflow at 320 px (WCAG 2.2 1.4.10): no page scrolls sideways as a whole; and on the same
crawl, no page asks a date with the browser's date picker, none draws a choice of several as
radios (or one choice as checkboxes), and axe finds nothing at 320 px.

The crawler signs in as each role on the demo data, opens every page it can reach from the
home page, the navigation and the links on those pages, one page of each kind (one per
URL name, so the first row of a list stands for the rest), and measures each at 320 px.
Every offender is listed in one failure message.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from playwright.sync_api import Browser, Page, expect

from scrutineer.imports.demo import demo_load_all
from scrutineer.tracker.models import Recommendation
from tests.browser.conftest import NARROW, assert_accessible, check_both_widths, sign_in

DEMO_PASSWORD = "scrutiny-demo-2025"  # the demo users' published password
ROLES = {
    "public": None,
    "admin": "admin",
    "scrutiny": "scrutiny",
    "officer": "officer",
    "member": "member",
}

# Pages every kind of reader starts from: the navigation links lead to the rest.
SEEDS = [
    "/",
    "/tracker/committees/corporate-os/",  # the demo's largest tracker
    "/tracker/",
    "/tracker/my-actions/",
    "/tracker/overdue/",
    "/tracker/recommendations/",
    "/committees/",
    "/programme/",
    "/performance/",
    "/briefings/",
    "/imports/",
    "/users/",
    "/people/",
    "/jobs/",
    "/integrations/",
    "/open-data/",
    "/api/docs/",
]

# Files, feeds, writes and pages that are not ours to lay out.
SKIP_NAMES = ("logout", "download", "csv", "xlsx", "pdf", "docx", "feed", "ics", "print")
SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/api/v1/", "/logout/")
LIMIT = 140  # pages per role: the demo has about 70 kinds


def url_kind(path: str) -> str | None:
    """The URL name a path resolves to (one page of each kind is enough), or None to skip."""
    if path.startswith(SKIP_PREFIXES):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = match.view_name
    if any(word in name for word in SKIP_NAMES) or any(
        word in path for word in ("/export", ".csv", ".pdf", ".xlsx", ".docx", ".json", ".ics")
    ):
        return None
    return name


# Inputs drawn as the other kind: a checkbox in radios' clothes, or a radio in checkboxes'.
MISDRAWN = "input[type=checkbox].govuk-radios__input, input[type=radio].govuk-checkboxes__input"


def problems_on(page: Page) -> list[str]:
    """What is wrong on the page as it stands at 320 px, in words."""
    found = []
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > NARROW:
        found.append(f"is {width} px wide")
    if page.locator("input[type=date]").count():
        found.append("asks a date with the browser's date picker (GOV.UK date input)")
    if page.locator(MISDRAWN).count():
        found.append("draws a choice of several as radios, or of one as checkboxes")
    try:
        assert_accessible(page)
    except AssertionError as violations:
        found.append(str(violations))
    return found


def crawl(page: Page, base: str) -> dict[str, list[str]]:
    """Every page of each kind reachable from the seeds, with what is wrong on it at 320 px
    (:func:`problems_on`)."""
    found: dict[str, list[str]] = {}
    seen_kinds: set[str] = set()
    queue = list(SEEDS)
    while queue and len(found) < LIMIT:
        path = queue.pop(0)
        kind = url_kind(urlsplit(path).path)
        if kind is None or kind in seen_kinds:
            continue
        seen_kinds.add(kind)
        response = page.goto(path)
        if response is None or response.status != 200:
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        found[path] = problems_on(page)
        links = page.eval_on_selector_all("a[href]", "(as) => as.map(a => a.getAttribute('href'))")
        for href in links:
            parts = urlsplit(href)
            if parts.netloc and f"{parts.scheme}://{parts.netloc}" != base:
                continue
            if not parts.path.startswith("/"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if url_kind(parts.path) not in seen_kinds:
                queue.append(target)
    return found


def test_no_page_scrolls_sideways_at_320_px_for_any_role(browser: Browser, live_server):
    demo_load_all(only_if_empty=False)
    offenders: list[str] = []
    visited = 0
    for role, username in ROLES.items():
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": NARROW, "height": 900}, locale="en-GB"
        )
        page = context.new_page()
        try:
            if username:
                sign_in(page, username, DEMO_PASSWORD)
            found = crawl(page, live_server.url)
        finally:
            context.close()
        visited += len(found)
        offenders += [
            f"{role}: {path} {problem}" for path, problems in found.items() for problem in problems
        ]
        assert len(found) >= 5, f"{role} reached only {sorted(found)}"
    assert not offenders, (
        f"{len(offenders)} problems on {visited} pages at {NARROW} px:\n" + "\n".join(offenders)
    )


# The GOV.UK focus style: a yellow (#ffdd00) outline, background or ring on what has focus;
# a radio's or checkbox's ring is drawn on its label, the input itself being transparent.
FOCUS_VISIBLE = """() => {
  const yellow = 'rgb(255, 221, 0)';
  const el = document.activeElement;
  if (el === document.body) return true;  // past the last element, focus leaves the page
  const shows = (s) => (s.outlineStyle !== 'none' && s.outlineColor === yellow
                        && parseFloat(s.outlineWidth) >= 3)
                       || s.backgroundColor === yellow || s.boxShadow.includes(yellow);
  if (el.matches('input[type=checkbox], input[type=radio]')) {
    return el.labels.length > 0 && shows(getComputedStyle(el.labels[0], '::before'));
  }
  return shows(getComputedStyle(el));
}"""
FOCUSED = """() => { const el = document.activeElement;
  return (el.tagName + ' ' + (el.id || el.getAttribute('href') || '') + ' '
          + (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60)); }"""


def press(page: Page, key: str) -> str:
    """Press a key; fail unless whatever then has focus shows the GOV.UK focus style."""
    page.keyboard.press(key)
    focused = page.evaluate(FOCUSED)
    assert page.evaluate(FOCUS_VISIBLE), f"After {key}, {focused} has focus but shows no sign"
    return focused


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Tab (each step with visible focus) until an element matching ``selector`` has focus."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        press(page, "Tab")
    if page.evaluate("(s) => document.activeElement.matches(s)", selector):
        return
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


def test_keyboard_journey_a_scrutiny_officer_records_progress_proposing_closure(page):
    demo_load_all(only_if_empty=False)
    open_action = (
        Recommendation.objects.filter(
            item__meeting__committee__slug="corporate-os",
            kind=Recommendation.Kind.ACTION,
            status=Recommendation.Status.OPEN,
        )
        .order_by("pk")
        .first()
    )

    # Sign in by keyboard.
    page.goto("/login/")
    tab_to(page, "#id_username")
    page.keyboard.type("scrutiny")
    press(page, "Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    # The skip link is the first thing Tab reaches, and takes focus past the navigation.
    page.goto("/tracker/committees/corporate-os/")
    assert press(page, "Tab").endswith("Skip to main content")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main-content"

    # Only open recommendations: the status filter, chosen with the arrow keys.
    tab_to(page, "#id_status")
    press(page, "ArrowDown")
    assert page.evaluate("() => document.activeElement.value") == "open"
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url("**status=open**")

    # The table's scroll region is a stop of its own (so it can be scrolled by keyboard),
    # then on to an open action.
    tab_to(page, ".scrutineer-table-scroll")
    tab_to(page, f'a[href="/tracker/recommendations/{open_action.pk}/"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/tracker/recommendations/*/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    recommendation_url = page.url

    tab_to(page, 'a[href$="/progress/"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/progress/")

    # Saved with nothing written: the error summary takes focus and links to the field.
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page).to_have_title(re.compile(r"^Error:"))
    assert page.evaluate(
        "() => document.activeElement.classList.contains('govuk-error-summary')"
    ), f"The error summary does not have focus: {page.evaluate(FOCUSED)}"
    assert page.evaluate(FOCUS_VISIBLE), "The error summary has focus but shows no sign"
    tab_to(page, ".govuk-error-summary a", limit=3)
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "id_text"
    assert page.evaluate(FOCUS_VISIBLE)

    page.keyboard.type("The new engagement approach was agreed by Cabinet in March.")
    tab_to(page, "#id_proposes_closure", limit=3)
    press(page, "Space")
    assert page.evaluate("() => document.activeElement.checked")
    tab_to(page, "button.govuk-button", limit=5)
    page.keyboard.press("Enter")
    page.wait_for_url(recommendation_url)
    expect(page.get_by_role("alert")).to_contain_text("closure proposed")
    expect(page.get_by_text("The new engagement approach was agreed by Cabinet")).to_be_visible()
    check_both_widths(page, "keyboard-progress-saved")
