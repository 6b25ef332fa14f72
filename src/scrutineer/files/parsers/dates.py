"""Dates as councils write them in trackers, forward plans and briefing notes: one parser.

Pure: text in, a date out, or ``NotADate`` saying why not. Day first, as in the UK:
“17/09/2024”, “17/09/24”, “17 Sept 2024”, “Tuesday 17th September 2024”, “2024-09-17”, and
“March 2025” (its first day, as the forward plan means by it).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Literal

from scrutineer.core.calendar import month_number

# [0-9], not \d: int() reads other scripts' digits too, and no council writes dates in them.
_SPACES = re.compile(r"\s+")
_WEEKDAY = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+", re.I)
# The PDF's superscript ordinals come out as "24 th October"; "24th" and "24 th" both read.
_DAY_MONTH_YEAR = re.compile(
    r"([0-9]{1,2})\s*(?:st|nd|rd|th)?[\s-]+([A-Za-z]+)\.?,?[\s-]+([0-9]{4})"
)
_NUMERIC = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4}|[0-9]{2})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_MONTH_YEAR = re.compile(r"([A-Za-z]+)\.?,?\s+([0-9]{4})")

Precision = Literal["day", "month"]


class NotADate(ValueError):
    """``text`` is not a date (``impossible`` is False), or is written as one but names a day
    that does not exist, such as “31 September 2024” (``impossible`` is True)."""

    def __init__(self, text: str, reason: str = "", *, impossible: bool = False) -> None:
        self.text = text
        self.impossible = impossible
        why = "is not a real date" if impossible else "is not a date"
        super().__init__(f"“{text}” {why}{f': {reason}' if reason else ''}")


def parse_date(text: str) -> datetime.date:
    """The date ``text`` names; raises NotADate when it names none."""
    return parse_date_and_precision(text)[0]


def parse_date_and_precision(text: str) -> tuple[datetime.date, Precision]:
    """The date ``text`` names, and whether it gave the day or only the month (whose first
    day is then the date); raises NotADate when it names none."""
    cleaned = _WEEKDAY.sub("", _SPACES.sub(" ", text).strip())
    if m := _DAY_MONTH_YEAR.fullmatch(cleaned):
        return _date(text, m[3], _month(text, m[2]), m[1]), "day"
    if m := _ISO.fullmatch(cleaned):
        return _date(text, m[1], int(m[2]), m[3]), "day"
    if m := _NUMERIC.fullmatch(cleaned):
        year = m[3] if len(m[3]) == 4 else f"20{m[3]}"
        return _date(text, year, int(m[2]), m[1]), "day"
    if m := _MONTH_YEAR.fullmatch(cleaned):
        return _date(text, m[2], _month(text, m[1]), "1"), "month"
    raise NotADate(text)


def _month(text: str, word: str) -> int:
    number = month_number(word)
    if number is None:
        raise NotADate(text, f"“{word}” is not a month")
    return number


def _date(text: str, year: str, month: int, day: str) -> datetime.date:
    try:
        return datetime.date(int(year), month, int(day))
    except ValueError:  # 31 September, month 13, year 0
        raise NotADate(text, impossible=True) from None


# A date somewhere in a sentence: "Meeting held by 28 February 2014", "Cabinet - 12 October
# 2011", "September 2011", "by 27/4/22"; and a day or month named without a year ("End of
# May", "12 March"), which is reported, never completed by guessing the year.
_IN_TEXT = re.compile(
    r"(?<![0-9])(?:"
    r"(?P<dmy>[0-9]{1,2}\s*(?:st|nd|rd|th)?[\s-]+[A-Za-z]{3,9}\.?,?[\s-]+[0-9]{4})"
    r"|(?P<iso>[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})"
    r"|(?P<numeric>[0-9]{1,2}[/.][0-9]{1,2}[/.](?:[0-9]{4}|[0-9]{2}))"
    r"|(?P<my>[A-Za-z]{3,9}\.?,?\s+[0-9]{4})"
    r")(?![0-9])"
)
_NO_YEAR = re.compile(
    r"\b(?:[0-9]{1,2}\s*(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?P<month>[A-Za-z]{3,9})\b(?!\s*[0-9]{4})"
)


@dataclass(frozen=True)
class DateInText:
    """A date found in a sentence, and the words that gave it. ``date`` is None when the text
    names a day or month without its year (``no_year``)."""

    date: datetime.date | None
    precision: Precision
    words: str
    no_year: bool = False


def date_in_text(text: str) -> DateInText | None:
    """The first date ``text`` names anywhere in it; a month or day without a year gives a
    DateInText with no date and ``no_year`` set; None when it names no date at all."""
    for found in _IN_TEXT.finditer(text):
        try:
            day, precision = parse_date_and_precision(found[0])
        except NotADate:
            continue  # "Cabinet 2011" is not a month
        return DateInText(day, precision, found[0])
    for found in _NO_YEAR.finditer(text):
        month = found["month"]
        # "may" and "march" in lower case are a verb more often than a month
        if month_number(month) is not None and (month[0].isupper() or found[0][0].isdigit()):
            return DateInText(None, "month", found[0].strip(), no_year=True)
    return None


def last_day_of_month(day: datetime.date) -> datetime.date:
    """The month's last day: a deadline of "September 2011" is met until then."""
    following = datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)
