"""Performance forms: they validate input only; the rules live in services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.http import QueryDict

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core.calendar import FINANCIAL_MONTH_NAMES, period_label
from scrutineer.core.forms import DateInput
from scrutineer.core.models import Person
from scrutineer.performance import selectors
from scrutineer.performance.models import (
    Framework,
    Indicator,
    Milestone,
)

QUARTER_MONTHS = {
    1: "April to June",
    2: "July to September",
    3: "October to December",
    4: "January to March",
}


class DashboardFilterForm(forms.Form):
    framework = forms.TypedChoiceField(coerce=int, required=False)
    period = forms.ChoiceField(label="Quarter", required=False)
    directorate = forms.ChoiceField(required=False)
    theme = forms.ChoiceField(label="Priority or theme", required=False)

    def __init__(
        self,
        *args,
        frameworks: list[Framework],
        periods: list[tuple[int, int]],
        directorates: list[str],
        themes: list[str],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        fields = cast(dict[str, forms.ChoiceField], self.fields)
        fields["framework"].choices = [(f.pk, str(f)) for f in frameworks]
        fields["period"].choices = [(f"{y}-{q}", period_label(y, q)) for y, q in periods]
        fields["directorate"].choices = [("", "All directorates"), *((d, d) for d in directorates)]
        fields["theme"].choices = [("", "All themes"), *((t, t) for t in themes)]


@dataclass
class DashboardFilters:
    """The dashboard's filters read from a query string, once, for the page and its report."""

    frameworks: list[Framework]
    framework: Framework | None
    form: DashboardFilterForm | None = None
    year: int | None = None  # None when there are no figures, or the query is not valid
    quarter: int = 0
    directorate: str = ""
    theme: str = ""


def dashboard_filters(*, data: QueryDict, user: Any) -> DashboardFilters:
    """The framework, quarter, directorate and theme a query asks for; the latest quarter the
    user may see when it names none."""
    frameworks = selectors.frameworks()
    framework = selectors.framework_chosen(frameworks, data.get("framework", ""))
    found = DashboardFilters(frameworks=frameworks, framework=framework)
    if framework is None:
        return found
    periods = selectors.periods_of(framework, user)
    directorates, themes = selectors.filter_choices(framework)
    data = data.copy()
    data["framework"] = str(framework.pk)
    if periods:
        data.setdefault("period", f"{periods[0][0]}-{periods[0][1]}")
    found.form = DashboardFilterForm(
        data, frameworks=frameworks, periods=periods, directorates=directorates, themes=themes
    )
    if periods and found.form.is_valid():
        found.year, found.quarter = (int(p) for p in found.form.cleaned_data["period"].split("-"))
        found.directorate = found.form.cleaned_data["directorate"]
        found.theme = found.form.cleaned_data["theme"]
    return found


class PeriodFields(forms.Form):
    year = forms.IntegerField(widget=forms.HiddenInput)
    quarter = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=4)


def _scrutiny_meetings(*, required: bool = True) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Meeting" if required else "Planned meeting (optional)",
        queryset=Meeting.objects.select_related("committee")
        .filter(committee__kind=Committee.Kind.SCRUTINY)
        .order_by("-date"),
        required=required,
        empty_label="Choose the committee's meeting" if required else "Not yet scheduled",
        error_messages={"required": "Choose the meeting that considered the indicator"},
    )


class RaiseRecommendationForm(PeriodFields):
    text = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the recommendation"},
    )
    assignees = forms.ModelMultipleChoiceField(
        label="Assigned to",
        queryset=Person.objects.filter(kind__in=[Person.Kind.OFFICER, Person.Kind.TEAM]),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"] = _scrutiny_meetings()
        self.order_fields(["meeting", "text", "assignees"])


class WorkProgrammeForm(PeriodFields):
    committee = forms.ModelChoiceField(
        queryset=Committee.objects.filter(kind=Committee.Kind.SCRUTINY),
        empty_label="Choose a committee",
        error_messages={"required": "Choose the committee"},
    )
    title = forms.CharField(max_length=500, error_messages={"required": "Enter a title"})
    purpose = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["planned_meeting"] = _scrutiny_meetings(required=False)

    def clean(self):
        cleaned = super().clean() or {}
        committee, meeting = cleaned.get("committee"), cleaned.get("planned_meeting")
        if committee and meeting and meeting.committee_id != committee.pk:
            self.add_error("planned_meeting", "Choose a meeting of the same committee")
        return cleaned


class ValuesUploadForm(forms.Form):
    framework = forms.ModelChoiceField(
        queryset=Framework.objects.all(),
        empty_label=None,
        error_messages={"required": "Select the framework the figures belong to"},
    )
    file = forms.FileField(
        label="File of figures",
        help_text="A spreadsheet (CSV or XLSX) with the template's columns. Up to 10 MB.",
        error_messages={
            "required": "Select a file of figures",
            "empty": "The selected file is empty",
        },
    )

    def clean_file(self):
        from scrutineer.files.limits import MAX_BYTES

        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the largest file that can be "
                f"imported is {MAX_BYTES // 1024 // 1024} MB"
            )
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The selected file must be a CSV or XLSX file")
        return upload


# Editing the framework's contents. These forms check what was typed; the rules (a red
# figure needs a route to green, codes are unique, and so on) are the services'.

_NUMBER = {"invalid": "Enter a number, like 91.5 (without a % or £ sign)"}
UNIT_HINTS: dict[str, str] = {
    Indicator.Unit.PERCENT: "A percentage, without the % sign.",
    Indicator.Unit.COUNT: "A number.",
    Indicator.Unit.DAYS: "In days.",
    Indicator.Unit.POUNDS: "In pounds, without the £ sign.",
    Indicator.Unit.MINUTES: "In minutes.",
}


def _number_field(label: str, *, required: bool = False, hint: str = "") -> forms.FloatField:
    return forms.FloatField(
        label=label,
        required=required,
        help_text=hint,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={**_NUMBER, "required": f"Enter the {label.lower()}"},
    )


def _year_choices(years: list[int]) -> list[tuple[int, str]]:
    return [(year, period_label(year, None)) for year in years]


class IndicatorForm(forms.Form):
    framework = forms.ModelChoiceField(
        queryset=Framework.objects.all(),
        empty_label=None,
        error_messages={"required": "Choose the framework the indicator belongs to"},
    )
    code = forms.CharField(
        max_length=20,
        help_text="Short and unique in the framework, like CP01.",
        error_messages={"required": "Enter the indicator's code"},
    )
    name = forms.CharField(
        max_length=300,
        help_text="What is measured, as it appears in the report.",
        error_messages={"required": "Enter the indicator's name"},
    )
    directorate = forms.CharField(
        max_length=200, error_messages={"required": "Enter the directorate responsible"}
    )
    theme = forms.CharField(
        label="Priority or theme",
        max_length=200,
        help_text="The corporate priority it serves.",
        error_messages={"required": "Enter the priority or theme it serves"},
    )
    polarity = forms.ChoiceField(
        label="Which way is better",
        choices=Indicator.Polarity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether higher or lower is better"},
    )
    unit = forms.ChoiceField(
        choices=Indicator.Unit.choices, error_messages={"required": "Choose the unit"}
    )
    measure_type = forms.ChoiceField(
        label="Type of measure",
        choices=Indicator.MeasureType.choices,
        widget=forms.RadioSelect,
        help_text="Cumulative figures add up through the financial year; rolling figures "
        "add up the last 12 months; annual figures are rated at year end only.",
        error_messages={"required": "Choose the type of measure"},
    )
    frequency = forms.ChoiceField(
        label="How often it is reported",
        choices=Indicator.Frequency.choices,
        widget=forms.RadioSelect,
        help_text="A monthly indicator has a figure for each month; the quarterly report "
        "rates it at the latest month of the quarter.",
        error_messages={"required": "Choose how often it is reported"},
    )
    data_owner = forms.CharField(label="Data owner (optional)", max_length=200, required=False)
    tolerance = forms.FloatField(
        min_value=0,
        help_text="How far short of the target is still amber rather than red. 0 for none.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            **_NUMBER,
            "required": "Enter the tolerance (0 for none)",
            "min_value": "The tolerance must be 0 or more",
        },
    )
    tolerance_kind = forms.ChoiceField(
        label="The tolerance is",
        choices=Indicator.ToleranceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the tolerance is measured"},
    )
    is_narrative = forms.BooleanField(
        label="Reported in words only (never rated)",
        required=False,
    )
    unbounded_percentage = forms.BooleanField(
        label="A percentage that may be below 0 or above 100",
        help_text="For a percentage change, or a rate against a base such as a forecast.",
        required=False,
    )


class TargetsForm(forms.Form):
    """A financial year's annual target and its profile by quarter; a blank removes one."""

    year = forms.TypedChoiceField(
        label="Financial year", coerce=int, error_messages={"required": "Choose the year"}
    )
    annual = _number_field("Annual target")
    q1 = _number_field("Q1 target (April to June)")
    q2 = _number_field("Q2 target (July to September)")
    q3 = _number_field("Q3 target (October to December)")
    q4 = _number_field("Q4 target (January to March)")

    def __init__(self, *args, years: list[int], cumulative: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["year"]).choices = _year_choices(years)
        self.fields["annual"].help_text = "Leave blank to remove it."
        profile = (
            "The year to date at the end of the quarter." if cumulative else "For that quarter."
        )
        for quarter in range(1, 5):
            self.fields[f"q{quarter}"].help_text = (
                f"Optional. {profile} Without one, the annual target applies"
                + (" pro rata." if cumulative else ".")
            )

    @property
    def quarters(self) -> dict[int, float | None]:
        return {q: self.cleaned_data.get(f"q{q}") for q in range(1, 5)}


class MeasurementForm(forms.Form):
    """A period's figure: the quarter, or the month for a monthly indicator."""

    year = forms.TypedChoiceField(
        label="Financial year", coerce=int, error_messages={"required": "Choose the year"}
    )
    value = _number_field("Figure")
    commentary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="What the figure shows and why, in plain words.",
    )
    route_to_green = forms.CharField(
        label="Route to green",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Required when the figure is red: what will bring it back to target, and "
        "by when.",
    )
    provisional = forms.BooleanField(
        label="This figure is provisional (it may change once the data is complete)",
        required=False,
    )

    def __init__(self, *args, indicator: Indicator, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["year"]).choices = _year_choices(years)
        if indicator.frequency == Indicator.Frequency.MONTHLY:
            self.fields["month"] = forms.TypedChoiceField(
                coerce=int,
                choices=[(n, name) for n, name in enumerate(FINANCIAL_MONTH_NAMES, start=1)],
                help_text="The financial year runs from April to March.",
                error_messages={"required": "Choose the month"},
            )
        else:
            self.fields["quarter"] = forms.TypedChoiceField(
                coerce=int,
                choices=[(q, f"Q{q} ({QUARTER_MONTHS[q]})") for q in range(1, 5)],
                error_messages={"required": "Choose the quarter"},
            )
        self.order_fields(["year", "quarter", "month"])
        value = self.fields["value"]
        value.required = not indicator.is_narrative
        value.error_messages["required"] = f"Enter the figure for {indicator.code}"
        value.help_text = UNIT_HINTS.get(indicator.unit, "") + (
            " The year to date." if indicator.measure_type == "cumulative_ytd" else ""
        )
        if indicator.is_narrative:
            value.label = "Figure (optional)"
            value.help_text = "A narrative indicator is reported in words: use the commentary."


class MilestoneForm(forms.Form):
    framework = forms.ModelChoiceField(
        queryset=Framework.objects.all(),
        empty_label=None,
        error_messages={"required": "Choose the framework the milestone belongs to"},
    )
    name = forms.CharField(
        label="Milestone", max_length=300, error_messages={"required": "Enter the milestone"}
    )
    directorate = forms.CharField(
        max_length=200, error_messages={"required": "Enter the directorate responsible"}
    )
    theme = forms.CharField(label="Priority or theme (optional)", max_length=200, required=False)
    planned_date = forms.DateField(
        widget=DateInput(),
        error_messages={"required": "Enter the planned date", "invalid": "Enter a real date"},
    )
    forecast_date = forms.DateField(
        label="Forecast date (optional)",
        widget=DateInput(),
        required=False,
        help_text="When it is now expected, if that differs from the plan.",
        error_messages={"invalid": "Enter a real date"},
    )
    actual_date = forms.DateField(
        label="Actual date (optional)",
        widget=DateInput(),
        required=False,
        help_text="When it was achieved.",
        error_messages={"invalid": "Enter a real date"},
    )
    status = forms.ChoiceField(
        choices=Milestone.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the status"},
    )
    commentary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
