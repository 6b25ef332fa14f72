"""Withdraw, publish and evidence (issue 20), in a real browser: what the public sees
through the page, the feed and the downloads, and what the council sees marked."""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from scrutineer.core.roles import Role
from scrutineer.tracker import services
from tests.browser.conftest import check_both_widths, fill_date, sign_in
from tests.committees.factories import CommitteeFactory, MeetingFactory
from tests.tracker.factories import ItemFactory, RecommendationFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WRONG = "Figures for the wrong ward"


@pytest.fixture
def public(browser: Browser, live_server) -> Iterator[Page]:
    """A second browser, never signed in: the public."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    yield context.new_page()
    context.close()


@pytest.fixture
def corporate(db):
    committee = CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee", short_name="CO&S", slug="corporate"
    )
    meeting = MeetingFactory(committee=committee, date=datetime.date(2025, 3, 3))
    return committee, meeting


def _xlsx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(
            archive.read(n).decode("utf-8", "replace")
            for n in archive.namelist()
            if n.endswith(".xml")
        )


def _public_sees(public: Page, committee, recommendation) -> dict[str, str]:
    public.goto(recommendation.get_absolute_url())
    page_text = public.content()
    feed = public.request.get(f"/api/feeds/committees/{committee.slug}.atom").text()
    csv = public.request.get(f"/exports/tracker/{committee.slug}/csv/").text()
    xlsx = _xlsx_text(public.request.get(f"/exports/tracker/{committee.slug}/xlsx/").body())
    return {"page": page_text, "feed": feed, "csv": csv, "xlsx": xlsx}


def test_a_withdrawn_update_leaves_every_public_channel_and_stays_marked_for_the_council(
    page, public, corporate, user_with_role
):
    committee, meeting = corporate
    scrutiny = user_with_role(Role.SCRUTINY_OFFICER)
    item = ItemFactory(meeting=meeting, report_title="Library opening hours")
    recommendation = RecommendationFactory(item=item, text="Review the opening hours")
    services.progress_add(
        item=item,
        recommendation=recommendation,
        text="Survey begun.",
        date=datetime.date(2025, 3, 10),
    )
    services.progress_add(item=item, recommendation=recommendation, text=WRONG)

    before = _public_sees(public, committee, recommendation)
    assert all(WRONG in text for text in before.values()), before.keys()

    sign_in(page, scrutiny.username)
    page.goto(recommendation.get_absolute_url())
    page.get_by_role("link", name="Withdraw the update of").first.click()
    page.get_by_role("button", name="Withdraw").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter why it is being withdrawn")
    check_both_widths(page, "withdraw-update")
    page.get_by_label("Why is it being withdrawn?").fill("Posted on the wrong recommendation.")
    page.get_by_role("button", name="Withdraw").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The public no longer")
    # The council still sees it, marked, with the reason.
    expect(page.get_by_text("Withdrawn on")).to_contain_text("Posted on the wrong recommendation")
    expect(page.get_by_text(WRONG)).to_be_visible()
    check_both_widths(page, "recommendation-withdrawn-update")

    after = _public_sees(public, committee, recommendation)
    for channel, text in after.items():
        assert WRONG not in text, f"the public still sees the withdrawn update in the {channel}"
    assert "Survey begun." in after["page"]
    assert "Survey begun." in after["csv"]  # the latest update in force is the progress now

    # Reinstated by the scrutiny team, it is back.
    page.get_by_role("link", name="Reinstate the update of").click()
    page.get_by_role("button", name="Reinstate").click()
    expect(page.get_by_text("Withdrawn on")).to_have_count(0)
    assert WRONG in _public_sees(public, committee, recommendation)["feed"]


def test_a_draft_item_is_published_with_one_click(page, public, corporate, user_with_role):
    committee, meeting = corporate
    scrutiny = user_with_role(Role.SCRUTINY_OFFICER)
    sign_in(page, scrutiny.username)
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Add an item").click()
    page.get_by_label("Report title").fill("Waste collection review")
    page.get_by_role("button", name="Save item").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Waste collection review")
    expect(page.locator(".govuk-inset-text")).to_contain_text("Draft: only the council sees")
    item_url = page.url
    check_both_widths(page, "draft-item")

    assert public.goto(item_url).status == 404
    public.goto(f"/tracker/committees/{committee.slug}/")
    expect(public.get_by_text("Minutes of the meeting on 3 March 2025 are awaited")).to_be_visible()
    expect(public.get_by_text("Waste collection review")).to_have_count(0)
    check_both_widths(public, "tracker-minutes-awaited")

    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("published")
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)

    assert public.goto(item_url).status == 200
    expect(public.get_by_role("heading", level=1)).to_have_text("Waste collection review")
    public.goto(f"/tracker/committees/{committee.slug}/")
    expect(public.get_by_role("link", name="Waste collection review")).to_be_visible()
    expect(public.get_by_text("are awaited")).to_have_count(0)


def test_minutes_published_make_the_meetings_drafts_public(page, public, corporate, user_with_role):
    _committee, meeting = corporate
    scrutiny = user_with_role(Role.SCRUTINY_OFFICER)
    item = services.item_create(meeting=meeting, report_title="Housing repairs backlog")
    assert public.goto(item.get_absolute_url()).status == 404
    sign_in(page, scrutiny.username)
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Record that they are published").click()
    fill_date(page, "Date the minutes were published", "2025-03-20")
    check_both_widths(page, "meeting-minutes")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Published on 20 March 2025")).to_be_visible()
    assert public.goto(item.get_absolute_url()).status == 200


def test_links_to_the_report_agenda_and_minutes_are_kept_by_the_scrutiny_team(
    page, public, corporate, user_with_role
):
    _committee, meeting = corporate
    scrutiny = user_with_role(Role.SCRUTINY_OFFICER)
    item = ItemFactory(meeting=meeting, report_title="Library opening hours")
    sign_in(page, scrutiny.username)
    page.goto(item.get_absolute_url())
    page.get_by_role("link", name="Change the links").click()
    page.get_by_label("Title of link 1").fill("Report to the committee (PDF)")
    page.get_by_role("button", name="Save links").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the address of link 1")
    check_both_widths(page, "item-links")
    page.get_by_label("Address of link 1").fill("https://democracy.example.gov.uk/report.pdf")
    page.get_by_role("button", name="Save links").click()
    public.goto(item.get_absolute_url())
    link = public.get_by_role("link", name="Report to the committee (PDF)")
    expect(link).to_have_attribute("href", "https://democracy.example.gov.uk/report.pdf")


def test_evidence_is_attached_to_an_update_and_downloaded(page, public, corporate, user_with_role):
    _committee, meeting = corporate
    scrutiny = user_with_role(Role.SCRUTINY_OFFICER)
    item = ItemFactory(meeting=meeting, report_title="Library opening hours")
    recommendation = RecommendationFactory(item=item, text="Review the opening hours")
    sign_in(page, scrutiny.username)
    page.goto(recommendation.get_absolute_url())
    page.get_by_role("link", name="Update progress").first.click()
    page.get_by_label("Progress update").fill("The survey report is attached.")
    evidence = page.get_by_label("Evidence (optional)")
    evidence.set_input_files(
        [{"name": "survey.pdf", "mimeType": "application/pdf", "buffer": b"MZ not a pdf"}]
    )
    page.get_by_role("button", name="Save progress").click()
    expect(page.get_by_role("alert")).to_contain_text("The selected file survey.pdf must be")
    check_both_widths(page, "progress-evidence-error")
    page.get_by_label("Evidence (optional)").set_input_files(
        [{"name": "survey.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Save progress").click()
    expect(page.get_by_role("link", name="survey.pdf")).to_be_visible()
    expect(page.get_by_text("(PDF, 45 bytes)")).to_be_visible()
    check_both_widths(page, "recommendation-evidence")
    with page.expect_download() as download:
        page.get_by_role("link", name="survey.pdf").click()
    assert download.value.suggested_filename == "survey.pdf"
    assert download.value.path().read_bytes() == PDF
    # The public may download it too, through the view, and never from MEDIA_URL.
    href = page.get_by_role("link", name="survey.pdf").get_attribute("href")
    assert href
    assert href.startswith("/tracker/evidence/")
    assert public.request.get(href).body() == PDF
