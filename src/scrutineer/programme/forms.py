from typing import cast

from django import forms

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core.forms import LengthMessages
from scrutineer.programme.models import Disposition, WorkProgrammeItem


class DispositionForm(forms.Form):
    choice = forms.ChoiceField(
        label="What the committee does with it",
        choices=Disposition.Choice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the committee does with it"},
    )
    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(), required=False, label="Meeting (when scheduled)"
    )
    other_committee = forms.ModelChoiceField(
        queryset=Committee.objects.none(),
        required=False,
        label="Committee (when in another committee's remit)",
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Printed in the forward-plan table. Leave empty for the usual wording.",
    )

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["meeting"]).queryset = committee.meetings.order_by(
            "date"
        )
        cast(forms.ModelChoiceField, self.fields["other_committee"]).queryset = (
            Committee.objects.filter(is_expired=False).exclude(pk=committee.pk).order_by("name")
        )


class WorkProgrammeItemForm(LengthMessages, forms.Form):
    title = forms.CharField(max_length=500, error_messages={"required": "Enter a title"})
    source = forms.ChoiceField(choices=WorkProgrammeItem.Source.choices, widget=forms.RadioSelect)
    planned_meeting = forms.ModelChoiceField(queryset=Meeting.objects.none(), required=False)
    purpose = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    intended_outcome = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["planned_meeting"]
        ).queryset = committee.meetings.order_by("date")
