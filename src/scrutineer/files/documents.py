"""What the writers print: plain dataclasses, built by selectors, turned into bytes by writers.

Writers never touch the database, so they are fast to test and safe to fuzz.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class HouseStyle:
    """The council's look for printed documents."""

    council_name: str
    font_family: str = "Arial"
    logo_png: bytes | None = None
    contact_footer: str = ""
    licence: str = ""  # written into the files' own properties, e.g. the OGL


@dataclass(frozen=True)
class ExportExecutiveResponse:
    """The executive's response to a recommendation, as recorded."""

    decision: str  # ExecutiveResponse.Decision's values: "pending", "accepted", …
    sent_on: datetime.date
    responded_on: datetime.date | None = None
    text: str = ""  # in the executive's words, as imported
    reasons: str = ""


@dataclass(frozen=True)
class ExportRecommendation:
    number: str
    text: str
    status: str  # "open" or "closed"
    assigned_to: tuple[str, ...]
    preamble: str = ""
    # What the spreadsheets and JSON carry besides the published columns, so that importing
    # an export restores them.
    reference: str = ""
    kind: str = ""
    due_date: datetime.date | None = None
    status_wording: str = ""
    addressee: str = ""
    area: str = ""
    cabinet_member: str = ""
    response: ExportExecutiveResponse | None = None


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
    lead_officer: str = ""
    # "Exempt: not for publication", "Draft: not yet published" (labels.item_marking): the
    # council's own copy says so beside each item the public may not see.
    marking: str = ""


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


@dataclass(frozen=True)
class ReportBreakdown:
    """How many indicators of a group are red, amber, green and not rated."""

    name: str
    counts: tuple[tuple[str, int, int], ...]  # (RAG, count, percentage) in RAG_ORDER
    total: int


@dataclass(frozen=True)
class ReportIndicator:
    code: str
    name: str
    directorate: str
    theme: str
    unit: str  # the stored unit: "%", "£", "days", "minutes" or "count"
    value: float | None
    target: float | None
    rag: str  # one of RAG_ORDER
    short_term: str  # vs the previous quarter: a key of DIRECTION_LABELS
    long_term: str  # vs the same quarter last year
    commentary: str = ""
    route_to_green: str = ""
    unapproved: bool = False
    provisional: bool = False

    @property
    def is_worsening(self) -> bool:
        return "worsening" in (self.short_term, self.long_term)


@dataclass(frozen=True)
class ReportTrendPoint:
    label: str  # "2024/25 Q3"
    value: float | None
    target: float | None
    band_low: float | None  # the amber zone, between the target and its tolerance
    band_high: float | None
    previous_year: float | None
    rag: str


@dataclass(frozen=True)
class ReportTrend:
    """The figures behind one indicator's trend chart, oldest quarter first."""

    code: str
    name: str
    unit: str
    unit_name: str  # "Percentage": the chart's axis title
    points: tuple[ReportTrendPoint, ...]


@dataclass(frozen=True)
class ReportMilestone:
    name: str
    directorate: str
    planned_date: datetime.date
    forecast_date: datetime.date | None
    actual_date: datetime.date | None
    status: str  # as displayed: "In progress"
    slippage: int  # days late; negative when early
    rag: str
    commentary: str = ""


@dataclass(frozen=True)
class PerformanceReportDocument:
    council: str
    framework: str  # "Corporate Plan PMAF 2024/25"
    period: str  # "2024/25 Q3"
    as_at: datetime.date  # the day milestone slippage is measured to
    overall: ReportBreakdown
    by_theme: tuple[ReportBreakdown, ...]
    by_directorate: tuple[ReportBreakdown, ...]
    indicators: tuple[ReportIndicator, ...]
    milestones: tuple[ReportMilestone, ...] = ()
    trends: tuple[ReportTrend, ...] = ()  # one per red indicator
    scope: str = ""  # the filters, "Directorate: Resources", or "" for the whole framework
    includes_unapproved: bool = False
    is_demo: bool = False
    style: HouseStyle = field(default_factory=lambda: HouseStyle(council_name=""))

    @property
    def title(self) -> str:
        return f"Quarterly performance report, {self.period}"

    @property
    def red(self) -> tuple[ReportIndicator, ...]:
        return tuple(i for i in self.indicators if i.rag == "red")

    @property
    def worsening(self) -> tuple[ReportIndicator, ...]:
        return tuple(i for i in self.indicators if i.is_worsening)


@dataclass(frozen=True)
class ExportProposedClosure:
    """A recommendation proposed for closure, as the committee's agenda pack prints it."""

    reference: str
    item: str  # "3. Library opening hours"
    text: str
    proposed_by: str
    proposed_on: datetime.date | None
    reason: str  # the officer's, plain text
    latest_update: str = ""  # plain text, when a later update than the proposal was posted
    latest_update_on: datetime.date | None = None
    is_exempt: bool = False


@dataclass(frozen=True)
class ClosureListDocument:
    """The closures proposed for a committee's meeting: an agenda-pack paper."""

    style: HouseStyle
    committee: str
    meeting_date: datetime.date
    closures: tuple[ExportProposedClosure, ...]
    council: str = ""

    @property
    def title(self) -> str:
        return "Recommendations proposed for closure"


@dataclass(frozen=True)
class AnnualReportDocument:
    """The annual scrutiny report of a municipal year: its figures as plain data (the open
    data's own shape, ``AnnualReport.as_dict``), for the council's house style."""

    council: str
    report: dict[str, Any]
    # Counted as the council sees them (exempt business included): not for publication.
    includes_exempt: bool = False
    style: HouseStyle = field(default_factory=lambda: HouseStyle(council_name=""))

    @property
    def title(self) -> str:
        return f"Annual scrutiny report {self.report['municipal_year']}"
