"""The council's financial calendar, as pure functions: the financial year runs from April to
March, its quarters are Q1 = April to June ... Q4 = January to March, and its months are
numbered within the year as council finance does (month 1 is April, 12 is March)."""

from __future__ import annotations

import calendar
import datetime

# The financial year's months, April first, from the calendar's own names.
MONTH_NAMES = tuple(calendar.month_name[(month + 2) % 12 + 1] for month in range(1, 13))


def period_label(year: int, quarter: int | None, month: int | None = None) -> str:
    """A financial-year period as "2024/25 Q1" (Q1 = April to June), or "2024/25"; with a
    financial-year month (1 is April), the calendar month: "January 2025" for 2024/25's 10th."""
    if month is not None:
        return f"{MONTH_NAMES[month - 1]} {year if month <= 9 else year + 1}"
    fy = f"{year}/{(year + 1) % 100:02d}"
    return f"{fy} Q{quarter}" if quarter else fy


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
    year = day.year if day.month >= 4 else day.year - 1
    return year, (day.month - 4) % 12 + 1


def calendar_month(year: int, month: int) -> tuple[int, int]:
    """The calendar year and month (1 is January) of financial-year month ``month``."""
    if not 1 <= month <= 12:
        raise ValueError("month must be 1 to 12 (1 is April)")
    number = (month + 2) % 12 + 1
    return (year if number >= 4 else year + 1), number
