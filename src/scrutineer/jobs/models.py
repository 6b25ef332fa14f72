"""A background job as the people who asked for it see it: what, who, progress, result."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Job(models.Model):
    """One piece of work done off the request (a document, an import, a scheduled send).

    The task framework's own result (``django_tasks``) says whether a worker ran the task;
    this record says what the work was for the person who asked: its progress in their
    units, the file it made (kept until ``expires_at``), or what went wrong in plain words.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "In progress"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=40, help_text="What the job does: document, import…")
    title = models.CharField(max_length=300, help_text="What the job makes, in plain words.")
    # Identical requests share one job (and its file) while the records stay as they were:
    # a hash of the kind, the parameters as understood, who may see what, and the records'
    # change counter. Blank for jobs that are never shared.
    key = models.CharField(max_length=64, blank=True, db_index=True)
    # "public" when the result shows only what anyone may see: anyone with the link may
    # then follow it. Otherwise only those who asked for it.
    audience = models.CharField(max_length=100, blank=True)
    params = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requesters = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="jobs",
        help_text="Everyone who asked for this job: the first, and any who asked the same.",
    )
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # A running job's last sign of life: one that stops beating was lost with its worker.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    unit = models.CharField(max_length=20, default="items")
    result = models.FileField(upload_to="jobs/%Y/%m/", blank=True, max_length=300)
    result_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    # Where the person goes once it is done, for jobs whose result is a page, not a file.
    next_url = models.CharField(max_length=300, blank=True)
    # The page the request came from, to go back to (and ask again from, if it failed).
    back_url = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True, help_text="What went wrong, in plain words.")
    traceback = models.TextField(blank=True, help_text="For administrators only.")
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="jobs_job_stalled")]
        constraints = [
            # At most one job at a time for identical requests.
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(status__in=["queued", "running"]) & ~models.Q(key=""),
                name="jobs_one_active_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(100, round(100 * self.done / self.total)) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
