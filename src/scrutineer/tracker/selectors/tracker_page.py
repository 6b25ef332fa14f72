"""The tracker page: its filters, its items in a constant number of queries, its rows and
counts, and the choices it can be filtered by."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from django.conf import settings
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
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from scrutineer.committees.models import Committee
from scrutineer.core import permissions
from scrutineer.core.models import Person
from scrutineer.tracker.models import Item, ProgressUpdate, Recommendation
from scrutineer.tracker.selectors.visibility import item_published, item_visible_list

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
    # Each recommendation's assignees (by its id), in the order they were given.
    assignees_of: dict[int, list[Person]] = field(default_factory=dict)

    @property
    def no_recommendations(self) -> bool:
        """An item that made none is neither open nor closed."""
        return not self.recommendations


@dataclass(frozen=True)
class TrackerCounts:
    open: int = 0
    closed: int = 0
    overdue: int = 0
    stale: int = 0

    @property
    def recommendations(self) -> int:
        """Every recommendation of the items in view: what open and closed add up to."""
        return self.open + self.closed


def _search_words(query: str) -> list[str]:
    return re.findall(r"\w+", query)


def _postgres_matches(words: list[str]) -> Q:
    return Q(
        pk__in=RawSQL(
            "SELECT id FROM tracker_item "
            "WHERE search_vector @@ plainto_tsquery('english'::regconfig, %s)",
            [" ".join(words)],
        )
    )


def _fts5_match(words: list[str]) -> str:
    """SQLite's FTS5 query: each word to match, and the last as a prefix."""
    return (" ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*').strip()


def item_search_matches(query: str) -> Q | None:
    """The condition on items that match a full-text query; None when the query is empty.

    PostgreSQL: the English configuration, against each item's stored search vector (a
    generated column with a GIN index, migration 0009). SQLite: FTS5 with the porter
    stemmer, each word to match and the last as a prefix, so results come as one types."""
    words = _search_words(query)
    if not words:
        return None
    if connection.vendor == "postgresql":
        return _postgres_matches(words)
    return Q(
        pk__in=RawSQL(
            "SELECT rowid FROM tracker_item_fts WHERE tracker_item_fts MATCH %s",
            [_fts5_match(words)],
        )
    )


def item_search_among(query: str, items: QuerySet[Any]) -> list[int]:
    """The ids of ``items`` (a committee's, say) that match a full-text query, by
    the rule of ``item_search_matches``. SQLite: the index's matches are read once and kept
    to the items in Python; asking SQLite to join them costs three times as much for a
    common word, which matches nearly every item."""
    words = _search_words(query)
    if not words:
        return list(items.order_by().values_list("pk", flat=True))
    if connection.vendor == "postgresql":
        found = items.filter(_postgres_matches(words)).order_by()
        return list(found.values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM tracker_item_fts WHERE tracker_item_fts MATCH %s",
            [_fts5_match(words)],
        )
        matched = {rowid for (rowid,) in cursor.fetchall()}
    return [pk for pk in items.order_by().values_list("pk", flat=True) if pk in matched]


def item_among(ids: list[int], *, via: str = "pk") -> Q:
    """The condition that an item (or the item ``via`` names) is one of ``ids``, as one
    parameter however many ids there are: a list of a thousand ids written into each query
    took longer to send and plan than the query took to run."""
    if connection.vendor == "postgresql":
        return Q(**{f"{via}__in": RawSQL("SELECT unnest(%s::bigint[])", [ids])})
    return Q(**{f"{via}__in": RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])})


def _in_force_updates(**lookups: Any) -> QuerySet[ProgressUpdate]:
    """Updates that count towards the tracker's "Progress" and "last updated": not withdrawn,
    nor on a withdrawn recommendation."""
    return ProgressUpdate.objects.filter(
        Q(recommendation__isnull=True) | Q(recommendation__withdrawn_at__isnull=True),
        withdrawn_at__isnull=True,
        **lookups,
    )


def item_list_annotated(items: QuerySet[Item], today: datetime.date) -> QuerySet[Any]:
    """The items with their flags: any recommendation open, any overdue, and the date of the
    last update (or of the meeting, with none)."""
    open_recs = Recommendation.objects.filter(
        item=OuterRef("pk"), status="open", withdrawn_at__isnull=True
    )
    latest = (
        _in_force_updates(item=OuterRef("pk"))
        .values("item")
        .annotate(latest=Max("date"))
        .values("latest")
    )
    return items.annotate(
        has_open=Exists(open_recs),
        # Whether anyone must still act: notings and agreements ask nothing of anyone.
        needs_action=Exists(open_recs.filter(kind="action")),
        has_overdue=Exists(open_recs.filter(kind="action", due_date__lt=today)),
        last_update=Coalesce(Subquery(latest), F("meeting__date")),
    )


def _stale(today: datetime.date) -> Q:
    """Open, and its last update (or, with none, its meeting) before the stale threshold:
    ``last_update < threshold`` said so that each test is an index lookup, not a maximum."""
    threshold = progress_stale_before(today)
    updates = _in_force_updates(item=OuterRef("pk"))
    return (
        Q(needs_action=True)
        & ~Exists(updates.filter(date__gte=threshold))
        & (Exists(updates) | Q(meeting__date__lt=threshold))
    )


def tracker_items(
    *, user: Any, committee: Committee | None, filters: TrackerFilters, today: datetime.date
) -> QuerySet[Any]:
    """The items of a committee's tracker (or all committees), filtered and sorted."""
    visible = item_visible_list(user)
    if committee is not None:
        visible = visible.filter(meeting__committee=committee)
    # Withdrawn items are kept apart, under their own filter (for those who may see them):
    # never counted as open, overdue or stale, nor printed in the tracker.
    visible = visible.filter(withdrawn_at__isnull=filters.status != "withdrawn")
    items = item_list_annotated(visible, today)
    if filters.status == "open":
        items = items.filter(has_open=True)
    elif filters.status == "closed":
        items = items.filter(has_open=False)
    elif filters.status == "overdue":
        items = items.filter(has_overdue=True)
    elif filters.status == "stale":
        items = items.filter(_stale(today))
    elif filters.status == "draft":
        items = items.filter(~item_published())
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
    matches = item_search_matches(filters.q)
    if matches is not None:
        if committee is None:
            items = items.filter(matches)
        else:
            # One search per page, not one per count: the page, its counts and its paging
            # all read the same items, at most the committee's.
            items = items.filter(item_among(item_search_among(filters.q, items)))
    return items.select_related("meeting__committee", "lead_officer").order_by(*ordering, "pk")


def tracker_page_items(ids: list[int]) -> list[Item]:
    """The items of one page of the tracker, in the page's order (one query)."""
    found = (
        Item.objects.select_related("meeting__committee", "lead_officer")
        .defer("search_document")  # the whole text of the item, and never shown
        .in_bulk(ids)
    )
    return [found[pk] for pk in ids]


class TrackerPageRows(Sequence["_LazyRow"]):
    """One page of the tracker's rows, in its order, as the page asks for them: a row's item
    at once, and the rest of every row (``tracker_rows``, in a constant number of queries)
    only when the page shows a row that the page cache does not already hold."""

    def __init__(self, items: list[Item], *, today: datetime.date) -> None:
        self.items = items
        self.today = today
        self._rows: list[TrackerRow] | None = None

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, index: int) -> _LazyRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[_LazyRow]: ...
    def __getitem__(self, index: int | slice) -> _LazyRow | list[_LazyRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self.items))[index]]
        return _LazyRow(self, range(len(self.items))[index])

    def row(self, index: int) -> TrackerRow:
        if self._rows is None:
            self._rows = tracker_rows(self.items, today=self.today)
        return self._rows[index]


class _LazyRow:
    """A ``TrackerRow`` of a ``TrackerPageRows``, worked out when first read beyond its item."""

    def __init__(self, page: TrackerPageRows, index: int) -> None:
        self.item = page.items[index]
        self._page = page
        self._index = index

    def __getattr__(self, name: str) -> Any:
        return getattr(self._page.row(self._index), name)


def progress_stale_before(today: datetime.date) -> datetime.date:
    return today - datetime.timedelta(days=settings.SCRUTINEER_STALE_AFTER_DAYS)


def tracker_rows(items: list[Any], *, today: datetime.date) -> list[TrackerRow]:
    """Rows for one page of items: recommendations, assignees and the latest progress."""
    prefetch_related_objects(
        items,
        Prefetch(
            "recommendations",
            queryset=Recommendation.objects.filter(withdrawn_at__isnull=True)
            .select_related("executive_response")
            .order_by("pk"),
        ),
        # Only each item's latest update: the tracker's "Progress" column.
        Prefetch(
            "progress_updates",
            queryset=ProgressUpdate.objects.filter(
                pk=Subquery(
                    _in_force_updates(item=OuterRef("item"))
                    .order_by("-date", "-created_at", "-pk")
                    .values("pk")[:1]
                )
            ).select_related("author"),
            to_attr="latest_updates",
        ),
    )
    threshold = progress_stale_before(today)
    ordered = recommendation_assignees([r.pk for i in items for r in i.recommendations.all()])
    rows = []
    for item in items:
        recommendations = list(item.recommendations.all())
        assignees: dict[int, Person] = {}
        for recommendation in recommendations:
            for person in ordered.get(recommendation.pk, []):
                assignees.setdefault(person.pk, person)
        updates = item.latest_updates
        # The same as the list's "last_update": the latest update, else the meeting.
        last_update = updates[0].date if updates else item.meeting.date
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
                # Only an open action can want an update: notings ask nothing of anyone.
                is_stale=any(r.is_open and r.needs_action for r in recommendations)
                and last_update < threshold,
                assignees_of={r.pk: ordered.get(r.pk, []) for r in recommendations},
                is_overdue=any(
                    r.is_open and r.needs_action and r.due_date and r.due_date < today
                    for r in recommendations
                ),
            )
        )
    return rows


def recommendation_assignees(recommendation_ids: list[int]) -> dict[int, list[Person]]:
    """Each recommendation's assignees in the order they were given, in one query."""
    through = Recommendation.assignees.through
    links = (
        through.objects.filter(recommendation_id__in=recommendation_ids)
        .select_related("person")
        .order_by("id")
    )
    result: dict[int, list[Person]] = {}
    for link in links:
        result.setdefault(link.recommendation_id, []).append(link.person)
    return result


def tracker_counts(items: QuerySet[Any], *, today: datetime.date) -> TrackerCounts:
    """Open, closed and overdue recommendations, and stale items, in one query each."""
    recs = Recommendation.objects.filter(item__in=items.values("pk"), withdrawn_at__isnull=True)
    totals = recs.aggregate(
        open=Count("pk", filter=Q(status="open")),
        closed=Count("pk", filter=Q(status="closed")),
        overdue=Count("pk", filter=Q(status="open", kind="action", due_date__lt=today)),
    )
    stale = items.filter(_stale(today)).count()
    return TrackerCounts(stale=stale, **totals)


def tracker_filter_choices(
    committee: Committee | None, *, user: Any
) -> tuple[list[tuple[int, str]], list[str]]:
    """People assigned to anything in the tracker that the user may see (id, name), and their
    directorates: someone assigned only to exempt items is not listed to the public."""
    links = Recommendation.assignees.through.objects.all()
    items = item_visible_list(user)
    if committee is not None:
        items = items.filter(meeting__committee=committee)
    if committee is not None or not permissions.can_manage_tracker(user):
        # In steps, by id: as one nested query, PostgreSQL without statistics (a new
        # database, the test suite) may join every link to every recommendation.
        item_ids = list(items.order_by().values_list("pk", flat=True))
        links = links.filter(item_among(item_ids, via="recommendation__item_id"))
    person_ids = set(links.values_list("person_id", flat=True))
    found = list(
        Person.objects.filter(pk__in=person_ids)
        .order_by("name")
        .values_list("pk", "name", "directorate")
    )
    directorates = sorted({directorate for _, _, directorate in found if directorate})
    return [(pk, name) for pk, name, _ in found], directorates


def committee_list_with_counts(user: Any) -> QuerySet[Committee]:
    visible = item_visible_list(user).filter(withdrawn_at__isnull=True).values("pk")
    return Committee.objects.annotate(
        open_count=Count(
            "meetings__items__recommendations",
            filter=Q(meetings__items__recommendations__status="open")
            & Q(meetings__items__recommendations__withdrawn_at__isnull=True)
            & Q(meetings__items__in=visible),
        ),
        closed_count=Count(
            "meetings__items__recommendations",
            filter=Q(meetings__items__recommendations__status="closed")
            & Q(meetings__items__recommendations__withdrawn_at__isnull=True)
            & Q(meetings__items__in=visible),
        ),
    ).order_by("name")


def meetings_minutes_awaited(committee: Committee, *, today: datetime.date) -> list[Any]:
    """The committee's meetings held whose minutes are not yet published and whose items
    wait for them: the public tracker says so. Exempt and withdrawn items are not counted, so
    the notice never hints at them."""
    drafts = Item.objects.filter(
        meeting=OuterRef("pk"),
        published_at__isnull=True,
        is_exempt=False,
        withdrawn_at__isnull=True,
    )
    return list(
        committee.meetings.filter(date__lte=today, minutes_published_on__isnull=True)
        .exclude(status="cancelled")
        .filter(Exists(drafts))
        .order_by("date")
    )
