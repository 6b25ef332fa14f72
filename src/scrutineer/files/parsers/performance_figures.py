"""A file of performance figures (CSV or XLSX): quarterly (and monthly) values, targets,
commentary and routes to green, one row per indicator and period.

Pure: a Table in, ParsedValue tuples out, or ImportRefused listing every problem by row and
column. A monthly indicator's rows name the month (“April”, “Apr 2024”, “2024-04”) in the
Month column; the quarter may then be left blank. Targets stay per quarter or year.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from scrutineer.core.calendar import (
    FINANCIAL_MONTH_NAMES,
    calendar_month,
    period_label,
    quarter_of_month,
)
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused
from scrutineer.files.parsers.tables import Table

CODE, YEAR, QUARTER, VALUE, TARGET = "Indicator code", "Year", "Quarter", "Value", "Target"
COMMENTARY, ROUTE, PROVISIONAL = "Commentary", "Route to green", "Provisional"
MONTH = "Month"
COLUMNS = (CODE, YEAR, QUARTER, VALUE, TARGET, COMMENTARY, ROUTE, PROVISIONAL, MONTH)
# The quarter may be left out of a file of monthly figures (the month says it); see _rebase.
REQUIRED_COLUMNS = (CODE, YEAR, QUARTER, VALUE)
# A column the template adds so people can tell the rows apart; the importer ignores it.
NAME = "Indicator name"
TEMPLATE_COLUMNS = (
    CODE,
    NAME,
    YEAR,
    QUARTER,
    MONTH,
    VALUE,
    TARGET,
    COMMENTARY,
    ROUTE,
    PROVISIONAL,
)
HEADER_SEARCH = 10  # rows above the header may hold a title or notes

_YEAR = re.compile(r"(?P<start>\d{4})(?:\s*[/-]\s*(?P<end>\d{2}|\d{4}))?")
_QUARTER = re.compile(r"q?\s*(?P<q>\d)", re.IGNORECASE)
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d{1,3})?")
# “April”, “Apr 2024”, “Apr-24”, “1 April 2024” (a date cell in Excel) or “2024-04”.
_MONTH = re.compile(
    r"(?:\d{1,2}\s+)?(?P<name>[a-z]+)\.?(?:\s*[-/ ]\s*(?P<year>\d{4}|\d{2}))?"
    r"|(?P<iso>\d{4})-(?P<number>\d{1,2})",
    re.IGNORECASE,
)
# Calendar months by name and abbreviation, to financial-year months (April is 1).
_MONTHS = {
    name.casefold()[:length]: number
    for number, name in enumerate(FINANCIAL_MONTH_NAMES, start=1)
    for length in (3, len(name))
} | {"sept": 6}
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class ParsedValue:
    """One row of the file: a quarter's figure (and optionally its target) for an indicator."""

    line: int
    code: str
    year: int
    quarter: int
    value: float | None
    target: float | None
    commentary: str
    route_to_green: str
    provisional: bool
    # A monthly indicator's financial-year month (1 is April); None for a quarterly row.
    month: int | None = None

    @property
    def period(self) -> str:
        return period_label(self.year, self.quarter, self.month)

    @property
    def sets_measurement(self) -> bool:
        """False for a row that only sets a target: no value, words or flag."""
        return (
            self.value is not None
            or bool(self.commentary or self.route_to_green)
            or self.provisional
            or self.target is None
        )


def _key(header: str) -> str:
    return re.sub(r"[\W_]", "", header.casefold())


_KEYS = {_key(name): name for name in COLUMNS}


def _columns(headers: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = _KEYS.get(_key(header))
        if name is not None and name not in found:
            found[name] = index
    return found


def _missing(columns: dict[str, int]) -> list[str]:
    """The required columns not found: a Month column stands in for the Quarter."""
    return [
        name
        for name in REQUIRED_COLUMNS
        if name not in columns and not (name == QUARTER and MONTH in columns)
    ]


def _rebase(table: Table) -> Table:
    """The table under the first row holding the required headers (a title may sit above)."""
    if not _missing(_columns(table.headers)):
        return table
    for at, (_, cells) in enumerate(table.rows[:HEADER_SEARCH]):
        if not _missing(_columns(cells)):
            return Table(headers=cells, rows=table.rows[at + 1 :], title=table.title)
    return table


def _number(text: str) -> float | None:
    """A figure as people type it: “91.5”, “91.5%”, “£1,234”, “ 12 ”; None if unreadable."""
    cleaned = text.replace(",", "").replace("£", "").removesuffix("%").strip()
    if not _NUMBER.fullmatch(cleaned):
        return None
    number = float(cleaned)
    return number if math.isfinite(number) else None


@dataclass
class _Row:
    line: int
    cells: Sequence[str]
    columns: dict[str, int]
    problems: list[ImportProblem]

    def text(self, name: str) -> str:
        index = self.columns.get(name)
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index].strip()

    def problem(self, message: str, name: str) -> None:
        self.problems.append(ImportProblem(message, row=self.line, column=name))

    def year(self) -> int | None:
        text = self.text(YEAR)
        match = _YEAR.fullmatch(text)
        if not text:
            self.problem("This cell is empty; write the financial year, like “2024/25”", YEAR)
            return None
        if match is None or not 2000 <= int(match["start"]) <= 2100:
            self.problem(f"“{text}” is not a financial year; write it like “2024/25”", YEAR)
            return None
        start, end = int(match["start"]), match["end"]
        if end is not None and int(end) % 100 != (start + 1) % 100:
            self.problem(f"“{text}” is not one financial year; write it like “2024/25”", YEAR)
            return None
        return start

    def quarter(self, month: int | None) -> int | None:
        """The quarter; taken from the month when that is given and the quarter is not."""
        text = self.text(QUARTER)
        if not text and month is not None:
            return quarter_of_month(month)
        match = _QUARTER.fullmatch(text)
        if match is None or not 1 <= int(match["q"]) <= 4:
            shown = f"“{text}” is not a quarter" if text else "This cell is empty"
            self.problem(f"{shown}; write 1 to 4 or Q1 to Q4 (Q1 is April to June)", QUARTER)
            return None
        quarter = int(match["q"])
        if month is not None and quarter_of_month(month) != quarter:
            self.problem(
                f"{FINANCIAL_MONTH_NAMES[month - 1]} is in Q{quarter_of_month(month)}, not "
                f"Q{quarter}; correct the quarter or the month",
                QUARTER,
            )
            return None
        return quarter

    def month(self, year: int | None) -> tuple[bool, int | None]:
        """(readable, financial-year month or None): a month's name, optionally with its
        calendar year, or “2024-04”; the calendar year must fall in the financial year."""
        text = self.text(MONTH)
        if not text:
            return True, None
        match = _MONTH.fullmatch(text)
        calendar_year: int | None = None
        month = None
        if match is not None and match["name"]:
            month = _MONTHS.get(match["name"].casefold())
            if match["year"]:
                calendar_year = int(match["year"]) % 100 + 2000
        elif match is not None:
            number = int(match["number"])
            month = (number - 4) % 12 + 1 if 1 <= number <= 12 else None
            calendar_year = int(match["iso"])
        if month is None:
            self.problem(
                f"“{text[:50]}” is not a month; write its name, like “April” or “Apr 2024”",
                MONTH,
            )
            return False, None
        if calendar_year is not None and year is not None:
            expected = calendar_month(year, month)[0]
            if calendar_year != expected:
                self.problem(
                    f"“{text[:50]}” is not in {period_label(year, None)}; the financial year "
                    "runs from April to March",
                    MONTH,
                )
                return False, None
        return True, month

    def number(self, name: str) -> float | None:
        text = self.text(name)
        number = _number(text) if text else None
        if text and number is None:
            self.problem(f"“{text[:50]}” is not a number", name)
        return number

    def flag(self, name: str) -> bool:
        text = self.text(name).casefold()
        if text not in _YES | _NO:
            self.problem(f"“{self.text(name)[:50]}” is not yes or no", name)
        return text in _YES


def parse_values_table(table: Table, *, filename: str = "") -> tuple[ParsedValue, ...]:
    """Every row of figures in ``table``; raises ImportRefused listing every problem found."""
    table = _rebase(table)
    columns = _columns(table.headers)
    problems = [
        ImportProblem(f"The file has no “{name}” column", column=name) for name in _missing(columns)
    ]
    if problems:
        raise ImportRefused(problems, filename)
    parsed: list[ParsedValue] = []
    seen: dict[tuple[str, int, int, int | None], int] = {}
    for line, cells in table.rows:
        row = _Row(line, cells, columns, problems)
        code = row.text(CODE)
        if not code:
            row.problem("This cell is empty; write the indicator's code", CODE)
        year = row.year()
        readable, month = row.month(year)
        quarter = row.quarter(month) if readable else None
        value, target = row.number(VALUE), row.number(TARGET)
        provisional = row.flag(PROVISIONAL)
        if month is not None and target is not None:
            row.problem(
                "Targets are set for a quarter or a year, not a month; give the target on a "
                "row of its own with the quarter and no month",
                TARGET,
            )
        if not (code and year is not None and quarter is not None and readable):
            continue
        key = (code.casefold(), year, quarter, month)
        if key in seen:
            row.problem(
                f"{code} {period_label(year, quarter, month)} is also on row {seen[key]}; "
                f"give each {'month' if month else 'quarter'} one row",
                CODE,
            )
            continue
        seen[key] = line
        parsed.append(
            ParsedValue(
                line=line,
                code=code,
                year=year,
                quarter=quarter,
                value=value,
                target=target,
                commentary=row.text(COMMENTARY),
                route_to_green=row.text(ROUTE),
                provisional=provisional,
                month=month,
            )
        )
    if not table.rows:
        problems.append(ImportProblem("The file has no rows of figures below the header"))
    if problems:
        raise ImportRefused(sorted(problems, key=lambda p: p.row or 0), filename)
    return tuple(parsed)
