"""What an import would do, or did: the one report every importer gives, file by file.

Pure dataclasses. An importer's preview works its report out from reads alone; confirming
works it out again and refuses (``PreviewOutdated``) if it is not the report that was shown,
so that nothing is imported that nobody saw. The report is kept as JSON with the pending
upload between the two.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from scrutineer.files.parsers.errors import ImportProblem

ACTIONS = ("create", "update", "unchanged")

# Told, as an importer works through a file, how many of its rows are done and of how many:
# a worker's job shows it on its progress page (``scrutineer.jobs``).
Progress = Callable[[int, int], None]


def no_progress(done: int, total: int) -> None:
    """Progress told to no one: an import in a request, or from the command line."""


@dataclass
class RowOutcome:
    """What importing one row of the file does. ``reference`` is the row's own key, one cell
    per column of its section (an item's number; an indicator's code and period)."""

    line: int
    action: str  # one of ACTIONS
    reference: tuple[str, ...] = ()
    details: list[str] = field(default_factory=list)
    sheet: str = ""  # the workbook's sheet (or Word table) the row is on, in a file of several


@dataclass
class ReportSection:
    """A table of the report: the file's main rows, or a second kind of row it also holds
    (a tracker's forward-plan items)."""

    caption: str
    columns: tuple[str, ...]
    rows: list[RowOutcome] = field(default_factory=list)


@dataclass
class ImportReport:
    """Row by row, what importing ``filename`` into ``into`` does; or, when ``problems`` is
    not empty, why it cannot be imported at all."""

    filename: str
    into: str = ""
    dry_run: bool = True
    sections: list[ReportSection] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    # What to check before importing, each where it is; none of them stops the import.
    warnings: list[ImportProblem] = field(default_factory=list)
    # The file's status words as written, and what each is read as ("open" or "closed").
    status_words: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rows(self) -> list[RowOutcome]:
        """The file's main rows: the first section's."""
        return self.sections[0].rows if self.sections else []

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

    def same_as(self, other: ImportReport) -> bool:
        """Whether the two say the same would be done, previewed or done."""
        return replace(self, dry_run=True) == replace(other, dry_run=True)


class PreviewOutdated(Exception):
    """The records changed after the preview was made: importing now would do something other
    than what was shown, so nothing was imported. ``report`` is the new preview."""

    def __init__(self, report: ImportReport):
        super().__init__("The records changed since the preview was made.")
        self.report = report


def report_check_expected(report: ImportReport, expected: ImportReport | None) -> None:
    """Refuse to import a plan other than the one shown (``expected``), before any write."""
    if expected is not None and not report.same_as(expected):
        raise PreviewOutdated(replace(report, dry_run=True))


def report_to_json(report: ImportReport) -> dict[str, Any]:
    """The report as JSON, to keep with the pending upload until it is confirmed."""
    return asdict(report)


def report_from_json(data: dict[str, Any]) -> ImportReport:
    return ImportReport(
        filename=data["filename"],
        into=data["into"],
        dry_run=data["dry_run"],
        sections=[
            ReportSection(
                caption=section["caption"],
                columns=tuple(section["columns"]),
                rows=[
                    RowOutcome(
                        line=row["line"],
                        action=row["action"],
                        reference=tuple(row["reference"]),
                        details=list(row["details"]),
                        sheet=row.get("sheet", ""),
                    )
                    for row in section["rows"]
                ],
            )
            for section in data["sections"]
        ],
        problems=[ImportProblem(**problem) for problem in data["problems"]],
        warnings=[ImportProblem(**warning) for warning in data.get("warnings", [])],
        status_words=[(word, status) for word, status in data.get("status_words", [])],
    )
