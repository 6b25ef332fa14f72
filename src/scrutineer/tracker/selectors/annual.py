"""What scrutiny achieved in a municipal year: the figures of the annual report to full
council (recommendations made, sent, the executive's responses and how late, closed and
still open, how long each took), for one committee or all, by committee, directorate and
portfolio. Counted as the user may see them: the public's report never counts a draft,
a withdrawn record or an exempt item it may not see."""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q

from scrutineer.committees.models import Committee, Meeting
from scrutineer.tracker.models import ExecutiveResponse, ImpactStory, Recommendation
from scrutineer.tracker.selectors.visibility import (
    in_force,
    recommendation_public,
    recommendation_visible_condition,
    recommendation_visible_list,
)

Decision = ExecutiveResponse.Decision


def municipal_year_span(first_year: int) -> tuple[datetime.date, datetime.date]:
    """The municipal year that begins in ``first_year``: its first day and the first day of
    the next (``SCRUTINEER_MUNICIPAL_YEAR_START``, "MM-DD", 1 May by default: the annual
    meeting of the council is in May)."""
    month, day = (int(part) for part in settings.SCRUTINEER_MUNICIPAL_YEAR_START.split("-"))
    return datetime.date(first_year, month, day), datetime.date(first_year + 1, month, day)


def municipal_year_of(day: datetime.date) -> int:
    """The first year of the municipal year ``day`` falls in."""
    return day.year if day >= municipal_year_span(day.year)[0] else day.year - 1


def municipal_years(*, today: datetime.date) -> list[int]:
    """The municipal years there are meetings in, up to the current one, latest first (two
    queries); the current one alone when there are none yet."""
    dates = Meeting.objects.filter(date__lte=today).order_by("date").values_list("date", flat=True)
    first, last = dates.first(), dates.last()
    if first is None or last is None:
        return [municipal_year_of(today)]
    return list(range(municipal_year_of(last), municipal_year_of(first) - 1, -1))


def municipal_year_latest(*, today: datetime.date) -> int | None:
    """The latest municipal year in which a published recommendation was made (the report a
    page opens on), or None when none has been."""
    day = (
        Recommendation.objects.filter(recommendation_public(), item__meeting__date__lte=today)
        .order_by("-item__meeting__date")
        .values_list("item__meeting__date", flat=True)
        .first()
    )
    return municipal_year_of(day) if day is not None else None


def year_label(year: int) -> str:
    """2024 → "2024/25"."""
    return f"{year}/{(year + 1) % 100:02d}"


@dataclass
class Figures:
    """The figures of one group of recommendations (a committee, a directorate, all)."""

    made: int = 0
    actions: int = 0
    agreements: int = 0
    notings: int = 0
    sent_to_executive: int = 0
    accepted: int = 0
    partly_accepted: int = 0
    rejected: int = 0
    responded_unclassified: int = 0
    awaiting_response: int = 0
    responses_late: int = 0
    closed: int = 0
    open: int = 0
    open_at_year_end: int = 0
    median_days_to_response: float | None = None
    median_days_to_close: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ImpactStoryRow:
    """A recommendation told as what difference scrutiny made, with its outcome."""

    pk: int
    recommendation_pk: int
    reference: str
    text: str
    committee: str
    meeting_date: datetime.date
    status: str
    response: str  # the executive's decision, as it reads ("Accepted"), or ""
    outcome: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "recommendation": self.text,
            "committee": self.committee,
            "meeting_date": self.meeting_date.isoformat(),
            "status": self.status,
            "executive_response": self.response,
            "outcome": self.outcome,
        }


@dataclass
class AnnualReport:
    year: int
    label: str  # "2024/25"
    start: datetime.date
    end: datetime.date  # the last day of the year
    committee: Committee | None
    as_of: datetime.date
    recommendations: Figures
    by_committee: list[tuple[str, Figures]] = field(default_factory=list)
    by_directorate: list[tuple[str, Figures]] = field(default_factory=list)
    by_portfolio: list[tuple[str, Figures]] = field(default_factory=list)
    task_and_finish: list[tuple[str, int]] = field(default_factory=list)
    impact_stories: list[ImpactStoryRow] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The report as plain data (JSON and CSV open data)."""

        def rows(groups: list[tuple[str, Figures]]) -> list[dict[str, Any]]:
            return [{"name": name, **figures.as_dict()} for name, figures in groups]

        return {
            "municipal_year": self.label,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "committee": self.committee.name if self.committee else "All committees",
            "as_of": self.as_of.isoformat(),
            "recommendations": self.recommendations.as_dict(),
            "by_committee": rows(self.by_committee),
            "by_directorate": rows(self.by_directorate),
            "by_portfolio": rows(self.by_portfolio),
            "task_and_finish_reviews": [
                {"name": name, "meetings": meetings} for name, meetings in self.task_and_finish
            ],
            "impact_stories": [story.as_dict() for story in self.impact_stories],
        }


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def _figures(
    recommendations: Iterable[Recommendation], *, end: datetime.date, today: datetime.date
) -> Figures:
    found = Figures()
    to_response: list[int] = []
    to_close: list[int] = []
    for rec in recommendations:
        found.made += 1
        found.actions += rec.kind == Recommendation.Kind.ACTION
        found.agreements += rec.kind == Recommendation.Kind.AGREEMENT
        found.notings += rec.kind == Recommendation.Kind.NOTING
        if rec.status == Recommendation.Status.CLOSED and rec.closed_on is not None:
            found.closed += 1
            to_close.append((rec.closed_on - rec.item.meeting.date).days)
        else:
            found.open += 1
        if rec.closed_on is None or rec.closed_on > end:
            found.open_at_year_end += 1
        response = getattr(rec, "executive_response", None)
        if response is None:
            continue
        found.sent_to_executive += 1
        decision = response.decision
        found.accepted += decision == Decision.ACCEPTED
        found.partly_accepted += decision == Decision.PARTLY_ACCEPTED
        found.rejected += decision == Decision.REJECTED
        found.responded_unclassified += decision == Decision.RESPONDED
        found.awaiting_response += decision == Decision.PENDING
        # Late against the statutory two months (LGA 2000 s.9FE): answered after the day it
        # was due, or still unanswered after it.
        answered = response.responded_on
        if (answered or today) > response.due_on:
            found.responses_late += 1
        if answered is not None:
            to_response.append((answered - response.sent_on).days)
    found.median_days_to_response = _median(to_response)
    found.median_days_to_close = _median(to_close)
    return found


def _grouped(
    recommendations: list[Recommendation], key: Any, *, end: datetime.date, today: datetime.date
) -> list[tuple[str, Figures]]:
    groups: dict[str, list[Recommendation]] = {}
    for rec in recommendations:
        groups.setdefault(key(rec) or "Not recorded", []).append(rec)
    return [
        (name, _figures(recs, end=end, today=today))
        for name, recs in sorted(groups.items(), key=lambda entry: entry[0].lower())
    ]


def scrutiny_year_report(
    *, user: Any, year: int, committee: Committee | None = None, today: datetime.date
) -> AnnualReport:
    """The annual report's figures for the municipal year beginning in ``year``: the
    recommendations made at meetings in that year (of one committee, or all), as they stand
    ``today``."""
    start, next_start = municipal_year_span(year)
    end = next_start - datetime.timedelta(days=1)
    recs = recommendation_visible_list(user).filter(
        in_force(), item__meeting__date__gte=start, item__meeting__date__lt=next_start
    )
    if committee is not None:
        recs = recs.filter(item__meeting__committee=committee)
    found = list(
        recs.select_related("item__meeting__committee", "executive_response").order_by(
            "item__meeting__date", "item__number", "pk"
        )
    )
    reviews = (
        Meeting.objects.filter(
            committee__kind=Committee.Kind.TASK_AND_FINISH,
            date__gte=start,
            date__lt=next_start,
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .values_list("committee__name", flat=True)
    )
    if committee is not None:  # its own task-and-finish groups
        reviews = reviews.filter(Q(committee__parent=committee) | Q(committee=committee))
    meetings_of: dict[str, int] = {}
    for name in reviews:
        meetings_of[name] = meetings_of.get(name, 0) + 1
    return AnnualReport(
        year=year,
        label=year_label(year),
        start=start,
        end=end,
        committee=committee,
        as_of=today,
        recommendations=_figures(found, end=end, today=today),
        by_committee=_grouped(found, lambda r: r.item.meeting.committee.name, end=end, today=today),
        by_directorate=_grouped(found, lambda r: r.area, end=end, today=today),
        by_portfolio=_grouped(found, lambda r: r.cabinet_member, end=end, today=today),
        task_and_finish=sorted(meetings_of.items()),
        impact_stories=impact_story_list(user=user, year=year, committee=committee),
    )


def impact_story_list(
    *, user: Any, year: int, committee: Committee | None = None
) -> list[ImpactStoryRow]:
    """The year's impact stories the user may see (never one of an exempt, draft or withdrawn
    record for the public), of one committee or all, in the order the meetings came."""
    stories = ImpactStory.objects.filter(
        recommendation_visible_condition(user, via="recommendation"),
        in_force(via="recommendation"),
        year=year,
    ).select_related(
        "recommendation__item__meeting__committee", "recommendation__executive_response"
    )
    if committee is not None:
        stories = stories.filter(recommendation__item__meeting__committee=committee)
    rows = []
    for story in stories.order_by("recommendation__item__meeting__date", "pk"):
        rec = story.recommendation
        response = getattr(rec, "executive_response", None)
        rows.append(
            ImpactStoryRow(
                pk=story.pk,
                recommendation_pk=rec.pk,
                reference=rec.reference,
                text=f"{rec.preamble} {rec.text}".strip(),
                committee=rec.item.meeting.committee.name,
                meeting_date=rec.item.meeting.date,
                status=rec.outcome_label,
                response=response.get_decision_display() if response is not None else "",
                outcome=story.outcome,
            )
        )
    return rows
