"""Editing the framework's contents: indicators, targets, figures and milestones. These
forms check what was typed; the rules (a red figure needs a route to green, codes are
unique, and so on) are the services'."""

from __future__ import annotations

from typing import cast

from django import forms

from scrutineer.core.calendar import FINANCIAL_MONTH_NAMES, period_label
from scrutineer.core.forms import DateField
from scrutineer.performance.models import Framework, Indicator, Milestone

QUARTER_MONTHS = {
    1: "April to June",
    2: "July to September",
    3: "October to December",
    4: "January to March",
}
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
    planned_date = DateField(
        error_messages={"required": "Enter the planned date", "invalid": "Enter a real date"},
    )
    forecast_date = DateField(
        label="Forecast date (optional)",
        required=False,
        help_text="When it is now expected, if that differs from the plan.",
        error_messages={"invalid": "Enter a real date"},
    )
    actual_date = DateField(
        label="Actual date (optional)",
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
