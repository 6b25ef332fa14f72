from typing import cast

from django import forms

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core.forms import DateInput, LengthMessages


class MeetingForm(LengthMessages, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "time", "venue", "invited_committees"]
        widgets = {
            "date": DateInput(),
            "time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "invited_committees": forms.CheckboxSelectMultiple,
        }
        error_messages = {"date": {"required": "Enter the date of the meeting"}}

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        invited = cast(forms.ModelMultipleChoiceField, self.fields["invited_committees"])
        # Past committees (no longer meeting) are not offered.
        invited.queryset = Committee.objects.filter(is_expired=False).exclude(pk=committee.pk)
        self.fields["invited_committees"].label = "Other committees invited (joint meeting)"
