from typing import cast

from django import forms

from scrutineer.committees.models import Committee, Meeting, Membership
from scrutineer.core.forms import DateField, GovukMessages


class MeetingForm(GovukMessages, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "time", "venue", "invited_committees"]
        field_classes = {"date": DateField}
        labels = {"date": "Date of the meeting"}
        widgets = {
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


class PersonCommitteesForm(GovukMessages, forms.Form):
    """The committees a person sits on: for each, no seat or a role."""

    NONE = ""

    def __init__(self, *args, committees, current: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.committees = list(committees)
        choices = [(self.NONE, "Not on it"), *Membership.Role.choices]
        for committee in self.committees:
            self.fields[f"committee_{committee.pk}"] = forms.ChoiceField(
                label=committee.name,
                choices=choices,
                required=False,
                initial=current.get(committee.pk, self.NONE),
            )

    def seats(self) -> dict[Committee, str]:
        """Each committee with the role chosen on it ("" for no seat)."""
        return {c: self.cleaned_data.get(f"committee_{c.pk}", "") for c in self.committees}


class MinutesPublishedForm(GovukMessages, forms.Form):
    published_on = DateField(
        label="Date the minutes were published",
        help_text="The meeting's draft items become public from this date.",
        error_messages={"required": "Enter the date the minutes were published"},
    )
