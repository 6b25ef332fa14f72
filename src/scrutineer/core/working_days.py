"""Working days in England and Wales, and the statutory periods that count them.

Bank holidays come from the ``holidays`` package (England's, which Wales shares apart from
none at present); closure days are added by an administrator.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from functools import lru_cache

import holidays


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


def clear_days_between(notice: datetime.date, decision: datetime.date) -> int:
    """Clear days between a notice and a decision: neither the day of publication nor the day
    of the decision counts (Local Authorities (Executive Arrangements) (Meetings and Access to
    Information) (England) Regulations 2012, reg. 9: 28 clear days for a key decision)."""
    return max((decision - notice).days - 1, 0)
