"""What a parser reports when input is bad: where (file, sheet, row, column) and what."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ImportProblem:
    """One problem in an imported file. ``row`` is the file's own line or row number;
    ``sheet`` names the workbook's sheet it is on, for a spreadsheet, or the table ("table 2")
    of a Word document with several."""

    message: str
    row: int | None = None
    column: str | None = None
    sheet: str | None = None

    def __str__(self) -> str:
        where = []
        if self.sheet and re.fullmatch(r"table [0-9]+", self.sheet):
            where.append(self.sheet)  # a Word document's table: "table 2"
        elif self.sheet:
            where.append(f"sheet “{self.sheet}”")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column “{self.column}”")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ImportRefused(Exception):
    """The file cannot be imported at all; carries every problem found."""

    def __init__(
        self,
        problems: list[ImportProblem],
        filename: str = "",
        *,
        status_words: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.problems = problems
        self.filename = filename
        # A tracker's status words as written and what each means ("" for one no scale
        # knows), so that the person can say what the unknown ones mean.
        self.status_words = status_words
        super().__init__("; ".join(str(p) for p in problems))


def refused(message: str, filename: str = "") -> ImportRefused:
    """A refusal of the whole file for one reason, at no particular row."""
    return ImportRefused([ImportProblem(message)], filename)
