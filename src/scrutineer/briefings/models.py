from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from scrutineer.committees.models import Committee, Meeting
from scrutineer.tracker.models import Item


class BriefingNote(models.Model):
    """Scrutiny's comments on a report, to Cabinet: purpose, comments with officer responses,
    the recommendations agreed, and a contact."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ISSUED = "issued", "Issued"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="briefings")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="briefings")
    item = models.ForeignKey(
        Item,
        # Deleting the item is refused while a note is about it: a note that lost its
        # item would lose the item's exempt flag with it.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="briefings",
        help_text="The report the note is about, when it is in the tracker.",
    )
    addressee = models.CharField(max_length=200, default="Cabinet")
    title = models.CharField(max_length=500)
    report_title = models.CharField(max_length=500)
    purpose = models.TextField()
    introduction = models.TextField(blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_role = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=50, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    issued_on = models.DateField(null=True, blank=True)
    issued_to = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-meeting__date", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "report_title"], name="briefing_one_note_per_report_and_meeting"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("briefings:detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class BriefingComment(models.Model):
    """A numbered comment or question of the committee (1.1.1, 1.1.2 …)."""

    note = models.ForeignKey(BriefingNote, on_delete=models.CASCADE, related_name="comments")
    number = models.CharField(max_length=20)
    text = models.TextField()
    position = models.PositiveIntegerField()
    submission_key = models.UUIDField(
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The one-time key of the form that added it: the same key again is a "
        "second submit, and adds nothing.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["note", "position"]
        constraints = [
            models.UniqueConstraint(fields=["note", "number"], name="briefing_comment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}"


class OfficerResponse(models.Model):
    """An officer's answer to a comment, lettered a, b …"""

    comment = models.ForeignKey(BriefingComment, on_delete=models.CASCADE, related_name="responses")
    letter = models.CharField(max_length=5)
    text = models.TextField()
    submission_key = models.UUIDField(
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The one-time key of the form that added it: the same key again is a "
        "second submit, and adds nothing.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["comment", "letter"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "letter"], name="officer_response_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.letter}. {self.text[:60]}"


class BriefingRecommendation(models.Model):
    """A recommendation the committee agreed, as set out in the note (section 1.2)."""

    note = models.ForeignKey(BriefingNote, on_delete=models.CASCADE, related_name="recommendations")
    number = models.CharField(max_length=10)
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["note", "number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"
