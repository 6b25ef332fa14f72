"""A large download as a person meets it: the progress page, updated in place, then the file;
and the list of their recent downloads. Each page checked by axe at 1280 and 320 px."""

from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from scrutineer.committees.models import Committee
from scrutineer.core.roles import Role
from scrutineer.imports.demo import demo_load_all
from scrutineer.jobs.models import Job
from tests.browser.conftest import check_both_widths, sign_in


def test_a_large_download_is_prepared_then_offered(page, user_with_role, settings):
    settings.SCRUTINEER_DOCUMENT_AT_ONCE_ITEMS = 5  # the demo's trackers count as large
    demo_load_all(only_if_empty=False)
    committee = Committee.objects.get(slug="corporate-os")
    user = user_with_role(Role.SCRUTINY_OFFICER)
    sign_in(page, user.username)

    # A job under way: its progress page says how far it has gone, and keeps up.
    running = Job.objects.create(
        kind="tracker-document",
        title=f"{committee.name} tracker (PDF)",
        requested_at=timezone.now(),
        requested_by=user,
        status=Job.Status.RUNNING,
        heartbeat_at=timezone.now(),
        done=420,
        total=1259,
        unit="pages",
    )
    running.requesters.add(user)
    page.goto(f"/jobs/{running.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your file is being prepared")
    expect(page.get_by_role("status")).to_have_text("420 of 1,259 pages done.")
    check_both_widths(page, "job-progress")
    Job.objects.filter(pk=running.pk).update(done=900, heartbeat_at=timezone.now())
    expect(page.get_by_role("status")).to_have_text("900 of 1,259 pages done.", timeout=10_000)
    running.result.save("tracker.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    Job.objects.filter(pk=running.pk).update(
        status=Job.Status.DONE,
        done=1259,
        result=running.result.name,
        result_name="tracker.pdf",
        content_type="application/pdf",
        finished_at=timezone.now(),
        expires_at=timezone.now() + timezone.timedelta(days=1),
    )
    # Finished: the page reloads itself and offers the file.
    expect(page.get_by_role("heading", name="Your file is ready")).to_be_visible(timeout=10_000)

    # Asked from the download link: made at once by the tests' task backend, then offered.
    page.goto(f"/exports/tracker/{committee.slug}/docx/")
    expect(page.get_by_role("heading", name="Your file is ready")).to_be_visible()
    check_both_widths(page, "job-ready")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download").click()
    assert download.value.suggested_filename.endswith(".docx")

    page.goto("/jobs/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recent downloads and imports")
    expect(page.get_by_role("link", name=f"{committee.name} tracker (Word)")).to_be_visible()
    check_both_widths(page, "jobs-recent")
