"""Raising a recommendation, or a work-programme item, from an indicator."""

from __future__ import annotations

from django import forms

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core.forms import GovukMessages
from scrutineer.core.models import Person


class PeriodFields(GovukMessages, forms.Form):
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
        queryset=Committee.objects.filter(kind=Committee.Kind.SCRUTINY, is_expired=False),
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
