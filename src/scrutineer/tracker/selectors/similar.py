"""Has scrutiny asked this before? The items most like one, across committees and years, by
the database's own text ranking over the items' search text (their titles, summaries,
recommendations and progress): SQLite FTS5's bm25; PostgreSQL's cover density, ts_rank_cd,
by the log of the text's length (plain ts_rank put a long item that shares common words
above the one that shares the subject's own: measured on the seed). Nothing leaves the
machine and nothing is downloaded; only items the user may see are offered."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import connection

from scrutineer.tracker.models import Item, Recommendation
from scrutineer.tracker.selectors.visibility import item_visible_list

# Words every tracker uses: they say nothing about what an item is about.
_COMMON = frozenset(
    [
        "about",
        "after",
        "again",
        "also",
        "among",
        "and",
        "any",
        "are",
        "been",
        "before",
        "being",
        "between",
        "both",
        "but",
        "can",
        "cabinet",
        "committee",
        "committees",
        "council",
        "could",
        "does",
        "each",
        "either",
        "from",
        "further",
        "have",
        "having",
        "into",
        "its",
        "more",
        "most",
        "must",
        "note",
        "noted",
        "noting",
        "officer",
        "officers",
        "other",
        "over",
        "provide",
        "provided",
        "report",
        "reports",
        "review",
        "scrutiny",
        "should",
        "such",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "update",
        "updates",
        "upon",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "will",
        "with",
        "within",
        "would",
        "year",
        "years",
    ]
)
TERMS = 12  # the longest distinct words of the item, of which …
RANKED_TERMS = 6  # … the rarest few are ranked by: enough to rank, few enough to be fast
FALLBACK_TERMS = 3  # … and at least these, however many items hold them
SCORE_BUDGET = 5000  # items scored, beyond the first few terms
CANDIDATES = 40  # ranked by the index before the visibility rule keeps the user's own
ESTIMATE_FROM = 10_000  # items: from here PostgreSQL estimates each word's items (pg_stats)
NEWEST = 1_000  # PostgreSQL ranks the newest of the items matching, reading each one's text


@dataclass
class Similar:
    item: Item
    recommendations: list[Recommendation]


def terms_of(text: str) -> list[str]:
    """The words of ``text`` that say what it is about: the longest distinct ones, less the
    words every tracker uses."""
    words = {w.lower() for w in re.findall(r"[^\W\d_]{4,}", text)} - _COMMON
    return sorted(words, key=lambda w: (-len(w), w))[:TERMS]


def _terms(item: Item) -> list[str]:
    return terms_of(
        " ".join(
            [item.report_title, *(r.text for r in item.recommendations.filter(withdrawn_at=None))]
        )
    )


def _in_how_many(terms: list[str]) -> list[int]:
    """How many items hold each term: counted by the full-text index in one query; on a large
    PostgreSQL table, estimated from the planner's statistics instead (counting a word most
    items hold reads most of the table there)."""
    if connection.vendor == "postgresql":
        estimated = _estimated_on_postgresql(terms)
        if estimated is not None:
            return estimated
        one = (
            "SELECT count(*) FROM tracker_item "
            "WHERE search_vector @@ to_tsquery('english'::regconfig, %s)"
        )
        params: list[Any] = list(terms)
    else:
        one = "SELECT count(*) FROM tracker_item_fts WHERE tracker_item_fts MATCH %s"
        params = [f'"{t}"' for t in terms]
    sql = " UNION ALL ".join(f"SELECT {n}, ({one})" for n in range(len(terms)))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        counts = dict(cursor.fetchall())
    return [counts[n] for n in range(len(terms))]


def _estimated_on_postgresql(terms: list[str]) -> list[int] | None:
    """Each term's items from ``pg_stats`` (its lexeme's share of the items, gathered by
    ANALYZE, which the README has a deployment run nightly); None for a small table or one
    not yet analysed. A lexeme rarer than the statistics list is taken as held by a few."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.reltuples, s.most_common_elems::text::text[], s.most_common_elem_freqs "
            "FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = current_schema() "
            "AND s.tablename = 'tracker_item' AND s.attname = 'search_vector' "
            "WHERE c.oid = 'tracker_item'::regclass"
        )
        found = cursor.fetchone()
        if found is None or found[0] < ESTIMATE_FROM or not found[1]:
            return None
        total, lexemes, shares = found
        cursor.execute(
            "SELECT n, to_tsquery('english'::regconfig, t)::text "
            "FROM unnest(%s::text[]) WITH ORDINALITY AS u(t, n)",
            [terms],
        )
        lexeme_of = {n - 1: text.strip("'") for n, text in cursor.fetchall()}
    share = dict(zip(lexemes, shares, strict=False))  # the shares end with min, max, nulls
    return [round(share.get(lexeme_of.get(n, ""), 0) * total) or 2 for n in range(len(terms))]


def _telling(terms: list[str], *, held_by: int = 2) -> list[str]:
    """The terms to rank by: the rarest of those another item holds too (a word only this
    item holds finds nothing; words not yet saved need ``held_by`` 1: any item holding
    them is another), as many as keep the items to score under a budget. Ranking
    costs a score for every item matching any term; a word most items hold costs most and
    tells least (bm25 weighs it at nearly nothing), so the rarest go first: at least a few,
    at most RANKED_TERMS."""
    counts = zip(_in_how_many(terms), terms, strict=True)
    shared = sorted((count, term) for count, term in counts if count >= held_by)
    chosen: list[str] = []
    scored = 0
    for count, term in shared[:RANKED_TERMS]:
        if len(chosen) >= FALLBACK_TERMS and scored + count > SCORE_BUDGET:
            break
        chosen.append(term)
        scored += count
    return chosen


def _ranked_ids(terms: list[str], exclude: int | None) -> list[int]:
    if connection.vendor == "postgresql":
        # ts_rank_cd reads each item's whole text: only the newest NEWEST matches are ranked
        # (the index finds them all, cheaply), so the cost is bounded however common a word.
        sql = (
            "SELECT id FROM ("
            "  SELECT id, search_vector FROM tracker_item "
            "  WHERE search_vector @@ to_tsquery('english'::regconfig, %s) AND id <> %s "
            "  ORDER BY id DESC LIMIT %s"
            ") candidate, to_tsquery('english'::regconfig, %s) query "
            "ORDER BY ts_rank_cd(candidate.search_vector, query, 1) DESC, id DESC LIMIT %s"
        )
        # Each term is letters only (see _terms), so it is a valid tsquery operand.
        query = " | ".join(terms)
        params: list[Any] = [query, exclude or 0, NEWEST, query, CANDIDATES]
    else:
        sql = (
            "SELECT rowid FROM tracker_item_fts WHERE tracker_item_fts MATCH %s AND rowid <> %s "
            "ORDER BY bm25(tracker_item_fts), rowid DESC LIMIT %s"
        )
        params = [" OR ".join(f'"{t}"' for t in terms), exclude or 0, CANDIDATES]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def items_asked_before(item: Item, *, user: Any, limit: int = 5) -> list[Similar]:
    """The items most like ``item`` (its title and recommendations), best first, that the
    user may see, each with its recommendations (their status and the executive's response
    show what came of them)."""
    words = _terms(item)
    terms = _telling(words) if words else []
    return _similar(terms, exclude=item.pk, user=user, limit=limit)


def items_like_text(
    text: str, *, user: Any, exclude: int | None = None, limit: int = 5
) -> list[Similar]:
    """The items most like words being written (a new item's title, a recommendation), as
    ``items_asked_before`` finds them, leaving out the item ``exclude`` names."""
    words = terms_of(text)
    terms = _telling(words, held_by=1) if words else []
    return _similar(terms, exclude=exclude, user=user, limit=limit)


def _similar(terms: list[str], *, exclude: int | None, user: Any, limit: int) -> list[Similar]:
    if not terms:
        return []
    ranked = _ranked_ids(terms, exclude)
    if not ranked:
        return []
    visible = (
        item_visible_list(user)
        .filter(pk__in=ranked, withdrawn_at=None)
        .select_related("meeting__committee")
    )
    found = {i.pk: i for i in visible}
    best = [found[pk] for pk in ranked if pk in found][:limit]
    recommendations: dict[int, list[Recommendation]] = {}
    for rec in (
        Recommendation.objects.filter(item__in=best, withdrawn_at=None)
        .select_related("executive_response")
        .order_by("pk")
    ):
        recommendations.setdefault(rec.item_id, []).append(rec)
    return [Similar(i, recommendations.get(i.pk, [])) for i in best]
