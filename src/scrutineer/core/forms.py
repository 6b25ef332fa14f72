from typing import cast

__all__ = ["DateField", "DateInput"]  # the GOV.UK date input, for every app's forms

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt, pretty_name
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString

from scrutineer.core.date_input import DateField, DateInput
from scrutineer.core.models import Person
from scrutineer.core.roles import Role


class LoginForm(AuthenticationForm):
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


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: each message beside the field it names,
    or above the form when the form has no such field (a date the form does not ask for)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class LengthMessages:
    """A form whose length limits speak GOV.UK ("Report title must be 500 characters or
    fewer") rather than Django ("Ensure this value has at most 500 characters")."""

    fields: dict[str, forms.Field]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            limit = getattr(field, "max_length", None)
            if limit is not None:
                label = str(field.label or pretty_name(name))
                field.error_messages["max_length"] = (
                    f"{label} must be {limit:,} characters or fewer"
                )


class AccountForm(LengthMessages, forms.Form):
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


class InvitationPasswordForm(SetPasswordForm):
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


class PersonForm(LengthMessages, forms.Form):
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
