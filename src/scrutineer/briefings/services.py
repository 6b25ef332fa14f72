"""Writes to briefing notes, including applying a parsed note file (idempotently)."""

from __future__ import annotations

import datetime
import uuid
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
from scrutineer.core import clock
from scrutineer.core.history import history_bulk_create, history_user_set
from scrutineer.core.validation import (
    TEXT_MAX,
    before,
    first_of,
    in_future,
    out_of_range,
    raise_if_any,
    too_long,
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


class BriefingLocked(Exception):
    """An issued briefing note is part of the record and cannot be changed."""


class BriefingAlreadyIssued(BriefingLocked):
    """The note was already issued as asked: a second submit of the same form."""


class BriefingAlreadyAdded(BriefingLocked):
    """The comment or response was already added: a second submit of the same form."""


def _raise_if_submitted(model: Any, key: uuid.UUID | None, *, what: str, **parent: Any) -> None:
    """BriefingAlreadyAdded if this form's key was saved already (on the same parent); the
    caller holds the note's lock, so a submit running alongside has committed or waits."""
    if key is None:
        return
    first = model.objects.filter(submission_key=key).first()
    if first is None:
        return
    if any(getattr(first, f"{name}_id") != value.pk for name, value in parent.items()):
        raise ValidationError(f"This form was already used for another {what}: open it again.")
    raise BriefingAlreadyAdded(f"This {what} was already added.")


def _locked_draft(note: BriefingNote) -> BriefingNote:
    """The note as it is now, locked until the transaction ends, and still a draft: a write
    never saves the copy loaded when the request began (which would un-issue a note issued
    meanwhile), and numbered comments are counted one writer at a time."""
    fresh = BriefingNote.objects.select_for_update(no_key=True).get(pk=note.pk)
    _require_draft(fresh)
    return fresh


def _require_draft(note: BriefingNote) -> None:
    if not note.is_draft:
        raise BriefingLocked(
            f"This briefing note was issued on {note.issued_on:%-d %B %Y} and cannot be changed."
            if note.issued_on
            else "This briefing note has been issued and cannot be changed."
        )


@transaction.atomic
def briefing_create_from_item(
    *, item: Item, addressee: str = "Cabinet", contact: Any = None, by: Any = None
) -> BriefingNote:
    """A draft note for a report: purpose, introduction and the item's recommendations filled in."""
    committee = item.meeting.committee
    if BriefingNote.objects.filter(meeting=item.meeting, report_title=item.report_title).exists():
        raise BriefingLocked("There is already a briefing note for this report at this meeting.")
    note = BriefingNote(
        committee=committee,
        meeting=item.meeting,
        item=item,
        addressee=addressee,
        report_title=item.report_title,
        title=f"{item.report_title} \N{EN DASH} {committee.name} Comments and Recommendations",
        purpose=(
            f"To inform {addressee} of the discussions and recommendations agreed by the "
            f"{committee.name} in relation to the {item.report_title}."
        ),
        introduction=(
            f"This report was considered by the {committee.name} at their meeting on "
            f"{item.meeting.date:%-d %B %Y}. The following comments and questions were raised:"
        ),
        contact_name=getattr(contact, "name", ""),
        contact_role=getattr(contact, "job_title", ""),
        contact_email=getattr(contact, "email", ""),
    )
    history_user_set(note, by)
    note.save()
    history_bulk_create(
        (
            BriefingRecommendation(note=note, number=str(n), text=rec.text)
            for n, rec in enumerate(item.recommendations.order_by("pk"), start=1)
        ),
        BriefingRecommendation,
        by=by,
    )
    return note


@transaction.atomic
def briefing_update(*, note: BriefingNote, by: Any = None, **changes: Any) -> BriefingNote:
    fresh = _locked_draft(note)
    raise_if_any(
        purpose=too_long(changes.get("purpose"), label="Purpose", limit=TEXT_MAX),
        introduction=too_long(changes.get("introduction"), label="Introduction", limit=TEXT_MAX),
    )
    for key, value in changes.items():
        setattr(fresh, key, value.strip() if isinstance(value, str) else value)
    history_user_set(fresh, by)
    fresh.save()
    note.refresh_from_db()
    return note


@transaction.atomic
def briefing_comment_add(
    *, note: BriefingNote, text: str, submission_key: uuid.UUID | None = None, by: Any = None
) -> BriefingComment:
    """The next numbered comment: 1.1.1, 1.1.2 … The same form's key again (a double click,
    a resent page) is BriefingAlreadyAdded, and nothing is added."""
    _locked_draft(note)
    _raise_if_submitted(BriefingComment, submission_key, what="comment", note=note)
    raise_if_any(text=too_long(text, label="Comment", limit=TEXT_MAX))
    position = note.comments.count()
    comment = BriefingComment(
        note=note,
        number=f"1.1.{position + 1}",
        text=text.strip(),
        position=position,
        submission_key=submission_key,
    )
    history_user_set(comment, by)
    comment.save()
    return comment


@transaction.atomic
def briefing_response_add(
    *,
    comment: BriefingComment,
    text: str,
    submission_key: uuid.UUID | None = None,
    by: Any = None,
) -> OfficerResponse:
    """The next lettered officer response to a comment: a, b … The same form's key again is
    BriefingAlreadyAdded, and nothing is added."""
    _locked_draft(comment.note)
    _raise_if_submitted(OfficerResponse, submission_key, what="response", comment=comment)
    raise_if_any(text=too_long(text, label="Response", limit=TEXT_MAX))
    count = comment.responses.count()
    letter = "abcdefghijklmnopqrstuvwxyz"[count] if count < 26 else str(count + 1)
    response = OfficerResponse(
        comment=comment, letter=letter, text=text.strip(), submission_key=submission_key
    )
    history_user_set(response, by)
    response.save()
    return response


@transaction.atomic
def briefing_recommendation_add(
    *, note: BriefingNote, text: str, by: Any = None
) -> BriefingRecommendation:
    _locked_draft(note)
    raise_if_any(text=too_long(text, label="Recommendation", limit=TEXT_MAX))
    rec = BriefingRecommendation(
        note=note, number=str(note.recommendations.count() + 1), text=text.strip()
    )
    history_user_set(rec, by)
    rec.save()
    return rec


@transaction.atomic
def briefing_issue(
    *, note: BriefingNote, issued_on: datetime.date, issued_to: str, by: Any = None
) -> BriefingNote:
    """Issue the note: from now on it is read-only, and the public can read it. It is
    issued after the meeting whose comments it carries, and not later than today. Issuing it
    again as it was issued is BriefingAlreadyIssued."""
    fresh = BriefingNote.objects.select_for_update(no_key=True).get(pk=note.pk)
    to = issued_to.strip() or fresh.addressee
    if not fresh.is_draft and (fresh.issued_on, fresh.issued_to) == (issued_on, to):
        raise BriefingAlreadyIssued(f"This briefing note was already issued to {to}.")
    _require_draft(fresh)
    raise_if_any(
        issued_on=first_of(
            before(
                issued_on,
                label="Date issued",
                earliest=fresh.meeting.date,
                what="the meeting",
            ),
            in_future(issued_on, label="Date issued", today=clock.today()),
        ),
        issued_to=too_long(issued_to, label="Issued to", limit=200),
    )
    if not fresh.comments.exists():
        raise BriefingLocked("Add at least one comment before issuing the note.")
    fresh.status = BriefingNote.Status.ISSUED
    fresh.issued_on = issued_on
    fresh.issued_to = to
    history_user_set(fresh, by)
    fresh.save()
    note.refresh_from_db()
    return note
