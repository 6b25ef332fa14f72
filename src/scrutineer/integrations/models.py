"""The record of each sync with the council's committee system."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SyncRun(models.Model):
    """One sync with Modern.gov: when, who asked (or the schedule), what it changed, and what
    went wrong, in plain words. The administrators' sync page shows them."""

    class Trigger(models.TextChoices):
        PAGE = "page", "Sync now, from the sync page"
        SCHEDULE = "schedule", "The schedule"
        COMMAND = "command", "The command line"

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    trigger = models.CharField(max_length=20, choices=Trigger.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    url = models.CharField(max_length=500, help_text="The web service's address.")
    date_from = models.DateField()
    date_to = models.DateField()
    committee_ids = models.JSONField(
        default=list, blank=True, help_text="The committees asked for; empty for all."
    )
    dry_run = models.BooleanField(default=False, help_text="Reported, but nothing was kept.")
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    conflicts = models.PositiveIntegerField(default=0)
    counts = models.JSONField(
        default=dict, blank=True, help_text="Created, updated and unchanged, by kind of record."
    )
    # Nothing could be synced at all (the service unreachable, its committees unreadable).
    failed = models.BooleanField(default=False)
    errors = models.JSONField(default=list, blank=True, help_text="What went wrong, in words.")
    lines = models.JSONField(default=list, blank=True, help_text="What the sync changed.")

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"Sync with Modern.gov, {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def by(self) -> str:
        if self.requested_by is not None:
            return self.requested_by.get_full_name() or self.requested_by.get_username()
        return self.get_trigger_display()

    @property
    def outcome(self) -> str:
        if self.finished_at is None:
            return "In progress"
        if self.failed:
            return "Failed"
        if self.errors:
            return "Finished with problems"
        return "Finished"
