"""Build the documents the writers print, from the database, in a constant number of queries."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from scrutineer.briefings.models import BriefingNote
from scrutineer.committees.models import Committee
from scrutineer.exports.documents import (
    BriefingDocument,
    ExportComment,
    ExportForwardPlanItem,
    ExportItem,
    ExportRecommendation,
    ExportResponse,
    HouseStyle,
    TrackerDocument,
)
from scrutineer.programme.selectors import forward_plan_for
from scrutineer.tracker import selectors as tracker
from scrutineer.tracker.as_at import tracker_as_at


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
        for row in forward_plan_for(committee)
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


def _export_item(row: tracker.TrackerRow) -> ExportItem:
    return ExportItem(
        number=row.item.number,
        meeting_date=row.item.meeting.date,
        title=row.item.report_title,
        summary_html=row.item.summary_html,
        status="open" if row.is_open else "closed",
        assigned_to=tuple(p.name for p in row.assignees),
        progress_html=row.latest_progress.text_html if row.latest_progress else "",
        recommendations=tuple(
            ExportRecommendation(
                number=r.number,
                text=r.text,
                status=r.status,
                assigned_to=tuple(p.name for p in row.assignees_of.get(r.pk, [])),
                preamble=r.preamble,
            )
            for r in row.recommendations
        ),
    )


def _items_as_at(*, committee: Committee, user: Any, day: datetime.date) -> tuple[ExportItem, ...]:
    when = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
    return tuple(
        ExportItem(
            number=row.number,
            meeting_date=row.meeting_date,
            title=row.report_title,
            summary_html=row.summary_html,
            status="open" if row.is_open else "closed",
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
