"""Queries for the forward plan and work programme pages; those of executive decisions and
call-in are in ``decisions`` (and named here too, as the pages and services read them)."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core.calendar import key_decision_notice_problem, month_end
from scrutineer.programme.models import (
    Disposition,
    ForwardPlanItem,
    WorkProgrammeItem,
)
from scrutineer.programme.selectors.decisions import (
    DECISION_STATES,
    CallInRule,
    DecisionRow,
    Implementation,
    call_in_rule,
    call_in_visible_list,
    closure_days,
    deadline_text,
    decision_calendar_events,
    decision_call_in_deadline,
    decision_for,
    decision_implementation,
    decision_makers,
    decision_public,
    decision_rows,
    decision_visible_list,
    period_text,
    published_text,
)
from scrutineer.tracker.selectors import recommendation_visible_condition


def forward_plan_list(committee: Committee) -> QuerySet[Disposition]:
    """The committee's forward-plan table, in its own numbering, as the seed prints it."""
    return (
        Disposition.objects.filter(committee=committee)
        .select_related("forward_plan_item", "meeting", "other_committee")
        .order_by("position", "forward_plan_item__decision_date")
    )


def notice_problem(item: ForwardPlanItem) -> str:
    """What is wrong with the item's notice, or "": a key decision listed with less than 28
    clear days' notice and without its general-exception or special-urgency record (see
    ``core.calendar.key_decision_notice_problem``)."""
    return key_decision_notice_problem(
        is_key_decision=item.is_key_decision,
        first_published=item.first_published,
        decision_date=item.decision_date,
        urgency=item.urgency,
        chair_date=item.urgency_chair_date,
        reason=item.urgency_reason,
    )


def forward_plan_items(
    *, today: datetime.date, past: bool = False, user: Any = None
) -> QuerySet[ForwardPlanItem]:
    """The executive's forward plan: decisions from this month on (or, with ``past``, those
    before it, latest first), each with its lead officer and every committee's disposition of
    it, in a constant number of queries; for a ``user``, with the executive decisions taken on
    it that they may see (``decisions_taken``). ``with_notice_problems`` adds what the page
    shows."""
    start = today.replace(day=1)
    items = ForwardPlanItem.objects.select_related("lead_officer").prefetch_related(
        Prefetch(
            "dispositions",
            queryset=Disposition.objects.select_related(
                "committee", "meeting", "other_committee"
            ).order_by("committee__name"),
        )
    )
    if user is not None:
        items = items.prefetch_related(
            Prefetch(
                "executive_decisions",
                queryset=decision_visible_list(user).order_by("decided_on", "pk"),
                to_attr="decisions_taken",
            )
        )
    if past:
        items = items.filter(decision_date__lt=start).order_by("-decision_date", "title")
    else:
        items = items.filter(decision_date__gte=start).order_by("decision_date", "title")
    return items


def with_notice_problems(items: Iterable[ForwardPlanItem]) -> list[ForwardPlanItem]:
    """The items, each with its ``notice_problem`` ("" when its notice is as the law asks)."""
    found = list(items)
    for item in found:
        item.notice_problem = notice_problem(item)  # type: ignore[attr-defined]
    return found


def forward_plan_rows(committee: Committee) -> list[Disposition]:
    """The forward-plan table as the page shows it: each row's ``notice_problem`` says what is
    wrong with its key decision's notice ("" when nothing is), and ``breach`` whether anything
    is."""
    rows = list(forward_plan_list(committee))
    for row in rows:
        row.notice_problem = notice_problem(row.forward_plan_item)  # type: ignore[attr-defined]
        row.breach = bool(row.notice_problem)  # type: ignore[attr-defined]
    return rows


def decision_latest_day(item: ForwardPlanItem) -> datetime.date:
    """The latest day the decision may be taken: its date, or its month's last day when the
    forward plan gives only the month."""
    if item.decision_date_precision == ForwardPlanItem.Precision.MONTH:
        return month_end(item.decision_date)
    return item.decision_date


def scheduled_meeting_for(
    committee: Committee, *, day: datetime.date, latest: datetime.date
) -> Meeting | None:
    """The committee's meeting that "scheduled for … <day>" in a forward-plan table means: the
    one on that day, else its first in that month; never one after ``latest`` (the decision),
    since pre-decision scrutiny comes before it."""
    meetings = list(
        committee.meetings.filter(
            date__gte=day.replace(day=1), date__lte=min(month_end(day), latest)
        ).order_by("date", "time")
    )
    return next((m for m in meetings if m.date == day), meetings[0] if meetings else None)


def work_programme_visible_list(user: Any) -> QuerySet[WorkProgrammeItem]:
    """Work-programme items the user may see: one that comes from a recommendation is seen
    only by those who may see that recommendation's item (exempt items, Sch. 12A)."""
    items = WorkProgrammeItem.objects.all()
    visible = recommendation_visible_condition(user, via="recommendation")
    if visible:  # an empty condition: the user may see every item
        items = items.filter(Q(recommendation__isnull=True) | visible)
    return items


def work_programme_by_meeting(
    committee: Committee, *, user: Any
) -> list[tuple[Any, list[WorkProgrammeItem]]]:
    """The committee's work programme as the user may see it, meeting by meeting;
    unscheduled items last. Items taken off it (withdrawn) are in their history only."""
    items = (
        work_programme_visible_list(user)
        .filter(committee=committee)
        .exclude(status=WorkProgrammeItem.Status.WITHDRAWN)
        .select_related("planned_meeting", "forward_plan_item", "recommendation")
        .order_by("planned_meeting__date", "title")
    )
    groups: dict[Any, list[WorkProgrammeItem]] = {}
    for meeting in committee.meetings.order_by("date"):
        groups[meeting] = []
    unscheduled: list[WorkProgrammeItem] = []
    for item in items:
        if item.planned_meeting is None:
            unscheduled.append(item)
        else:
            groups.setdefault(item.planned_meeting, []).append(item)
    result: list[tuple[Any, list[WorkProgrammeItem]]] = list(groups.items())
    if unscheduled:
        result.append((None, unscheduled))
    return result


def forward_plan_gaps(*, today: datetime.date) -> list[ForwardPlanItem]:
    """Key decisions still to come that no scrutiny committee will see before they are taken."""
    seen_in_time = Disposition.objects.filter(
        forward_plan_item=OuterRef("pk"),
        choice=Disposition.Choice.SCHEDULED,
        scheduled_for__lte=OuterRef("decision_date"),
    )
    return list(
        ForwardPlanItem.objects.filter(is_key_decision=True, decision_date__gte=today)
        .exclude(Exists(seen_in_time))
        .select_related("lead_officer")
        .order_by("decision_date", "title")
    )


def meeting_calendar_events(committees: QuerySet[Committee], *, user: Any) -> list[Any]:
    """Meetings of these committees, each with what is planned for it that the user may see,
    as calendar events."""
    from scrutineer.files.writers.ics import CalendarEvent

    visible = work_programme_visible_list(user).order_by("title", "pk")
    meetings = (
        Meeting.objects.filter(committee__in=committees)
        .select_related("committee")
        .prefetch_related(Prefetch("planned_items", queryset=visible))
        .order_by("date")
    )
    events = []
    for meeting in meetings:
        planned = [i.title for i in meeting.planned_items.all() if i.status != "withdrawn"]
        description = "Planned items:\n" + "\n".join(f"- {t}" for t in planned) if planned else ""
        events.append(
            CalendarEvent(
                uid=f"meeting-{meeting.pk}@scrutineer",
                day=meeting.date,
                time=meeting.time,
                summary=meeting.committee.name,
                location=meeting.venue,
                description=description,
                url=settings.SCRUTINEER_BASE_URL + meeting.get_absolute_url(),
                cancelled=meeting.is_cancelled,
            )
        )
    return events


__all__ = [
    "DECISION_STATES",
    "CallInRule",
    "DecisionRow",
    "Implementation",
    "call_in_rule",
    "call_in_visible_list",
    "closure_days",
    "deadline_text",
    "decision_calendar_events",
    "decision_call_in_deadline",
    "decision_for",
    "decision_implementation",
    "decision_latest_day",
    "decision_makers",
    "decision_public",
    "decision_rows",
    "decision_visible_list",
    "forward_plan_gaps",
    "forward_plan_items",
    "forward_plan_list",
    "forward_plan_rows",
    "meeting_calendar_events",
    "notice_problem",
    "period_text",
    "published_text",
    "scheduled_meeting_for",
    "with_notice_problems",
    "work_programme_by_meeting",
    "work_programme_visible_list",
]
