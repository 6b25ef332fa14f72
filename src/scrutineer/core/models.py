from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from simple_history import register
from simple_history.models import HistoricalRecords

from scrutineer.core.calendar import long_date

# Accounts are records too: who was given which access (their roles are groups), and when.
register(
    get_user_model(),
    app="scrutineer.core",
    excluded_fields=["password", "last_login"],
    m2m_fields=["groups"],
)


class Person(models.Model):
    """A councillor, an officer, or a team ("O&S Officers") that is assigned like a person."""

    class Kind(models.TextChoices):
        COUNCILLOR = "councillor", "Councillor"
        OFFICER = "officer", "Officer"
        TEAM = "team", "Team"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OFFICER)
    job_title = models.CharField(max_length=200, blank=True)
    directorate = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        help_text="The login account of this person, if they have one.",
    )
    # A councillor's public facts, as the council's committee system (Modern.gov) gives them.
    # Never a home address or a telephone number.
    party = models.CharField(max_length=200, blank=True)
    ward = models.CharField(max_length=200, blank=True)
    key_posts = models.CharField(max_length=500, blank=True, help_text="e.g. Chair of Audit")
    external_id = models.CharField(
        max_length=100, blank=True, help_text="The councillor's id in Modern.gov, for syncing."
    )
    synced = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="The values the last sync brought in: a field that differs was edited here, "
        "and a sync keeps it.",
    )
    teams = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="team_members",
        limit_choices_to={"kind": "team"},
        help_text="Teams this person belongs to: their work appears in the person's actions.",
    )
    history = HistoricalRecords(m2m_fields=[teams], excluded_fields=["synced"])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="person_unique_name_per_kind"),
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="person_unique_external_id",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ClosureDay(models.Model):
    """A day the council is closed besides bank holidays (e.g. between Christmas and New Year);
    it is not a working day for any deadline."""

    date = models.DateField(unique=True)
    reason = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{long_date(self.date)}: {self.reason}"


class ChangeCounter(models.Model):
    """One row, counting committed changes to tracked records. Cached public pages are keyed
    by it (``core.page_cache``), so a page is never served from before the latest change."""

    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="one_change_counter")]

    def __str__(self) -> str:
        return f"{self.value} changes"
