"""Asking for a job, running it, and keeping its record true when workers fail.

A view asks with :func:`job_request`: it gets the job that will answer (a ready one whose
file is still kept, one already under way for an identical request, or a new one queued),
and sends the person to its progress page. The task runs inside :func:`job_running`, which
marks the job running, keeps a heartbeat while it runs, reports progress, and records the
result or the error. A job whose worker died stops beating and :func:`jobs_reap` marks it
failed, or queues it once more; a file is recorded only once it is whole, so no half-written
file is ever served.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import logging
import threading
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, connection, connections, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task_backends
from django_tasks.base import Task

from scrutineer.core import clock
from scrutineer.core.page_cache import generation
from scrutineer.core.queue_health import QueueUnavailable
from scrutineer.jobs.models import Job

logger = logging.getLogger(__name__)

ACTIVE = (Job.Status.QUEUED, Job.Status.RUNNING)
# How often a running job says it is alive, and how long without a word before it is lost.
HEARTBEAT_SECONDS = 20
# Progress is written at most this often: a row a second is plenty for a progress bar.
PROGRESS_SECONDS = 1.0
FAILED_MESSAGE = (
    "Something went wrong while this was being prepared. The administrators have been told. "
    "Try again later."
)
LOST_MESSAGE = (
    "This stopped before it finished because the server running it was stopped. Ask for it again."
)


class JobError(Exception):
    """A failure whose message is for the person who asked (a bad row, a missing file)."""


def job_key(kind: str, params: dict[str, Any], audience: str) -> str:
    """The key identical requests share while the records stay as they are: the kind, the
    parameters as understood, who may see what, the change counter and the day."""
    text = json.dumps(
        [kind, params, audience, generation(), clock.today().isoformat()],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(hours=settings.SCRUTINEER_JOB_KEEP_HOURS)


def job_ready(key: str) -> Job | None:
    """A finished job for this key whose file is still kept, if there is one."""
    found = (
        Job.objects.filter(key=key, status=Job.Status.DONE, expires_at__gt=timezone.now())
        .exclude(result="")
        .first()
    )
    if found is not None and not found.result.storage.exists(found.result.name or ""):
        return None
    return found


def job_request(
    *,
    task: Task[Any, Any],
    kind: str,
    title: str,
    user: Any,
    params: dict[str, Any],
    audience: str = "",
    shared: bool = True,
    unit: str = "items",
    total: int | None = None,
    back_url: str = "",
) -> Job:
    """The job that answers this request: a ready or running one for an identical request
    (``shared``), or a new one queued on ``task`` (which receives the job's id)."""
    requester = user if getattr(user, "is_authenticated", False) else None
    key = job_key(kind, params, audience) if shared else ""
    if key:
        existing = job_ready(key) or Job.objects.filter(key=key, status__in=ACTIVE).first()
        if existing is not None:
            if requester is not None:
                existing.requesters.add(requester)
            return existing
    job = Job(
        kind=kind,
        title=title[:300],
        key=key,
        audience=audience,
        params={**params, "task": task.module_path},
        requested_by=requester,
        requested_at=timezone.now(),
        unit=unit,
        total=total,
        back_url=back_url[:300],
    )
    try:
        with transaction.atomic():
            job.save()
    except IntegrityError:
        # Another request for the same thing queued its job a moment ago: share it (or its
        # file, if it has finished since).
        shared_job = Job.objects.filter(key=key, status__in=ACTIVE).first() or job_ready(key)
        if shared_job is None:
            raise
        if requester is not None:
            shared_job.requesters.add(requester)
        return shared_job
    if requester is not None:
        job.requesters.add(requester)
    _enqueue(job)
    return job


def job_follow(*, job: Job, user: Any) -> Job:
    """Add a signed-in person to those who asked for a job under way (a second press of a
    button that runs one job at a time), so it shows among their recent jobs."""
    if getattr(user, "is_authenticated", False):
        job.requesters.add(user)
    return job


def _enqueue(job: Job) -> None:
    task: Task[Any, Any] = import_string(job.params["task"])
    backend = task_backends[task.backend]

    def send() -> None:
        try:
            task.enqueue(str(job.pk))
        except Exception as error:
            # Not left queued for ever (nor holding its key): failed, and the person sees
            # the 503 page ("try again later").
            logger.exception("Could not queue job %s", job.pk)
            Job.objects.filter(pk=job.pk).update(
                status=Job.Status.FAILED,
                error="The job queue was not answering. Try again later.",
                finished_at=timezone.now(),
                expires_at=_expiry(),
            )
            raise QueueUnavailable(str(error)) from error

    # A queue in another process must not start the job before its record is committed;
    # the immediate backend runs it here, in this transaction, where the record is seen.
    if backend.__class__.__name__ == "ImmediateBackend":
        send()
    else:
        transaction.on_commit(send)


@dataclass
class JobRun:
    """The running job as its task sees it."""

    job: Job
    # Progress told and not yet written: the job's heartbeat writes it (see _beat).
    told: tuple[int, int | None] | None = field(default=None)

    def progress(self, done: int, total: int | None = None) -> None:
        """``done`` of ``total`` units so far, written within a second by the job's heartbeat
        on its own connection. Never in the work's connection: work that is one long
        transaction (an import) would show no progress until it ended, and would hold the
        job's row against the heartbeat and ``jobs_reap``."""
        self.job.done = done
        if total is not None:
            self.job.total = total
        self.told = (self.job.done, self.job.total)

    def save_file(self, data: bytes, name: str, content_type: str) -> None:
        """Keep the finished file; the job becomes ready only once it is whole."""
        self.job.result.save(name, ContentFile(data), save=False)
        self.job.result_name = name
        self.job.content_type = content_type
        self._finish()

    def send_to(self, url: str) -> None:
        """Finish with a page to go to instead of a file (an import's preview)."""
        self.job.next_url = url
        self._finish()

    def _finish(self) -> None:
        self.job.status = Job.Status.DONE
        self.job.finished_at = timezone.now()
        self.job.expires_at = _expiry()
        if self.job.total is not None:
            self.job.done = self.job.total
        self.job.save()


def _beat(run: JobRun, stop: threading.Event) -> None:
    """The job's sign of life, and its progress once a second when there is news, written on
    this thread's own connection while the work runs."""
    written: tuple[int, int | None] | None = None
    beaten = time.monotonic()
    try:
        while not stop.wait(PROGRESS_SECONDS):
            told = run.told
            if told == written and time.monotonic() - beaten < HEARTBEAT_SECONDS:
                continue
            fields: dict[str, Any] = {"heartbeat_at": timezone.now()}
            if told is not None:
                fields.update(done=told[0], total=told[1])
            try:
                Job.objects.filter(pk=run.job.pk, status=Job.Status.RUNNING).update(**fields)
            except DatabaseError:
                # SQLite has one writer at a time: while the work's own transaction writes,
                # this waits its turn and tries again on the next tick.
                connection.close()
                continue
            written, beaten = told, time.monotonic()
    finally:
        connections.close_all()


@contextlib.contextmanager
def job_running(job_id: str) -> Iterator[JobRun | None]:
    """Run a job's work: ``None`` when there is nothing to do (gone, or already finished);
    otherwise the run, whose result or failure is recorded on the way out."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=now, heartbeat_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        yield None
        return
    job = Job.objects.get(pk=job_id)
    run = JobRun(job)
    stop = threading.Event()
    beat = threading.Thread(target=_beat, args=(run, stop), daemon=True)
    beat.start()
    try:
        yield run
    except JobError as error:
        _fail(job, str(error), traceback.format_exc())
    except Exception as error:
        logger.exception("Job %s (%s) failed", job.pk, job.title)
        _fail(job, FAILED_MESSAGE, traceback.format_exc())
        raise error
    finally:
        stop.set()
        beat.join()
        if job.status == Job.Status.RUNNING:  # the task returned without a result
            _fail(job, FAILED_MESSAGE, "The task finished without recording a result.")


def _fail(job: Job, message: str, trace: str) -> None:
    job.status = Job.Status.FAILED
    job.error = message
    job.traceback = trace
    job.finished_at = timezone.now()
    job.expires_at = _expiry()
    job.save()


def jobs_reap(*, now: datetime.datetime | None = None) -> int:
    """Running jobs that stopped beating (their worker was killed): queued once more if
    this was their first attempt, failed otherwise. Returns how many were found."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(seconds=settings.SCRUTINEER_JOB_LOST_SECONDS)
    lost = list(
        Job.objects.filter(status=Job.Status.RUNNING).filter(
            Q(heartbeat_at__lt=limit) | Q(heartbeat_at__isnull=True)
        )
    )
    for job in lost:
        try:
            with transaction.atomic():
                again = _mark_lost(job, now)
        except DatabaseError:
            # SQLite has one writer at a time, and a long import holds it (its heartbeat waits
            # too): the job is looked at again next time, and the page that asked still works.
            logger.warning("Job %s could not be marked lost: the database is busy", job.pk)
            continue
        if again:
            _enqueue(job)
    return len(lost)


def _mark_lost(job: Job, now: datetime.datetime) -> bool:
    """Queue a lost job once more (True: it is to be enqueued), or mark it failed."""
    if job.attempts < 2:
        updated = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
            status=Job.Status.QUEUED, done=0, heartbeat_at=None
        )
        return bool(updated)
    job.status = Job.Status.FAILED
    job.error = LOST_MESSAGE
    job.finished_at = now
    job.expires_at = _expiry()
    job.save(update_fields=["status", "error", "finished_at", "expires_at"])
    return False


def jobs_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete finished jobs past their keeping time, and their files. Returns how many."""
    now = now or timezone.now()
    expired = Job.objects.filter(expires_at__lt=now)
    count = 0
    for job in expired.iterator():
        if job.result:
            job.result.delete(save=False)
        job.delete()
        count += 1
    return count
