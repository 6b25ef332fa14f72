"""Which jobs a person may follow, and their recent ones."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from scrutineer.jobs.models import Job

PUBLIC = "public"


def job_visible_list(user: Any) -> QuerySet[Job]:
    """Jobs whose result anyone may see (anyone with the link may follow them), and those the
    user asked for. A job made for someone's own view of the records is theirs alone."""
    if getattr(user, "is_authenticated", False):
        return Job.objects.filter(Q(audience=PUBLIC) | Q(requesters=user)).distinct()
    return Job.objects.filter(audience=PUBLIC)


def job_recent_list(user: Any, *, limit: int = 50) -> QuerySet[Job]:
    """The downloads and imports the user asked for, newest first, while they are kept."""
    return Job.objects.filter(requesters=user).order_by("-requested_at")[:limit]


def job_active(kind: str) -> Job | None:
    """A job of this kind waiting or under way, if there is one."""
    return (
        Job.objects.filter(kind=kind, status__in=[Job.Status.QUEUED, Job.Status.RUNNING])
        .order_by("requested_at")
        .first()
    )
