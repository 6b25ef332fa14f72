from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core.calendar import GENERAL_EXCEPTION, SPECIAL_URGENCY
from scrutineer.core.models import Person
from scrutineer.tracker.models import Recommendation


class ForwardPlanItem(models.Model):
    """A decision the executive expects to take, as published in the forward plan."""

    class Precision(models.TextChoices):
        MONTH = "month", "Month"
        DAY = "day", "Day"

    class Urgency(models.TextChoices):
        """How a key decision listed with less than 28 clear days' notice may still be taken:
        Local Authorities (Executive Arrangements) (Meetings and Access to Information)
        (England) Regulations 2012, regs. 10 and 11."""

        NONE = "", "None"
        GENERAL_EXCEPTION = GENERAL_EXCEPTION, "General exception (reg. 10)"
        SPECIAL_URGENCY = SPECIAL_URGENCY, "Special urgency (reg. 11)"

    title = models.CharField(max_length=500)
    decision_maker = models.CharField(max_length=200, default="Cabinet")
    decision_date = models.DateField(help_text="The first of the month when only a month is known.")
    decision_date_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.MONTH
    )
    is_key_decision = models.BooleanField(default=False)
    first_published = models.DateField(null=True, blank=True)
    lead_officer = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    portfolio = models.CharField(max_length=200, blank=True)
    is_exempt = models.BooleanField(default=False)
    urgency = models.CharField(max_length=20, choices=Urgency.choices, blank=True, default="")
    urgency_chair_date = models.DateField(
        null=True,
        blank=True,
        help_text="General exception: the day the chair of overview and scrutiny was told and "
        "the notice published. Special urgency: the day the chair agreed.",
    )
    urgency_reason = models.TextField(
        blank=True, help_text="Why the decision could not wait for 28 clear days' notice."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision_date", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "decision_date"], name="forward_plan_item_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Disposition(models.Model):
    """What one scrutiny committee does with a forward-plan item."""

    class Choice(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled for a meeting"
        NOT_ON_WORK_PROGRAMME = "not_on_work_programme", "Not on the work programme"
        OTHER_COMMITTEE = "other_committee", "Within another committee's remit"

    forward_plan_item = models.ForeignKey(
        ForwardPlanItem, on_delete=models.CASCADE, related_name="dispositions"
    )
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="dispositions")
    position = models.PositiveIntegerField(help_text="Its number in the committee's table.")
    choice = models.CharField(max_length=30, choices=Choice.choices)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    scheduled_for = models.DateField(
        null=True, blank=True, help_text="The month (its first day) when no meeting is fixed."
    )
    other_committee = models.ForeignKey(
        Committee, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["forward_plan_item", "committee"], name="disposition_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.committee}: {self.forward_plan_item} ({self.get_choice_display()})"


class WorkProgrammeItem(models.Model):
    """What a committee plans to consider, and when."""

    class Source(models.TextChoices):
        FORWARD_PLAN = "forward_plan", "Forward plan"
        RECOMMENDATION = "recommendation", "Recommendation"
        MEMBER = "member", "Member request"
        RECURRING = "recurring", "Recurring"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        SCHEDULED = "scheduled", "Scheduled"
        CONSIDERED = "considered", "Considered"
        DEFERRED = "deferred", "Deferred"
        WITHDRAWN = "withdrawn", "Withdrawn"

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="work_programme"
    )
    municipal_year = models.CharField(max_length=5, help_text="e.g. 24/25")
    title = models.CharField(max_length=500)
    purpose = models.TextField(blank=True)
    intended_outcome = models.TextField(blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.MEMBER)
    forward_plan_item = models.ForeignKey(
        ForwardPlanItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recommendation = models.ForeignKey(
        Recommendation,
        # Refused while planned: the entry would lose the exempt flag it inherits.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_programme_items",
    )
    planned_meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="planned_items"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "planned_meeting__date", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:work_programme", args=[self.committee.slug])


class ExecutiveDecision(models.Model):
    """A decision of Cabinet or a portfolio holder, published with a call-in window (the
    council's constitution sets it in working days: Local Government Act 2000 s.9F(2)(a) and
    the council's overview and scrutiny procedure rules)."""

    title = models.CharField(max_length=500)
    decision_maker = models.CharField(
        max_length=200, default="Cabinet", help_text="Cabinet, or the portfolio holder."
    )
    decided_on = models.DateField()
    summary = models.TextField(blank=True)
    is_key_decision = models.BooleanField(default=False)
    exempt_from_call_in = models.BooleanField(
        default=False, help_text="Urgent: the constitution lets it be implemented at once."
    )
    urgency_reason = models.TextField(blank=True)
    forward_plan_item = models.ForeignKey(
        ForwardPlanItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="executive_decisions",
    )
    report_url = models.URLField(max_length=500, blank=True)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty until the decision notice is published."
    )
    is_exempt = models.BooleanField(
        default=False, help_text="Taken on an exempt report (LGA 1972 Sch. 12A)."
    )
    external_reference = models.CharField(max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(exempt_from_call_in=False) | ~models.Q(urgency_reason=""),
                name="executive_decision_urgency_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:decision_detail", args=[self.pk])


class CallIn(models.Model):
    """Members' request that a decision be reviewed by overview and scrutiny before it is
    implemented, and what came of it (LGA 2000 s.9F(4))."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the committee"
        NO_FURTHER_ACTION = "no_further_action", "No further action"
        REFERRED_BACK = "referred_back", "Referred back to the decision-maker"
        REFERRED_TO_COUNCIL = "referred_to_council", "Referred to full council"
        WITHDRAWN = "withdrawn", "Withdrawn"

    decision = models.ForeignKey(
        ExecutiveDecision, on_delete=models.PROTECT, related_name="call_ins"
    )
    received_on = models.DateField()
    signatories = models.ManyToManyField(Person, related_name="call_ins_signed")
    reasons = models.TextField()
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.PENDING)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome_on = models.DateField(null=True, blank=True)
    outcome_note = models.TextField(blank=True)
    history = HistoricalRecords(m2m_fields=[signatories])

    class Meta:
        ordering = ["received_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="pending") | models.Q(outcome_on__isnull=False),
                name="call_in_outcome_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Call-in of {self.decision}"

    def get_absolute_url(self) -> str:
        return reverse("programme:decision_detail", args=[self.decision_id])
