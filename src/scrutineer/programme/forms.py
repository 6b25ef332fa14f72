from typing import cast

from django import forms

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core.forms import DateField, GovukMessages, PersonChoiceField
from scrutineer.core.models import Person
from scrutineer.programme.models import Disposition, ForwardPlanItem, WorkProgrammeItem


class DispositionForm(GovukMessages, forms.Form):
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


class WorkProgrammeItemForm(GovukMessages, forms.Form):
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


class ForwardPlanItemForm(GovukMessages, forms.Form):
    """A decision in the executive's forward plan. The service checks the rules (a month-only
    date is stored on the month's first day; the urgency record is complete)."""

    title = forms.CharField(
        max_length=500, error_messages={"required": "Enter the title of the decision"}
    )
    decision_maker = forms.CharField(
        max_length=200,
        initial="Cabinet",
        help_text="Cabinet, or the portfolio holder or officer who decides.",
        error_messages={"required": "Enter who takes the decision"},
    )
    decision_date = DateField(
        help_text="When only the month is known, any day of it.",
        error_messages={
            "required": "Enter the date or month of the decision",
            "invalid": "Enter a real date",
        },
    )
    decision_date_precision = forms.ChoiceField(
        label="Is the date fixed?",
        choices=[
            (ForwardPlanItem.Precision.MONTH, "Only the month is known"),
            (ForwardPlanItem.Precision.DAY, "The date is fixed"),
        ],
        initial=ForwardPlanItem.Precision.MONTH,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the date or only the month is known"},
    )
    is_key_decision = forms.BooleanField(label="Key decision", required=False)
    lead_officer = PersonChoiceField(
        queryset=Person.objects.none(),
        required=False,
        empty_label="Choose an officer or team",
    )
    first_published = DateField(
        label="Date first published in the forward plan",
        required=False,
        help_text="A key decision needs 28 clear days' notice.",
        error_messages={"invalid": "Enter a real date"},
    )
    portfolio = forms.CharField(max_length=200, required=False)
    is_exempt = forms.BooleanField(
        label="Exempt: the report will be considered in private", required=False
    )
    urgency = forms.ChoiceField(
        label="If a key decision has less than 28 clear days' notice",
        choices=[
            ("", "Neither: it has 28 clear days' notice, or is not a key decision"),
            (
                ForwardPlanItem.Urgency.GENERAL_EXCEPTION,
                "General exception: the chair of overview and scrutiny was told, and the "
                "notice published, at least 5 clear days before (reg. 10)",
            ),
            (
                ForwardPlanItem.Urgency.SPECIAL_URGENCY,
                "Special urgency: the chair of overview and scrutiny agreed the decision "
                "cannot wait (reg. 11)",
            ),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    urgency_chair_date = DateField(
        label="Date the chair was told or agreed",
        required=False,
        help_text="General exception: the day the chair was told and the notice published. "
        "Special urgency: the day the chair agreed.",
        error_messages={"invalid": "Enter a real date"},
    )
    urgency_reason = forms.CharField(
        label="Reasons",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why the decision cannot wait: the published notice gives them.",
    )
    committees = forms.ModelMultipleChoiceField(
        label="Add it to these committees' forward-plan tables",
        queryset=Committee.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Each gets a suggested disposition, which you can change.",
    )

    def __init__(self, *args, item: ForwardPlanItem | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(PersonChoiceField, self.fields["lead_officer"]).queryset = Person.objects.filter(
            kind__in=[Person.Kind.OFFICER, Person.Kind.TEAM]
        )
        committees = Committee.objects.filter(
            kind__in=[Committee.Kind.SCRUTINY, Committee.Kind.AUDIT]
        ).order_by("name")
        if item is not None:
            committees = committees.exclude(dispositions__forward_plan_item=item)
        cast(forms.ModelMultipleChoiceField, self.fields["committees"]).queryset = committees
