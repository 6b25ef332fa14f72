"""The tracker's input rules: what an item, recommendation, progress update, closure or
executive response may hold, and in what order their dates may fall. Each check raises one
ValidationError keyed by the form's field names; the services call them before writing."""

from __future__ import annotations

import datetime

from scrutineer.committees.models import Meeting
from scrutineer.core.validation import (
    RICH_TEXT_MAX,
    TEXT_MAX,
    TITLE_MAX,
    before,
    first_of,
    in_future,
    out_of_range,
    raise_if_any,
    too_long,
)
from scrutineer.tracker.models import ExecutiveResponse, Recommendation


def item_check(*, report_title: str | None = None, summary: str | None = None) -> None:
    raise_if_any(
        report_title=too_long(report_title, label="Report title", limit=TITLE_MAX),
        summary=too_long(summary, label="Summary of the discussion", limit=RICH_TEXT_MAX),
    )


def recommendation_check(
    *,
    text: str | None = None,
    preamble: str | None = None,
    addressee: str | None = None,
    due_date: datetime.date | None = None,
) -> None:
    raise_if_any(
        text=too_long(text, label="Recommendation", limit=TEXT_MAX),
        preamble=too_long(preamble, label="Preamble", limit=300),
        addressee=too_long(addressee, label="Addressee", limit=200),
        due_date=out_of_range(due_date, label="Due date"),
    )


def progress_check(*, text: str, date: datetime.date, today: datetime.date) -> None:
    """An update is a few thousand words at most, dated on a day that has happened."""
    raise_if_any(
        text=too_long(text, label="Progress update", limit=RICH_TEXT_MAX),
        date=first_of(
            out_of_range(date, label="Date of the update"),
            in_future(date, label="Date of the update", today=today),
        ),
    )


def closure_check(
    *,
    recommendation: Recommendation,
    agreed_at: Meeting | None,
    closed_on: datetime.date | None,
    reason: str,
    today: datetime.date,
) -> None:
    """A committee cannot agree to close a recommendation before it was made."""
    made = recommendation.item.meeting.date
    raise_if_any(
        reason=too_long(reason, label="Reason for closing", limit=TEXT_MAX),
        agreed_at=None
        if agreed_at is None
        else first_of(
            before(
                agreed_at.date,
                label="The meeting that agreed the closure",
                earliest=made,
                what="the meeting that made the recommendation",
            ),
            in_future(agreed_at.date, label="The meeting that agreed the closure", today=today),
        ),
        closed_on=first_of(
            before(
                closed_on,
                label="Date closed",
                earliest=made,
                what="the meeting that made the recommendation",
            ),
            in_future(closed_on, label="Date closed", today=today),
        ),
    )


def reopen_check(*, reason: str) -> None:
    raise_if_any(reason=too_long(reason, label="Reason for reopening", limit=TEXT_MAX))


def sent_to_executive_check(
    *,
    recommendation: Recommendation,
    sent_on: datetime.date,
    addressee: str,
    today: datetime.date,
) -> None:
    """A recommendation goes to the executive after the meeting that made it, and not later
    than today: the statutory two months run from that day (LGA 2000 s.9FE)."""
    raise_if_any(
        sent_on=first_of(
            before(
                sent_on,
                label="Date sent to the executive",
                earliest=recommendation.item.meeting.date,
                what="the meeting",
            ),
            in_future(sent_on, label="Date sent to the executive", today=today),
        ),
        addressee=too_long(addressee, label="Sent to", limit=200),
    )


def response_check(
    *,
    response: ExecutiveResponse,
    responded_on: datetime.date,
    reasons: str,
    action_plan: str,
    given_by: str,
    today: datetime.date,
) -> None:
    """The executive answers after the recommendation reached it, and not in the future."""
    raise_if_any(
        responded_on=first_of(
            before(
                responded_on,
                label="Date of the response",
                earliest=response.sent_on,
                what="the date it was sent",
            ),
            in_future(responded_on, label="Date of the response", today=today),
        ),
        reasons=too_long(reasons, label="Reasons", limit=TEXT_MAX),
        action_plan=too_long(action_plan, label="Action plan", limit=TEXT_MAX),
        given_by=too_long(given_by, label="Given by", limit=200),
    )
