"""Django's form messages in the GOV.UK Design System's words, naming the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import pretty_name


def _lower(label: str) -> str:
    """A label inside a sentence: "Due date" → "due date", but "URL" and "RAG" kept."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def _defaults(field: forms.Field) -> dict[str, Any]:
    """Django's own messages for a field's class, to tell them from the ones a form set."""
    found: dict[str, Any] = {}
    for cls in reversed(type(field).__mro__):
        found.update(getattr(cls, "default_error_messages", {}))
    return found


def govuk_messages(name: str, field: forms.Field) -> None:
    """Django's messages for the field ("This field is required.", "Select a valid choice.
    x is not one of the available choices.", "Ensure this value has at most 500 characters
    (it has 800).") put in the GOV.UK Design System's words, naming the field; messages a
    form gave itself are kept."""
    label = str(field.label or pretty_name(name))
    defaults = _defaults(field)
    choosing = isinstance(
        field, forms.ChoiceField | forms.ModelChoiceField | forms.FileField | forms.BooleanField
    )
    wording = {
        "required": f"Select {_lower(label)}" if choosing else f"Enter {_lower(label)}",
        "invalid_choice": f"Select one of the options given for {_lower(label)}",
        "invalid_list": f"Select one of the options given for {_lower(label)}",
        "invalid_pk_value": f"Select one of the options given for {_lower(label)}",
    }
    if isinstance(field, forms.DecimalField | forms.FloatField):  # FloatField: an IntegerField
        wording["invalid"] = f"{label} must be a number"
    elif isinstance(field, forms.IntegerField):
        wording["invalid"] = f"{label} must be a whole number"
    elif isinstance(field, forms.EmailField):
        wording["invalid"] = "Enter an e-mail address in the right format, like name@example.org"
    elif isinstance(field, forms.URLField):
        wording["invalid"] = f"Enter {_lower(label)} as a web address, like https://example.org"
    for code, message in wording.items():
        if code in field.error_messages and field.error_messages[code] == defaults.get(code):
            field.error_messages[code] = message
    # Limits checked by validators: their codes take the field's message when it has one.
    limits = {
        "max_length": ("{label} must be {limit:,} characters or fewer", "max_length"),
        "min_length": ("{label} must be {limit:,} characters or more", "min_length"),
        "max_value": ("{label} must be {limit} or less", "max_value"),
        "min_value": ("{label} must be {limit} or more", "min_value"),
    }
    for code, (message, attribute) in limits.items():
        limit = getattr(field, attribute, None)
        if limit is not None and field.error_messages.get(code) == defaults.get(code):
            field.error_messages[code] = message.format(label=label, limit=limit)


class GovukMessages:
    """A form whose every message speaks GOV.UK ("Report title must be 500 characters or
    fewer", "Select the committee") rather than Django ("Ensure this value has at most 500
    characters", "This field is required."). Every form of the app has it: a test walks
    them."""

    fields: dict[str, forms.Field]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            govuk_messages(name, field)


LengthMessages = GovukMessages  # its first name, when it worded only length limits
