"""The GOV.UK date input: day, month and year as three fields, never the browser's date
picker (which shows mm/dd/yyyy to some users and turned a typed "30062027" into 62027-03-01),
and errors worded as the Design System words them ("Due date must be a real date")."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import pretty_name
from django.http import QueryDict
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

PARTS = ("day", "month", "year")

_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        datetime.date(2000, number, 1).strftime("%B").lower(),
        datetime.date(2000, number, 1).strftime("%b").lower(),
    )
}
_MONTHS["sept"] = 9


class DateParts(str):
    """What was typed in the three fields, as the ISO date a plain ``forms.DateField`` reads
    ("2027-6-30"), carrying the parts themselves for ``DateField``'s messages."""

    day: str
    month: str
    year: str

    def __new__(cls, day: str, month: str, year: str) -> DateParts:
        number = _month_number(month)
        text = f"{year}-{number}-{day}" if day or month or year else ""
        made = super().__new__(cls, text)
        made.day, made.month, made.year = day, month, year
        return made


def _month_number(month: str) -> str:
    """A month as typed: a number, or its name in full or short ("June", "jun", "Sept")."""
    found = _MONTHS.get(month.strip().lower().rstrip("."))
    return str(found) if found else month


_ONE_FIELD = re.compile(r"([^-]*)-([^-]*)-([^-]*)")


def as_parts(value: Any) -> DateParts | None:
    """A value as the three parts: what was typed, or one field's "year-month-day" (as a
    script posts it, or a query names it: "2027-06-30", "2027-June-30", "2027--30")."""
    if isinstance(value, DateParts):
        return value
    if isinstance(value, str):
        found = _ONE_FIELD.fullmatch(value.strip())
        if found:
            year, month, day = found.groups()
            return DateParts(day.lstrip("0") or day, month, year)
    return None


def date_parts(value: Any) -> tuple[str, str, str]:
    """The day, month and year to show in the three fields for a value: what was typed, or
    a date (or its ISO text) given as the initial value."""
    if isinstance(value, datetime.date):
        return str(value.day), str(value.month), str(value.year)
    parts = as_parts(value)
    if parts is None:
        return "", "", ""
    month = parts.month.lstrip("0") if parts.month.isdigit() else parts.month
    return parts.day, month or parts.month, parts.year


def canonical_query(query: QueryDict) -> QueryDict | None:
    """A query with a date's three fields (``as_at-day``, ``-month``, ``-year``) made into
    the one field the pages read and cache by (``as_at=2027-6-30``), or None when it has
    none. A search form sent by GET redirects there, so that a page cached by its query
    never answers for a date it was not asked."""
    split = (key.rsplit("-", 1) for key in query if "-" in key)
    names = {name for name, part in split if name and part in PARTS}
    if not names:
        return None
    canonical = query.copy()
    for name in names:
        typed = [canonical.pop(f"{name}-{part}", [""])[-1].strip() for part in PARTS]
        day, month, year = typed
        canonical.pop(name, None)
        if any(typed):
            canonical[name] = _iso_or_typed(day, month, year)
    return canonical


def _iso_or_typed(day: str, month: str, year: str) -> str:
    """A real date as ISO ("2026-06-05", what downloads and links read); anything else as
    typed, "year-month-day", for the form to say what is wrong with it."""
    number = _month_number(month)
    if len(year) == 4 and all(p.isdigit() for p in (day, number, year)):
        try:
            return datetime.date(int(year), int(number), int(day)).isoformat()
        except ValueError:
            pass
    return f"{year}-{month}-{day}"


class DateInput(forms.Widget):
    """Three text inputs, ``<name>-day``, ``<name>-month`` and ``<name>-year``; the form
    template tag (``govuk_field``) draws them as the Design System's date input."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> DateParts | str:
        if name in data and not any(f"{name}-{part}" in data for part in PARTS):
            # One field, as a script posts it ("2027-06-30"): read as a plain date field.
            return str(data.get(name, "")).strip()
        day, month, year = (str(data.get(f"{name}-{part}", "")).strip() for part in PARTS)
        return DateParts(day, month, year)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and not any(f"{name}-{part}" in data for part in PARTS)

    def format_value(self, value: Any) -> Any:
        return value

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        # Drawn by govuk_field; rendered alone (the admin, a test), the three plain inputs.
        return format_html_join(
            "",
            '<input type="text" inputmode="numeric" name="{}-{}" value="{}" aria-label="{}">',
            (
                (name, part, text, part.capitalize())
                for part, text in zip(PARTS, date_parts(value), strict=True)
            ),
        )


_NUMBER = re.compile(r"\d+")


class DateField(forms.DateField):
    """A date asked as three fields, its errors in the Design System's words: "Enter the due
    date", "Due date must include a month", "Due date must be a real date", "Year must
    include 4 numbers". ``missing_part`` (after cleaning) says which field to point at."""

    widget = DateInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        super().__init__(*args, **kwargs)

    def _name(self) -> str:
        return str(self.label or "Date")

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return super().to_python(value)
        value = as_parts(value)
        if value is None:
            raise ValidationError(
                f"{self._name()} must be a real date", code="invalid", params={"part": "day"}
            )
        name = self._name()
        given = {"day": value.day, "month": _month_number(value.month), "year": value.year}
        missing = [part for part in PARTS if not given[part]]
        if missing:
            words = " and ".join(missing)
            raise ValidationError(
                f"{name} must include a {words}", code="incomplete", params={"part": missing[0]}
            )
        wrong = [part for part in PARTS if not _NUMBER.fullmatch(given[part])]
        if wrong:
            raise ValidationError(
                f"{name} must be a real date", code="invalid", params={"part": wrong[0]}
            )
        if len(given["year"]) != 4:
            raise ValidationError(
                "Year must include 4 numbers", code="invalid", params={"part": "year"}
            )
        try:
            return datetime.date(int(given["year"]), int(given["month"]), int(given["day"]))
        except ValueError:
            raise ValidationError(
                f"{name} must be a real date", code="invalid", params={"part": "day"}
            ) from None

    def validate(self, value: Any) -> None:
        if value in self.empty_values and self.required:
            message = self.error_messages["required"]
            if message == forms.Field.default_error_messages["required"]:
                message = f"Enter {pretty_name(self._name()).lower()}"
            raise ValidationError(message, code="required", params={"part": "day"})
        super().validate(value)


def error_part(field: forms.BoundField) -> str:
    """Which of a date's three fields an error summary should link to: the first missing or
    wrong one, the day otherwise."""
    for error in field.form.errors.as_data().get(field.name, []):
        part = (error.params or {}).get("part")
        if part in PARTS:
            return str(part)
    return "day"
