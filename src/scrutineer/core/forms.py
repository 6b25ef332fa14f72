from django import forms
from django.contrib.auth.forms import AuthenticationForm


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
