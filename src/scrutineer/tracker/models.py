import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from scrutineer.committees.models import Meeting
from scrutineer.core.models import Person


class Item(models.Model):
    """An agenda item: a report considered at a meeting, with the summary of the discussion."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="items")
    number = models.PositiveIntegerField(
        help_text="The row number in the committee's tracker (the “No” column)."
    )
    report_title = models.CharField(max_length=500)
    # PROTECT throughout: deleting a record that others depend on is refused with what
    # depends on it (the admin lists them), never silently unlinking or removing history.
    lead_officer = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="led_items"
    )
    summary_html = models.TextField(
        blank=True, help_text="Summary of the discussion: sanitised HTML (paragraphs, lists)."
    )
    is_exempt = models.BooleanField(
        default=False,
        help_text="Exempt or confidential (Local Government Act 1972, Schedule 12A): "
        "never shown to the public or to members of other committees.",
    )
    related_items = models.ManyToManyField("self", blank=True, symmetrical=True)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When it was published: until then (or until its meeting's minutes are "
        "published) it is a draft, seen only by the council.",
    )
    withdrawn_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the scrutiny team withdrew it: kept, and shown to the council as "
        "withdrawn, but gone from everything the public sees.",
    )
    withdrawal_reason = models.TextField(blank=True)
    # What the council's committee system (Modern.gov) publishes of the item: its number on
    # the agenda, the agenda text, the minutes and the public documents. Sanitised HTML.
    agenda_number = models.CharField(max_length=20, blank=True, help_text="e.g. “9.”")
    agenda_html = models.TextField(blank=True, help_text="The agenda's text: sanitised HTML.")
    minutes_html = models.TextField(blank=True, help_text="The minutes: sanitised HTML.")
    documents = models.JSONField(
        default=list,
        blank=True,
        help_text="The public documents of the item: a list of {“title”, “url”}.",
    )
    external_id = models.CharField(
        max_length=100, blank=True, help_text="The agenda item's id in Modern.gov, for syncing."
    )
    synced = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="The values the last sync brought in: a field that differs was edited here, "
        "and a sync keeps it.",
    )
    search_document = models.TextField(
        blank=True, editable=False, help_text="Plain text of the item, for full-text search."
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_document", "updated_at", "synced"])

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="item_unique_number"),
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="item_unique_external_id",
            ),
            models.CheckConstraint(
                condition=(models.Q(withdrawn_at__isnull=True) & models.Q(withdrawal_reason=""))
                | (models.Q(withdrawn_at__isnull=False) & ~models.Q(withdrawal_reason="")),
                name="item_withdrawn_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.report_title}"

    def get_absolute_url(self) -> str:
        return reverse("tracker:item_detail", args=[self.pk])

    @property
    def agenda_label(self) -> str:
        """The agenda item's number as the meeting numbered it, without its full stop."""
        return self.agenda_number.strip().rstrip(".")

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_draft(self) -> bool:
        """Not yet published, by a click or by its meeting's minutes."""
        return self.published_at is None and self.meeting.minutes_published_on is None


class Recommendation(models.Model):
    """One numbered recommendation or resolution of an item, and who must act on it."""

    class Kind(models.TextChoices):
        ACTION = "action", "Action"
        AGREEMENT = "agreement", "Agreement"
        NOTING = "noting", "Noting"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="recommendations")
    number = models.CharField(max_length=10, blank=True)
    reference = models.CharField(max_length=40, unique=True)
    preamble = models.CharField(max_length=300, blank=True, help_text="e.g. “Cabinet to:”")
    text = models.TextField()
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ACTION)
    addressee = models.CharField(max_length=200, blank=True, help_text="e.g. Cabinet")
    assignees = models.ManyToManyField(Person, blank=True, related_name="recommendations")
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    status_wording = models.CharField(
        max_length=100,
        blank=True,
        help_text="The status as the council's own tracker worded it (“Ongoing”, “Green”), "
        "when it was imported from one.",
    )
    area = models.CharField(
        max_length=200, blank=True, help_text="The service area or directorate it concerns."
    )
    cabinet_member = models.CharField(
        max_length=200, blank=True, help_text="The cabinet member or portfolio holder it is for."
    )
    closure_proposed_at = models.DateTimeField(null=True, blank=True)
    closure_proposed_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.TextField(blank=True)
    closure_agreed_at = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="closures_agreed",
        help_text="The meeting at which the committee agreed to close it.",
    )
    withdrawn_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the scrutiny team withdrew it: kept, and shown to the council as "
        "withdrawn, but gone from everything the public sees.",
    )
    withdrawal_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[assignees])

    class Meta:
        ordering = ["item", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(status="closed") & models.Q(closed_on__isnull=False))
                | (models.Q(status="open") & models.Q(closed_on__isnull=True)),
                name="recommendation_closed_iff_closed_on",
            ),
            models.CheckConstraint(
                condition=(models.Q(withdrawn_at__isnull=True) & models.Q(withdrawal_reason=""))
                | (models.Q(withdrawn_at__isnull=False) & ~models.Q(withdrawal_reason="")),
                name="recommendation_withdrawn_with_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            # The tracker's "open" and "overdue" flags look up each item's recommendations.
            models.Index(fields=["item", "status", "due_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("tracker:recommendation_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def needs_action(self) -> bool:
        """Only an action asks anything of anyone: a noting or an agreement is recorded, and
        never in anyone's actions, reminders or lists of what is late."""
        return self.kind == self.Kind.ACTION

    @property
    def outcome_label(self) -> str:
        """How the status reads: "Noted" or "Agreed, no action" for what needs no action."""
        if self.kind == self.Kind.NOTING:
            return "Noted"
        if self.kind == self.Kind.AGREEMENT:
            return "Agreed, no action"
        return self.get_status_display()

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class ProgressUpdate(models.Model):
    """Dated, attributed progress on an item; the tracker's Progress column is the latest."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="progress_updates")
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="progress_updates",
        help_text="Empty when the update covers the whole item, as the published tracker does.",
    )
    date = models.DateField()
    author = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="progress_updates"
    )
    text_html = models.TextField(help_text="Sanitised HTML.")
    proposes_closure = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submission_key = models.UUIDField(
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The one-time key of the form or API request that posted it: the same key "
        "again is a second submit, answered with this update instead of a copy.",
    )
    withdrawn_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the scrutiny team withdrew it: kept, and shown to the council as "
        "withdrawn, but gone from everything the public sees.",
    )
    withdrawal_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["item", "-date"]),
            models.Index(fields=["-date", "-created_at", "-id"]),  # "latest first" lists
        ]
        get_latest_by = ["date", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(withdrawn_at__isnull=True) & models.Q(withdrawal_reason=""))
                | (models.Q(withdrawn_at__isnull=False) & ~models.Q(withdrawal_reason="")),
                name="progress_update_withdrawn_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Progress on {self.item} ({self.date})"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


def evidence_file_name(instance: "EvidenceFile", filename: str) -> str:
    """A name nobody can guess: the file is served only through a view that asks the
    visibility rule, never from MEDIA_URL."""
    return f"evidence/{secrets.token_urlsafe(24)}"


class EvidenceFile(models.Model):
    """A file attached to a progress update as evidence (a report, a plan, a photograph)."""

    progress_update = models.ForeignKey(
        ProgressUpdate, on_delete=models.PROTECT, related_name="evidence_files"
    )
    file = models.FileField(upload_to=evidence_file_name, max_length=200)
    name = models.CharField(max_length=255, help_text="The file's name as it was uploaded.")
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(help_text="In bytes.")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("tracker:evidence_download", args=[self.pk])

    @property
    def kind_name(self) -> str:
        from scrutineer.files.evidence import KINDS

        return next((k.name for k in KINDS if k.content_type == self.content_type), "File")

    @property
    def size_text(self) -> str:
        from scrutineer.files.evidence import human_size

        return human_size(self.size)


class ExecutiveResponse(models.Model):
    """The executive's answer to a recommendation addressed to it (LGA 2000 s.9FE)."""

    class Decision(models.TextChoices):
        PENDING = "pending", "Awaiting response"
        # A response imported in the executive's words, which nobody has classified yet.
        RESPONDED = "responded", "Responded (not yet classified)"
        ACCEPTED = "accepted", "Accepted"
        PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
        REJECTED = "rejected", "Rejected"

    recommendation = models.OneToOneField(
        Recommendation, on_delete=models.PROTECT, related_name="executive_response"
    )
    addressee = models.CharField(max_length=200, default="Cabinet")
    sent_on = models.DateField(help_text="When the recommendation was sent to the executive.")
    due_on = models.DateField(help_text="The statutory deadline for the response.")
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    responded_on = models.DateField(null=True, blank=True)
    reasons = models.TextField(blank=True)
    text = models.TextField(
        blank=True, help_text="The response in the executive's own words, as imported."
    )
    action_plan = models.TextField(blank=True)
    given_by = models.CharField(
        max_length=200, blank=True, help_text="e.g. the portfolio holder, or Cabinet"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(decision="pending") & models.Q(responded_on__isnull=True))
                | (~models.Q(decision="pending") & models.Q(responded_on__isnull=False)),
                name="executive_response_date_iff_decided",
            ),
        ]
        indexes = [models.Index(fields=["decision", "due_on"])]

    def __str__(self) -> str:
        return f"{self.addressee}'s response to {self.recommendation.reference}"

    @property
    def is_pending(self) -> bool:
        return self.decision == self.Decision.PENDING


class ReminderLog(models.Model):
    """One reminder e-mail sent: what makes send_reminders idempotent, and its audit trail."""

    class Kind(models.TextChoices):
        ASSIGNEE_DIGEST = "assignee_digest", "Assignee digest"
        WEEKLY_DIGEST = "weekly_digest", "Weekly digest to scrutiny officers"
        REQUESTED = "requested", "Reminder the scrutiny team sent now"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    recipient = models.EmailField()
    period = models.CharField(
        max_length=10, help_text="The day (YYYY-MM-DD) or ISO week (YYYY-Www) it covers."
    )
    recommendations = models.JSONField(default=list, help_text="References included.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient", "period"], name="reminder_once_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.recipient} ({self.period})"


class ClosureComment(models.Model):
    """A member's or the scrutiny team's comment on a proposed closure, read before the
    meeting that decides it: for the council only, never published."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="closure_comments"
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="closure_comments",
        help_text="The meeting whose list of proposed closures it was made on.",
    )
    author = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="closure_comments"
    )
    text = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["recommendation", "created_at"])]

    def __str__(self) -> str:
        return f"Comment on the closure of {self.recommendation.reference}"


class ClosureDecision(models.Model):
    """What the committee decided, at a meeting, on a recommendation proposed for closure."""

    class Outcome(models.TextChoices):
        AGREED = "agreed", "Closure agreed"
        NOT_AGREED = "not_agreed", "Closure not agreed"
        DEFERRED = "deferred", "Deferred to the next meeting"

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="closure_decisions"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="closure_decisions")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    note = models.TextField(blank=True, help_text="The committee's note: why, or what next.")
    proposed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the closure the committee decided on was proposed."
    )
    proposed_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-meeting__date", "-pk"]
        constraints = [
            # One decision per recommendation per meeting: a second submit is refused.
            models.UniqueConstraint(
                fields=["recommendation", "meeting"], name="closure_decision_once_per_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.recommendation.reference} at {self.meeting}"


class ImpactStory(models.Model):
    """A recommendation the scrutiny team chose to tell, in the annual report of a municipal
    year, as what difference scrutiny made: with its outcome in a few sentences."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="impact_stories"
    )
    year = models.PositiveSmallIntegerField(
        help_text="The municipal year's first year, e.g. 2024 for 2024/25."
    )
    outcome = models.TextField(help_text="What came of it, in a few sentences.")
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "recommendation__item__meeting__date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "year"], name="impact_story_once_per_year"
            ),
            models.CheckConstraint(condition=~models.Q(outcome=""), name="impact_story_outcome"),
        ]

    def __str__(self) -> str:
        return f"Impact story {self.year}: {self.recommendation.reference}"
