"""Per-view caching of public pages, invalidated by every committed change.

A page is cached for visitors who carry no session and no pending messages (the public,
search engines, feed readers), keyed by its path, the query parameters it reads (each cached
view declares them; any others are dropped before the view runs, so ``?anything=N`` neither
makes a new copy nor changes the page), today's date (overdue and stale
flags change at midnight) and the ``ChangeCounter``. Every history record that
django-simple-history writes (that is, every change to a tracked record, from a view, the
API, an import, the admin or a command) bumps the counter once the transaction commits, so
the next request misses the cache. The counter lives in the database, so every app server
sees the same value whatever cache backend each uses. Signed-in users are never served from
the cache: their pages show what their role allows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from functools import wraps
from typing import Any, TypeVar, overload
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.cache import get_conditional_response

from scrutineer.core import clock
from scrutineer.core.models import ChangeCounter

T = TypeVar("T")


def generation() -> int:
    """How many committed changes the records have had (one query)."""
    return ChangeCounter.objects.filter(pk=1).values_list("value", flat=True).first() or 0


def _bump() -> None:
    if not ChangeCounter.objects.filter(pk=1).update(value=F("value") + 1):
        ChangeCounter.objects.get_or_create(pk=1, defaults={"value": 1})


def records_changed(**kwargs: Any) -> None:
    """Bump the counter when the current transaction commits, once however many records it
    wrote (receiver of simple-history's ``post_create_historical_record``)."""
    if any(entry[1] is _bump for entry in connection.run_on_commit):
        return
    transaction.on_commit(_bump)


def remembered(name: str, compute: Callable[[], T], *parts: object) -> T:
    """``compute()``, kept in the cache until the records change, for anyone: for what a page
    shows everyone alike (e.g. the people a tracker can be filtered by)."""
    seconds = settings.SCRUTINEER_PUBLIC_CACHE_SECONDS
    if not seconds:
        return compute()
    key = f"remembered:{name}:{generation()}:" + ":".join(str(part) for part in parts)
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, seconds)
    return found


def _anonymous_and_stateless(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        # An API token is a caller with rights of its own, like a session.
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.user.is_authenticated
    )


# The query parameters a page reads: names, or names with a function that gives a value's
# meaning ("" for none), so that values the page would treat alike share one copy.
Reads = Iterable[str] | Mapping[str, Callable[[str], str]]


def _only(query: QueryDict, reads: Mapping[str, Callable[[str], str] | None]) -> QueryDict:
    """The query with only the parameters the page reads, in a stable order."""
    kept = QueryDict(mutable=True)
    for name in sorted(set(reads) & set(query)):
        clean = reads[name]
        values = query.getlist(name)
        if clean is not None:
            values = [meant for meant in map(clean, values) if meant]
        if values:
            kept.setlist(name, values)
    kept._mutable = False
    return kept


def _key(request: HttpRequest) -> str:
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    text = f"{generation()}|{clock.today().isoformat()}|{request.path}|{query}"
    return "public-page:" + hashlib.sha256(text.encode()).hexdigest()


View = Callable[..., HttpResponse]
Decorator = Callable[[View], View]


@overload
def public_page_cache(view: View, *, reads: Reads = ()) -> View: ...
@overload
def public_page_cache(view: None = None, *, reads: Reads = ()) -> Decorator: ...
def public_page_cache(view: View | None = None, *, reads: Reads = ()) -> View | Decorator:
    """Serve a public page from the cache until the records change (see the module).
    ``reads`` names the query parameters the page uses (``@public_page_cache(reads=["page"])``),
    or maps each to what a value means (``{"status": known_status}``); bare
    ``@public_page_cache`` is a page that reads none."""
    names: dict[str, Callable[[str], str] | None] = (
        dict(reads) if isinstance(reads, Mapping) else dict.fromkeys(reads)
    )
    if view is None:
        return lambda inner: public_page_cache(inner, reads=names)

    @wraps(view)
    def cached(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.SCRUTINEER_PUBLIC_CACHE_SECONDS or not _anonymous_and_stateless(request):
            return view(request, *args, **kwargs)
        # The view sees what the key covers, and nothing else.
        request.GET = _only(request.GET, names)  # type: ignore[assignment]
        key = _key(request)
        response: HttpResponse | None = cache.get(key)
        if response is not None:
            # A client that has this copy already (If-None-Match) still gets its 304.
            conditional = get_conditional_response(
                request, etag=response.get("ETag"), response=response
            )
            return conditional or response
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            # A page that used a CSRF token (it has a form that posts) is the visitor's own.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        ):
            cache.set(key, response, settings.SCRUTINEER_PUBLIC_CACHE_SECONDS)
        return response

    return cached
