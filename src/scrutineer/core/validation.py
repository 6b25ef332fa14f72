"""Rules every app's input obeys, whoever sends it (a form, an import, the API): lengths,
dates in a sane range and in a possible order. Pure functions that return the GOV.UK-worded
message, or None; services gather them and raise one ValidationError keyed by field, so a
form shows each message beside its field and the API answers 422 with it."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from scrutineer.core.calendar import long_date

# A summary or a progress update of a few thousand words, not megabytes (issue 15).
RICH_TEXT_MAX = 20_000
# A reason, a note or a comment: a few paragraphs.
TEXT_MAX = 10_000
# A title or a name printed in one line of a table.
TITLE_MAX = 500

# The council as it is now dates from the Local Government Act 1972, in force 1 April 1974;
# nothing it records can be older, and a date past 2100 is a typing slip, not a plan.
EARLIEST_YEAR = 1974
LATEST_YEAR = 2100


def too_long(value: str | None, *, label: str, limit: int) -> str | None:
    if value is not None and len(value) > limit:
        return f"{label} must be {limit:,} characters or fewer"
    return None


def out_of_range(
    day: datetime.date | None,
    *,
    label: str,
    earliest: int = EARLIEST_YEAR,
    latest: int = LATEST_YEAR,
) -> str | None:
    if day is not None and not earliest <= day.year <= latest:
        return f"{label} must be between {earliest} and {latest}"
    return None


def in_future(day: datetime.date | None, *, label: str, today: datetime.date) -> str | None:
    if day is not None and day > today:
        return f"{label} must be today or in the past"
    return None


def before(
    day: datetime.date | None, *, label: str, earliest: datetime.date | None, what: str
) -> str | None:
    """``day`` may not come before ``earliest``, which is ``what`` ("the meeting")."""
    if day is not None and earliest is not None and day < earliest:
        return f"{label} must be on or after {what} on {long_date(earliest)}"
    return None


def after(
    day: datetime.date | None, *, label: str, latest: datetime.date | None, what: str
) -> str | None:
    """``day`` may not come after ``latest``, which is ``what`` ("the decision")."""
    if day is not None and latest is not None and day > latest:
        return f"{label} must be on or before {what} on {long_date(latest)}"
    return None


def first_of(*messages: str | None) -> str | None:
    """The first rule broken, so a field shows one message at a time."""
    return next((m for m in messages if m), None)


def raise_if_any(**messages: str | None) -> None:
    """Raise one ValidationError for every field whose rule was broken."""
    errors = {field: [message] for field, message in messages.items() if message}
    if errors:
        raise ValidationError(errors)


class LengthValidator(MaxLengthValidator):
    """Django's maximum length, with the GOV.UK message ("Summary must be 20,000 characters or
    fewer") for a form field or a model field."""

    def __init__(self, limit: int, label: str) -> None:
        super().__init__(limit, message=f"{label} must be {limit:,} characters or fewer")
        self.label = label

    def __eq__(self, other: object) -> bool:
        return super().__eq__(other) and self.label == getattr(other, "label", None)

    def __hash__(self) -> int:
        return hash((self.limit_value, self.label))

    def deconstruct(self) -> Any:
        return ("scrutineer.core.validation.LengthValidator", (self.limit_value, self.label), {})
