"""Writes to briefing notes, including applying a parsed note file (idempotently)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from scrutineer.briefings.models import (
    BriefingComment,
    BriefingNote,
    BriefingRecommendation,
    OfficerResponse,
)
from scrutineer.committees.models import Committee, Meeting
from scrutineer.imports.parsers.briefing_text import ParsedBriefingNote
from scrutineer.tracker.models import Item


@dataclass(frozen=True)
class BriefingImportResult:
    note: BriefingNote
    action: str  # "create", "update" or "unchanged"


def _body(parsed: ParsedBriefingNote) -> tuple[Any, ...]:
    return (
        tuple(
            (c.number, c.text, tuple((r.letter, r.text) for r in c.responses))
            for c in parsed.comments
        ),
        tuple((r.number, r.text) for r in parsed.recommendations),
    )


def _stored_body(note: BriefingNote) -> tuple[Any, ...]:
    return (
        tuple(
            (c.number, c.text, tuple((r.letter, r.text) for r in c.responses.all()))
            for c in note.comments.prefetch_related("responses")
        ),
        tuple((r.number, r.text) for r in note.recommendations.all()),
    )


def _committee_named(name: str) -> Committee:
    found = Committee.objects.filter(name__iexact=name).first()
    if found is None:
        raise LookupError(f"No committee is called “{name}”: add it before importing its notes.")
    return found


@transaction.atomic
def briefing_import(*, parsed: ParsedBriefingNote, by: Any = None) -> BriefingImportResult:
    """Create or update the note for (meeting, report); an unchanged file changes nothing."""
    committee = _committee_named(parsed.committee)
    meeting, _ = Meeting.objects.get_or_create(committee=committee, date=parsed.meeting_date)
    item = Item.objects.filter(meeting=meeting, report_title__iexact=parsed.report_title).first()
    fields = {
        "committee": committee,
        "item": item,
        "addressee": parsed.addressee,
        "title": parsed.title,
        "purpose": parsed.purpose,
        "introduction": parsed.introduction,
        "contact_name": parsed.contact_name,
        "contact_role": parsed.contact_role,
        "contact_email": parsed.contact_email,
        "contact_phone": parsed.contact_phone,
    }
    note = BriefingNote.objects.filter(meeting=meeting, report_title=parsed.report_title).first()
    action = "unchanged"
    if note is None:
        note = BriefingNote(meeting=meeting, report_title=parsed.report_title, **fields)
        action = "create"
    elif any(getattr(note, k) != v for k, v in fields.items()):
        for key, value in fields.items():
            setattr(note, key, value)
        action = "update"
    if action != "unchanged":
        if by is not None and getattr(by, "is_authenticated", False):
            note._history_user = by  # type: ignore[attr-defined]
        note.save()
    if action == "create" or _stored_body(note) != _body(parsed):
        note.comments.all().delete()
        note.recommendations.all().delete()
        for position, comment in enumerate(parsed.comments):
            stored = BriefingComment.objects.create(
                note=note, number=comment.number, text=comment.text, position=position
            )
            OfficerResponse.objects.bulk_create(
                OfficerResponse(comment=stored, letter=r.letter, text=r.text)
                for r in comment.responses
            )
        BriefingRecommendation.objects.bulk_create(
            BriefingRecommendation(note=note, number=r.number, text=r.text)
            for r in parsed.recommendations
        )
        action = "create" if action == "create" else "update"
    return BriefingImportResult(note=note, action=action)
