"""The council-wide recommendations list: across committees, filtered, by the visibility rule.

The home pages count through the same function, so a count and the list it links to always
agree."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, fields
from typing import Any

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import permissions
from scrutineer.core.models import Person
from scrutineer.tracker.models import Item, ProgressUpdate, Recommendation
from scrutineer.tracker.selectors.tracker_page import (
    item_search_matches,
    recommendation_assignees,
    tracker_filter_choices,
)
from scrutineer.tracker.selectors.visibility import (
    in_force,
    item_visible_list,
    recommendation_visible_list,
)

SORTS: dict[str, tuple[str | Combinable, ...]] = {
    "due": (F("due_date").asc(nulls_last=True), "item__meeting__date", "pk"),
    "-date": ("-item__meeting__date", "item__number", "pk"),
    "date": ("item__meeting__date", "item__number", "pk"),
    "updated": ("last_update", "pk"),
}

# Whose recommendations: assigned to the user (or their teams), whose closure they proposed,
# or of the committees they sit on.
MINE = {
    "assigned": "Assigned to me or my team",
    "proposed": "Closure proposed by me",
    "committees": "Of my committees",
}
RESPONSES = {
    "awaiting": "Awaiting the executive's response",
    "due-this-month": "Executive response due this month",
    "overdue": "Executive response overdue",
}


@dataclass(frozen=True)
class RecommendationFilters:
    committee: str = ""  # a committee's slug
    status: str = ""  # open or closed
    overdue: bool = False
    closure_proposed: bool = False
    needs_update: bool = False
    response: str = ""
    assignee: int | None = None
    directorate: str = ""
    due_after: datetime.date | None = None
    due_before: datetime.date | None = None
    mine: str = ""
    q: str = ""
    sort: str = "due"

    def as_query(self) -> dict[str, str]:
        """The filters as the list's query string writes them (for links and jobs)."""
        query: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value in (None, "", False) or (f.name == "sort" and value == "due"):
                continue
            query[f.name] = "1" if value is True else str(value)
        return query


def month_end(today: datetime.date) -> datetime.date:
    return today.replace(day=calendar.monthrange(today.year, today.month)[1])


def _meeting_date(*, before: bool, today: datetime.date) -> Subquery:
    """The committee's last meeting before today, or its next from today (not cancelled)."""
    meetings = Meeting.objects.filter(committee=OuterRef("item__meeting__committee")).exclude(
        status=Meeting.Status.CANCELLED
    )
    if before:
        meetings = meetings.filter(date__lt=today).order_by("-date")
    else:
        meetings = meetings.filter(date__gte=today).order_by("date")
    return Subquery(meetings.values("date")[:1])


def recommendation_list(
    *, user: Any, filters: RecommendationFilters, today: datetime.date
) -> QuerySet[Any]:
    """Recommendations the user may see, across committees, filtered and sorted; each with
    ``last_update`` (the item's latest progress, else its meeting)."""
    latest = (
        ProgressUpdate.objects.filter(item=OuterRef("item")).order_by("-date").values("date")[:1]
    )
    recs = recommendation_visible_list(user).annotate(
        last_update=Coalesce(Subquery(latest), F("item__meeting__date"))
    )
    if filters.committee:
        recs = recs.filter(item__meeting__committee__slug=filters.committee)
    # "Open" counts actions: a noting or an agreement needs none, and is never anyone's to do.
    if filters.status == "open":
        recs = recs.filter(in_force(), status="open", kind="action")
    elif filters.status == "closed":
        recs = recs.filter(status="closed")
    if filters.overdue:
        recs = recs.filter(in_force(), status="open", kind="action", due_date__lt=today)
    if filters.closure_proposed:
        recs = recs.filter(
            in_force(), status="open", kind="action", closure_proposed_at__isnull=False
        )
    if filters.needs_update:
        # No update since the committee last met, and the committee meets again.
        recs = recs.annotate(
            last_meeting=_meeting_date(before=True, today=today),
            next_meeting=_meeting_date(before=False, today=today),
        ).filter(
            in_force(),
            status="open",
            kind="action",
            next_meeting__isnull=False,
            last_update__lt=F("last_meeting"),
        )
    if filters.response:
        pending = recs.filter(in_force(), executive_response__decision="pending")
        if filters.response == "due-this-month":
            pending = pending.filter(
                executive_response__due_on__gte=today,
                executive_response__due_on__lte=month_end(today),
            )
        elif filters.response == "overdue":
            pending = pending.filter(executive_response__due_on__lt=today)
        recs = pending
    if filters.assignee:
        recs = recs.filter(
            Q(item__lead_officer=filters.assignee)
            | Q(pk__in=Recommendation.objects.filter(assignees=filters.assignee).values("pk"))
        )
    if filters.directorate:
        recs = recs.filter(
            Q(area=filters.directorate)
            | Q(item__lead_officer__directorate=filters.directorate)
            | Q(
                pk__in=Recommendation.objects.filter(
                    assignees__directorate=filters.directorate
                ).values("pk")
            )
        )
    if filters.due_after:
        recs = recs.filter(due_date__gte=filters.due_after)
    if filters.due_before:
        recs = recs.filter(due_date__lte=filters.due_before)
    recs = _mine(recs, user, filters.mine)
    matches = item_search_matches(filters.q)
    if matches is not None:
        recs = recs.filter(item__in=Item.objects.filter(matches).values("pk"))
    ordering = SORTS.get(filters.sort, SORTS["due"])
    return recs.select_related(
        "item__meeting__committee", "executive_response", "closure_proposed_by"
    ).order_by(*ordering)


def _mine(recs: QuerySet[Any], user: Any, mine: str) -> QuerySet[Any]:
    if not mine:
        return recs
    person = permissions.person_of(user)
    if person is None or mine not in MINE:
        return recs.none()
    if mine == "assigned":
        ids = permissions.acting_as_ids(user)
        return recs.filter(
            in_force(),
            status="open",
            kind="action",
            pk__in=Recommendation.objects.filter(assignees__in=ids).values("pk"),
        )
    if mine == "proposed":
        return recs.filter(in_force(), status="open", kind="action", closure_proposed_by=person)
    committees = Committee.objects.filter(memberships__person=person).values("pk")
    return recs.filter(item__meeting__committee__in=committees)


def recommendation_page(recs: list[Any], *, today: datetime.date) -> list[Any]:
    """One page of the list, with each one's assignees (in order) and its flags."""
    assignees = recommendation_assignees([r.pk for r in recs])
    for rec in recs:
        rec.assignee_list = assignees.get(rec.pk, [])
        rec.is_overdue = bool(rec.is_open and rec.due_date and rec.due_date < today)
    return recs


def recommendation_list_choices(user: Any) -> dict[str, list[Any]]:
    """What the list can be filtered by, of what the user may see: committees, the people
    assigned, and directorates (assignees' and the recommendations' own areas)."""
    people, directorates = tracker_filter_choices(None, user=user)
    # The items' lead officers too: the list finds what they lead as well as what they hold.
    leads = list(
        Person.objects.filter(
            pk__in=item_visible_list(user).exclude(lead_officer=None).values("lead_officer")
        ).values_list("pk", "name", "directorate")
    )
    people = sorted({*people, *((pk, name) for pk, name, _ in leads)}, key=lambda p: p[1])
    directorates = [*directorates, *(d for _, _, d in leads if d)]
    areas = (
        recommendation_visible_list(user)
        .exclude(area="")
        .order_by()
        .values_list("area", flat=True)
        .distinct()
    )
    committees = list(Committee.objects.order_by("name").values_list("slug", "name"))
    return {
        "committees": committees,
        "people": people,
        "directorates": sorted({*directorates, *areas}),
    }


def recommendation_export_rows(recs: QuerySet[Any], *, today: datetime.date) -> list[list[str]]:
    """The list as rows of text for CSV: a header, then one row per recommendation."""
    found = list(
        recs.prefetch_related(Prefetch("assignees", queryset=Person.objects.order_by("name")))
    )
    rows = [
        [
            "Reference",
            "Committee",
            "Meeting date",
            "Tracker number",
            "Agenda item",
            "Report title",
            "Recommendation",
            "Status",
            "Overdue",
            "Closure proposed",
            "Assigned to",
            "Directorate",
            "Due date",
            "Last update",
            "Executive response",
            "Response due",
        ]
    ]
    for rec in found:
        response = getattr(rec, "executive_response", None)
        assignees = list(rec.assignees.all())
        rows.append(
            [
                rec.reference,
                rec.item.meeting.committee.name,
                rec.item.meeting.date.isoformat(),
                str(rec.item.number),
                rec.item.agenda_number,
                rec.item.report_title,
                rec.text,
                rec.get_status_display(),
                "Yes" if rec.is_open and rec.due_date and rec.due_date < today else "No",
                rec.closure_proposed_at.date().isoformat() if rec.closure_proposed_at else "",
                "; ".join(p.name for p in assignees),
                rec.area or "; ".join(sorted({p.directorate for p in assignees if p.directorate})),
                rec.due_date.isoformat() if rec.due_date else "",
                rec.last_update.isoformat() if rec.last_update else "",
                response.get_decision_display() if response else "",
                response.due_on.isoformat() if response else "",
            ]
        )
    return rows
