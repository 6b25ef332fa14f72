"""Corporate performance (the PMAF): frameworks, indicators, targets, measurements,
milestones and benchmarks. RAG and direction of travel are computed (see ``rules``),
never stored."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from scrutineer.core.calendar import period_label
from scrutineer.programme.models import WorkProgrammeItem
from scrutineer.tracker.models import Recommendation


class Framework(models.Model):
    """A set of indicators reported together, e.g. "Corporate Plan PMAF 2024/25"."""

    class RagRule(models.TextChoices):
        TOLERANCE = "tolerance", "Tolerance band around the target"
        TOLERANCE_AND_TREND = (
            "tolerance_and_trend",
            "Red only when beyond tolerance and not improved on the same period last year",
        )

    name = models.CharField(max_length=200, unique=True)
    year = models.CharField(max_length=7, help_text="The financial year, e.g. 2024/25.")
    rag_rule = models.CharField(max_length=30, choices=RagRule.choices, default=RagRule.TOLERANCE)
    is_demo = models.BooleanField(default=False, help_text="Sample data, labelled as such.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    """A performance indicator: what is measured, which way is better, and how."""

    class Polarity(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"

    class Unit(models.TextChoices):
        PERCENT = "%", "Percentage"
        COUNT = "count", "Count"
        DAYS = "days", "Days"
        POUNDS = "£", "Pounds"
        MINUTES = "minutes", "Minutes"

    class MeasureType(models.TextChoices):
        SNAPSHOT = "snapshot", "Snapshot"
        CUMULATIVE_YTD = "cumulative_ytd", "Cumulative year to date"
        ROLLING_12 = "rolling_12", "Rolling 12 months"
        ANNUAL = "annual", "Annual"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        ANNUAL = "annual", "Annual"

    class ToleranceKind(models.TextChoices):
        ABSOLUTE = "absolute", "Absolute (in the indicator's unit)"
        PERCENTAGE = "percentage", "Percentage of the target"

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=300)
    directorate = models.CharField(max_length=200)
    theme = models.CharField(max_length=200, help_text="The corporate priority it serves.")
    polarity = models.CharField(max_length=10, choices=Polarity.choices)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    measure_type = models.CharField(
        max_length=20, choices=MeasureType.choices, default=MeasureType.SNAPSHOT
    )
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    data_owner = models.CharField(max_length=200, blank=True)
    tolerance = models.FloatField(default=0)
    tolerance_kind = models.CharField(
        max_length=10, choices=ToleranceKind.choices, default=ToleranceKind.ABSOLUTE
    )
    is_narrative = models.BooleanField(
        default=False, help_text="Reported in words only: always blue, never rated."
    )
    unbounded_percentage = models.BooleanField(
        "Percentage may be below 0 or above 100",
        default=False,
        help_text="For a percentage change or a rate against a base (collection above "
        "forecast): otherwise a percentage figure must be between 0 and 100.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="indicator_unique_code"),
            models.CheckConstraint(condition=models.Q(tolerance__gte=0), name="tolerance_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("performance:indicator", args=[self.pk])


class Target(models.Model):
    """The target for a financial year (no quarter: the annual target) or a profiled quarter."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveIntegerField(help_text="The financial year's start, e.g. 2024.")
    quarter = models.PositiveSmallIntegerField(null=True, blank=True)
    value = models.FloatField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year", "quarter"]
        constraints = [
            # One target per quarter, and one annual target (no quarter) per year; two partial
            # constraints, as SQLite cannot treat NULLs as equal in one.
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter"],
                condition=models.Q(quarter__isnull=False),
                name="target_unique_quarter",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=models.Q(quarter__isnull=True),
                name="target_unique_annual",
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__isnull=True) | models.Q(quarter__range=(1, 4)),
                name="target_quarter_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} target {period_label(self.year, self.quarter)}"


class Measurement(models.Model):
    """The figure for one quarter (or, for a monthly indicator, one month of a quarter), with
    the service's commentary and route to green."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    year = models.PositiveIntegerField(help_text="The financial year's start, e.g. 2024.")
    quarter = models.PositiveSmallIntegerField(help_text="Q1 = April to June.")
    month = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Monthly indicators only: the financial-year month, 1 = April to 12 = March.",
    )
    value = models.FloatField(null=True, blank=True, help_text="Empty for narrative updates.")
    commentary = models.TextField(blank=True)
    route_to_green = models.TextField(blank=True)
    provisional = models.BooleanField(default=False)
    approved = models.BooleanField(default=False, help_text="Only approved figures are public.")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year", "quarter", "month"]
        indexes = [
            # An indicator's figures from a year on, or in one quarter (the dashboard), and
            # the quarters a framework has figures for, read from the index alone.
            models.Index(fields=["indicator", "year", "quarter"]),
        ]
        constraints = [
            # One figure per quarter, or per month for a monthly indicator: two partial
            # constraints, as SQLite cannot treat NULLs as equal in one.
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter"],
                condition=models.Q(month__isnull=True),
                name="measurement_unique_quarter",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "month"],
                condition=models.Q(month__isnull=False),
                name="measurement_unique_month",
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__range=(1, 4)), name="measurement_quarter_1_to_4"
            ),
            # The month lies in the quarter: months 1 to 3 (April to June) are Q1, and so on.
            models.CheckConstraint(
                condition=models.Q(month__isnull=True)
                | models.Q(quarter=1, month__range=(1, 3))
                | models.Q(quarter=2, month__range=(4, 6))
                | models.Q(quarter=3, month__range=(7, 9))
                | models.Q(quarter=4, month__range=(10, 12)),
                name="measurement_month_in_quarter",
            ),
            models.CheckConstraint(
                condition=models.Q(approved=False) | models.Q(approved_at__isnull=False),
                name="measurement_approved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}"

    @property
    def period(self) -> str:
        return period_label(self.year, self.quarter, self.month)


class Milestone(models.Model):
    """A programme milestone: planned, forecast and actual dates; RAG comes from slippage."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"
        CANCELLED = "cancelled", "Cancelled"

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(max_length=300)
    directorate = models.CharField(max_length=200)
    theme = models.CharField(max_length=200, blank=True)
    planned_date = models.DateField()
    forecast_date = models.DateField(null=True, blank=True)
    actual_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    commentary = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "planned_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="complete") | models.Q(actual_date__isnull=False),
                name="milestone_complete_has_actual_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Benchmark(models.Model):
    """Peer comparison for an indicator, e.g. CIPFA nearest neighbours, for one year."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="benchmarks")
    year = models.PositiveIntegerField()
    source = models.CharField(max_length=200, help_text="e.g. CIPFA nearest neighbours")
    value = models.FloatField(help_text="The council's own value in the comparison.")
    peer_values = models.JSONField(default=list, blank=True)
    lower_quartile = models.FloatField(null=True, blank=True)
    median = models.FloatField(null=True, blank=True)
    upper_quartile = models.FloatField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "source"], name="benchmark_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.source} {period_label(self.year, None)}"


class IndicatorReference(models.Model):
    """Scrutiny's link from an indicator to the recommendation or work-programme item it led to."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="references")
    year = models.PositiveIntegerField()
    quarter = models.PositiveSmallIntegerField()
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicator_references",
    )
    work_programme_item = models.ForeignKey(
        WorkProgrammeItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicator_references",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(recommendation__isnull=False)
                    & models.Q(work_programme_item__isnull=True)
                )
                | (
                    models.Q(recommendation__isnull=True)
                    & models.Q(work_programme_item__isnull=False)
                ),
                name="indicator_reference_exactly_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.recommendation or self.work_programme_item}"
