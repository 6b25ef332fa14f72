"""Reflow at 320 px (WCAG 2.2 1.4.10): no page scrolls sideways as a whole.

The crawler signs in as each role on the demo data, opens every page it can reach from the
home page, the navigation and the links on those pages, one page of each kind (one per
URL name, so the first row of a list stands for the rest), and measures each at 320 px.
Every offender is listed in one failure message.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from playwright.sync_api import Browser, Page

from scrutineer.imports.demo import demo_load_all
from tests.browser.conftest import NARROW, sign_in

DEMO_PASSWORD = "scrutiny-demo-2025"  # noqa: S105 - the demo users' published password
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


def crawl(page: Page, base: str) -> dict[str, int]:
    """Every page of each kind reachable from the seeds, with its width at 320 px."""
    widths: dict[str, int] = {}
    seen_kinds: set[str] = set()
    queue = list(SEEDS)
    while queue and len(widths) < LIMIT:
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
        widths[path] = page.evaluate("() => document.documentElement.scrollWidth")
        links = page.eval_on_selector_all(
            "a[href]", "(as) => as.map(a => a.getAttribute('href'))"
        )
        for href in links:
            parts = urlsplit(href)
            if parts.netloc and f"{parts.scheme}://{parts.netloc}" != base:
                continue
            if not parts.path.startswith("/"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if url_kind(parts.path) not in seen_kinds:
                queue.append(target)
    return widths


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
            widths = crawl(page, live_server.url)
        finally:
            context.close()
        visited += len(widths)
        offenders += [
            f"{role}: {path} is {width} px wide"
            for path, width in widths.items()
            if width > NARROW
        ]
        assert len(widths) >= 5, f"{role} reached only {sorted(widths)}"
    assert not offenders, (
        f"{len(offenders)} of {visited} pages scroll sideways at {NARROW} px:\n"
        + "\n".join(offenders)
    )
