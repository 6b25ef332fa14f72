"""Importing a briefing note from its published text: a preview worked out from reads alone,
then the note written as the preview said, or refused if the file or the records changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from scrutineer.briefings.models import (
    BriefingComment,
    BriefingNote,
    BriefingRecommendation,
    OfficerResponse,
)
from scrutineer.committees.models import Committee, Meeting
from scrutineer.committees.services import meeting_find_or_create
from scrutineer.core.history import history_bulk_create, history_user_set
from scrutineer.core.validation import (
    out_of_range,
    raise_if_any,
)
from scrutineer.files.parsers.briefing_text import ParsedBriefingNote
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused
from scrutineer.files.parsers.report import (
    ImportReport,
    ReportSection,
    RowOutcome,
    report_check_expected,
)
from scrutineer.tracker.models import Item


@dataclass(frozen=True)
class BriefingImportResult:
    note: BriefingNote
    action: str  # "create", "update" or "unchanged"
    report: ImportReport


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


def _committee_named(name: str, filename: str) -> Committee:
    found = Committee.objects.filter(name__iexact=name).first()
    if found is None:
        message = f"No committee is called “{name}”: add it before importing its notes."
        raise ImportRefused([ImportProblem(message)], filename)
    return found


@dataclass
class _BriefingPlan:
    committee: Committee
    fields: dict[str, Any]
    note: BriefingNote | None  # None: create it
    action: str
    fields_changed: bool
    body_changed: bool
    report: ImportReport


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _briefing_plan(parsed: ParsedBriefingNote, filename: str) -> _BriefingPlan:
    """What importing the note would do, from reads alone; refuses (ImportRefused) a note
    whose committee is not recorded or whose meeting date is out of range."""
    committee = _committee_named(parsed.committee, filename)
    try:
        raise_if_any(meeting_date=out_of_range(parsed.meeting_date, label="Date of the meeting"))
    except ValidationError as refused:
        raise ImportRefused([ImportProblem(m) for m in refused.messages], filename) from None
    # The meeting meeting_find_or_create will find (the first recorded that day), if any.
    meeting = (
        Meeting.objects.filter(committee=committee, date=parsed.meeting_date).order_by("pk").first()
    )
    item = (
        Item.objects.filter(meeting=meeting, report_title__iexact=parsed.report_title).first()
        if meeting is not None
        else None
    )
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
    note = (
        BriefingNote.objects.filter(meeting=meeting, report_title=parsed.report_title).first()
        if meeting is not None
        else None
    )
    body_changed = note is None or _stored_body(note) != _body(parsed)
    changed = []
    if note is not None:
        changed = [key.replace("_", " ") for key, v in fields.items() if getattr(note, key) != v]
    fields_changed = note is None or bool(changed)
    if note is not None and body_changed:
        changed.append("comments, responses and recommendations")
    action = "create" if note is None else "update" if changed else "unchanged"
    outcome = RowOutcome(1, action, (parsed.title, parsed.addressee))
    if changed:
        outcome.details.append("changed " + ", ".join(changed))
    elif note is None:
        outcome.details.append(
            f"{_count(len(parsed.comments), 'comment')}, "
            f"{_count(len(parsed.recommendations), 'recommendation')}"
        )
    report = ImportReport(
        filename=filename,
        into=committee.name,
        sections=[ReportSection("Briefing note", ("Title", "addressee"), [outcome])],
    )
    return _BriefingPlan(committee, fields, note, action, fields_changed, body_changed, report)


def briefing_import_preview(*, parsed: ParsedBriefingNote, filename: str = "") -> ImportReport:
    """What importing the note would do, from reads alone; refuses (ImportRefused) a note
    whose committee is not recorded or whose meeting date is out of range."""
    return _briefing_plan(parsed, filename).report


@transaction.atomic
def briefing_import(
    *,
    parsed: ParsedBriefingNote,
    by: Any = None,
    filename: str = "",
    expected: ImportReport | None = None,
) -> BriefingImportResult:
    """Create or update the note for (meeting, report); an unchanged file changes nothing.
    With ``expected`` (the preview shown), raises PreviewOutdated and writes nothing if the
    plan is not that preview."""
    plan = _briefing_plan(parsed, filename)
    report_check_expected(plan.report, expected)
    plan.report.dry_run = False
    committee, fields, note, action = plan.committee, plan.fields, plan.note, plan.action
    meeting = meeting_find_or_create(committee=committee, date=parsed.meeting_date, by=by)
    if note is None:
        # A note in a file is one that was published: it arrives issued.
        note = BriefingNote(
            meeting=meeting,
            report_title=parsed.report_title,
            status=BriefingNote.Status.ISSUED,
            issued_to=parsed.addressee,
            **fields,
        )
    elif plan.fields_changed:
        for key, value in fields.items():
            setattr(note, key, value)
    if plan.fields_changed:
        history_user_set(note, by)
        note.save()
    if plan.body_changed:
        note.comments.all().delete()
        note.recommendations.all().delete()
        for position, comment in enumerate(parsed.comments):
            stored = BriefingComment(
                note=note, number=comment.number, text=comment.text, position=position
            )
            history_user_set(stored, by)
            stored.save()
            history_bulk_create(
                (
                    OfficerResponse(comment=stored, letter=r.letter, text=r.text)
                    for r in comment.responses
                ),
                OfficerResponse,
                by=by,
            )
        history_bulk_create(
            (
                BriefingRecommendation(note=note, number=r.number, text=r.text)
                for r in parsed.recommendations
            ),
            BriefingRecommendation,
            by=by,
        )
    return BriefingImportResult(note=note, action=action, report=plan.report)
