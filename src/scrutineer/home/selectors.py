"""What each role's home page shows. Every count is the length of the recommendations list
(``tracker.selectors.recommendation_list``) with the filters its link carries, so a count
and the list it opens always agree; every read goes through the visibility rule."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Prefetch, Q
from django.urls import reverse

from scrutineer.alerts.models import Subscription
from scrutineer.briefings.models import BriefingNote
from scrutineer.briefings.selectors import briefing_visible_list
from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import permissions
from scrutineer.jobs.models import Job
from scrutineer.tracker.selectors import recommendation_visible_list
from scrutineer.tracker.selectors.recommendation_list import (
    RecommendationFilters,
    month_end,
    recommendation_list,
    recommendation_page,
)

# How far ahead the scrutiny team looks for meetings whose agenda pack needs preparing.
AGENDA_WEEKS = 6
# Committees whose meetings have a tracker and briefing notes in their agenda pack.
SCRUTINY_KINDS = (Committee.Kind.SCRUTINY, *Committee.SUB_GROUP_KINDS)
# Rows shown on a home page before "see all".
SHOWN = 5


@dataclass(frozen=True)
class Tally:
    """A count of recommendations, and the filtered list that shows exactly those."""

    number: int
    url: str
    label: str = ""


def _list_url(filters: RecommendationFilters) -> str:
    query = urlencode(filters.as_query())
    return reverse("tracker:recommendation_list") + (f"?{query}" if query else "")


def _tally(user: Any, today: datetime.date, label: str = "", **filters: Any) -> Tally:
    chosen = RecommendationFilters(**filters)
    number = recommendation_list(user=user, filters=chosen, today=today).count()
    return Tally(number=number, url=_list_url(chosen), label=label)


def _tallies_by_committee(
    user: Any, today: datetime.date, committees: list[Committee], **filters: Any
) -> dict[int, Tally]:
    """The same tally for each committee, in one query: the list's count with these filters
    and the committee's."""
    counts = dict(
        recommendation_list(user=user, filters=RecommendationFilters(**filters), today=today)
        .order_by()
        .values_list("item__meeting__committee")
        .annotate(n=Count("pk", distinct=True))
        .values_list("item__meeting__committee", "n")
    )
    return {
        c.pk: Tally(
            number=counts.get(c.pk, 0),
            url=_list_url(RecommendationFilters(committee=c.slug, **filters)),
        )
        for c in committees
    }


def _upcoming(today: datetime.date) -> Any:
    return (
        Meeting.objects.filter(date__gte=today)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("committee")
        .order_by("date", "time", "pk")
    )


# --- Scrutiny officer ------------------------------------------------------------------


@dataclass
class AgendaTask:
    name: str
    status: str  # "done", "in progress", "to do"
    hint: str
    url: str


@dataclass
class AgendaMeeting:
    meeting: Meeting
    tasks: list[AgendaTask]

    @property
    def needs_work(self) -> bool:
        return any(task.status != "done" for task in self.tasks)


@dataclass
class ScrutinyHome:
    closures_proposed: Tally
    responses_due: Tally
    responses_overdue: Tally
    needs_update: Tally
    meetings: list[AgendaMeeting]
    jobs: list[Job]
    month_end: datetime.date
    horizon: datetime.date

    @property
    def meetings_needing_work(self) -> int:
        return sum(1 for m in self.meetings if m.needs_work)


def scrutiny_home(*, user: Any, today: datetime.date) -> ScrutinyHome:
    """Closures waiting, executive responses due and overdue (LGA 2000 s.9FE: two months),
    recommendations with no update since their committee last met, the coming meetings'
    agenda-pack tasks, and the user's own imports and documents under way."""
    horizon = today + datetime.timedelta(weeks=AGENDA_WEEKS)
    return ScrutinyHome(
        closures_proposed=_tally(user, today, closure_proposed=True),
        responses_due=_tally(user, today, response="due-this-month"),
        responses_overdue=_tally(user, today, response="overdue"),
        needs_update=_tally(user, today, needs_update=True),
        meetings=agenda_meetings(user=user, today=today, horizon=horizon),
        jobs=list(
            Job.objects.filter(
                requesters=user, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]
            ).order_by("requested_at")
        ),
        month_end=month_end(today),
        horizon=horizon,
    )


def agenda_meetings(
    *, user: Any, today: datetime.date, horizon: datetime.date
) -> list[AgendaMeeting]:
    """Scrutiny meetings up to ``horizon`` with what their agenda pack still needs: a briefing
    note (none, a draft, or issued) and the tracker (waiting for updates, or ready)."""
    meetings = list(
        _upcoming(today)
        .filter(date__lte=horizon, committee__kind__in=SCRUTINY_KINDS)
        .prefetch_related(
            Prefetch(
                "briefings",
                queryset=BriefingNote.objects.filter(pk__in=_visible_briefings(user)),
                to_attr="visible_briefings",
            )
        )
    )
    waiting_by_committee = _tallies_by_committee(
        user, today, list({m.committee for m in meetings}), needs_update=True
    )
    result = []
    for meeting in meetings:
        notes = meeting.visible_briefings
        if not notes:
            briefing = AgendaTask(
                "Briefing note", "to do", "No briefing note yet", reverse("briefings:list")
            )
        elif any(note.is_draft for note in notes):
            drafts = [n for n in notes if n.is_draft]
            briefing = AgendaTask(
                "Briefing note",
                "in progress",
                f"{len(drafts)} draft{'s' if len(drafts) != 1 else ''} to issue",
                drafts[0].get_absolute_url(),
            )
        else:
            briefing = AgendaTask("Briefing note", "done", "Issued", notes[0].get_absolute_url())
        waiting = waiting_by_committee[meeting.committee_id]
        if waiting.number:
            tracker = AgendaTask(
                "Tracker for the agenda pack",
                "in progress",
                f"Waiting for {waiting.number} update{'s' if waiting.number != 1 else ''}",
                waiting.url,
            )
        else:
            tracker = AgendaTask(
                "Tracker for the agenda pack",
                "done",
                "Every open recommendation has an update",
                meeting.committee.get_absolute_url(),
            )
        result.append(AgendaMeeting(meeting=meeting, tasks=[briefing, tracker]))
    return result


def _visible_briefings(user: Any) -> Any:
    return briefing_visible_list(user).values("pk")


# --- Officer ---------------------------------------------------------------------------


@dataclass
class OfficerHome:
    open: Tally
    overdue: Tally
    needs_update: Tally
    proposed: Tally
    soonest: list[Any] = field(default_factory=list)
    linked: bool = True


def officer_home(*, user: Any, today: datetime.date) -> OfficerHome:
    """The officer's open recommendations by due date, the updates asked for before their
    committees meet again, and the closures they proposed that wait for the committee."""
    linked = permissions.person_of(user) is not None
    mine = RecommendationFilters(mine="assigned")
    soonest = recommendation_list(user=user, filters=mine, today=today)[:SHOWN] if linked else []
    return OfficerHome(
        open=_tally(user, today, mine="assigned"),
        overdue=_tally(user, today, mine="assigned", overdue=True),
        needs_update=_tally(user, today, mine="assigned", needs_update=True),
        proposed=_tally(user, today, mine="proposed"),
        soonest=recommendation_page(list(soonest), today=today),
        linked=linked,
    )


# --- Councillor ------------------------------------------------------------------------


@dataclass
class CommitteeNext:
    committee: Committee
    next_meeting: Meeting | None
    proposed: Tally
    open: Tally


@dataclass
class MemberHome:
    committees: list[CommitteeNext]
    followed: list[Any]
    follows_anything: bool
    committees_open: Tally
    linked: bool = True


def member_home(*, user: Any, today: datetime.date) -> MemberHome:
    """The member's committees with their next meeting and what is proposed for closure there,
    and the recommendations they follow by e-mail alert (confirmed subscriptions to their
    address); with none, their committees' open recommendations instead."""
    person = permissions.person_of(user)
    if person is None:
        empty = _tally(user, today, mine="committees", status="open")
        return MemberHome([], [], False, empty, linked=False)
    committees = list(Committee.objects.filter(memberships__person=person).order_by("name"))
    upcoming: dict[int, Meeting] = {}
    for meeting in _upcoming(today).filter(committee__in=committees):
        upcoming.setdefault(meeting.committee_id, meeting)
    proposed = _tallies_by_committee(user, today, committees, closure_proposed=True)
    open_ = _tallies_by_committee(user, today, committees, status="open")
    rows = [
        CommitteeNext(
            committee=c,
            next_meeting=upcoming.get(c.pk),
            proposed=proposed[c.pk],
            open=open_[c.pk],
        )
        for c in committees
    ]
    emails = {e for e in (user.email, person.email) if e}
    followed_ids = Subscription.objects.filter(
        email__in=emails, recommendation__isnull=False, confirmed_at__isnull=False
    ).values("recommendation")
    followed = list(
        recommendation_list(user=user, filters=RecommendationFilters(), today=today).filter(
            pk__in=followed_ids
        )
    )
    return MemberHome(
        committees=rows,
        followed=recommendation_page(followed, today=today),
        follows_anything=bool(followed),
        committees_open=_tally(user, today, mine="committees", status="open"),
    )


# --- The public ------------------------------------------------------------------------


@dataclass
class PublicHome:
    committees: list[Any]
    meetings: list[Meeting]
    latest: list[Any]


def public_home(*, user: Any, today: datetime.date, shown: int = 6) -> PublicHome:
    """The committees with their open recommendations, the next meetings, and the latest
    recommendations published (the public's visibility rule: never an exempt item)."""
    visible = recommendation_visible_list(user)
    committees = list(
        Committee.objects.filter(is_expired=False, parent__isnull=True)
        .annotate(
            open_count=Count(
                "meetings__items__recommendations",
                filter=Q(
                    meetings__items__recommendations__in=visible.filter(
                        status="open", kind="action"
                    )
                ),
            )
        )
        .order_by("name")
    )
    latest = list(
        visible.select_related("item__meeting__committee").order_by(
            "-item__meeting__date", "-item__number", "-pk"
        )[:shown]
    )
    return PublicHome(
        committees=committees,
        meetings=list(_upcoming(today)[:shown]),
        latest=recommendation_page(latest, today=today),
    )
