"""How the task queue is doing, for /healthz: reachable, how many jobs wait, how long the
oldest has waited. One cheap query (database queue) or a few Redis calls (RQ)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

# A job waiting longer than this means no worker is keeping up (or none is running).
BACKLOG_SECONDS = 600


class QueueUnavailable(Exception):
    """The task queue did not answer: a job could not be queued."""


def queue_health() -> dict[str, Any]:
    """``{"backend": ..., "status": "ok" | "backlog" | "unreachable", ...}``."""
    backend = settings.SCRUTINEER_TASKS
    if backend == "rq":
        return _rq()
    if backend == "db":
        return _database()
    return {"backend": backend, "status": "ok"}  # runs each job as it is queued


def _summary(backend: str, waiting: int, oldest: Any, **extra: Any) -> dict[str, Any]:
    age = int((timezone.now() - oldest).total_seconds()) if oldest else 0
    return {
        "backend": backend,
        "status": "backlog" if age > BACKLOG_SECONDS else "ok",
        "waiting": waiting,
        "oldest_waiting_seconds": age,
        **extra,
    }


def _database() -> dict[str, Any]:
    from django.db.models import Count, Min
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.ready().aggregate(waiting=Count("pk"), oldest=Min("enqueued_at"))
    return _summary("db", ready["waiting"], ready["oldest"])


def _rq() -> dict[str, Any]:
    import django_rq
    from redis.exceptions import RedisError
    from rq import Worker

    try:
        queue = django_rq.get_queue("default")
        waiting = queue.count
        first = queue.get_job_ids(0, 1)
        oldest = None
        if first:
            job = queue.fetch_job(first[0])
            oldest = job.enqueued_at if job is not None else None
        if oldest is not None and timezone.is_naive(oldest):
            oldest = timezone.make_aware(oldest, datetime.UTC)
        workers = Worker.count(connection=queue.connection)
    except RedisError:
        return {"backend": "rq", "status": "unreachable"}
    return _summary("rq", waiting, oldest, workers=workers)
