"""What is assigned to someone, and what is late: My actions and the overdue dashboard."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from scrutineer.core import permissions
from scrutineer.core.models import Person
from scrutineer.tracker.models import (
    ClosureDecision,
    ExecutiveResponse,
    Item,
    ProgressUpdate,
    Recommendation,
)
from scrutineer.tracker.selectors.tracker_page import item_list_annotated, progress_stale_before
from scrutineer.tracker.selectors.visibility import in_force, item_visible_list


def recommendation_action_list(*, user: Any, today: datetime.date) -> list[Any]:
    """Open recommendations assigned to the user or their teams, overdue and stale first:
    actions only, since a noting or an agreement asks nothing of anyone."""
    ids = permissions.acting_as_ids(user)
    if not ids:
        return []
    latest = (
        ProgressUpdate.objects.filter(item=OuterRef("item"), withdrawn_at__isnull=True)
        .values("item")
        .annotate(latest=Max("date"))
        .values("latest")
    )
    recs = (
        Recommendation.objects.filter(in_force(), status="open", kind="action", assignees__in=ids)
        .distinct()
        .annotate(last_update=Coalesce(Subquery(latest), F("item__meeting__date")))
        .select_related("item__meeting__committee")
        .prefetch_related(
            Prefetch("assignees", queryset=Person.objects.order_by("name")),
            # The committee's last word on a closure the officer proposed: why it stays open.
            Prefetch(
                "closure_decisions",
                queryset=ClosureDecision.objects.select_related("meeting").order_by(
                    "-meeting__date", "-pk"
                ),
                to_attr="decisions_latest_first",
            ),
        )
        .order_by(F("due_date").asc(nulls_last=True), "last_update", "pk")
    )
    threshold = progress_stale_before(today)
    result: list[Any] = list(recs)
    for rec in result:
        rec.is_overdue = bool(rec.due_date and rec.due_date < today)
        rec.is_stale = rec.last_update < threshold
        rec.age_days = (today - rec.last_update).days
        decided = rec.decisions_latest_first[0] if rec.decisions_latest_first else None
        rec.closure_refused = (
            decided if decided and decided.outcome == ClosureDecision.Outcome.NOT_AGREED else None
        )
    result.sort(key=lambda r: (not r.is_overdue, not r.is_stale))
    return result


@dataclass
class OverdueDashboard:
    responses: list[Any]
    recommendations: list[Any]
    stale_items: list[Any]
    by_committee: list[tuple[str, int, int, int]]
    by_directorate: list[tuple[str, int]]


def _of_officer(assignee: int | None, directorate: str) -> QuerySet[Recommendation] | None:
    """Recommendations assigned to this person, or of this directorate (their own area or an
    assignee's); None when neither is asked for."""
    if not assignee and not directorate:
        return None
    recs = Recommendation.objects.all()
    if assignee:
        recs = recs.filter(assignees=assignee)
    if directorate:
        recs = recs.filter(Q(area=directorate) | Q(assignees__directorate=directorate))
    return recs


def recommendation_overdue_dashboard(
    *, user: Any, today: datetime.date, assignee: int | None = None, directorate: str = ""
) -> OverdueDashboard:
    """What is late: executive responses, recommendations past due, items with no update;
    optionally only what is an officer's or a directorate's."""
    visible = item_visible_list(user).filter(withdrawn_at__isnull=True).values("pk")
    of_officer = _of_officer(assignee, directorate)
    responses_qs = ExecutiveResponse.objects.filter(
        in_force(via="recommendation"),
        decision="pending",
        due_on__lt=today,
        recommendation__item__in=visible,
    )
    recommendations_qs = Recommendation.objects.filter(
        in_force(), status="open", kind="action", due_date__lt=today, item__in=visible
    )
    items_qs = Item.objects.filter(pk__in=visible)
    if of_officer is not None:
        responses_qs = responses_qs.filter(recommendation__in=of_officer.values("pk"))
        recommendations_qs = recommendations_qs.filter(pk__in=of_officer.values("pk"))
        items_qs = items_qs.filter(pk__in=of_officer.filter(status="open").values("item"))
    responses = list(
        responses_qs.select_related("recommendation__item__meeting__committee").order_by("due_on")
    )
    recommendations = list(
        recommendations_qs.select_related("item__meeting__committee")
        .prefetch_related(Prefetch("assignees", queryset=Person.objects.order_by("name")))
        .order_by("due_date")
    )
    stale_items = list(
        item_list_annotated(items_qs, today)
        .filter(needs_action=True, last_update__lt=progress_stale_before(today))
        .select_related("meeting__committee")
        .order_by("last_update")
    )
    committees: dict[str, list[int]] = {}
    for response in responses:
        committees.setdefault(response.recommendation.item.meeting.committee.name, [0, 0, 0])[
            0
        ] += 1
    for rec in recommendations:
        committees.setdefault(rec.item.meeting.committee.name, [0, 0, 0])[1] += 1
    for item in stale_items:
        committees.setdefault(item.meeting.committee.name, [0, 0, 0])[2] += 1
    directorates: dict[str, int] = {}
    for rec in recommendations:
        for name in {p.directorate or "No directorate recorded" for p in rec.assignees.all()} or {
            "Not assigned"
        }:
            directorates[name] = directorates.get(name, 0) + 1
    return OverdueDashboard(
        responses=responses,
        recommendations=recommendations,
        stale_items=stale_items,
        by_committee=sorted((name, *counts) for name, counts in committees.items()),  # type: ignore[misc]
        by_directorate=sorted(directorates.items()),
    )
