"""Every form speaks GOV.UK: Django's default messages never reach a page."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms

import scrutineer
from scrutineer.core.form_messages import GovukMessages


def _every_form() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(scrutineer.__path__, "scrutineer."):
        if ".migrations" in module.name or ".management" in module.name:
            continue
        importlib.import_module(module.name)
    found, queue = [], [forms.BaseForm]
    while queue:
        for sub in queue.pop().__subclasses__():
            queue.append(sub)
            if sub.__module__.startswith("scrutineer."):
                found.append(sub)
    return found


def test_every_form_of_the_app_words_its_messages_the_govuk_way():
    missing = [f"{f.__module__}.{f.__qualname__}" for f in _every_form()]
    missing = [
        name
        for name, form in zip(missing, _every_form(), strict=True)
        if not issubclass(form, GovukMessages)
    ]
    assert missing == []


class Sample(GovukMessages, forms.Form):
    report_title = forms.CharField(max_length=10)
    committee = forms.ChoiceField(choices=[("a", "A")])
    count = forms.IntegerField(min_value=1, max_value=5)
    share = forms.FloatField(required=False)
    link = forms.URLField(label="URL", required=False, assume_scheme="https")
    owner = forms.CharField(error_messages={"required": "Enter who owns it"})


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "report_title", "Enter report title"),
        ({}, "committee", "Select committee"),
        ({"committee": "z"}, "committee", "Select one of the options given for committee"),
        ({"report_title": "x" * 11}, "report_title", "Report title must be 10 characters or fewer"),
        ({"count": "two"}, "count", "Count must be a whole number"),
        ({"count": "9"}, "count", "Count must be 5 or less"),
        ({"count": "0"}, "count", "Count must be 1 or more"),
        ({"share": "lots"}, "share", "Share must be a number"),
        ({"link": "not a url"}, "link", "Enter URL as a web address, like https://example.org"),
        ({}, "owner", "Enter who owns it"),  # a form's own message is kept
    ],
)
def test_each_message_names_its_field(data, field, message):
    form = Sample(data=data)
    assert not form.is_valid()
    assert form.errors[field] == [message]
