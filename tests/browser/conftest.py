"""Browser tests: Debian's Chromium driven by Playwright against the live server.

Every page a test visits should be checked with :func:`assert_accessible`, which runs
axe-core and fails on any WCAG 2.2 A or AA violation. Console errors (including
Content Security Policy violations) fail the test too.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.core.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
AXE_SOURCE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()
SCREENSHOTS = ROOT / "test-results" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# The live server runs in a thread of this process; Playwright's sync API runs an
# event loop in it too, which Django would otherwise refuse to share.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def chromium_path() -> str:
    found = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not found:
        pytest.fail(
            "Chromium is not installed: run `make install` (it installs Debian's chromium)."
        )
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser, live_server) -> Iterator[BrowserContext]:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-GB"
    )
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # A test that expects an error page (a 404, say) clears what it expected.
    page.console_errors = errors  # type: ignore[attr-defined]
    yield page
    assert not errors, f"The browser console reported errors: {errors}"


def assert_accessible(page: Page) -> None:
    """Run axe-core on the page as it stands; fail on any WCAG 2.2 A/AA violation."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    results = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    violations = results["violations"]
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n    "
        + "\n    ".join(node["target"][0] for node in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe-core found WCAG violations on {page.url}:\n{report}"


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page: Page, username: str, password: str = PASSWORD) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


NARROW = 320


def check_both_widths(page: Page, name: str) -> None:
    """axe and a screenshot at 1280 px, then at 320 px with no sideways scrolling (WCAG
    1.4.10). The width is measured before the full-page screenshot, which resizes the page
    while it is taken."""
    assert_accessible(page)
    screenshot(page, f"{name}-1280")
    page.set_viewport_size({"width": NARROW, "height": 900})
    try:
        assert_accessible(page)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= NARROW, f"{page.url} scrolls sideways at {NARROW} px: {width} px wide"
        screenshot(page, f"{name}-320")
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def fill_date(page: Page, question: str, iso: str) -> None:
    """Type a date into the GOV.UK date input asked as ``question`` (its legend): day, month
    and year, as a person does."""
    year, month, day = iso.split("-")
    group = page.get_by_role("group", name=question)
    group.get_by_label("Day").fill(day.lstrip("0"))
    group.get_by_label("Month").fill(month.lstrip("0"))
    group.get_by_label("Year").fill(year)
