"""Import a recommendations tracker file into a committee, all or nothing.

A spreadsheet's columns are recognised by their headers; where they are not, ``--map`` says
which column holds what, with the field names of the web form's column mapping, and
``--status-map`` what the file's status words mean. The committee's mapping and status words
from its last import are used for what these do not say.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scrutineer.committees.cli import committee_named
from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.files.parsers.mapping import FIELDS
from scrutineer.files.parsers.report import ImportReport, Progress, no_progress
from scrutineer.files.parsers.statuses import STATUSES
from scrutineer.files.readers import is_tabular, read_tracker_file, tracker_columns
from scrutineer.imports.selectors import column_mapping_for, column_statuses_for
from scrutineer.imports.services import tracker_import

_DETAIL_INDENT = 27
_BAR = 30  # characters of the progress bar


def _pairs(values: list[str], option: str) -> dict[str, str]:
    """“Their header=field” pairs; a value without “=” is refused with an example."""
    pairs = {}
    for value in values:
        left, equals, right = value.rpartition("=")
        if not equals or not left.strip() or not right.strip():
            raise CommandError(f'{option} “{value}”: write it as {option} "Their words=field".')
        pairs[left.strip()] = right.strip()
    return pairs


class Command(BaseCommand):
    help = (
        "Import a tracker (TXT in the published format, CSV, XLSX or DOCX) into a committee. "
        "Fields for --map: " + ", ".join(FIELDS) + "."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--committee", required=True, help="Name, short name or slug.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be imported, row by row, and save nothing.",
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADER=FIELD",
            help='Which field a column holds, e.g. --map "Lead Officer/EM=lead_officer"; '
            "repeat for each column; FIELD may be empty to leave the column out.",
        )
        parser.add_argument(
            "--status-map",
            action="append",
            default=[],
            metavar="WORD=STATUS",
            help='What a status word of the file means, e.g. --status-map "Ongoing=open"; '
            "STATUS is open or closed.",
        )

    def handle(self, *args, **options):
        path: Path = options["path"]
        committee = committee_named(options["committee"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: cannot read the file ({exc.strerror}).") from None
        chosen = _pairs(options["map"], "--map")
        unknown = sorted(f for f in chosen.values() if f not in FIELDS)
        if unknown:
            raise CommandError(
                f"--map: “{unknown[0]}” is not a field; the fields are " + ", ".join(FIELDS) + "."
            )
        scale = _pairs(options["status_map"], "--status-map")
        wrong = sorted(s for s in scale.values() if s.lower() not in STATUSES)
        if wrong:
            raise CommandError(f"--status-map: “{wrong[0]}” is not a status; write open or closed.")
        statuses = {**column_statuses_for(committee=committee)}
        statuses |= {word: status.lower() for word, status in scale.items()}
        try:
            mapping = self._mapping(data, path.name, committee, chosen)
            parsed = read_tracker_file(data, filename=path.name, mapping=mapping, statuses=statuses)
            report = tracker_import(
                parsed=parsed,
                committee=committee,
                dry_run=options["dry_run"],
                filename=path.name,
                progress=self._progress_bar(),
            )
        except ImportRefused as refused:
            lines = [f"{path.name}: {problem}" for problem in refused.problems]
            hint = ""
            if any(not status for _, status in refused.status_words):
                hint = '\nSay what a status word means with --status-map "Word=open".'
            if any("no column for" in problem.message for problem in refused.problems):
                hint += '\nSay which column holds what with --map "Their header=field".'
            raise CommandError(
                "Nothing was imported. The file has these problems:\n  " + "\n  ".join(lines) + hint
            ) from None
        self._print(report)
        summary = (
            f"{report.count('create')} created, {report.count('update')} updated, "
            f"{report.count('unchanged')} unchanged, in {committee.name}."
        )
        if options["dry_run"]:
            self.stdout.write(self.style.WARNING(f"Dry run, nothing saved: {summary}"))
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {path.name}: {summary}"))

    def _mapping(self, data, filename, committee, chosen):
        """The columns as the committee last mapped them (a guess for headers it has not), with
        ``--map`` over them; None for a text file, or a spreadsheet nothing is said of."""
        if not is_tabular(filename):
            return None
        headers, _, guessed, _ = tracker_columns(data, filename)
        mapping = column_mapping_for(committee=committee, headers=headers, guessed=guessed)
        known = {" ".join(h.casefold().split()): i for i, h in enumerate(headers)}
        for header, name in chosen.items():
            index = known.get(" ".join(header.casefold().split()))
            if index is None:
                raise CommandError(
                    f"--map: the file has no column “{header}”; its columns are "
                    + ", ".join(f"“{h}”" for h in headers)
                    + "."
                )
            for other, field in list(mapping.items()):
                if field == name and other != index:
                    del mapping[other]  # the field is this column's now
            if name:
                mapping[index] = name
            else:
                mapping.pop(index, None)
        return mapping

    def _progress_bar(self) -> Progress:
        """A bar on a terminal, redrawn as rows are written; nothing when the output is not one."""
        if not self.stderr.isatty():
            return no_progress

        def draw(done: int, total: int) -> None:
            filled = _BAR * done // max(total, 1)
            bar = f"\r[{'#' * filled}{'.' * (_BAR - filled)}] {done:,}/{total:,} rows"
            self.stderr.write(bar, ending="\n" if done >= total else "")
            self.stderr.flush()

        return draw

    def _print(self, report: ImportReport) -> None:
        """The preview as a table: row, No, what happens, then what will be stored."""
        self.stdout.write(f"{'Row':<12} {'No':<6} {'Action':<7} What will be stored")
        for row in report.rows:
            where = f"{row.sheet} {row.line}" if row.sheet else str(row.line)
            details = row.details or [""]
            number = row.reference[0] if row.reference else ""
            self.stdout.write(f"{where:<12} {number:<6} {row.action:<7} {details[0]}")
            for detail in details[1:]:
                self.stdout.write(" " * _DETAIL_INDENT + detail)
        if report.status_words:
            words = ", ".join(f"“{w}” = {s or 'not known'}" for w, s in report.status_words)
            self.stdout.write(f"Status words: {words}")
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"Check: {warning}"))
