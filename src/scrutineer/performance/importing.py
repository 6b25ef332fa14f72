"""Import quarterly (and monthly) performance values and targets from CSV or XLSX.

A monthly indicator's rows name the month (“April”, “Apr 2024”, “2024-04”) in the Month
column; the quarter may then be left blank. Targets stay per quarter or year.

``parse_values_table`` and ``read_values_file`` are pure (a Table or bytes in, ParsedValue
tuples out, every problem with the file's own row and column). ``values_import_preview`` says
what importing them would do from reads alone, with the services' own checks; ``values_import``
applies them through the performance services in one transaction.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import PurePath
from typing import Any

from django.db import transaction

from scrutineer.core.calendar import FINANCIAL_MONTH_NAMES, period_label
from scrutineer.files.formulas import neutralise
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused
from scrutineer.files.parsers.tables import Table, read_csv, read_xlsx
from scrutineer.performance import rules, services
from scrutineer.performance.models import (
    Framework,
    Indicator,
    Measurement,
    Target,
)

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
            return rules.quarter_of_month(month)
        match = _QUARTER.fullmatch(text)
        if match is None or not 1 <= int(match["q"]) <= 4:
            shown = f"“{text}” is not a quarter" if text else "This cell is empty"
            self.problem(f"{shown}; write 1 to 4 or Q1 to Q4 (Q1 is April to June)", QUARTER)
            return None
        quarter = int(match["q"])
        if month is not None and rules.quarter_of_month(month) != quarter:
            self.problem(
                f"{FINANCIAL_MONTH_NAMES[month - 1]} is in Q{rules.quarter_of_month(month)}, not "
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
            expected = rules.calendar_month(year, month)[0]
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


def read_values_file(data: bytes, *, filename: str) -> tuple[ParsedValue, ...]:
    """The figures in a CSV or XLSX file, chosen by the file name's extension."""
    suffix = PurePath(filename).suffix.lower()
    readers = {".csv": read_csv, ".xlsx": read_xlsx}
    if suffix not in readers:
        raise ImportRefused(
            [ImportProblem(f"“{PurePath(filename).name}” is not a CSV or XLSX file")], filename
        )
    return parse_values_table(readers[suffix](data, filename=filename), filename=filename)


def template_csv(rows: Iterable[Sequence[str]]) -> bytes:
    """The template: the header, then ``rows`` (text cells made safe to open in Excel)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")  # tells Excel the file is UTF-8
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(TEMPLATE_COLUMNS)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


# The service: plan the rows from reads alone (the preview), then apply the plan through the
# performance services (the import), re-checking every row.


@dataclass
class ValueOutcome:
    line: int
    code: str
    period: str
    action: str  # "create", "update" or "unchanged"
    details: list[str] = field(default_factory=list)


@dataclass
class ValuesImportReport:
    framework: str
    dry_run: bool
    rows: list[ValueOutcome] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def count_create(self) -> int:
        return self.count("create")

    @property
    def count_update(self) -> int:
        return self.count("update")

    @property
    def count_unchanged(self) -> int:
        return self.count("unchanged")


class PreviewOutdated(Exception):
    """The records changed after the preview was made: importing now would do something other
    than what was shown, so nothing was imported. ``report`` is the new preview."""

    def __init__(self, report: ValuesImportReport):
        super().__init__("The records changed since the preview was made.")
        self.report = report


def values_report_to_json(report: ValuesImportReport) -> dict[str, Any]:
    """The report as JSON, to keep with the pending upload in the session."""
    return asdict(report)


def values_report_from_json(data: dict[str, Any]) -> ValuesImportReport:
    return ValuesImportReport(
        framework=data["framework"],
        dry_run=data["dry_run"],
        rows=[ValueOutcome(**row) for row in data["rows"]],
    )


def _plain(value: float | None) -> str:
    return "blank" if value is None else f"{value:g}"


def _measurement_changes(row: ParsedValue, measurement: Measurement | None) -> list[str]:
    if measurement is None:
        return [f"value {_plain(row.value)}"]
    changes = []
    if measurement.value != row.value:
        changes.append(f"value {_plain(measurement.value)} → {_plain(row.value)}")
    if measurement.commentary != row.commentary:
        changes.append("commentary")
    if measurement.route_to_green != row.route_to_green:
        changes.append("route to green")
    if measurement.provisional != row.provisional:
        changes.append("provisional" if row.provisional else "no longer provisional")
    return changes


def _frequency_problem(row: ParsedValue, indicator: Indicator) -> ImportProblem | None:
    """A month for a quarterly indicator, or a figure without one for a monthly indicator."""
    monthly = indicator.frequency == Indicator.Frequency.MONTHLY
    if monthly and row.month is None and row.sets_measurement:
        return ImportProblem(
            f"{indicator.code} is reported monthly: write the month in the “{MONTH}” column, "
            "like “April” (a row with only a target may leave it blank)",
            row.line,
            MONTH,
        )
    if not monthly and row.month is not None:
        return ImportProblem(
            f"{indicator.code} is reported {indicator.get_frequency_display().lower()}, not "
            "monthly; leave the month blank",
            row.line,
            MONTH,
        )
    return None


# The column of the file that holds what a service's refusal is about.
_COLUMN_OF_FIELD = {
    "value": VALUE,
    "commentary": COMMENTARY,
    "route_to_green": ROUTE,
    "month": MONTH,
    "quarter": QUARTER,
}


def _problem(refused: services.PerformanceRuleBroken, line: int) -> ImportProblem:
    return ImportProblem(str(refused), line, _COLUMN_OF_FIELD.get(refused.field or ""))


@dataclass(frozen=True)
class _Step:
    """What the import does with one row: set its target, record its figure, or neither."""

    row: ParsedValue
    indicator: Indicator
    sets_target: bool
    records_figure: bool


def _indicators(
    parsed: Sequence[ParsedValue], framework: Framework, filename: str
) -> dict[str, Indicator]:
    """The framework's indicators by code; refuses rows whose code or frequency is wrong, or
    whose rated figure is blank."""
    found = Indicator.objects.filter(framework=framework).select_related("framework")
    indicators = {indicator.code.casefold(): indicator for indicator in found}
    problems = []
    for row in parsed:
        indicator = indicators.get(row.code.casefold())
        if indicator is None:
            problems.append(
                ImportProblem(f"{framework.name} has no indicator “{row.code}”", row.line, CODE)
            )
        elif (problem := _frequency_problem(row, indicator)) is not None:
            problems.append(problem)
        elif row.value is None and row.sets_measurement and not indicator.is_narrative:
            problems.append(
                ImportProblem(
                    f"This cell is empty; only narrative indicators are reported without a "
                    f"figure (leave the row out, or give only a target, to keep {row.code}'s "
                    f"{row.period} figure as it is)",
                    row.line,
                    VALUE,
                )
            )
    if problems:
        raise ImportRefused(problems, filename)
    return indicators


def _plan(
    *, parsed: Sequence[ParsedValue], framework: Framework, filename: str
) -> tuple[ValuesImportReport, list[_Step]]:
    """What importing ``parsed`` would do, row by row, from three reads and no write: each row
    is compared with what is stored and checked by the services' own rules against the
    figures as the rows before it would leave them. Raises ImportRefused with every problem."""
    indicators = _indicators(parsed, framework, filename)
    ids = [indicator.pk for indicator in indicators.values()]
    measurements: dict[tuple[int, int, int, int | None], Measurement] = {}
    by_indicator: dict[int, list[Measurement]] = {pk: [] for pk in ids}
    for m in Measurement.objects.filter(indicator_id__in=ids):
        measurements[(m.indicator_id, m.year, m.quarter, m.month)] = m
        by_indicator[m.indicator_id].append(m)
    targets: dict[tuple[int, int, int | None], Target] = {}
    targets_of: dict[int, list[Target]] = {pk: [] for pk in ids}
    for t in Target.objects.filter(indicator_id__in=ids):
        targets[(t.indicator_id, t.year, t.quarter)] = t
        targets_of[t.indicator_id].append(t)
    figures = {
        indicator.pk: services.figures_from(
            indicator, by_indicator[indicator.pk], targets_of[indicator.pk]
        )
        for indicator in indicators.values()
    }
    report = ValuesImportReport(framework=framework.name, dry_run=True)
    steps: list[_Step] = []
    problems: list[ImportProblem] = []
    # Oldest period first: a figure's RAG may depend on the same period last year.
    for row in sorted(parsed, key=lambda r: (r.year, r.quarter, r.month or 0, r.line)):
        indicator = indicators[row.code.casefold()]
        key = (indicator.pk, row.year, row.quarter)
        outcome = ValueOutcome(row.line, indicator.code, row.period, action="unchanged")
        created = sets_target = records_figure = False
        if row.target is not None:
            target = targets.get(key)
            if target is None or target.value != row.target:
                was = "" if target is None else f"{_plain(target.value)} → "
                outcome.details.append(f"target {was}{_plain(row.target)}")
                try:
                    services.target_check(quarter=row.quarter)
                except services.PerformanceRuleBroken as refused:
                    problems.append(_problem(refused, row.line))
                else:  # later rows are judged with this target set, as the import sets it
                    stood = figures[indicator.pk]
                    figures[indicator.pk] = replace(
                        stood, targets={**stood.targets, (row.year, row.quarter): row.target}
                    )
                sets_target, created = True, target is None
                outcome.action = "update"
        if row.sets_measurement:
            measurement = measurements.get((*key, row.month))
            changes = _measurement_changes(row, measurement)
            if changes:
                try:
                    services.measurement_check(
                        indicator=indicator,
                        figures=figures[indicator.pk],
                        year=row.year,
                        quarter=row.quarter,
                        month=row.month,
                        value=row.value,
                        commentary=row.commentary,
                        route_to_green=row.route_to_green,
                    )
                except services.PerformanceRuleBroken as refused:
                    problems.append(_problem(refused, row.line))
                else:
                    stood = figures[indicator.pk]
                    figures[indicator.pk] = (
                        stood.with_value(row.year, row.quarter, row.value)
                        if row.month is None
                        else stood.with_month_value(row.year, row.month, row.value)
                    )
                outcome.details = changes + outcome.details
                records_figure, created = True, measurement is None
                outcome.action = "update"
        if outcome.action == "update" and created:
            outcome.action = "create"
        report.rows.append(outcome)
        if sets_target or records_figure:
            steps.append(_Step(row, indicator, sets_target, records_figure))
    if problems:
        raise ImportRefused(sorted(problems, key=lambda p: p.row or 0), filename)
    report.rows.sort(key=lambda outcome: outcome.line)
    return report, steps


def values_import_preview(
    *, parsed: Sequence[ParsedValue], framework: Framework, filename: str = ""
) -> ValuesImportReport:
    """What importing the figures would do, row by row, from reads alone: no write, no
    transaction, no lock. Raises ImportRefused with every problem the import would meet."""
    return _plan(parsed=parsed, framework=framework, filename=filename)[0]


def values_import(
    *,
    parsed: Sequence[ParsedValue],
    framework: Framework,
    by: Any = None,
    dry_run: bool = False,
    filename: str = "",
    expected: ValuesImportReport | None = None,
) -> ValuesImportReport:
    """Apply parsed figures and targets to a framework's indicators in one transaction: all or
    nothing, and rows that match what is stored left untouched. Each row goes through the
    services, which check it again against the stored figures. With ``expected`` (the preview
    that was shown), raises PreviewOutdated and imports nothing if the plan differs from it.
    A dry run is the preview."""
    if dry_run:
        return values_import_preview(parsed=parsed, framework=framework, filename=filename)
    with transaction.atomic():
        report, steps = _plan(parsed=parsed, framework=framework, filename=filename)
        report.dry_run = False
        if expected is not None and (report.framework, report.rows) != (
            expected.framework,
            expected.rows,
        ):
            raise PreviewOutdated(replace(report, dry_run=True))
        problems: list[ImportProblem] = []
        for step in steps:
            row = step.row
            try:
                if step.sets_target:
                    assert row.target is not None
                    services.target_set(
                        indicator=step.indicator,
                        year=row.year,
                        quarter=row.quarter,
                        value=row.target,
                        by=by,
                    )
                if step.records_figure:
                    services.measurement_record(
                        indicator=step.indicator,
                        year=row.year,
                        quarter=row.quarter,
                        month=row.month,
                        value=row.value,
                        commentary=row.commentary,
                        route_to_green=row.route_to_green,
                        provisional=row.provisional,
                        by=by,
                    )
            except services.PerformanceRuleBroken as refused:
                problems.append(_problem(refused, row.line))
        if problems:
            raise ImportRefused(sorted(problems, key=lambda p: p.row or 0), filename)
    return report
