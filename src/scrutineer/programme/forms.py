import datetime
from typing import cast

from django import forms
from django.utils import timezone

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core.calendar import time_of_day
from scrutineer.core.forms import (
    DateField,
    GovukMessages,
    LongSelect,
    PeopleMultipleChoiceField,
    PersonChoiceField,
)
from scrutineer.core.models import Person
from scrutineer.programme.models import (
    CallIn,
    Disposition,
    ForwardPlanItem,
    WorkProgrammeItem,
)


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


class DecisionFilterForm(GovukMessages, forms.Form):
    """The decisions list's filters."""

    decision_maker = forms.ChoiceField(label="Decision-maker", required=False)
    decided_from = DateField(label="Decided on or after", required=False)
    decided_to = DateField(label="Decided on or before", required=False)
    state = forms.ChoiceField(label="Call-in", required=False)
    key_only = forms.BooleanField(label="Key decisions only", required=False)

    def __init__(self, *args, decision_makers: list[str], states: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        choice_fields = cast(dict[str, forms.ChoiceField], self.fields)
        choice_fields["decision_maker"].choices = [
            ("", "Any"),
            *((name, name) for name in decision_makers),
        ]
        choice_fields["state"].choices = [("", "Any"), *states.items()]

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("decided_from"), data.get("decided_to")
        if start and end and start > end:
            self.add_error(
                "decided_to",
                "Decided on or before must be the same as or after decided on or after",
            )
        return data


class ExecutiveDecisionForm(GovukMessages, forms.Form):
    """An executive decision as the decision notice publishes it. The service checks the
    rules (an urgent decision has its reason; publication is not before the decision)."""

    title = forms.CharField(
        max_length=500, error_messages={"required": "Enter the title of the decision"}
    )
    decision_maker = forms.CharField(
        label="Decision-maker",
        max_length=200,
        initial="Cabinet",
        help_text="Cabinet, or the portfolio holder who took it.",
        error_messages={"required": "Enter who took the decision"},
    )
    decided_on = DateField(
        label="Date of the decision",
        error_messages={"required": "Enter the date of the decision"},
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, help_text="What was decided."
    )
    is_key_decision = forms.BooleanField(label="Key decision", required=False)
    forward_plan_item = forms.ModelChoiceField(
        label="Forward plan entry",
        queryset=ForwardPlanItem.objects.none(),
        required=False,
        empty_label="Not in the forward plan",
        widget=LongSelect,
    )
    report_url = forms.URLField(
        label="Link to the report",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter a link to the report in the correct format, like "
            "https://democracy.example.gov.uk/report.pdf"
        },
    )
    published_on = DateField(
        label="Date published",
        required=False,
        help_text="The call-in period starts the day after. Leave empty until the decision "
        "notice is published.",
    )
    published_time = forms.CharField(
        label="Time published",
        required=False,
        max_length=10,
        help_text="For example, 10:30am or 16:00",
    )
    is_exempt = forms.BooleanField(
        label="Exempt: taken on a report considered in private (LGA 1972 Sch. 12A), so only "
        "the scrutiny team and councillors see it",
        required=False,
    )
    exempt_from_call_in = forms.BooleanField(label="Urgent: exempt from call-in", required=False)
    urgency_reason = forms.CharField(
        label="Why it is urgent",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Published with the decision: why delay would harm the council or the public.",
    )
    external_reference = forms.CharField(
        label="Reference", max_length=100, required=False, help_text="The council's own, if any."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["forward_plan_item"]
        ).queryset = ForwardPlanItem.objects.order_by("-decision_date", "title")
        self.fields["published_time"].widget.attrs.update({"autocomplete": "off"})

    def clean(self) -> dict:
        data = super().clean() or {}
        day, time_text = data.get("published_on"), (data.get("published_time") or "").strip()
        published_at = None
        if time_text and time_of_day(time_text) is None:
            self.add_error("published_time", "Enter a real time, like 10:30am or 16:00")
        elif day and not time_text:
            self.add_error("published_time", "Enter the time the decision was published")
        elif time_text and not day and "published_on" not in self.errors:
            self.add_error("published_on", "Enter the date the decision was published")
        elif day:
            moment = time_of_day(time_text)
            assert moment is not None  # nosec B101: checked above
            published_at = timezone.make_aware(datetime.datetime.combine(day, moment))
        data["published_at"] = published_at
        return data

    def service_data(self) -> dict:
        """The cleaned data as the services take it."""
        data = dict(self.cleaned_data)
        data.pop("published_on", None)
        data.pop("published_time", None)
        return data


class CallInForm(GovukMessages, forms.Form):
    """Members' request to call in a decision: who signed, when it came, and why."""

    received_on = DateField(
        label="Date received",
        error_messages={"required": "Enter the date the call-in was received"},
    )
    signatories = PeopleMultipleChoiceField(
        label="Councillors who signed it",
        queryset=Person.objects.none(),
        required=False,
    )
    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the reasons for the call-in"},
    )

    def __init__(self, *args, members: int, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(PeopleMultipleChoiceField, self.fields["signatories"])
        field.queryset = Person.objects.filter(kind=Person.Kind.COUNCILLOR).order_by("name")
        field.fit_widget()
        field.help_text = " ".join(
            text for text in [f"At least {members} must sign it.", str(field.help_text)] if text
        )


class CallInOutcomeForm(GovukMessages, forms.Form):
    """What came of a call-in, and the committee meeting that considered it."""

    status = forms.ChoiceField(
        label="Outcome",
        choices=CallIn.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what came of the call-in"},
    )
    outcome_on = DateField(label="Date of the outcome", required=False)
    meeting = forms.ModelChoiceField(
        label="Meeting that considered it",
        queryset=Meeting.objects.none(),
        required=False,
        empty_label="No meeting",
        widget=LongSelect,
    )
    outcome_note = forms.CharField(
        label="Note", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["meeting"]
        ).queryset = Meeting.objects.select_related("committee").order_by(
            "-date", "committee__name"
        )
