import uuid
from typing import cast

from django import forms
from django.conf import settings
from django.db.models import Q
from django.http import QueryDict

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import clock
from scrutineer.core.forms import (
    DateField,
    GovukMessages,
    LongSelect,
    PeopleMultipleChoiceField,
    PersonChoiceField,
)
from scrutineer.core.models import Person
from scrutineer.core.validation import TEXT_MAX
from scrutineer.files.evidence import ACCEPTED, evidence_problem
from scrutineer.tracker.models import Recommendation
from scrutineer.tracker.selectors.annual import municipal_year_latest, municipal_years
from scrutineer.tracker.selectors.tracker_page import SORTS


class TrackerFilterForm(GovukMessages, forms.Form):
    STATUS_CHOICES = [
        ("", "Any"),
        ("open", "Open"),
        ("closed", "Closed"),
        ("overdue", "Overdue"),
        ("stale", "No recent update"),
    ]
    # Only the council sees drafts and withdrawn items, so only it is offered them.
    COUNCIL_STATUS_CHOICES = [("draft", "Draft (not yet published)"), ("withdrawn", "Withdrawn")]
    SORT_CHOICES = [
        ("number", "Number"),
        ("-date", "Meeting date, newest first"),
        ("date", "Meeting date, oldest first"),
        ("title", "Report title"),
        ("updated", "Least recently updated"),
        ("-updated", "Most recently updated"),
    ]
    q = forms.CharField(label="Search", required=False, max_length=200)
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False)
    date_from = DateField(label="Meeting from", required=False)
    date_to = DateField(label="Meeting to", required=False)
    assignee = forms.TypedChoiceField(
        label="Assigned to",
        required=False,
        coerce=int,
        empty_value=None,
        widget=LongSelect(attrs={"data-module": "app-people-picker"}),
    )
    directorate = forms.ChoiceField(required=False, widget=LongSelect)
    sort = forms.ChoiceField(label="Sort by", choices=SORT_CHOICES, required=False)

    def __init__(self, *args, people=(), directorates=(), council=False, **kwargs):
        super().__init__(*args, **kwargs)
        choice_fields = cast(dict[str, forms.ChoiceField], self.fields)
        if council:
            choice_fields["status"].choices = self.STATUS_CHOICES + self.COUNCIL_STATUS_CHOICES
        choice_fields["assignee"].choices = [("", "Anyone"), *people]
        choice_fields["directorate"].choices = [("", "Any"), *((d, d) for d in directorates)]
        choice_fields["sort"].choices = [c for c in self.SORT_CHOICES if c[0] in SORTS]

    def clean(self):
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return cleaned


class OverdueFilterForm(GovukMessages, forms.Form):
    """The overdue dashboard's filters: one officer's, or one directorate's."""

    assignee = forms.TypedChoiceField(
        label="Officer",
        required=False,
        coerce=int,
        empty_value=None,
        widget=LongSelect(attrs={"data-module": "app-people-picker"}),
    )
    directorate = forms.ChoiceField(required=False, widget=LongSelect)

    def __init__(self, *args, people=(), directorates=(), **kwargs):
        super().__init__(*args, **kwargs)
        choice_fields = cast(dict[str, forms.ChoiceField], self.fields)
        choice_fields["assignee"].choices = [("", "Anyone"), *people]
        choice_fields["directorate"].choices = [("", "Any"), *((d, d) for d in directorates)]


class RecommendationFilterForm(GovukMessages, forms.Form):
    """The council-wide recommendations list's filters (``RecommendationFilters``)."""

    SORT_CHOICES = [
        ("due", "Due date, soonest first"),
        ("-date", "Meeting date, newest first"),
        ("date", "Meeting date, oldest first"),
        ("updated", "Least recently updated"),
    ]
    q = forms.CharField(label="Search", required=False, max_length=200)
    committee = forms.ChoiceField(required=False, widget=LongSelect)
    status = forms.ChoiceField(
        choices=[("", "Any"), ("open", "Open"), ("closed", "Closed")], required=False
    )
    overdue = forms.BooleanField(label="Overdue", required=False)
    closure_proposed = forms.BooleanField(label="Closure proposed", required=False)
    needs_update = forms.BooleanField(
        label="No update since the committee last met", required=False
    )
    response = forms.ChoiceField(label="Executive response", required=False)
    assignee = forms.TypedChoiceField(
        label="Lead officer or assignee",
        required=False,
        coerce=int,
        empty_value=None,
        widget=LongSelect(attrs={"data-module": "app-people-picker"}),
    )
    directorate = forms.ChoiceField(required=False, widget=LongSelect)
    due_after = DateField(label="Due on or after", required=False)
    due_before = DateField(label="Due on or before", required=False)
    mine = forms.ChoiceField(label="Whose", required=False)
    sort = forms.ChoiceField(label="Sort by", choices=SORT_CHOICES, required=False)

    def __init__(self, *args, choices, mine=(), responses=(), **kwargs):
        super().__init__(*args, **kwargs)
        choice_fields = cast(dict[str, forms.ChoiceField], self.fields)
        choice_fields["committee"].choices = [("", "Any committee"), *choices["committees"]]
        choice_fields["assignee"].choices = [("", "Anyone"), *choices["people"]]
        choice_fields["directorate"].choices = [
            ("", "Any"),
            *((d, d) for d in choices["directorates"]),
        ]
        choice_fields["mine"].choices = [("", "Anyone's"), *mine]
        choice_fields["response"].choices = [("", "Any"), *responses]

    def clean(self):
        cleaned = super().clean() or {}
        start, end = cleaned.get("due_after"), cleaned.get("due_before")
        if start and end and start > end:
            self.add_error(
                "due_before", "The due-before date must be the same as or after the due-after date"
            )
        return cleaned


class ItemForm(GovukMessages, forms.Form):
    report_title = forms.CharField(
        max_length=500, error_messages={"required": "Enter the report title"}
    )
    lead_officer = PersonChoiceField(
        queryset=Person.objects.filter(kind=Person.Kind.OFFICER),
        required=False,
        empty_label="Choose an officer",
    )
    summary = forms.CharField(
        label="Summary of the discussion",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="Separate paragraphs with a blank line.",
    )
    is_exempt = forms.BooleanField(
        label="Exempt or confidential (Local Government Act 1972, Schedule 12A)", required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only officers are offered; one recorded before (a councillor, from an import) is
        # kept, so that saving the item does not drop it.
        current = self.initial.get("lead_officer")
        if isinstance(current, Person) and current.kind != Person.Kind.OFFICER:
            field = cast(PersonChoiceField, self.fields["lead_officer"])
            field.queryset = Person.objects.filter(Q(kind=Person.Kind.OFFICER) | Q(pk=current.pk))


class RecommendationForm(GovukMessages, forms.Form):
    number = forms.CharField(max_length=10, required=False, help_text="Leave empty for the next.")
    preamble = forms.CharField(
        max_length=300, required=False, help_text="For example, “Cabinet to:”"
    )
    text = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the recommendation"},
    )
    kind = forms.ChoiceField(choices=Recommendation.Kind.choices, widget=forms.RadioSelect)
    addressee = forms.CharField(max_length=200, required=False, help_text="For example, Cabinet")
    assignees = PeopleMultipleChoiceField(
        label="Assigned to",
        queryset=Person.objects.filter(kind__in=[Person.Kind.OFFICER, Person.Kind.TEAM]),
        required=False,
    )
    due_date = DateField(required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(PeopleMultipleChoiceField, self.fields["assignees"]).fit_widget()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """One or more files, checked by their content (``files.evidence``): each problem is
    its own message, naming the file."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        problems = []
        for upload in files:
            problem, _ = evidence_problem(
                name=upload.name,
                data=_read(upload),
                max_bytes=settings.SCRUTINEER_EVIDENCE_MAX_BYTES,
            )
            if problem:
                problems.append(problem)
        if problems:
            raise forms.ValidationError(problems)
        return list(files)


def _read(upload) -> bytes:
    # One byte over the limit is enough to refuse it: a huge file is not read whole.
    upload.seek(0)
    data = upload.read(settings.SCRUTINEER_EVIDENCE_MAX_BYTES + 1)
    upload.seek(0)
    return data


class ProgressForm(GovukMessages, forms.Form):
    text = forms.CharField(
        label="Progress update",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what has been done"},
    )
    proposes_closure = forms.BooleanField(
        label="Propose closing this recommendation: the action is complete", required=False
    )
    evidence = EvidenceField(
        label="Evidence (optional)",
        required=False,
        help_text="One or more files: PDF, Word (DOCX), Excel (XLSX), OpenDocument text (ODT), "
        "PNG or JPEG.",
        widget=MultipleFileInput(attrs={"accept": ACCEPTED}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # A fresh key each time the form is shown; a second submit of the same page carries it
    # again, and is answered with the update the first one saved.
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = f"{settings.SCRUTINEER_EVIDENCE_MAX_BYTES / 1024 / 1024:.1f}".removesuffix(".0")
        self.fields["evidence"].help_text += f" Each must be smaller than {limit} MB."


class CloseForm(GovukMessages, forms.Form):
    agreed_at = forms.ModelChoiceField(
        label="Meeting at which the committee agreed to close it",
        queryset=Meeting.objects.none(),
        error_messages={"required": "Select the meeting at which the committee agreed it"},
    )
    reason = forms.CharField(
        label="Reason for closing",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason for closing"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        agreed_at = cast(forms.ModelChoiceField, self.fields["agreed_at"])
        agreed_at.queryset = committee.meetings.order_by("-date")


class ReopenForm(GovukMessages, forms.Form):
    reason = forms.CharField(
        label="Reason for reopening",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason for reopening"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AsAtForm(GovukMessages, forms.Form):
    date = DateField(
        label="Show the tracker as it stood at the end of",
        error_messages={"required": "Enter a date", "invalid": "Enter a real date"},
    )


class SendToExecutiveForm(GovukMessages, forms.Form):
    addressee = forms.CharField(max_length=200, initial="Cabinet", label="Sent to")
    sent_on = DateField(
        label="Date sent",
        error_messages={"required": "Enter the date it was sent", "invalid": "Enter a real date"},
    )


class ExecutiveResponseForm(GovukMessages, forms.Form):
    decision = forms.ChoiceField(
        label="The executive's decision",
        choices=[
            ("accepted", "Accepted"),
            ("partly_accepted", "Partly accepted"),
            ("rejected", "Rejected"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the executive's decision"},
    )
    responded_on = DateField(
        label="Date of the response",
        error_messages={
            "required": "Enter the date of the response",
            "invalid": "Enter a real date",
        },
    )
    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Required unless the recommendation is accepted in full.",
    )
    action_plan = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    given_by = forms.CharField(
        max_length=200, required=False, help_text="For example, the portfolio holder, or Cabinet"
    )


class ClosureCommentForm(GovukMessages, forms.Form):
    text = forms.CharField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
        help_text="Seen by the committee's members and the council's officers, never published.",
        error_messages={"required": "Enter your comment"},
    )


class ClosureDecisionForm(GovukMessages, forms.Form):
    """The committee's decision on one proposed closure: a row of the meeting's formset."""

    recommendation = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label="The committee's decision",
        choices=[
            ("agreed", "Closure agreed"),
            ("not_agreed", "Closure not agreed"),
            ("deferred", "Deferred to the next meeting"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the committee's decision"},
    )
    note = forms.CharField(
        label="The committee's note",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=TEXT_MAX,
        help_text="Required when closure is not agreed: the officer sees why.",
    )

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("outcome") == "not_agreed" and not (cleaned.get("note") or "").strip():
            self.add_error("note", "Enter why the committee did not agree to close it")
        return cleaned


ClosureDecisionFormSet = forms.formset_factory(ClosureDecisionForm, extra=0)


class SendMeetingToExecutiveForm(GovukMessages, forms.Form):
    addressee = forms.CharField(
        max_length=200,
        initial="Cabinet",
        label="Sent to",
        error_messages={"required": "Enter who the recommendations were sent to"},
    )
    sent_on = DateField(
        label="Date sent",
        help_text="The same date for every recommendation: the executive's two months run from it.",
        error_messages={"required": "Enter the date they were sent"},
    )


class WithdrawForm(GovukMessages, forms.Form):
    reason = forms.CharField(
        label="Why is it being withdrawn?",
        help_text="The council sees this reason beside it. The public sees nothing of it.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={
            "required": "Enter why it is being withdrawn",
            "max_length": "The reason must be 2000 characters or fewer",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReinstateForm(GovukMessages, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ItemLinksForm(GovukMessages, forms.Form):
    """The item's links (its report and other documents): a title and an address each; a
    row left empty is removed."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, rows: int = 3, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for i in range(rows):
            n = i + 1
            self.fields[f"title_{i}"] = forms.CharField(
                label=f"Title of link {n}",
                required=False,
                max_length=300,
                error_messages={"max_length": f"Title of link {n} must be 300 characters or fewer"},
            )
            self.fields[f"url_{i}"] = forms.URLField(
                label=f"Address of link {n}",
                required=False,
                max_length=500,
                assume_scheme="https",
                error_messages={
                    "invalid": f"Enter the address of link {n} in the right format, like "
                    "https://democracy.example.gov.uk/report.pdf",
                    "max_length": f"Address of link {n} must be 500 characters or fewer",
                },
            )

    @staticmethod
    def initial_for(item) -> dict:
        initial = {"version": item.version}
        for i, document in enumerate(item.documents or []):
            initial[f"title_{i}"] = document.get("title", "")
            initial[f"url_{i}"] = document.get("url", "")
        return initial

    def clean(self):
        cleaned = super().clean() or {}
        for i in range(self.rows):
            title, url = cleaned.get(f"title_{i}", ""), cleaned.get(f"url_{i}", "")
            if f"url_{i}" in self.errors:
                continue
            if title and not url:
                self.add_error(f"url_{i}", f"Enter the address of link {i + 1}")
            elif url and not title:
                self.add_error(f"title_{i}", f"Enter the title of link {i + 1}")
            elif url and not url.lower().startswith(("https://", "http://")):
                self.add_error(f"url_{i}", f"The address of link {i + 1} must start with https://")
        return cleaned

    def documents(self) -> list[dict[str, str]]:
        return [
            {"title": self.cleaned_data[f"title_{i}"], "url": self.cleaned_data[f"url_{i}"]}
            for i in range(self.rows)
            if self.cleaned_data.get(f"url_{i}")
        ]


class AnnualReportForm(GovukMessages, forms.Form):
    """Which annual report: a municipal year, and one committee or all (read from the query)."""

    year = forms.TypedChoiceField(label="Municipal year", coerce=int)
    committee = forms.ChoiceField(required=False)

    def __init__(self, *args, years: list[int], committees: list[Committee], **kwargs):
        super().__init__(*args, **kwargs)
        fields = cast(dict[str, forms.ChoiceField], self.fields)
        fields["year"].choices = [(y, f"{y}/{(y + 1) % 100:02d}") for y in years]
        fields["committee"].choices = [
            ("", "All committees"),
            *((c.slug, c.name) for c in committees),
        ]


class ImpactStoryForm(GovukMessages, forms.Form):
    """A recommendation told as an impact story of the year, by its reference."""

    reference = forms.CharField(
        label="Recommendation reference",
        max_length=40,
        help_text="As the tracker shows it, for example CO&S 24/25-01",
        error_messages={"required": "Enter the recommendation reference"},
    )
    outcome = forms.CharField(
        label="What came of it",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="A few sentences for the annual report: what changed because scrutiny "
        "asked. The public reads this.",
        error_messages={"required": "Enter what came of the recommendation"},
    )


def annual_report_form(data: QueryDict) -> tuple[AnnualReportForm, int | None, Committee | None]:
    """The year and committee a query asks for (the latest year and all committees when it
    names none), or the form with its errors and no year."""
    today = clock.today()
    years = municipal_years(today=today)
    committees = list(Committee.objects.order_by("name"))
    query = data.copy()
    query.setdefault("year", str(municipal_year_latest(today=today) or years[0]))
    form = AnnualReportForm(query, years=years, committees=committees)
    if not form.is_valid():
        return form, None, None
    slug = form.cleaned_data["committee"]
    committee = next((c for c in committees if c.slug == slug), None)
    return form, form.cleaned_data["year"], committee
