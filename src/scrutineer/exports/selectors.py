"""Build the documents the writers print, from the database, in a constant number of queries."""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from scrutineer.briefings.models import BriefingNote
from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import permissions
from scrutineer.core.sanitise import plain_text
from scrutineer.files.documents import (
    AnnualReportDocument,
    BriefingDocument,
    ClosureListDocument,
    ExportComment,
    ExportExecutiveResponse,
    ExportForwardPlanItem,
    ExportItem,
    ExportProposedClosure,
    ExportRecommendation,
    ExportResponse,
    HouseStyle,
    PerformanceReportDocument,
    ReportBreakdown,
    ReportIndicator,
    ReportMilestone,
    ReportTrend,
    ReportTrendPoint,
    TrackerDocument,
)
from scrutineer.files.labels import item_marking
from scrutineer.performance.models import Framework
from scrutineer.performance.selectors.dashboard import Breakdown, IndicatorRow, framework_dashboard
from scrutineer.performance.selectors.indicator_page import ChartRow, indicator_trends
from scrutineer.performance.selectors.milestones import MilestoneRow, milestone_list
from scrutineer.programme.selectors import forward_plan_list
from scrutineer.tracker import selectors as tracker
from scrutineer.tracker.as_at import tracker_as_at
from scrutineer.tracker.selectors.annual import scrutiny_year_report
from scrutineer.tracker.selectors.closures import closures_proposed
from scrutineer.tracker.selectors.visibility import tracker_audience


def house_style() -> HouseStyle:
    """The council's name, font, logo and contact footer, from settings."""
    logo_path = settings.SCRUTINEER_DOCUMENT_LOGO
    return HouseStyle(
        council_name=settings.SCRUTINEER_COUNCIL_NAME,
        font_family=settings.SCRUTINEER_DOCUMENT_FONT,
        logo_png=Path(logo_path).read_bytes() if logo_path else None,
        contact_footer=settings.SCRUTINEER_DOCUMENT_FOOTER,
        licence=settings.SCRUTINEER_DATA_LICENCE,
    )


def committee_short_name(committee: Committee) -> str:
    """ "Corporate Overview and Scrutiny Committee" → "Corporate O&S", as the seed prints it."""
    name = re.sub(r"\bOverview (and|&) Scrutiny\b", "O&S", committee.name)
    return re.sub(r"\s+Committee$", "", name)


def _forward_plan(committee: Committee) -> tuple[ExportForwardPlanItem, ...]:
    return tuple(
        ExportForwardPlanItem(
            number=row.position,
            title=row.forward_plan_item.title,
            decision_date=row.forward_plan_item.decision_date,
            scrutiny=row.choice,
            note=row.note,
        )
        for row in forward_plan_list(committee)
    )


def tracker_document(
    *,
    committee: Committee,
    user: Any,
    status: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    as_at: datetime.date | None = None,
    today: datetime.date,
) -> TrackerDocument:
    """The committee's tracker as the user may see it, now or as it stood at the end of a day."""
    if as_at is not None:
        items = _items_as_at(committee=committee, user=user, day=as_at)
    else:
        filters = tracker.TrackerFilters(status=status, date_from=date_from, date_to=date_to)
        queryset = tracker.tracker_items(
            user=user, committee=committee, filters=filters, today=today
        )
        items = tuple(
            _export_item(row) for row in tracker.tracker_rows(list(queryset), today=today)
        )
    if as_at is not None and status in {"open", "closed"}:
        items = tuple(i for i in items if i.status == status)
    if as_at is not None:
        items = tuple(
            i
            for i in items
            if (date_from is None or i.meeting_date >= date_from)
            and (date_to is None or i.meeting_date <= date_to)
        )
    return TrackerDocument(
        council=settings.SCRUTINEER_COUNCIL_NAME,
        committee=committee.name,
        committee_short=committee_short_name(committee),
        as_at=as_at or today,
        items=items,
        forward_plan=_forward_plan(committee),
        style=house_style(),
    )


def tracker_document_size(
    *,
    committee: Committee,
    user: Any,
    status: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    as_at: datetime.date | None = None,
    today: datetime.date,
) -> int:
    """How many items the document would hold (for an as-at view, at most how many), in one
    query: whether it is made at once or by a worker."""
    if as_at is not None:
        return tracker.item_visible_list(user).filter(meeting__committee=committee).count()
    filters = tracker.TrackerFilters(status=status, date_from=date_from, date_to=date_to)
    return tracker.tracker_items(
        user=user, committee=committee, filters=filters, today=today
    ).count()


def _item_status(is_open: bool, recommendations: Sequence[Any]) -> str:
    """Open, closed, or "none": an item that made no recommendation is not "Closed"."""
    if not recommendations:
        return "none"
    return "open" if is_open else "closed"


def _export_item(row: tracker.TrackerRow) -> ExportItem:
    return ExportItem(
        number=row.item.number,
        meeting_date=row.item.meeting.date,
        title=row.item.report_title,
        summary_html=row.item.summary_html,
        status=_item_status(row.is_open, row.recommendations),
        assigned_to=tuple(p.name for p in row.assignees),
        progress_html=row.latest_progress.text_html if row.latest_progress else "",
        recommendations=tuple(
            ExportRecommendation(
                number=r.number,
                text=r.text,
                status=r.status,
                assigned_to=tuple(p.name for p in row.assignees_of.get(r.pk, [])),
                preamble=r.preamble,
                reference=r.reference,
                kind=r.kind,
                due_date=r.due_date,
                status_wording=r.status_wording,
                addressee=r.addressee,
                area=r.area,
                cabinet_member=r.cabinet_member,
                response=_export_response(r),
            )
            for r in row.recommendations
        ),
        lead_officer=row.item.lead_officer.name if row.item.lead_officer else "",
        marking=item_marking(exempt=row.item.is_exempt, draft=row.item.is_draft),
    )


def _export_response(recommendation: Any) -> ExportExecutiveResponse | None:
    """The executive's response, when the recommendation went to the executive."""
    try:
        response = recommendation.executive_response
    except ObjectDoesNotExist:
        return None
    return ExportExecutiveResponse(
        decision=response.decision,
        sent_on=response.sent_on,
        responded_on=response.responded_on,
        text=response.text,
        reasons=response.reasons,
    )


def _items_as_at(*, committee: Committee, user: Any, day: datetime.date) -> tuple[ExportItem, ...]:
    when = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
    return tuple(
        ExportItem(
            number=row.number,
            meeting_date=row.meeting_date,
            title=row.report_title,
            summary_html=row.summary_html,
            status=_item_status(row.is_open, row.recommendations),
            assigned_to=tuple(row.assignees),
            progress_html=row.progress_html,
            recommendations=tuple(
                ExportRecommendation(
                    number=r.number,
                    text=r.text,
                    status=r.status.lower(),
                    assigned_to=tuple(r.assignees),
                    preamble=r.preamble,
                )
                for r in row.recommendations
            ),
            marking=item_marking(exempt=row.is_exempt, draft=False),
        )
        for row in tracker_as_at(committee=committee, when=when, user=user)
    )


def briefing_document(note: BriefingNote) -> BriefingDocument:
    """A briefing note in the structure of the seed: 1.1, 1.1.1, a., 1.2 and the contact."""
    comments = note.comments.prefetch_related("responses")
    return BriefingDocument(
        council=settings.SCRUTINEER_COUNCIL_NAME,
        addressee=note.addressee,
        title=note.title,
        purpose=note.purpose,
        meeting_date=note.meeting.date,
        committee=note.committee.name,
        introduction=note.introduction,
        comments=tuple(
            ExportComment(
                number=c.number,
                text=c.text,
                responses=tuple(ExportResponse(r.letter, r.text) for r in c.responses.all()),
            )
            for c in comments
        ),
        recommendations=tuple((r.number, r.text) for r in note.recommendations.all()),
        contact_name=note.contact_name,
        contact_role=note.contact_role,
        contact_email=note.contact_email,
        contact_phone=note.contact_phone,
        style=house_style(),
    )


def performance_report_document(
    *,
    user: Any,
    framework: Framework,
    year: int,
    quarter: int,
    directorate: str = "",
    theme: str = "",
    today: datetime.date,
) -> PerformanceReportDocument:
    """The quarter's dashboard as a document, with the figures the user may see (approved
    ones only for the public), the milestones and the trend of each red indicator."""
    board = framework_dashboard(
        user=user,
        framework=framework,
        year=year,
        quarter=quarter,
        directorate=directorate,
        theme=theme,
    )
    red = [row.indicator for row in board.red]
    trends = indicator_trends(user=user, indicators=red, year=year, quarter=quarter)
    milestones = [
        row
        for row in milestone_list(framework=framework, today=today)
        if (not directorate or row.milestone.directorate == directorate)
        and (not theme or row.milestone.theme == theme)
    ]
    unapproved = permissions.can_view_unapproved_figures(user)
    scope = "; ".join(
        f"{label}: {value}"
        for label, value in (("Directorate", directorate), ("Theme", theme))
        if value
    )
    return PerformanceReportDocument(
        council=settings.SCRUTINEER_COUNCIL_NAME,
        framework=framework.name,
        period=board.period,
        as_at=today,
        overall=_breakdown(board.overall),
        by_theme=tuple(_breakdown(group) for group in board.by_theme),
        by_directorate=tuple(_breakdown(group) for group in board.by_directorate),
        indicators=tuple(_report_indicator(row) for row in board.rows),
        milestones=tuple(_report_milestone(row) for row in milestones),
        trends=tuple(_trend(indicator, trends.get(indicator.pk, [])) for indicator in red),
        scope=scope,
        includes_unapproved=unapproved,
        is_demo=framework.is_demo,
        # Unapproved figures are not published data, so the file claims no open licence.
        style=dataclasses.replace(house_style(), licence="") if unapproved else house_style(),
    )


def _breakdown(group: Breakdown) -> ReportBreakdown:
    return ReportBreakdown(name=group.name, counts=tuple(group.cells), total=group.total)


def _report_indicator(row: IndicatorRow) -> ReportIndicator:
    indicator, result, measurement = row.indicator, row.result, row.measurement
    return ReportIndicator(
        code=indicator.code,
        name=indicator.name,
        directorate=indicator.directorate,
        theme=indicator.theme,
        unit=indicator.unit,
        value=result.value,
        target=result.target,
        rag=str(result.rag),
        short_term=str(result.short_term),
        long_term=str(result.long_term),
        commentary=measurement.commentary if measurement else "",
        route_to_green=measurement.route_to_green if measurement else "",
        unapproved=measurement is not None and not measurement.approved,
        provisional=measurement is not None and measurement.provisional,
    )


def _trend(indicator: Any, rows: list[ChartRow]) -> ReportTrend:
    # Quarters before the indicator's first figure would only be empty space on the chart.
    while rows and rows[0].result.value is None:
        rows = rows[1:]
    return ReportTrend(
        code=indicator.code,
        name=indicator.name,
        unit=indicator.unit,
        unit_name=indicator.get_unit_display(),
        points=tuple(
            ReportTrendPoint(
                label=row.label,
                value=row.result.value,
                target=row.result.target,
                band_low=row.band[0],
                band_high=row.band[1],
                previous_year=row.result.last_year_value,
                rag=str(row.result.rag),
            )
            for row in rows
        ),
    )


def _report_milestone(row: MilestoneRow) -> ReportMilestone:
    milestone = row.milestone
    return ReportMilestone(
        name=milestone.name,
        directorate=milestone.directorate,
        planned_date=milestone.planned_date,
        forecast_date=milestone.forecast_date,
        actual_date=milestone.actual_date,
        status=milestone.get_status_display(),
        slippage=row.slippage,
        rag=str(row.rag),
        commentary=milestone.commentary,
    )


def closure_list_document(meeting: Meeting, *, user: Any) -> ClosureListDocument:
    """The closures proposed for the meeting that the user may see, for the agenda pack:
    the officers' reasons, never the members' comments (those are not published)."""
    rows = closures_proposed(meeting, user=user)
    closures = []
    for row in rows:
        rec = row.recommendation
        latest = row.latest_update if row.latest_update is not row.proposal else None
        closures.append(
            ExportProposedClosure(
                reference=rec.reference,
                item=f"{rec.item.number}. {rec.item.report_title}",
                text=f"{rec.preamble} {rec.text}".strip(),
                proposed_by=str(rec.closure_proposed_by or ""),
                proposed_on=timezone.localdate(rec.closure_proposed_at)
                if rec.closure_proposed_at
                else None,
                reason=row.reason,
                latest_update=plain_text(latest.text_html) if latest else "",
                latest_update_on=latest.date if latest else None,
                is_exempt=rec.item.is_exempt,
            )
        )
    return ClosureListDocument(
        style=house_style(),
        committee=meeting.committee.name,
        meeting_date=meeting.date,
        closures=tuple(closures),
    )


def annual_report_document(
    *, user: Any, year: int, committee: Committee | None, today: datetime.date
) -> AnnualReportDocument:
    """The annual scrutiny report as the user may see it: the public's counts only what is
    published; the council's counts the exempt and draft business it may see, and then it is
    not published data, so the file claims no open licence."""
    report = scrutiny_year_report(user=user, year=year, committee=committee, today=today)
    council = tracker_audience(user) != "public"
    return AnnualReportDocument(
        council=settings.SCRUTINEER_COUNCIL_NAME,
        report=report.as_dict(),
        includes_exempt=council,
        style=dataclasses.replace(house_style(), licence="") if council else house_style(),
    )
