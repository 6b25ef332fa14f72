from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from scrutineer.core.models import Person


class Committee(models.Model):
    """A committee of the council: scrutiny, Cabinet, audit, full council, or a sub-group."""

    class Kind(models.TextChoices):
        SCRUTINY = "scrutiny", "Overview and scrutiny"
        EXECUTIVE = "executive", "Executive (Cabinet)"
        AUDIT = "audit", "Audit"
        COUNCIL = "council", "Full Council"
        TASK_AND_FINISH = "task_and_finish", "Task and finish group"
        WORKING_GROUP = "working_group", "Working group"
        OTHER = "other", "Other committee"

    SUB_GROUP_KINDS = (Kind.TASK_AND_FINISH, Kind.WORKING_GROUP)

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(
        max_length=20,
        unique=True,
        help_text="Prefix of recommendation references, e.g. “CO&S” gives “CO&S 24/25-09”.",
    )
    slug = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SCRUTINY)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_groups",
        help_text="The committee a task and finish or working group reports to.",
    )
    remit = models.TextField(blank=True)
    terms_of_reference = models.TextField(blank=True)
    members = models.ManyToManyField(Person, through="Membership", related_name="committees")
    is_expired = models.BooleanField(
        "past committee",
        default=False,
        help_text="A committee that no longer meets: kept with its history, listed under past "
        "committees and left out of the lists to choose a committee from.",
    )
    external_id = models.CharField(
        max_length=100, blank=True, help_text="The committee's id in Modern.gov, for syncing."
    )
    synced = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="The values the last sync brought in: a field that differs was edited here, "
        "and a sync keeps it.",
    )
    history = HistoricalRecords(excluded_fields=["synced"])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="committee_unique_external_id",
            ),
            models.CheckConstraint(
                condition=models.Q(parent__isnull=True)
                | models.Q(kind__in=["task_and_finish", "working_group"]),
                name="committee_only_sub_groups_have_a_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("tracker:committee_tracker", args=[self.slug])


class Membership(models.Model):
    """A person's seat on a committee."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        MEMBER = "member", "Member"
        CO_OPTED = "co_opted", "Co-opted member"

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["committee", "person"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.committee})"


class Meeting(models.Model):
    """A committee meeting on a date; other committees may be invited (joint sessions)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        PROVISIONAL = "provisional", "Provisional"
        MOVED = "moved", "Moved"
        CANCELLED = "cancelled", "Cancelled"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    time = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    invited_committees = models.ManyToManyField(
        Committee, blank=True, related_name="invited_to_meetings"
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.SCHEDULED,
        help_text="A cancelled meeting is kept, and shown as cancelled.",
    )
    external_id = models.CharField(
        max_length=100, blank=True, help_text="The meeting's id in Modern.gov, for syncing."
    )
    source_url = models.URLField(
        max_length=500,
        blank=True,
        help_text="The meeting's agenda page on the council's committee system.",
    )
    minutes_published_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the minutes were published: the meeting's items are public from then.",
    )
    synced = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="The values the last sync brought in: a field that differs was edited here, "
        "and a sync keeps it.",
    )
    history = HistoricalRecords(m2m_fields=[invited_committees], excluded_fields=["synced"])

    class Meta:
        ordering = ["-date", "-time"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="meeting_unique_external_id",
            ),
        ]
        # By committee and date for a committee's pages; by date for "latest meeting first".
        indexes = [models.Index(fields=["committee", "date"]), models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.committee}, {self.date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("committees:meeting_detail", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED
