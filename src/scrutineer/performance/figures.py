"""Importing a file of performance figures into a framework: each row planned from reads
alone (the preview), then the plan applied through the performance services in one
transaction (the import), which check every row again. The file itself is read by the pure
parser ``scrutineer.files.parsers.performance_figures``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction

from scrutineer.files.parsers.errors import ImportProblem, ImportRefused
from scrutineer.files.parsers.performance_figures import (
    CODE,
    COMMENTARY,
    MONTH,
    QUARTER,
    ROUTE,
    VALUE,
    ParsedValue,
)
from scrutineer.files.parsers.report import (
    ImportReport,
    Progress,
    ReportSection,
    RowOutcome,
    no_progress,
    report_check_expected,
)
from scrutineer.performance.models import Framework, Indicator, Measurement, Target
from scrutineer.performance.services.errors import PerformanceRuleBroken
from scrutineer.performance.services.measurements import (
    figures_from,
    measurement_check,
    measurement_record,
)
from scrutineer.performance.services.targets import target_check, target_set


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


def _problem(refused: PerformanceRuleBroken, line: int) -> ImportProblem:
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
    *,
    parsed: Sequence[ParsedValue],
    framework: Framework,
    filename: str,
    progress: Progress = no_progress,
) -> tuple[ImportReport, list[_Step]]:
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
        indicator.pk: figures_from(indicator, by_indicator[indicator.pk], targets_of[indicator.pk])
        for indicator in indicators.values()
    }
    rows: list[RowOutcome] = []
    report = ImportReport(
        filename=filename,
        into=framework.name,
        sections=[ReportSection("Row by row", ("Indicator", "period"), rows)],
    )
    steps: list[_Step] = []
    problems: list[ImportProblem] = []
    progress(0, len(parsed))
    # Oldest period first: a figure's RAG may depend on the same period last year.
    for row in sorted(parsed, key=lambda r: (r.year, r.quarter, r.month or 0, r.line)):
        indicator = indicators[row.code.casefold()]
        key = (indicator.pk, row.year, row.quarter)
        outcome = RowOutcome(row.line, "unchanged", (indicator.code, row.period))
        created = sets_target = records_figure = False
        if row.target is not None:
            target = targets.get(key)
            if target is None or target.value != row.target:
                was = "" if target is None else f"{_plain(target.value)} → "
                outcome.details.append(f"target {was}{_plain(row.target)}")
                try:
                    target_check(quarter=row.quarter)
                except PerformanceRuleBroken as refused:
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
                    measurement_check(
                        indicator=indicator,
                        figures=figures[indicator.pk],
                        year=row.year,
                        quarter=row.quarter,
                        month=row.month,
                        value=row.value,
                        commentary=row.commentary,
                        route_to_green=row.route_to_green,
                    )
                except PerformanceRuleBroken as refused:
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
        rows.append(outcome)
        if sets_target or records_figure:
            steps.append(_Step(row, indicator, sets_target, records_figure))
        progress(len(rows), len(parsed))
    if problems:
        raise ImportRefused(sorted(problems, key=lambda p: p.row or 0), filename)
    rows.sort(key=lambda outcome: outcome.line)
    return report, steps


def figures_import_preview(
    *,
    parsed: Sequence[ParsedValue],
    framework: Framework,
    filename: str = "",
    progress: Progress = no_progress,
) -> ImportReport:
    """What importing the figures would do, row by row, from reads alone: no write, no
    transaction, no lock. Raises ImportRefused with every problem the import would meet;
    ``progress`` is told as each row is worked out."""
    plan = _plan(parsed=parsed, framework=framework, filename=filename, progress=progress)
    return plan[0]


def figures_import(
    *,
    parsed: Sequence[ParsedValue],
    framework: Framework,
    by: Any = None,
    dry_run: bool = False,
    filename: str = "",
    expected: ImportReport | None = None,
    progress: Progress = no_progress,
) -> ImportReport:
    """Apply parsed figures and targets to a framework's indicators in one transaction: all or
    nothing, and rows that match what is stored left untouched. Each row goes through the
    services, which check it again against the stored figures. With ``expected`` (the preview
    that was shown), raises PreviewOutdated and imports nothing if the plan differs from it.
    A dry run is the preview. ``progress`` is told as each row is written (the unchanged
    rows are done at once)."""
    if dry_run:
        return figures_import_preview(parsed=parsed, framework=framework, filename=filename)
    with transaction.atomic():
        report, steps = _plan(parsed=parsed, framework=framework, filename=filename)
        report_check_expected(report, expected)
        report.dry_run = False
        problems: list[ImportProblem] = []
        unchanged = len(parsed) - len(steps)
        progress(unchanged, len(parsed))
        for done, step in enumerate(steps, start=unchanged + 1):
            row = step.row
            try:
                if step.sets_target:
                    assert row.target is not None
                    target_set(
                        indicator=step.indicator,
                        year=row.year,
                        quarter=row.quarter,
                        value=row.target,
                        by=by,
                    )
                if step.records_figure:
                    measurement_record(
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
            except PerformanceRuleBroken as refused:
                problems.append(_problem(refused, row.line))
            progress(done, len(parsed))
        if problems:
            raise ImportRefused(sorted(problems, key=lambda p: p.row or 0), filename)
    return report
