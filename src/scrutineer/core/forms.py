from typing import Any, cast

# The GOV.UK date input and messages, for every app's forms.
__all__ = ["DateField", "DateInput", "GovukMessages", "LengthMessages"]

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString

from scrutineer.core.date_input import DateField, DateInput
from scrutineer.core.form_messages import GovukMessages, LengthMessages
from scrutineer.core.models import Person
from scrutineer.core.roles import Role


class LoginForm(GovukMessages, AuthenticationForm):
    """Django's login form with messages written in the GOV.UK style."""

    error_messages = {
        "invalid_login": ("Enter a correct username and password. Both are case-sensitive."),
        "inactive": "This account has been switched off. Ask an administrator.",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget.attrs.update({"spellcheck": "false"})
        self.fields["password"].widget = forms.PasswordInput(
            attrs={"autocomplete": "current-password"}
        )


class LongSelect(forms.Select):
    """A select whose options are written in Python rather than through one template each:
    Django's way costs about 0.1 ms an option, and a filter of 500 people is on every page."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        options = "".join(
            f'<option value="{escape(option["value"])}"'
            f"{' selected' if option['selected'] else ''}>{escape(option['label'])}</option>"
            for _, group, _ in widget["optgroups"]
            for option in group
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            SafeString(options),  # nosec B703 - every value and label is escaped above
        )


# The groups of the people picker, in the order they are offered.
PEOPLE_GROUPS = [
    (Person.Kind.TEAM, "Teams"),
    (Person.Kind.OFFICER, "Officers"),
    (Person.Kind.COUNCILLOR, "Councillors"),
]


class PeopleChoices(ModelChoiceIterator):
    """The choices of a people question: the worded empty label, then one group for each
    kind of person (teams, officers, councillors) the queryset holds. Queried when rendered
    or validated, never when the form class is defined."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        queryset = cast(QuerySet, self.queryset)
        people = list(queryset.order_by("name").only("pk", "name", "kind"))
        for kind, heading in PEOPLE_GROUPS:
            group = [(person.pk, person.name) for person in people if person.kind == kind]
            if group:
                yield (heading, group)


class PeopleSelect(LongSelect):
    """A select of people and teams, in groups, that ``init.js`` turns into the GOV.UK
    accessible autocomplete (``data-module="app-people-picker"``)."""

    def __init__(self, attrs=None) -> None:
        super().__init__({"data-module": "app-people-picker", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]

        def option(item) -> str:
            selected = " selected" if item["selected"] else ""
            escaped, label = escape(item["value"]), escape(item["label"])
            return f'<option value="{escaped}"{selected}>{label}</option>'

        parts = []
        for group_name, group, _ in widget["optgroups"]:
            options = "".join(option(item) for item in group)
            parts.append(
                f'<optgroup label="{escape(group_name)}">{options}</optgroup>'
                if group_name
                else options
            )
        multiple = " multiple" if self.allow_multiple_selected else ""
        return format_html(
            '<select name="{}"{}{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            SafeString(multiple),  # nosec B703 - a constant
            SafeString("".join(parts)),  # nosec B703 - every value and label is escaped above
        )


class PeopleSelectMultiple(PeopleSelect):
    """The grouped select for a choice of several people, which ``init.js`` turns into a
    search box adding each person chosen to a list below it."""

    allow_multiple_selected = True

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)


class PersonChoiceField(forms.ModelChoiceField):
    """One person or team: grouped, with a worded empty label (never Django's dashes)."""

    widget = PeopleSelect
    iterator = PeopleChoices

    def __init__(self, queryset, *, empty_label: str = "Choose an officer", **kwargs) -> None:
        super().__init__(queryset, empty_label=empty_label, **kwargs)


# Up to this many people and teams are checkboxes; more are a grouped multiple select.
PEOPLE_CHECKBOXES_UP_TO = 10


class PeopleMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several people or teams: checkboxes for a short list, a grouped select otherwise
    (:meth:`fit_widget`, called once the queryset is final)."""

    widget = forms.CheckboxSelectMultiple

    def fit_widget(self) -> None:
        if cast(QuerySet, self.queryset).count() > PEOPLE_CHECKBOXES_UP_TO:
            widget = PeopleSelectMultiple({**self.widget.attrs, "size": "12"})
            self.help_text = "Hold Ctrl (Cmd on a Mac) to choose more than one."
            self.iterator = PeopleChoices
            widget.choices = cast(Any, self.choices)
            self.widget = cast(Any, widget)


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: each message beside the field it names,
    or above the form when the form has no such field (a date the form does not ask for)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class AccountForm(GovukMessages, forms.Form):
    """An account: its owner's name and e-mail address (their username), roles and person."""

    first_name = forms.CharField(
        max_length=150, error_messages={"required": "Enter their first name"}
    )
    last_name = forms.CharField(
        max_length=150, error_messages={"required": "Enter their last name"}
    )
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        help_text="They sign in with it as their username.",
        error_messages={
            "required": "Enter their e-mail address",
            "invalid": "Enter an e-mail address in the right format, like name@example.org",
        },
    )
    roles = forms.TypedMultipleChoiceField(
        choices=[(role.value, role.value) for role in Role],
        coerce=Role,
        widget=forms.CheckboxSelectMultiple,
        help_text="Administrators manage accounts and reference data; scrutiny officers keep "
        "the tracker, programme and people; officers update what is assigned to them; members "
        "read their committees' business.",
        error_messages={"required": "Select at least one role"},
    )
    person = forms.ModelChoiceField(
        label="Person",
        queryset=Person.objects.none(),
        required=False,
        widget=LongSelect,
    )

    def __init__(self, *args, people, empty_label: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"spellcheck": "false", "autocomplete": "off"})
        person = cast(forms.ModelChoiceField, self.fields["person"])
        person.queryset = people
        person.empty_label = empty_label


class InvitationPasswordForm(GovukMessages, SetPasswordForm):
    """Django's form for a new password, with messages written in the GOV.UK style."""

    error_messages = {"password_mismatch": "The two passwords do not match"}  # nosec B105

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Password"
        self.fields["new_password1"].error_messages["required"] = "Enter a password"
        # Django's hint is an HTML list; the GOV.UK hint is a sentence.
        self.fields["new_password1"].help_text = " ".join(
            password_validation.password_validators_help_texts()
        )
        self.fields["new_password2"].label = "Confirm the password"
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = "Enter the password again"


class PersonForm(GovukMessages, forms.Form):
    """A councillor, an officer or a team."""

    name = forms.CharField(max_length=200, error_messages={"required": "Enter the name"})
    kind = forms.ChoiceField(
        label="Councillor, officer or team",
        choices=Person.Kind.choices,
        initial=Person.Kind.OFFICER,
        widget=forms.RadioSelect,
        help_text="A team (“O&S Officers”) is assigned work like a person; its members see it "
        "among their actions.",
        error_messages={"required": "Choose a councillor, officer or team"},
    )
    job_title = forms.CharField(max_length=200, required=False)
    directorate = forms.CharField(
        max_length=200, required=False, help_text="For example, Resources or Place."
    )
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        required=False,
        error_messages={
            "invalid": "Enter an e-mail address in the right format, like name@example.org"
        },
    )
    teams = forms.ModelMultipleChoiceField(
        label="Teams they belong to",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, person: Person | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        teams = Person.objects.filter(kind=Person.Kind.TEAM).order_by("name")
        if person is not None:
            teams = teams.exclude(pk=person.pk)
        cast(forms.ModelMultipleChoiceField, self.fields["teams"]).queryset = teams
        self.fields["email"].widget.attrs.update({"spellcheck": "false"})
