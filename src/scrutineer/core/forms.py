from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt, pretty_name
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString


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


class DateInput(forms.DateInput):
    """The browser's date field, with the value in the ISO form it expects."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


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
