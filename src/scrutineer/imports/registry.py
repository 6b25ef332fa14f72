"""Every kind of file the import wizard takes, and how each is read, previewed and imported.

An importer names who may use it (a predicate of ``core.permissions``), the pure parser that
reads its files (``scrutineer.files.readers``) and the owning app's services that preview and
import what was read: the wizard itself knows nothing of trackers or figures. Adding a kind of
import is adding an entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from scrutineer.briefings.services import briefing_import, briefing_import_preview
from scrutineer.committees.models import Committee
from scrutineer.core import permissions
from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.files.parsers.mapping import FIELDS
from scrutineer.files.parsers.report import ImportReport, Progress, no_progress
from scrutineer.files.readers import (
    TABULAR_SUFFIXES,
    TEXT_SUFFIXES,
    is_tabular,
    read_briefing_file,
    read_decisions_file,
    read_figures_file,
    read_forward_plan_file,
    read_table,
    read_tracker_file,
    tracker_columns,
)
from scrutineer.imports.selectors import column_mapping_for, column_statuses_for
from scrutineer.imports.services import (
    column_mapping_save,
    tracker_import,
    tracker_import_preview,
)
from scrutineer.performance.figures import figures_import, figures_import_preview
from scrutineer.performance.models import Framework
from scrutineer.programme.services.decision_imports import (
    decisions_import,
    decisions_import_preview,
)
from scrutineer.programme.services.forward_plan import (
    forward_plan_entries_import,
    forward_plan_entries_preview,
)


@dataclass(frozen=True)
class Target:
    """Where the file's records go, chosen on the upload page: a committee or a framework."""

    name: str  # the form field's name, and the query parameter that preselects it
    label: str
    queryset: Callable[[], QuerySet[Any]]
    required: bool = True
    required_message: str = ""
    hint: str = ""
    empty_label: str | None = None  # the choice of none; None to have no such choice


# A file's columns to map (every table's, once), an example of each, the fields they are
# recognised as, and how many rows the file has.
TableColumns = tuple[tuple[str, ...], tuple[str, ...], dict[int, str], int]


@dataclass(frozen=True)
class Columns:
    """A table whose columns the user maps to fields, remembered for the next import; and
    what its status words mean, when the file has a status scale of its own."""

    fields: Mapping[str, str]  # field -> its label
    # (target, headers, guessed or None) -> the mapping to start from
    remembered: Callable[[Any, tuple[str, ...], dict[int, str] | None], dict[int, str]]
    # (target, headers, mapping, statuses) -> None
    remember: Callable[[Any, tuple[str, ...], dict[int, str], dict[str, str]], None]
    # (data, filename) -> the columns to map (every table's, once), an example of each, the
    # fields they are recognised as, and the file's rows
    read: (
        Callable[[bytes, str], tuple[tuple[str, ...], tuple[str, ...], dict[int, str], int]] | None
    ) = None
    statuses: Callable[[Any], dict[str, str]] | None = None  # the target's remembered scale


@dataclass(frozen=True)
class Importer:
    kind: str  # its name in URLs
    label: str  # what the file is, as the start page offers it
    title: str  # the upload page's heading
    intro: str
    may_use: Callable[[Any], bool]
    file_label: str
    file_hint: str
    suffixes: frozenset[str]
    formats: str  # the file types it takes, as people name them: "CSV or XLSX"
    # (data, filename, mapping, statuses) -> what the file holds; pure, raises ImportRefused;
    # ``statuses`` says what the file's own status words mean, for an importer that reads them
    parse: Callable[[bytes, str, dict[int, str] | None, dict[str, str] | None], Any]
    # (parsed, target, filename, progress) -> the report, from reads alone; raises
    # ImportRefused; tells ``progress`` as each row is worked out
    preview: Callable[[Any, Any, str, Progress], ImportReport]
    # (parsed, target, filename, by, expected, progress) -> (the report, the page to show
    # next); raises PreviewOutdated when the plan is not ``expected``, ImportRefused on a
    # problem; tells ``progress`` as each row is written
    apply: Callable[[Any, Any, str, Any, ImportReport, Progress], tuple[ImportReport, str]]
    done: str  # the message after importing: {filename} {into} {create} {update} {unchanged}
    changed: str = "The records changed"  # since the preview was made
    preview_note: str = ""  # what else to know before importing
    target: Target | None = None
    columns: Columns | None = None
    guidance: str = ""  # a template with more help on the upload page
    # How many rows a text file holds, once parsed (a table's rows are counted as read).
    count: Callable[[Any], int] = len

    def maps_columns(self, filename: str) -> bool:
        return self.columns is not None and is_tabular(filename)

    def accepts(self, filename: str) -> bool:
        return PurePath(filename).suffix.lower() in self.suffixes

    def rows(self, data: bytes, *, filename: str) -> int:
        """How many rows the file has (a table's, or what a text file holds), to judge whether
        it is previewed and imported at once or by a worker; 0 for a file that cannot be
        read, whose problems are shown at once."""
        try:
            if is_tabular(filename):
                return len(read_table(data, filename=filename).rows)
            return self.count(self.parse(data, filename, None, None))
        except ImportRefused:
            return 0

    def done_message(self, filename: str, report: ImportReport) -> str:
        """What the wizard says once the file is imported."""
        return self.done.format(
            filename=filename,
            into=report.into,
            create=report.count_create,
            update=report.count_update,
            unchanged=report.count_unchanged,
        )

    def target_of(self, pk: int | None) -> Any:
        """The committee or framework the upload names, if it still exists; else None."""
        if self.target is None or pk is None:
            return None
        return self.target.queryset().filter(pk=pk).first()

    def report(
        self,
        data: bytes,
        *,
        filename: str,
        target: Any,
        mapping: dict[int, str] | None,
        statuses: dict[str, str] | None = None,
        progress: Progress = no_progress,
    ) -> ImportReport:
        """What importing the file would do, from reads alone, or every problem it has."""
        try:
            parsed = self.parse(data, filename, mapping, statuses)
            return self.preview(parsed, target, filename, progress)
        except ImportRefused as refused:
            return ImportReport(
                filename=filename,
                problems=list(refused.problems),
                status_words=list(refused.status_words),
            )

    def confirm(
        self,
        data: bytes,
        *,
        filename: str,
        target: Any,
        mapping: dict[int, str] | None,
        by: Any,
        expected: ImportReport,
        statuses: dict[str, str] | None = None,
        progress: Progress = no_progress,
    ) -> tuple[ImportReport, str]:
        """Import the file, if importing it does what ``expected`` showed."""
        parsed = self.parse(data, filename, mapping, statuses)
        return self.apply(parsed, target, filename, by, expected, progress)


def _tracker_apply(
    parsed: Any,
    committee: Committee,
    filename: str,
    by: Any,
    expected: ImportReport,
    progress: Progress,
) -> tuple[ImportReport, str]:
    report = tracker_import(
        parsed=parsed,
        committee=committee,
        by=by,
        filename=filename,
        expected=expected,
        progress=progress,
    )
    return report, committee.get_absolute_url()


def _forward_plan_apply(
    parsed: Any,
    committee: Committee | None,
    filename: str,
    by: Any,
    expected: ImportReport,
    progress: Progress,
) -> tuple[ImportReport, str]:
    report = forward_plan_entries_import(
        entries=parsed,
        committee=committee,
        by=by,
        filename=filename,
        expected=expected,
        progress=progress,
    )
    if committee is None:
        return report, reverse("programme:gaps")
    return report, reverse("programme:forward_plan", args=[committee.slug])


def _decisions_apply(
    parsed: Any, _target: None, filename: str, by: Any, expected: ImportReport, progress: Progress
) -> tuple[ImportReport, str]:
    report = decisions_import(
        decisions=parsed, by=by, filename=filename, expected=expected, progress=progress
    )
    return report, reverse("programme:decision_list")


def _briefing_apply(
    parsed: Any, _target: None, filename: str, by: Any, expected: ImportReport, _: Progress
) -> tuple[ImportReport, str]:
    result = briefing_import(parsed=parsed, by=by, filename=filename, expected=expected)
    return result.report, result.note.get_absolute_url()


def _figures_apply(
    parsed: Any,
    framework: Framework,
    filename: str,
    by: Any,
    expected: ImportReport,
    progress: Progress,
) -> tuple[ImportReport, str]:
    report = figures_import(
        parsed=parsed,
        framework=framework,
        by=by,
        filename=filename,
        expected=expected,
        progress=progress,
    )
    return report, f"{reverse('performance:dashboard')}?framework={framework.pk}"


def _committees() -> QuerySet[Committee]:
    # Past committees are not offered (they keep their records, but nothing new is filed).
    return Committee.objects.filter(is_expired=False).order_by("name")


IMPORTERS = {
    importer.kind: importer
    for importer in [
        Importer(
            kind="tracker",
            label="A committee's recommendations tracker",
            title="Import a tracker",
            intro="Bring in a tracker kept in Word or Excel.",
            may_use=permissions.can_import,
            file_label="Tracker file",
            file_hint="The published tracker as text (TXT), or a spreadsheet (CSV, XLSX), or a "
            "Word document with the tracker table (DOCX). Up to 10 MB.",
            suffixes=frozenset(TEXT_SUFFIXES | TABULAR_SUFFIXES),
            formats="TXT, CSV, XLSX or DOCX",
            parse=lambda data, filename, mapping, statuses: read_tracker_file(
                data, filename=filename, mapping=mapping, statuses=statuses
            ),
            preview=lambda parsed, committee, filename, progress: tracker_import_preview(
                parsed=parsed, committee=committee, filename=filename, progress=progress
            ),
            apply=_tracker_apply,
            done="Imported {filename} into {into}: {create} items created, {update} updated, "
            "{unchanged} unchanged.",
            count=lambda parsed: len(parsed.rows) + len(parsed.forward_plan),
            target=Target(
                "committee",
                "Committee",
                _committees,
                required_message="Select the committee whose tracker this is",
                empty_label="Choose a committee",
            ),
            columns=Columns(
                fields=FIELDS,
                remembered=lambda committee, headers, guessed: column_mapping_for(
                    committee=committee, headers=headers, guessed=guessed
                ),
                remember=lambda committee, headers, mapping, statuses: column_mapping_save(
                    committee=committee, headers=headers, mapping=mapping, statuses=statuses
                ),
                read=tracker_columns,
                statuses=lambda committee: column_statuses_for(committee=committee),
            ),
        ),
        Importer(
            kind="forward-plan",
            label="The executive's forward plan",
            title="Import the forward plan",
            intro="Bring in the decisions the executive plans to take, from the published "
            "forward plan.",
            may_use=permissions.can_manage_programme,
            file_label="Forward plan file",
            file_hint="A spreadsheet (CSV, XLSX) or a Word table (DOCX) with a row for each "
            "decision: its title and decision date, and if you have them the decision maker, "
            "key decision, lead officer, portfolio, date first published and exempt. Up to "
            "10 MB.",
            suffixes=frozenset(TABULAR_SUFFIXES),
            formats="CSV, XLSX or DOCX",
            parse=lambda data, filename, _mapping, _statuses: read_forward_plan_file(
                data, filename=filename
            ),
            preview=lambda entries, committee, filename, progress: forward_plan_entries_preview(
                entries=entries, committee=committee, filename=filename, progress=progress
            ),
            apply=_forward_plan_apply,
            done="Imported {filename}: {create} created, {update} updated, {unchanged} unchanged.",
            target=Target(
                "committee",
                "Scrutiny committee (optional)",
                _committees,
                required=False,
                hint="Also suggest what this committee does with each new item.",
                empty_label="No committee",
            ),
        ),
        Importer(
            kind="executive-decisions",
            label="Executive decisions",
            title="Import executive decisions",
            intro="Bring in the decisions of Cabinet and portfolio holders, from the council's "
            "list of decision notices. Their call-in deadlines follow from the date published.",
            may_use=permissions.can_manage_programme,
            file_label="Decisions file",
            file_hint="A spreadsheet (CSV, XLSX) or a Word table (DOCX) with a row for each "
            "decision: its title and decision date, and if you have them the decision-maker, "
            "summary, key decision, date and time published, urgent (exempt from call-in) with "
            "the reason, exempt, report link, reference and the forward-plan entry it came from "
            "(by its title). Up to 10 MB.",
            suffixes=frozenset(TABULAR_SUFFIXES),
            formats="CSV, XLSX or DOCX",
            parse=lambda data, filename, _mapping, _statuses: read_decisions_file(
                data, filename=filename
            ),
            preview=lambda decisions, _target, filename, progress: decisions_import_preview(
                decisions=decisions, filename=filename, progress=progress
            ),
            apply=_decisions_apply,
            done="Imported {filename}: {create} created, {update} updated, {unchanged} unchanged.",
        ),
        Importer(
            kind="briefing-note",
            label="A briefing note to Cabinet",
            title="Import a briefing note",
            intro="Bring in a briefing note to Cabinet as it was published. The note names its "
            "committee and meeting; the committee must be recorded already.",
            may_use=permissions.can_write_briefing,
            file_label="Briefing note file",
            file_hint="The note as text (TXT), as it is published. Up to 10 MB.",
            suffixes=frozenset(TEXT_SUFFIXES),
            formats="TXT",
            parse=lambda data, filename, _mapping, _statuses: read_briefing_file(
                data, filename=filename
            ),
            preview=lambda parsed, _target, filename, _progress: briefing_import_preview(
                parsed=parsed, filename=filename
            ),
            apply=_briefing_apply,
            done="Imported {filename} into {into}: {create} note created, {update} updated, "
            "{unchanged} unchanged.",
            count=lambda _note: 1,
        ),
        Importer(
            kind="performance-figures",
            label="Performance figures and targets",
            title="Import performance figures",
            intro="Bring in a quarter's values, targets, commentary and routes to green from a "
            "spreadsheet.",
            may_use=permissions.can_manage_performance,
            file_label="File of figures",
            file_hint="A spreadsheet (CSV or XLSX) with the template's columns. Up to 10 MB.",
            suffixes=frozenset({".csv", ".xlsx"}),
            formats="CSV or XLSX",
            parse=lambda data, filename, _mapping, _statuses: read_figures_file(
                data, filename=filename
            ),
            preview=lambda parsed, framework, filename, progress: figures_import_preview(
                parsed=parsed, framework=framework, filename=filename, progress=progress
            ),
            apply=_figures_apply,
            done="Imported {filename} into {into}: {create} new, {update} changed, "
            "{unchanged} unchanged.",
            changed="The figures changed",
            preview_note="A changed value loses its approval and must be approved again "
            "before it is public.",
            target=Target(
                "framework",
                "Framework",
                Framework.objects.all,
                required_message="Select the framework the figures belong to",
            ),
            guidance="imports/guidance/performance_figures.html",
        ),
    ]
}


def importers_for(user: Any) -> list[Importer]:
    """The importers the user may use, in the order the start page offers them."""
    return [importer for importer in IMPORTERS.values() if importer.may_use(user)]
