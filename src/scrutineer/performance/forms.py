"""Performance forms: they validate input only; the rules live in services."""

from __future__ import annotations

from typing import cast

from django import forms

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core.models import Person
from scrutineer.performance.models import Framework, period_label


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
        from scrutineer.imports.parsers.tabular import MAX_BYTES

        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the largest file that can be "
                f"imported is {MAX_BYTES // 1024 // 1024} MB"
            )
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The selected file must be a CSV or XLSX file")
        return upload
