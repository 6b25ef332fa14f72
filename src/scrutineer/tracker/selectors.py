"""Every query the tracker pages need, shaped for the page in a constant number of queries."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import permissions
from scrutineer.core.models import Person
from scrutineer.tracker.models import Item, ProgressUpdate, Recommendation

SORTS = {
    "number": ("number",),
    "-number": ("-number",),
    "date": ("meeting__date", "number"),
    "-date": ("-meeting__date", "-number"),
    "title": ("report_title",),
    "-title": ("-report_title",),
    "updated": ("last_update", "number"),
    "-updated": ("-last_update", "-number"),
}


@dataclass(frozen=True)
class TrackerFilters:
    status: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    assignee: int | None = None
    directorate: str = ""
    q: str = ""
    sort: str = "number"


@dataclass
class TrackerRow:
    item: Item
    recommendations: list[Recommendation]
    assignees: list[Person]
    latest_progress: ProgressUpdate | None
    last_update: datetime.date
    age_days: int
    is_open: bool
    is_stale: bool
    is_overdue: bool


@dataclass(frozen=True)
class TrackerCounts:
    open: int = 0
    closed: int = 0
    overdue: int = 0
    stale: int = 0


@dataclass
class TrackerPage:
    rows: list[TrackerRow]
    counts: TrackerCounts
    directorates: list[str] = field(default_factory=list)
    assignees: list[Person] = field(default_factory=list)


def items_visible_to(user: Any) -> QuerySet[Item]:
    """Items the user may see: exempt items only for those entitled (Sch. 12A)."""
    items = Item.objects.all()
    if permissions.can_manage_tracker(user):
        return items
    person = permissions.person_of(user)
    if person is None:
        return items.filter(is_exempt=False)
    ids = permissions.acting_as_ids(user)
    entitled = Item.objects.filter(
        Q(lead_officer=person)
        | Q(meeting__committee__memberships__person=person)
        | Q(recommendations__assignees__in=ids)
    ).values("pk")
    return items.filter(Q(is_exempt=False) | Q(pk__in=entitled))


def search_item_ids(query: str) -> list[int] | None:
    """Ids of items matching a full-text query, best first; None when the query is empty."""
    words = re.findall(r"\w+", query)
    if not words:
        return None
    if connection.vendor == "postgresql":
        search = SearchQuery(" ".join(words), config="english", search_type="plain")
        vector = SearchVector("search_document", config="english")
        return list(
            Item.objects.annotate(vector=vector, rank=SearchRank(vector, search))
            .filter(vector=search)
            .order_by("-rank")
            .values_list("pk", flat=True)
        )
    # SQLite FTS5 with the porter stemmer: each word must match, the last as a prefix.
    match = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, document FROM tracker_item_fts WHERE tracker_item_fts MATCH %s "
            "ORDER BY rank",
            [match.strip()],
        )
        found = cursor.fetchall()
    current = dict(
        Item.objects.filter(pk__in=[row[0] for row in found]).values_list("pk", "search_document")
    )
    # An index row is trusted only while it matches the item's current text.
    return [pk for pk, document in found if current.get(pk) == document]


def _annotated(items: QuerySet[Item], today: datetime.date) -> QuerySet[Any]:
    open_recs = Recommendation.objects.filter(item=OuterRef("pk"), status="open")
    latest = (
        ProgressUpdate.objects.filter(item=OuterRef("pk"))
        .values("item")
        .annotate(latest=Max("date"))
        .values("latest")
    )
    return items.annotate(
        has_open=Exists(open_recs),
        has_overdue=Exists(open_recs.filter(due_date__lt=today)),
        last_update=Coalesce(Subquery(latest), F("meeting__date")),
    )


def tracker_items(
    *, user: Any, committee: Committee | None, filters: TrackerFilters, today: datetime.date
) -> QuerySet[Any]:
    """The items of a committee's tracker (or all committees), filtered and sorted."""
    visible = items_visible_to(user)
    if committee is not None:
        visible = visible.filter(meeting__committee=committee)
    items = _annotated(visible, today)
    if filters.status == "open":
        items = items.filter(has_open=True)
    elif filters.status == "closed":
        items = items.filter(has_open=False)
    elif filters.status == "overdue":
        items = items.filter(has_overdue=True)
    elif filters.status == "stale":
        items = items.filter(has_open=True, last_update__lt=stale_before(today))
    if filters.date_from:
        items = items.filter(meeting__date__gte=filters.date_from)
    if filters.date_to:
        items = items.filter(meeting__date__lte=filters.date_to)
    if filters.assignee:
        items = items.filter(
            pk__in=Recommendation.objects.filter(assignees=filters.assignee).values("item")
        )
    if filters.directorate:
        items = items.filter(
            Q(lead_officer__directorate=filters.directorate)
            | Q(
                pk__in=Recommendation.objects.filter(
                    assignees__directorate=filters.directorate
                ).values("item")
            )
        )
    ordering = SORTS.get(filters.sort, SORTS["number"])
    if filters.q:
        ids = search_item_ids(filters.q) or []
        items = items.filter(pk__in=ids)
    return items.select_related("meeting__committee", "lead_officer").order_by(*ordering, "pk")


def stale_before(today: datetime.date) -> datetime.date:
    return today - datetime.timedelta(days=settings.SCRUTINEER_STALE_AFTER_DAYS)


def tracker_rows(items: list[Any], *, today: datetime.date) -> list[TrackerRow]:
    """Rows for one page of items: recommendations, assignees and the latest progress."""
    prefetch_related_objects(
        items,
        Prefetch(
            "recommendations",
            queryset=Recommendation.objects.order_by("pk").prefetch_related(
                Prefetch("assignees", queryset=Person.objects.order_by("name"))
            ),
        ),
        Prefetch(
            "progress_updates",
            queryset=ProgressUpdate.objects.select_related("author").order_by(
                "-date", "-created_at", "-pk"
            ),
        ),
    )
    threshold = stale_before(today)
    rows = []
    for item in items:
        recommendations = list(item.recommendations.all())
        assignees: dict[int, Person] = {}
        for recommendation in recommendations:
            for person in recommendation.assignees.all():
                assignees.setdefault(person.pk, person)
        updates = list(item.progress_updates.all())
        last_update = item.last_update
        is_open = any(r.is_open for r in recommendations) if recommendations else False
        rows.append(
            TrackerRow(
                item=item,
                recommendations=recommendations,
                assignees=list(assignees.values()),
                latest_progress=updates[0] if updates else None,
                last_update=last_update,
                age_days=(today - last_update).days,
                is_open=is_open,
                is_stale=is_open and last_update < threshold,
                is_overdue=any(
                    r.is_open and r.due_date and r.due_date < today for r in recommendations
                ),
            )
        )
    return rows


def tracker_counts(items: QuerySet[Any], *, today: datetime.date) -> TrackerCounts:
    """Open, closed and overdue recommendations, and stale items, in one query each."""
    recs = Recommendation.objects.filter(item__in=items.values("pk"))
    totals = recs.aggregate(
        open=Count("pk", filter=Q(status="open")),
        closed=Count("pk", filter=Q(status="closed")),
        overdue=Count("pk", filter=Q(status="open", due_date__lt=today)),
    )
    stale = items.filter(has_open=True, last_update__lt=stale_before(today)).count()
    return TrackerCounts(stale=stale, **totals)


def filter_choices(committee: Committee | None) -> tuple[list[Person], list[str]]:
    """People assigned to anything in the tracker, and their directorates, for the filters."""
    people = Person.objects.filter(recommendations__isnull=False)
    if committee is not None:
        people = people.filter(recommendations__item__meeting__committee=committee)
    people_list = list(people.distinct().order_by("name"))
    directorates = sorted({p.directorate for p in people_list if p.directorate})
    return people_list, directorates


def committees_with_counts(user: Any) -> QuerySet[Committee]:
    visible = items_visible_to(user).values("pk")
    return Committee.objects.annotate(
        open_count=Count(
            "meetings__items__recommendations",
            filter=Q(meetings__items__recommendations__status="open")
            & Q(meetings__items__in=visible),
        ),
        closed_count=Count(
            "meetings__items__recommendations",
            filter=Q(meetings__items__recommendations__status="closed")
            & Q(meetings__items__in=visible),
        ),
    ).order_by("name")


def my_actions(*, user: Any, today: datetime.date) -> list[Any]:
    """Open recommendations assigned to the user or their teams, overdue and stale first."""
    ids = permissions.acting_as_ids(user)
    if not ids:
        return []
    latest = (
        ProgressUpdate.objects.filter(item=OuterRef("item"))
        .values("item")
        .annotate(latest=Max("date"))
        .values("latest")
    )
    recs = (
        Recommendation.objects.filter(status="open", assignees__in=ids)
        .distinct()
        .annotate(last_update=Coalesce(Subquery(latest), F("item__meeting__date")))
        .select_related("item__meeting__committee")
        .prefetch_related(Prefetch("assignees", queryset=Person.objects.order_by("name")))
        .order_by(F("due_date").asc(nulls_last=True), "last_update", "pk")
    )
    threshold = stale_before(today)
    result: list[Any] = list(recs)
    for rec in result:
        rec.is_overdue = bool(rec.due_date and rec.due_date < today)
        rec.is_stale = rec.last_update < threshold
        rec.age_days = (today - rec.last_update).days
    result.sort(key=lambda r: (not r.is_overdue, not r.is_stale))
    return result


def item_detail(pk: int) -> Item:
    return (
        Item.objects.select_related("meeting__committee", "lead_officer")
        .prefetch_related(
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.order_by("pk").prefetch_related("assignees"),
            ),
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.select_related("author", "recommendation"),
            ),
            "related_items",
        )
        .get(pk=pk)
    )


def recommendation_detail(pk: int) -> Recommendation:
    return (
        Recommendation.objects.select_related(
            "item__meeting__committee", "closure_agreed_at__committee", "closure_proposed_by"
        )
        .prefetch_related(
            "assignees",
            Prefetch("progress_updates", queryset=ProgressUpdate.objects.select_related("author")),
        )
        .get(pk=pk)
    )


def meetings_for(committee: Committee) -> QuerySet[Meeting]:
    return committee.meetings.order_by("-date")
