"""Writing briefing notes in the app: a draft from an item, edits, comments, officer responses,
recommendations, and issuing the note, after which it is part of the record."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from scrutineer.briefings.models import (
    BriefingComment,
    BriefingNote,
    BriefingRecommendation,
    OfficerResponse,
)
from scrutineer.core import clock
from scrutineer.core.history import history_bulk_create, history_user_set
from scrutineer.core.validation import (
    TEXT_MAX,
    before,
    first_of,
    in_future,
    raise_if_any,
    too_long,
)
from scrutineer.tracker.models import Item


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
            for n, rec in enumerate(
                item.recommendations.filter(withdrawn_at__isnull=True).order_by("pk"), start=1
            )
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
