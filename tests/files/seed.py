"""The two seed documents (tests/fixtures) read by the importers' parsers and handed to the
writers as the export selectors would: one builder for every writer's tests."""

import datetime
import functools
from pathlib import Path

from scrutineer.files.documents import (
    BriefingDocument,
    ExportComment,
    ExportForwardPlanItem,
    ExportItem,
    ExportRecommendation,
    ExportResponse,
    HouseStyle,
    TrackerDocument,
)
from scrutineer.files.parsers.briefing_text import parse_briefing_text
from scrutineer.files.parsers.tracker_text import parse_tracker_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
COUNCIL = "Thurrock Council"
STYLE = HouseStyle(council_name=COUNCIL)
AS_AT = datetime.date(2026, 11, 24)


@functools.cache
def seed_tracker(*, as_at: datetime.date = AS_AT, style: HouseStyle = STYLE) -> TrackerDocument:
    """The published tracker, through the importer's parser, as the writers receive it."""
    parsed = parse_tracker_text((FIXTURES / "corporate_os_tracker.txt").read_text("utf-8"))
    items = tuple(
        ExportItem(
            number=int(row.number),
            meeting_date=row.meeting_date,
            title=row.report_title,
            summary_html=row.summary_html,
            status=row.status,
            assigned_to=row.assignees,
            progress_html=row.progress_html,
            recommendations=tuple(
                ExportRecommendation(r.number, r.text, row.status, row.assignees, r.preamble)
                for r in row.recommendations
            ),
        )
        for row in parsed.rows
    )
    plan = tuple(
        ExportForwardPlanItem(
            int(entry.number), entry.title, entry.cabinet_date, entry.disposition, entry.information
        )
        for entry in parsed.forward_plan
    )
    return TrackerDocument(
        council=COUNCIL,
        committee="Corporate Overview and Scrutiny Committee",
        committee_short="Corporate O&S",
        as_at=as_at,
        items=items,
        forward_plan=plan,
        style=style,
    )


@functools.cache
def seed_briefing() -> BriefingDocument:
    """The published briefing note to Cabinet, through the importer's parser."""
    parsed = parse_briefing_text((FIXTURES / "briefing_note_cabinet.txt").read_text("utf-8"))
    return BriefingDocument(
        council=COUNCIL,
        addressee=parsed.addressee,
        title=parsed.title,
        purpose=parsed.purpose,
        meeting_date=parsed.meeting_date,
        committee=parsed.committee,
        introduction=parsed.introduction,
        comments=tuple(
            ExportComment(
                c.number, c.text, tuple(ExportResponse(r.letter, r.text) for r in c.responses)
            )
            for c in parsed.comments
        ),
        recommendations=tuple((r.number, r.text) for r in parsed.recommendations),
        contact_name=parsed.contact_name,
        contact_role=parsed.contact_role,
        contact_email=parsed.contact_email,
        contact_phone=parsed.contact_phone,
        style=STYLE,
    )
