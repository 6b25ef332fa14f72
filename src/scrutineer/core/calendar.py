"""The council's calendar, as pure functions: month names, the dates documents print, financial
and municipal years, working days in England and Wales, and the statutory periods counted in them.

Nothing here reads the clock or the database: callers pass the dates. Bank holidays come from
the ``holidays`` package (England's, which Wales shares apart from none at present); closure
days are added by an administrator and passed in.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable
from functools import lru_cache

import holidays
from django.utils import timezone

# Python starts with the C locale for dates, so these are the English names; taking them once,
# at import, means no later change of locale can alter what a printed document says.
MONTH_NAMES = tuple(calendar.month_name)[1:]
MONTH_ABBREVIATIONS = tuple(calendar.month_abbr)[1:]
# The financial year's months, April first: financial-year month 1 is April, 12 is March.
FINANCIAL_MONTH_NAMES = MONTH_NAMES[3:] + MONTH_NAMES[:3]
# A key decision's notice in the forward plan: Local Authorities (Executive Arrangements)
# (Meetings and Access to Information) (England) Regulations 2012, reg. 9.
KEY_DECISION_NOTICE_CLEAR_DAYS = 28
# The routes for a key decision listed with less notice: the general exception (reg. 10: the
# chair of the relevant overview and scrutiny committee told in writing, and the notice published,
# at least 5 clear days before the decision) and special urgency (reg. 11: the chair's agreement).
GENERAL_EXCEPTION = "general_exception"
SPECIAL_URGENCY = "special_urgency"
GENERAL_EXCEPTION_CLEAR_DAYS = 5


@lru_cache(maxsize=256)
def month_number(word: str) -> int | None:
    """1 to 12 for a month's name or an abbreviation of at least three letters (“Sep”,
    “Sept”, “Septem”), in any case; None for anything else."""
    word = word.lower()
    if len(word) < 3:
        return None
    return next(
        (number for number, name in enumerate(MONTH_NAMES, 1) if name.lower().startswith(word)),
        None,
    )


# The dates documents and pages print, as GOV.UK writes them.


def long_date(day: datetime.date) -> str:
    """“17 September 2024”."""
    return f"{day.day} {month_year(day)}"


def month_year(day: datetime.date) -> str:
    """“March 2025”: the forward plan knows only the month of most decisions."""
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def short_date(day: datetime.date) -> str:
    """“3 Mar 2025”, where a table has little room."""
    return f"{day.day} {MONTH_ABBREVIATIONS[day.month - 1]} {day.year}"


# Times of day, as people type them and as GOV.UK writes them.

_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$", re.IGNORECASE)


def time_of_day(text: str) -> datetime.time | None:
    """“17:00”, “5pm”, “5:30pm” or “10.30am” as a time; None for anything else."""
    found = _TIME.match(text.strip())
    if not found:
        return None
    hour, minute, half = int(found[1]), int(found[2] or 0), (found[3] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif found[2] is None:
        return None  # “17” alone is not a time
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


def time_words(moment: datetime.time) -> str:
    """A time as GOV.UK writes it: “5pm”, “10:30am”, “midday”."""
    if moment == datetime.time(12, 0):
        return "midday"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


# Financial and municipal years.


def financial_year(day: datetime.date) -> int:
    """The calendar year in which the financial year holding ``day`` begins (on 1 April)."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(year: int) -> str:
    """The financial year beginning in April of ``year``, as “2024/25”."""
    return f"{year}/{(year + 1) % 100:02d}"


def period_label(year: int, quarter: int | None, month: int | None = None) -> str:
    """A financial-year period as "2024/25 Q1" (Q1 = April to June), or "2024/25"; with a
    financial-year month (1 is April), the calendar month: "January 2025" for 2024/25's 10th."""
    if month is not None:
        return f"{FINANCIAL_MONTH_NAMES[month - 1]} {year if month <= 9 else year + 1}"
    label = financial_year_label(year)
    return f"{label} Q{quarter}" if quarter else label


def quarter_of_month(month: int) -> int:
    """The quarter a financial-year month falls in: months 1 to 3 (April to June) are Q1."""
    if not 1 <= month <= 12:
        raise ValueError("month must be 1 to 12 (1 is April)")
    return (month - 1) // 3 + 1


def months_of_quarter(quarter: int) -> range:
    """The financial-year months of a quarter: Q1 is months 1 to 3 (April to June)."""
    if not 1 <= quarter <= 4:
        raise ValueError("quarter must be 1 to 4")
    return range(3 * quarter - 2, 3 * quarter + 1)


def month_of(day: datetime.date) -> tuple[int, int]:
    """The financial year (its start) and financial-year month of a date: April is 1."""
    return financial_year(day), (day.month - 4) % 12 + 1


def calendar_month(year: int, month: int) -> tuple[int, int]:
    """The calendar year and month (1 is January) of financial-year month ``month``."""
    if not 1 <= month <= 12:
        raise ValueError("month must be 1 to 12 (1 is April)")
    number = (month + 2) % 12 + 1
    return (year if number >= 4 else year + 1), number


def municipal_year(day: datetime.date) -> str:
    """The municipal year as "24/25". It begins at the annual meeting of the council in May
    (Local Government Act 1972, Sch. 12 para 1), taken here as 1 May."""
    start = day.year if day.month >= 5 else day.year - 1
    return f"{start % 100:02d}/{(start + 1) % 100:02d}"


# Working days and statutory periods.


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: datetime.date, closures: Iterable[datetime.date] = ()) -> bool:
    """Monday to Friday, not a bank holiday and not a council closure day."""
    return day.weekday() < 5 and day not in bank_holidays(day.year) and day not in set(closures)


def add_working_days(
    start: datetime.date, days: int, closures: Iterable[datetime.date] = ()
) -> datetime.date:
    """The working day that is ``days`` working days after ``start`` (start itself not counted)."""
    closed = set(closures)
    step = 1 if days >= 0 else -1
    day, remaining = start, abs(days)
    while remaining:
        day += datetime.timedelta(days=step)
        if is_working_day(day, closed):
            remaining -= 1
    return day


def working_days_between(
    start: datetime.date, end: datetime.date, closures: Iterable[datetime.date] = ()
) -> int:
    """Working days after ``start`` up to and including ``end``."""
    closed = set(closures)
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day, closed):
            count += 1
    return count


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day of the month ``months`` later; the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_end(day: datetime.date) -> datetime.date:
    """The last day of the day's month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def response_deadline(received: datetime.date, period: str = "months:2") -> datetime.date:
    """When the executive must respond to a scrutiny report or recommendations.

    Two months from receipt by default: Local Government Act 2000 s.9FE(4), as inserted by the
    Localism Act 2011. Some councils' constitutions use eight weeks ("weeks:8").
    """
    unit, _, amount = period.partition(":")
    if unit == "weeks":
        return received + datetime.timedelta(weeks=int(amount))
    if unit == "working_days":
        return add_working_days(received, int(amount))
    return add_months(received, int(amount or 2))


def call_in_last_day(
    published: datetime.date, period: str = "working_days:5", closures: Iterable[datetime.date] = ()
) -> datetime.date:
    """The last day on which an executive decision may be called in, from the council's rule:
    ``working_days:N`` counts N working days after publication (not the day of publication,
    weekends, bank holidays in England and Wales, nor the council's closure days);
    ``clear_days:N`` counts N whole days after the day of publication."""
    unit, _, amount = period.partition(":")
    try:
        days = int(amount)
    except ValueError:
        raise ValueError(f"A call-in period is like “working_days:5”, not “{period}”.") from None
    if days < 1:
        raise ValueError("A call-in period is at least one day.")
    if unit == "working_days":
        return add_working_days(published, days, closures)
    if unit == "clear_days":
        return published + datetime.timedelta(days=days)
    raise ValueError(f"A call-in period counts working_days or clear_days, not “{unit}”.")


def call_in_deadline(
    published: datetime.date,
    period: str = "working_days:5",
    cut_off: datetime.time | None = None,
    closures: Iterable[datetime.date] = (),
) -> datetime.datetime:
    """The moment the call-in period ends, in the council's time: the cut-off time on its
    last day (e.g. 17:00), or the end of that day when the constitution sets none."""
    last = call_in_last_day(published, period, closures)
    moment = datetime.datetime.combine(last, cut_off or datetime.time(23, 59, 59))
    return timezone.make_aware(moment)


def clear_days_between(notice: datetime.date, decision: datetime.date) -> int:
    """Clear days between a notice and a decision: neither the day of publication nor the day
    of the decision counts (Local Authorities (Executive Arrangements) (Meetings and Access to
    Information) (England) Regulations 2012, reg. 9: 28 clear days for a key decision)."""
    return max((decision - notice).days - 1, 0)


def notice_breach(
    *,
    is_key_decision: bool,
    urgent: bool,
    first_published: datetime.date | None,
    decision_date: datetime.date,
) -> bool:
    """Whether a forward-plan entry gave too little notice. A key decision needs 28 clear days'
    notice in the forward plan unless it went by the general exception or special urgency route
    (Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England)
    Regulations 2012, regs. 9-11). Weekends and bank holidays count: the rule is in clear days,
    not working days. When only the month of the decision is known, pass its first day, the
    earliest the decision could be. Never published is a breach."""
    if not is_key_decision or urgent:
        return False
    if first_published is None:
        return True
    return clear_days_between(first_published, decision_date) < KEY_DECISION_NOTICE_CLEAR_DAYS


def key_decision_notice_problem(
    *,
    is_key_decision: bool,
    first_published: datetime.date | None,
    decision_date: datetime.date,
    urgency: str,
    chair_date: datetime.date | None,
    reason: str,
) -> str:
    """What is wrong with a forward-plan entry's notice, in words, or "" when nothing is. A key
    decision listed with less than 28 clear days' notice (reg. 9) needs the general exception
    (reg. 10: the chair of the relevant overview and scrutiny committee told in writing and a
    notice published, at least 5 clear days before the decision, with the reasons) or special
    urgency (reg. 11: the chair's agreement that the decision cannot reasonably be deferred, with
    the reasons) of the Local Authorities (Executive Arrangements) (Meetings and Access to
    Information) (England) Regulations 2012. When only the month of the decision is known, pass
    its first day, the earliest the decision could be."""
    if not notice_breach(
        is_key_decision=is_key_decision,
        urgent=False,
        first_published=first_published,
        decision_date=decision_date,
    ):
        return ""
    if first_published is None:
        short = "Never published in the forward plan"
    else:
        days = clear_days_between(first_published, decision_date)
        short = f"{days} clear day's notice" if days == 1 else f"{days} clear days' notice"
    if urgency == GENERAL_EXCEPTION:
        if chair_date is None:
            return f"{short}: general exception without the date the chair was told"
        if not reason.strip():
            return f"{short}: general exception without its reasons"
        given = clear_days_between(chair_date, decision_date)
        if chair_date >= decision_date or given < GENERAL_EXCEPTION_CLEAR_DAYS:
            return (
                f"{short}: the general exception needs the chair told and the notice published "
                f"at least {GENERAL_EXCEPTION_CLEAR_DAYS} clear days before the decision"
            )
        return ""
    if urgency == SPECIAL_URGENCY:
        if chair_date is None:
            return f"{short}: special urgency without the date the chair agreed"
        if not reason.strip():
            return f"{short}: special urgency without its reasons"
        if chair_date > decision_date:
            return f"{short}: special urgency agreed by the chair after the decision"
        return ""
    return f"{short}, and no general exception or special urgency recorded"
