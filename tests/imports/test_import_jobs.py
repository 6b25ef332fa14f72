"""Large uploads are previewed and imported by a worker (``imports.tasks``): the person
follows the job's progress page to the preview, then to the page the wizard shows after an
import; a failure is told in plain words and leaves the records as they were. Small uploads
are previewed and imported within the request, as before."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from scrutineer.core.roles import Role
from scrutineer.imports.models import ColumnMapping
from scrutineer.imports.pending import PENDING_DIR
from scrutineer.imports.tasks import APPLY, PREVIEW, import_upload, preview_import
from scrutineer.jobs.models import Job
from scrutineer.jobs.services import JobRun
from scrutineer.performance.models import Measurement
from scrutineer.programme.models import ForwardPlanItem
from scrutineer.tracker import services as tracker_services
from scrutineer.tracker.models import Item, Meeting, Recommendation
from tests.committees.factories import CommitteeFactory
from tests.files.test_performance_figures import csv_bytes
from tests.imports import wizard
from tests.performance.factories import framework_to_import_into
from tests.tracker.factories import ItemFactory

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TRACKER = (FIXTURES / "corporate_os_tracker.txt").read_bytes()
DONE_MESSAGE = (
    "Imported tracker.txt into Corporate Overview and Scrutiny Committee: 14 items created, "
    "0 updated, 0 unchanged."
)


@pytest.fixture
def large(settings):
    """The seed tracker's 14 items (and 8 forward-plan rows) count as a large upload here."""
    settings.SCRUTINEER_IMPORT_AT_ONCE_ROWS = 3


@pytest.fixture
def corporate_os(db):
    return CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee", short_name="CO&S", slug="corporate-os"
    )


@pytest.fixture
def progress(monkeypatch):
    """Every (done, total) the jobs report, job by job."""
    told: dict[str, list[tuple[int, int | None]]] = {}
    report = JobRun.progress

    def spy(self, done, total=None):
        told.setdefault(self.job.kind, []).append((done, total))
        report(self, done, total)

    monkeypatch.setattr(JobRun, "progress", spy)
    return told


@pytest.fixture
def queued_only(settings):
    """Jobs wait in the queue until the test runs them, as they would for a busy worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def job_of(response) -> Job:
    location = response["Location"]
    assert location.startswith("/jobs/"), location
    return Job.objects.get(pk=location.split("/")[-2])


def stored():
    try:
        return sorted(default_storage.listdir(PENDING_DIR)[1])
    except FileNotFoundError:
        return []


def counts():
    return (
        Item.objects.count(),
        Item.history.count(),
        Recommendation.objects.count(),
        Meeting.objects.count(),
        ForwardPlanItem.objects.count(),
    )


def test_a_large_tracker_is_previewed_then_imported_by_workers_on_a_progress_page(
    client, scrutiny_officer, corporate_os, large, progress
):
    client.force_login(scrutiny_officer)
    uploaded = wizard.upload(client, "tracker", "tracker.txt", TRACKER, committee=corporate_os)
    previewing = job_of(uploaded)
    # The tests' task backend runs the job at once: it is done, its progress complete.
    assert previewing.kind == PREVIEW
    assert previewing.status == Job.Status.DONE
    assert (previewing.done, previewing.total, previewing.unit) == (14, 14, "rows")
    assert (previewing.key, previewing.audience) == ("", "")  # never shared, only theirs
    assert previewing.requested_by == scrutiny_officer
    assert progress[PREVIEW][0] == (0, 14)
    assert progress[PREVIEW][-1] == (14, 14)
    # The progress page leads on to the preview, which the worker kept with the upload.
    preview_url = client.get(uploaded["Location"])["Location"]
    token = preview_url.rstrip("/").split("/")[-1]
    assert preview_url == reverse("imports:preview", args=[token])
    preview = client.get(preview_url)
    assert preview.context["report"].count_create == 14
    assert "Import 14 rows into Corporate Overview and Scrutiny Committee" in (
        preview.content.decode()
    )
    assert Item.objects.count() == 0

    confirmed = client.post(preview_url)
    importing = job_of(confirmed)
    assert importing.kind == APPLY
    assert importing.status == Job.Status.DONE, importing.error
    assert (importing.done, importing.total, importing.unit) == (14, 14, "rows")
    assert progress[APPLY][0] == (0, 14)
    assert progress[APPLY][-1] == (14, 14)
    # The progress page leads to the page the wizard shows after an import, with its message.
    done = client.get(confirmed["Location"], follow=True)
    assert [url for url, _ in done.redirect_chain] == [
        reverse("imports:imported", args=[importing.pk]),
        corporate_os.get_absolute_url(),
    ]
    assert DONE_MESSAGE in done.content.decode()
    assert Item.objects.count() == 14
    # Written as the person who asked, and the upload removed once imported.
    assert {h.history_user for h in Item.history.all()} == {scrutiny_officer}
    assert stored() == []
    assert client.get(preview_url).status_code == 404
    listed = client.get(reverse("jobs:recent")).content.decode()
    assert "Preview of tracker.txt for Corporate Overview and Scrutiny Committee" in listed
    assert "Import of tracker.txt into Corporate Overview and Scrutiny Committee" in listed


def test_a_large_spreadsheet_has_its_columns_mapped_then_its_preview_worked_out(
    client, scrutiny_officer, corporate_os, large, progress
):
    rows = "".join(
        f"{n},17/09/2024,Report {n},1. Review report {n},Open,O&S Officers\n" for n in range(1, 6)
    )
    content = "No,Meeting Date,Report Title,O&S recommendations,Open / Closed,Assigned to\n"
    content += rows
    client.force_login(scrutiny_officer)
    uploaded = wizard.upload(
        client, "tracker", "tracker.csv", content.encode(), committee=corporate_os
    )
    assert uploaded["Location"].endswith("/columns/")
    assert not Job.objects.exists()  # the header is read at once; nothing is worked out yet
    mapped = wizard.keep_columns(client, uploaded)
    assert mapped.startswith("/jobs/")
    preview_url = client.get(mapped)["Location"]
    assert client.get(preview_url).context["report"].count_create == 5
    assert progress[PREVIEW][-1] == (5, 5)
    done = client.post(preview_url)
    assert client.get(done["Location"], follow=True).status_code == 200
    assert Item.objects.count() == 5
    assert ColumnMapping.objects.filter(committee=corporate_os).exists()  # remembered


def test_a_file_that_cannot_be_read_lists_its_problems_at_once(
    client, scrutiny_officer, corporate_os, large
):
    client.force_login(scrutiny_officer)
    bad = TRACKER.replace(b"17 Sept 2024", b"31 Sept 2024", 1)
    uploaded = wizard.upload(client, "tracker", "tracker.txt", bad, committee=corporate_os)
    assert uploaded["Location"].startswith("/imports/pending/")  # nothing to work out
    page = client.get(uploaded["Location"]).content.decode()
    assert "tracker.txt, row 8, column “Meeting Date”: “31 Sept 2024” is not a date" in page
    assert not Job.objects.exists()


def test_a_large_file_refused_while_its_preview_is_worked_out_lists_its_problems(
    client, scrutiny_officer, settings
):
    settings.SCRUTINEER_IMPORT_AT_ONCE_ROWS = 2
    framework = framework_to_import_into()
    content = csv_bytes(
        ("CP01", "2024/25", "Q2", "92.5", "91", "Better", "", "yes"),
        ("ZZ99", "2024/25", "Q2", "1", "", "", "", "no"),
        ("CP02", "2024/25", "Q2", "", "", "Words only"),
    )
    client.force_login(scrutiny_officer)
    uploaded = wizard.upload(client, "performance-figures", "q2.csv", content, framework=framework)
    assert job_of(uploaded).status == Job.Status.DONE
    page = client.get(uploaded["Location"], follow=True).content.decode()
    assert "q2.csv cannot be imported" in page
    assert f"q2.csv, row 3, column “Indicator code”: {framework.name} has no indicator" in page
    assert not Measurement.objects.filter(quarter=2).exists()


def test_a_large_import_that_fails_half_way_leaves_the_records_as_they_were_and_says_why(
    client, scrutiny_officer, corporate_os, large, monkeypatch
):
    client.force_login(scrutiny_officer)
    preview_url = client.get(
        wizard.upload(client, "tracker", "tracker.txt", TRACKER, committee=corporate_os)["Location"]
    )["Location"]
    written = []
    item_check = tracker_services.imported_item_check

    # New items are checked by the same rules as the pages, then written together.
    def refuse_the_fifth(item, **kwargs):
        written.append(item)
        if len(written) == 5:
            raise ValidationError("The report title is too long for the tracker")
        return item_check(item, **kwargs)

    monkeypatch.setattr(tracker_services, "imported_item_check", refuse_the_fifth)
    before = counts()
    failed = client.post(preview_url)
    job = job_of(failed)
    assert len(written) == 14  # every row was checked, in the one transaction...
    assert counts() == before  # ...which was rolled back: nothing is lost or half-written
    assert job.status == Job.Status.FAILED
    line = client.get(preview_url).context["problems"][0].row
    assert job.error == (
        "tracker.txt cannot be imported, and nothing has been imported: tracker.txt, "
        f"row {line}: The report title is too long for the tracker"
    )
    page = client.get(failed["Location"])
    text = page.content.decode()
    assert "Your file could not be imported" in text
    assert f"row {line}: The report title is too long for the tracker" in text
    assert "Go back and try again" in text
    assert preview_url in text
    # The preview, kept with the upload, now lists the problem; the upload is still there.
    preview = client.get(preview_url).content.decode()
    assert f"tracker.txt, row {line}: The report title is too long" in preview
    assert len(stored()) == 2


def test_a_large_import_of_records_changed_since_its_preview_imports_nothing(
    client, scrutiny_officer, corporate_os, large
):
    client.force_login(scrutiny_officer)
    preview_url = client.get(
        wizard.upload(client, "tracker", "tracker.txt", TRACKER, committee=corporate_os)["Location"]
    )["Location"]
    ItemFactory(meeting__committee=corporate_os, number=1, report_title="Set meanwhile")
    before = counts()
    job = job_of(client.post(preview_url))
    assert job.status == Job.Status.FAILED
    assert job.error == (
        "The records changed since this preview was made. Nothing has been imported: check "
        "the new preview and import again."
    )
    assert counts() == before
    fresh = client.get(preview_url).context["report"]
    assert (fresh.count_create, fresh.count_update) == (13, 1)


def test_only_the_person_who_asked_may_follow_an_import_job(
    client, scrutiny_officer, user_with_role, corporate_os, large
):
    client.force_login(scrutiny_officer)
    uploaded = wizard.upload(client, "tracker", "tracker.txt", TRACKER, committee=corporate_os)
    preview_url = client.get(uploaded["Location"])["Location"]
    confirmed = client.post(preview_url)
    importing = job_of(confirmed)
    client.force_login(user_with_role(Role.SCRUTINY_OFFICER))
    for job in (job_of(uploaded), importing):
        assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
        assert client.get(reverse("jobs:status", args=[job.pk])).status_code == 404
    assert client.get(reverse("imports:imported", args=[importing.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("jobs:detail", args=[importing.pk])).status_code == 404


def test_the_worker_asks_again_whether_the_person_may_import(
    client, scrutiny_officer, corporate_os, large, queued_only
):
    client.force_login(scrutiny_officer)
    uploaded = wizard.upload(client, "tracker", "tracker.txt", TRACKER, committee=corporate_os)
    previewing = job_of(uploaded)
    waiting = client.get(uploaded["Location"]).content.decode()
    assert "Your file is being checked" in waiting
    assert "Waiting for a free worker to start it." in waiting
    token = previewing.params["token"]
    preview_url = reverse("imports:preview", args=[token])
    # While the preview is worked out, the preview page leads to its progress.
    assert client.get(preview_url)["Location"] == uploaded["Location"]
    preview_import.call(str(previewing.pk))
    assert client.get(uploaded["Location"])["Location"] == preview_url
    confirmed = client.post(preview_url)
    importing = job_of(confirmed)
    assert importing.status == Job.Status.QUEUED
    assert "Your file is being imported" in client.get(confirmed["Location"]).content.decode()
    # While it is being imported, the preview and cancelling lead to the import's progress.
    assert client.get(preview_url)["Location"] == confirmed["Location"]
    cancel = client.post(reverse("imports:cancel", args=[token]))
    assert cancel["Location"] == confirmed["Location"]
    assert len(stored()) == 2
    # The role is taken away before a worker is free: the import is refused.
    scrutiny_officer.groups.clear()
    import_upload.call(str(importing.pk))
    importing.refresh_from_db()
    assert importing.status == Job.Status.FAILED
    assert importing.error == "You no longer have permission to import this kind of file."
    assert Item.objects.count() == 0


def test_an_upload_cancelled_before_a_worker_imports_it_is_not_imported(
    client, scrutiny_officer, corporate_os, large, queued_only
):
    client.force_login(scrutiny_officer)
    uploaded = wizard.upload(client, "tracker", "tracker.txt", TRACKER, committee=corporate_os)
    previewing = job_of(uploaded)
    preview_import.call(str(previewing.pk))
    importing = job_of(client.post(client.get(uploaded["Location"])["Location"]))
    # An upload replaced by another before its import starts.
    wizard.upload(client, "tracker", "other.txt", TRACKER, committee=corporate_os)
    import_upload.call(str(importing.pk))
    importing.refresh_from_db()
    assert importing.status == Job.Status.FAILED
    assert importing.error.startswith("This upload is no longer waiting to be imported")
    assert Item.objects.count() == 0


PLAN = b"Title,Decision maker,Decision date,Key decision,Lead officer\n" + b"".join(
    f"Decision {n},Cabinet,March 2025,Yes,\n".encode() for n in range(1, 5)
)


def test_a_large_forward_plan_reports_its_rows_as_they_are_worked_out_and_written(
    client, scrutiny_officer, large, progress
):
    client.force_login(scrutiny_officer)
    uploaded = wizard.upload(client, "forward-plan", "plan.csv", PLAN)
    preview_url = client.get(uploaded["Location"])["Location"]
    assert progress[PREVIEW] == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]
    done = client.get(client.post(preview_url)["Location"], follow=True)
    assert progress[APPLY][0] == (0, 4)
    assert progress[APPLY][-1] == (4, 4)
    assert done.redirect_chain[-1][0] == reverse("programme:gaps")
    assert "Imported plan.csv: 4 created, 0 updated, 0 unchanged." in done.content.decode()
    assert ForwardPlanItem.objects.count() == 4


def test_large_performance_figures_report_their_rows_as_they_are_worked_out_and_written(
    client, scrutiny_officer, settings, progress
):
    settings.SCRUTINEER_IMPORT_AT_ONCE_ROWS = 2
    framework = framework_to_import_into()
    content = csv_bytes(
        ("CP01", "2024/25", "Q1", "91", "", "Good", "", "no"),  # unchanged
        ("CP01", "2024/25", "Q2", "92.5", "91", "Better", "", "yes"),
        ("CP02", "2024/25", "Q2", "", "", "Words only"),
    )
    client.force_login(scrutiny_officer)
    uploaded = wizard.upload(client, "performance-figures", "q2.csv", content, framework=framework)
    preview_url = client.get(uploaded["Location"])["Location"]
    assert progress[PREVIEW] == [(0, 3), (1, 3), (2, 3), (3, 3)]
    done = client.get(client.post(preview_url)["Location"], follow=True)
    # The unchanged row is done at once; the two that change, as they are written.
    assert progress[APPLY] == [(1, 3), (2, 3), (3, 3)]
    assert "Imported q2.csv into" in done.content.decode()
    assert Measurement.objects.filter(quarter=2).count() == 2


def test_a_small_upload_is_still_previewed_and_imported_at_once(
    client, scrutiny_officer, corporate_os, settings
):
    assert settings.SCRUTINEER_IMPORT_AT_ONCE_ROWS == 300
    client.force_login(scrutiny_officer)
    uploaded = wizard.upload(client, "tracker", "tracker.txt", TRACKER, committee=corporate_os)
    assert uploaded["Location"].startswith("/imports/pending/")
    done = client.post(uploaded["Location"], follow=True)
    assert done.redirect_chain[-1][0] == corporate_os.get_absolute_url()
    assert DONE_MESSAGE in done.content.decode()
    assert Item.objects.count() == 14
    assert not Job.objects.exists()


def test_rows_are_counted_once_on_upload(client, scrutiny_officer, corporate_os):
    from scrutineer.imports.pending import pending_get

    client.force_login(scrutiny_officer)
    uploaded = wizard.upload(client, "tracker", "tracker.txt", TRACKER, committee=corporate_os)
    token = uploaded["Location"].rstrip("/").split("/")[-1]
    assert pending_get(token=token, user=scrutiny_officer).rows == 14 + 8
    spreadsheet = io.BytesIO(b"No,Meeting Date,Report Title\n1,17/09/2024,A\n2,17/09/2024,B\n")
    uploaded = wizard.upload(
        client, "tracker", "t.csv", spreadsheet.getvalue(), committee=corporate_os
    )
    token = uploaded["Location"].rstrip("/").split("/")[-2]
    assert pending_get(token=token, user=scrutiny_officer).rows == 2
