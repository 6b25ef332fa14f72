"""Large documents made as jobs: asked for once, shared by identical requests until the
records change, followed on a progress page, and failures told in plain words."""

import datetime
import html
import io
import re
import zipfile
from io import StringIO
from pathlib import Path

import pytest
import redis
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import Task

from scrutineer.core.models import ChangeCounter
from scrutineer.exports import tasks as export_tasks
from scrutineer.exports.tasks import make_tracker_document
from scrutineer.jobs import services
from scrutineer.jobs.models import Job
from tests.committees.factories import CommitteeFactory
from tests.tracker.factories import ExemptItemFactory

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "corporate_os_tracker.txt"


@pytest.fixture
def seeded(db, settings):
    # The seed's 14 items count as a large document here, so that it is made as a job.
    settings.SCRUTINEER_DOCUMENT_AT_ONCE_ITEMS = 5
    committee = CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee", short_name="CO&S", slug="corporate-os"
    )
    call_command("import_tracker", str(SEED), "--committee", "CO&S", verbosity=0, stdout=StringIO())
    return committee


def download_url(committee, format_name="docx", query=""):
    url = reverse("exports:tracker_download", args=[committee.slug, format_name])
    return f"{url}?{query}" if query else url


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return html.unescape(re.sub(r"<[^>]+>", "", archive.read("word/document.xml").decode()))


def test_a_large_document_is_made_by_a_worker_and_offered_on_a_progress_page(
    client, scrutiny_officer, seeded
):
    client.force_login(scrutiny_officer)
    response = client.get(download_url(seeded))
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    # The tests' task backend runs the job at once: it is ready, with its progress complete.
    assert job.status == Job.Status.DONE
    assert (job.done, job.total, job.unit) == (14, 14, "items")
    assert job.requested_by == scrutiny_officer
    assert list(job.requesters.all()) == [scrutiny_officer]
    page = client.get(response["Location"]).content.decode()
    assert "Your file is ready" in page
    assert job.result_name in page
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert job.result_name.endswith(".docx")
    text = docx_text(b"".join(download.streaming_content))
    assert "Corporate O&S Recommendations Tracker" in text
    listed = client.get(reverse("jobs:recent")).content.decode()
    assert job.title in listed
    assert "Ready" in listed


def test_identical_requests_share_one_job_until_a_record_changes(
    client, scrutiny_officer, officer, seeded
):
    client.force_login(scrutiny_officer)
    first = client.get(download_url(seeded))["Location"]
    # A junk parameter, or a filter value that means the same as none, makes no new job.
    assert client.get(download_url(seeded, query="anything=7"))["Location"] == first
    assert client.get(download_url(seeded, query="status=bogus&date_from=x"))["Location"] == first
    assert Job.objects.count() == 1
    # Another filter is another document.
    other = client.get(download_url(seeded, query="forward_plan=1"))["Location"]
    assert other != first
    # A committed change to any record: the next request makes it again.
    ChangeCounter.objects.update_or_create(pk=1, defaults={"value": 99})
    assert client.get(download_url(seeded))["Location"] not in (first, other)
    assert Job.objects.count() == 3


def test_people_who_see_different_records_never_share_a_document(client, scrutiny_officer, seeded):
    ExemptItemFactory(meeting=seeded.meetings.first(), report_title="Sale of the depot")
    public = client.get(download_url(seeded))["Location"]
    client.force_login(scrutiny_officer)
    managers = client.get(download_url(seeded))["Location"]
    assert public != managers
    public_job, managers_job = (Job.objects.get(pk=u.split("/")[-2]) for u in (public, managers))
    assert public_job.audience == "public"
    assert managers_job.audience == "all"
    assert "Sale of the depot" not in docx_text(public_job.result.read())
    assert "Sale of the depot" in docx_text(managers_job.result.read())
    # The public's document may be followed by anyone with its link; the other is theirs.
    client.logout()
    assert client.get(public).status_code == 200
    assert client.get(managers).status_code == 404
    assert client.get(reverse("jobs:download", args=[managers_job.pk])).status_code == 404


def test_a_failing_job_tells_the_person_plainly_and_keeps_the_traceback_for_administrators(
    client, scrutiny_officer, seeded, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("renderer exploded at row 7")

    monkeypatch.setattr(export_tasks, "tracker_chunks", broken)
    client.force_login(scrutiny_officer)
    page = client.get(download_url(seeded), follow=True)
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert job.error == services.FAILED_MESSAGE
    assert "renderer exploded at row 7" in job.traceback
    assert "renderer exploded" in caplog.text  # logged, so that the administrators hear of it
    text = page.content.decode()
    assert page.status_code == 200
    assert "Your file could not be prepared" in text
    assert "The administrators have been told" in text
    assert "renderer exploded" not in text
    assert "Go back and try again" in text
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    # Asking again makes a new attempt, not the failed job again.
    monkeypatch.undo()
    client.get(download_url(seeded))
    assert Job.objects.filter(status=Job.Status.DONE).count() == 1


def test_a_job_error_is_shown_as_it_is_written(client, scrutiny_officer, seeded):
    client.force_login(scrutiny_officer)
    job = services.job_request(
        task=make_tracker_document,
        kind="tracker-document",
        title="A tracker",
        user=scrutiny_officer,
        params={"committee": 999_999, "format": "docx"},
    )
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error == "The committee of this tracker no longer exists."
    assert job.error in client.get(reverse("jobs:detail", args=[job.pk])).content.decode()


def queued(**fields):
    defaults = {
        "kind": "tracker-document",
        "title": "A tracker",
        "requested_at": timezone.now(),
        "params": {"task": make_tracker_document.module_path},
    }
    return Job.objects.create(**{**defaults, **fields})


def test_a_job_lost_with_its_worker_is_run_once_more_then_marked_failed(seeded, settings):
    lost_at = timezone.now() - datetime.timedelta(seconds=settings.SCRUTINEER_JOB_LOST_SECONDS + 1)
    params = {"task": make_tracker_document.module_path, "committee": seeded.pk}
    first = queued(
        status=Job.Status.RUNNING,
        attempts=1,
        heartbeat_at=lost_at,
        params={**params, "format": "docx"},
    )
    second = queued(
        status=Job.Status.RUNNING,
        attempts=2,
        heartbeat_at=lost_at,
        params={**params, "format": "docx"},
    )
    alive = queued(status=Job.Status.RUNNING, attempts=1, heartbeat_at=timezone.now())
    assert services.jobs_reap() == 2
    first.refresh_from_db()
    second.refresh_from_db()
    alive.refresh_from_db()
    # The first attempt was queued again (and the tests' backend ran it at once).
    assert (first.status, first.attempts) == (Job.Status.DONE, 2)
    assert first.result_name.endswith(".docx")
    assert (second.status, second.error) == (Job.Status.FAILED, services.LOST_MESSAGE)
    assert not second.result
    assert alive.status == Job.Status.RUNNING


def test_the_progress_page_marks_a_lost_job_before_anyone_waits_on_it(
    client, scrutiny_officer, seeded, settings
):
    lost_at = timezone.now() - datetime.timedelta(hours=1)
    job = queued(status=Job.Status.RUNNING, attempts=2, heartbeat_at=lost_at)
    job.requesters.add(scrutiny_officer)
    client.force_login(scrutiny_officer)
    status = client.get(reverse("jobs:status", args=[job.pk])).json()
    assert status["status"] == "failed"
    assert status["finished"] is True
    assert status["summary"] == services.LOST_MESSAGE


def test_a_waiting_job_refreshes_without_javascript_and_reports_progress(
    client, scrutiny_officer, db
):
    job = queued(status=Job.Status.RUNNING, done=420, total=1259, heartbeat_at=timezone.now())
    job.requesters.add(scrutiny_officer)
    client.force_login(scrutiny_officer)
    page = client.get(reverse("jobs:detail", args=[job.pk]))
    text = page.content.decode()
    assert "Your file is being prepared" in text
    assert "420 of 1,259 items done." in text
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in text
    assert 'value="33"' in text  # the progress element
    assert "job-progress.js" in text
    assert "no-cache" in page["Cache-Control"]
    assert client.get(reverse("jobs:status", args=[job.pk])).json() == {
        "status": "running",
        "done": 420,
        "total": 1259,
        "summary": "420 of 1,259 items done.",
        "finished": False,
    }
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_at_most_one_job_at_a_time_for_one_key(db):
    queued(key="k" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        queued(key="k" * 64)
    # Once finished, a job no longer holds its key: a new one may be queued.
    Job.objects.update(status=Job.Status.DONE)
    queued(key="k" * 64)


def test_expired_jobs_are_purged_with_their_files(client, scrutiny_officer, seeded):
    client.force_login(scrutiny_officer)
    client.get(download_url(seeded))
    job = Job.objects.get()
    path = Path(job.result.path)
    assert path.exists()
    Job.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    out = StringIO()
    call_command("purge_jobs", stdout=out)
    assert "1 finished job(s) purged" in out.getvalue()
    assert not Job.objects.exists()
    assert not path.exists()


def test_a_small_document_still_downloads_at_once(client, db, settings):
    settings.SCRUTINEER_DOCUMENT_AT_ONCE_ITEMS = 150
    committee = CommitteeFactory(slug="small")
    response = client.get(download_url(committee))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert not Job.objects.exists()


def test_a_queue_that_does_not_answer_is_the_503_page_and_the_job_is_not_left_waiting(
    transactional_db, client, scrutiny_officer, seeded, settings, monkeypatch
):
    # Committed as a request commits (no test transaction around it), so that the job is
    # queued when its record is, as it is in production.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    def refused(self, *args, **kwargs):
        raise redis.exceptions.ConnectionError("Error 111 connecting to 127.0.0.1:6379.")

    monkeypatch.setattr(Task, "enqueue", refused)
    client.force_login(scrutiny_officer)
    response = client.get(download_url(seeded))
    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in response.content.decode()
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert job.error == "The job queue was not answering. Try again later."
    # Its key is free: once the queue answers again, the same request queues a new job.
    monkeypatch.undo()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    assert client.get(download_url(seeded)).status_code == 302
    assert Job.objects.filter(status=Job.Status.QUEUED).count() == 1


def test_a_request_that_loses_the_race_for_a_key_shares_the_winners_job(
    scrutiny_officer, officer, seeded, monkeypatch
):
    def ask(user):
        return services.job_request(
            task=make_tracker_document,
            kind="tracker-document",
            title="A tracker",
            user=user,
            params={"committee": seeded.pk, "format": "docx"},
            audience="public",
        )

    settings_backend = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=settings_backend):
        first = ask(scrutiny_officer)
        # The second request looks before the first has saved its job (both see none)...
        monkeypatch.setattr(services, "job_ready", lambda key: None)
        real_filter = Job.objects.filter
        calls = []

        def blind_once(*args, **kwargs):
            calls.append(kwargs)
            if len(calls) == 1:
                return Job.objects.none()
            return real_filter(*args, **kwargs)

        monkeypatch.setattr(Job.objects, "filter", blind_once)
        second = ask(officer)
    assert second.pk == first.pk
    assert set(first.requesters.all()) == {scrutiny_officer, officer}
    assert Job.objects.count() == 1


def test_progress_is_written_by_the_heartbeat_never_in_the_works_own_transaction(db):
    from django.test.utils import CaptureQueriesContext

    job = queued()
    with services.job_running(str(job.pk)) as run:
        with CaptureQueriesContext(connection) as queries, transaction.atomic():
            run.progress(3, 10)
        assert [q for q in queries.captured_queries if "jobs_job" in q["sql"]] == []
        assert (run.job.done, run.job.total) == (3, 10)
        run.send_to("/")
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (Job.Status.DONE, 10, 10)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has one writer at a time: the heartbeat waits for the work's transaction",
)
def test_progress_told_inside_a_long_transaction_is_seen_at_once_and_holds_nothing():
    import threading

    from django.db import connections

    job = queued()
    seen: dict[str, object] = {}
    told = threading.Event()
    done = threading.Event()

    def watch():
        # Another request: the progress page reading, and jobs_reap marking the job.
        told.wait()
        for _ in range(50):
            found = Job.objects.get(pk=job.pk)
            if found.done == 3:
                break
            done.wait(0.1)
        seen["done"] = found.done
        seen["touched"] = Job.objects.filter(pk=job.pk).update(attempts=F("attempts"))
        done.set()
        connections.close_all()

    watcher = threading.Thread(target=watch)
    watcher.start()
    with services.job_running(str(job.pk)) as run, transaction.atomic():
        CommitteeFactory()  # the work writes, in its one transaction
        run.progress(3, 10)
        told.set()
        assert done.wait(10), "another connection was kept waiting by the work's transaction"
        run.send_to("/")
    watcher.join()
    assert seen == {"done": 3, "touched": 1}
