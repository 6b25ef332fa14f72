"""Writes to committees' work programmes: adding items, recurring ones, and considering them."""

from __future__ import annotations

import contextlib
import datetime
from typing import Any

from django.db import transaction

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import clock
from scrutineer.core.calendar import municipal_year
from scrutineer.core.history import history_user_set
from scrutineer.core.validation import TEXT_MAX, TITLE_MAX, raise_if_any, too_long
from scrutineer.programme.models import ForwardPlanItem, WorkProgrammeItem
from scrutineer.programme.services.executive_decisions import pre_decision_check
from scrutineer.tracker import services as tracker_services
from scrutineer.tracker.models import Recommendation


class ProgrammeRuleBroken(Exception):
    """A work-programme or forward-plan rule refused the change."""


@transaction.atomic
def work_programme_add(
    *,
    committee: Committee,
    title: str,
    source: str = WorkProgrammeItem.Source.MEMBER,
    planned_meeting: Meeting | None = None,
    purpose: str = "",
    intended_outcome: str = "",
    forward_plan_item: ForwardPlanItem | None = None,
    recommendation: Recommendation | None = None,
    by: Any = None,
) -> WorkProgrammeItem:
    """Add something the committee plans to consider; with a meeting it is scheduled."""
    if planned_meeting is not None and planned_meeting.committee_id != committee.pk:
        raise ProgrammeRuleBroken("The meeting must be one of this committee's.")
    raise_if_any(
        title=too_long(title.strip(), label="Title", limit=TITLE_MAX),
        purpose=too_long(purpose, label="Purpose", limit=TEXT_MAX),
        intended_outcome=too_long(intended_outcome, label="Intended outcome", limit=TEXT_MAX),
    )
    if forward_plan_item is not None:
        pre_decision_check(
            plan_item=forward_plan_item, meeting=planned_meeting, field="planned_meeting"
        )
    day = planned_meeting.date if planned_meeting else clock.today()
    item = WorkProgrammeItem(
        committee=committee,
        municipal_year=municipal_year(day),
        title=title.strip(),
        purpose=purpose.strip(),
        intended_outcome=intended_outcome.strip(),
        source=source,
        forward_plan_item=forward_plan_item,
        recommendation=recommendation,
        planned_meeting=planned_meeting,
        status=(
            WorkProgrammeItem.Status.SCHEDULED
            if planned_meeting
            else WorkProgrammeItem.Status.PROPOSED
        ),
    )
    history_user_set(item, by)
    item.save()
    return item


def work_programme_schedule(
    *, item: WorkProgrammeItem, meeting: Meeting, by: Any = None
) -> WorkProgrammeItem:
    """Plan the item for a meeting: it is scheduled."""
    item.planned_meeting = meeting
    item.status = WorkProgrammeItem.Status.SCHEDULED
    history_user_set(item, by)
    item.save()
    return item


def work_programme_rename(
    *, item: WorkProgrammeItem, title: str, by: Any = None
) -> WorkProgrammeItem:
    """Give the item a new title (the forward-plan item it comes from was renamed)."""
    raise_if_any(title=too_long(title.strip(), label="Title", limit=TITLE_MAX))
    item.title = title.strip()
    history_user_set(item, by)
    item.save()
    return item


def work_programme_withdraw(*, item: WorkProgrammeItem, by: Any = None) -> WorkProgrammeItem:
    """Take the item off the work programme: withdrawn, planned for no meeting. It stays in
    history, and scheduling it again brings it back."""
    item.planned_meeting = None
    item.status = WorkProgrammeItem.Status.WITHDRAWN
    history_user_set(item, by)
    item.save()
    return item


def work_programme_unschedule(*, item: WorkProgrammeItem, by: Any = None) -> WorkProgrammeItem:
    """Keep the item on the work programme with no meeting fixed yet: proposed."""
    item.planned_meeting = None
    item.status = WorkProgrammeItem.Status.PROPOSED
    history_user_set(item, by)
    item.save()
    return item


@transaction.atomic
def work_programme_add_recurring(
    *,
    committee: Committee,
    title: str,
    months: list[int],
    municipal_year_start: int,
    by: Any = None,
) -> list[WorkProgrammeItem]:
    """Items that recur (quarterly finance reports, say): one for each month in ``months``,
    at the committee's first meeting in or after that month of the municipal year."""
    created = []
    for month in months:
        year = municipal_year_start if month >= 5 else municipal_year_start + 1
        due = datetime.date(year, month, 1)
        meeting = committee.meetings.filter(date__gte=due).order_by("date").first()
        label = f"{title} ({due:%B %Y})"
        if WorkProgrammeItem.objects.filter(committee=committee, title=label).exists():
            continue
        created.append(
            work_programme_add(
                committee=committee,
                title=label,
                source=WorkProgrammeItem.Source.RECURRING,
                planned_meeting=meeting,
                by=by,
            )
        )
    return created


@transaction.atomic
def work_programme_consider(
    *,
    item: WorkProgrammeItem,
    meeting: Meeting,
    close_recommendation: bool = False,
    by: Any = None,
) -> WorkProgrammeItem:
    """The committee considered the item; if it came from a recommendation, that can close it."""
    item.status = WorkProgrammeItem.Status.CONSIDERED
    item.planned_meeting = meeting
    history_user_set(item, by)
    item.save()
    rec = item.recommendation
    if close_recommendation and rec is not None and rec.is_open:
        # Closed meanwhile (a second submit, or someone else) is what was wanted.
        with contextlib.suppress(tracker_services.AlreadyDone):
            tracker_services.recommendation_close(
                recommendation=rec,
                closed_by=by,
                agreed_at=meeting,
                reason=f"Considered at the meeting of {meeting.date:%-d %B %Y}: {item.title}",
            )
    return item
