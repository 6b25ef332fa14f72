"""Queries for the forward plan and work programme pages."""

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from scrutineer.committees.models import Committee, Meeting
from scrutineer.programme.models import Disposition, ForwardPlanItem, WorkProgrammeItem


def forward_plan_for(committee: Committee) -> QuerySet[Disposition]:
    """The committee's forward-plan table, in its own numbering, as the seed prints it."""
    return (
        Disposition.objects.filter(committee=committee)
        .select_related("forward_plan_item", "meeting", "other_committee")
        .order_by("position", "forward_plan_item__decision_date")
    )


def work_programme_for(committee: Committee) -> list[tuple[Any, list[WorkProgrammeItem]]]:
    """The committee's work programme meeting by meeting; unscheduled items last."""
    items = (
        WorkProgrammeItem.objects.filter(committee=committee)
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


def scrutiny_gaps(*, today: datetime.date) -> list[ForwardPlanItem]:
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


def calendar_events(committees: QuerySet[Committee]) -> list[Any]:
    """Meetings of these committees, each with what is planned for it, as calendar events."""
    from django.conf import settings

    from scrutineer.exports.writers.ics import CalendarEvent

    meetings = (
        Meeting.objects.filter(committee__in=committees)
        .select_related("committee")
        .prefetch_related("planned_items")
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
            )
        )
    return events
