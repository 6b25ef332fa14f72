"""What the writers print: plain dataclasses, built by selectors, turned into bytes by writers.

Writers never touch the database, so they are fast to test and safe to fuzz.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

# The published tracker's columns, in order. The CSV and XLSX writers use these headers and
# the importer recognises them, so an exported tracker imports back unchanged.
TRACKER_COLUMNS = (
    "No",
    "Meeting Date",
    "Report Title",
    "Summary of O&S discussion",
    "O&S recommendations",
    "Open / Closed",
    "Assigned to",
    "Progress of O&S recommendations",
)
FORWARD_PLAN_COLUMNS = ("No.", "Report Title", "Cabinet Date", "Information for {committee}")


@dataclass(frozen=True)
class HouseStyle:
    """The council's look for printed documents."""

    council_name: str
    font_family: str = "Arial"
    logo_png: bytes | None = None
    contact_footer: str = ""
    licence: str = ""  # written into the files' own properties, e.g. the OGL


@dataclass(frozen=True)
class ExportRecommendation:
    number: str
    text: str
    status: str  # "open" or "closed"
    assigned_to: tuple[str, ...]
    preamble: str = ""


@dataclass(frozen=True)
class ExportItem:
    number: int
    meeting_date: datetime.date
    title: str
    summary_html: str  # sanitised HTML: <p>, <ol>, <ul>, <li>, <strong>, <em>, <br>
    status: str  # "open" when any recommendation is open, else "closed"
    assigned_to: tuple[str, ...]
    progress_html: str  # sanitised HTML, the latest progress update
    recommendations: tuple[ExportRecommendation, ...]


@dataclass(frozen=True)
class ExportForwardPlanItem:
    number: int
    title: str
    decision_date: datetime.date  # the first of the month when only a month is known
    scrutiny: str  # "scheduled", "not_on_work_programme" or "other_committee"
    note: str  # the text of the "Information for …" column, as printed


@dataclass(frozen=True)
class TrackerDocument:
    council: str
    committee: str  # "Corporate Overview and Scrutiny Committee"
    committee_short: str  # "Corporate O&S": used in headings, as the seed does
    as_at: datetime.date
    items: tuple[ExportItem, ...]
    forward_plan: tuple[ExportForwardPlanItem, ...] = ()
    style: HouseStyle = field(default_factory=lambda: HouseStyle(council_name=""))

    @property
    def title(self) -> str:
        return f"{self.committee_short} Recommendations Tracker"

    @property
    def forward_plan_title(self) -> str:
        return f"Cabinet Forward Plan \N{EN DASH} Items for {self.committee_short}"


@dataclass(frozen=True)
class ExportResponse:
    letter: str
    text: str


@dataclass(frozen=True)
class ExportComment:
    number: str  # "1.1.1"
    text: str
    responses: tuple[ExportResponse, ...]


@dataclass(frozen=True)
class BriefingDocument:
    council: str
    addressee: str  # "Cabinet"
    title: str  # the full title after "Briefing Note:"
    purpose: str
    meeting_date: datetime.date
    committee: str
    introduction: str  # section 1.1's text
    comments: tuple[ExportComment, ...]
    recommendations: tuple[tuple[str, str], ...]  # (number, text)
    contact_name: str
    contact_role: str
    contact_email: str
    contact_phone: str
    style: HouseStyle = field(default_factory=lambda: HouseStyle(council_name=""))
