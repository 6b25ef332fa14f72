"""One cache for pages, keyed by the change counter.

Everything the site caches, whole public pages and the fragments and values that signed-in
pages share, is one mechanism: a copy in Django's cache under a key made of what it is (a
name and the parts it depends on), today's date (overdue and stale flags change at
midnight) and the ``ChangeCounter``. Every history record that django-simple-history writes
(every change to a tracked record, from a view, the API, an import, the admin or a command)
bumps the counter once its transaction commits, so the next request makes new keys and no
copy from before the change is read again (old ones expire after
``SCRUTINEER_PUBLIC_CACHE_SECONDS``; 0 turns all caching off). The counter lives in the
database, so every app server sees the same value whatever cache backend each uses.

A request reads the counter once, pinned as the cached view begins and before it reads any
record, so no copy is ever keyed newer than what it shows. Three shapes use it:

- ``@public_page_cache``: the whole page, for visitors who carry no session, token or
  messages (the public, search engines, feed readers), keyed by its path and the query
  parameters it reads (each cached view declares them; any others are dropped before the
  view runs, so ``?anything=N`` neither makes a new copy nor changes the page). Signed-in
  users are never served a whole page: theirs shows what their role allows.
- ``{% remembered "name" part ... %}...{% endremembered %}`` (``{% load page_cache %}``): a
  fragment that reads the same to everyone allowed to see it (a tracker row), for
  signed-in users too.
- ``remembered(request, name, compute, *parts)``: a value a page shows (the people a tracker
  can be filtered by).

A fragment's or value's parts must name whatever else it depends on, such as who may see
it (``tracker.selectors.tracker_audience``).
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


def _pinned(request: HttpRequest) -> str:
    """The counter and the day as this request first read them (one query a request)."""
    pinned: str | None = getattr(request, "_page_cache_pinned", None)
    if pinned is None:
        pinned = f"{generation()}|{clock.today().isoformat()}"
        request._page_cache_pinned = pinned  # type: ignore[attr-defined]
    return pinned


def _key(request: HttpRequest, name: str, parts: Iterable[object]) -> str:
    text = "|".join([_pinned(request), name, *(str(part) for part in parts)])
    return f"page-cache:{name}:" + hashlib.sha256(text.encode()).hexdigest()


def remembered(request: HttpRequest, name: str, compute: Callable[[], T], *parts: object) -> T:
    """``compute()``, kept until the records change or the day does, for everyone whose
    request names the same ``parts`` (see the module)."""
    seconds = settings.SCRUTINEER_PUBLIC_CACHE_SECONDS
    if not seconds:
        return compute()
    key = _key(request, name, parts)
    found: T | None = cache.get(key)
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


View = Callable[..., HttpResponse]
Decorator = Callable[[View], View]


@overload
def public_page_cache(view: View, *, reads: Reads = ()) -> View: ...
@overload
def public_page_cache(view: None = None, *, reads: Reads = ()) -> Decorator: ...
def public_page_cache(view: View | None = None, *, reads: Reads = ()) -> View | Decorator:
    """Serve a public page from the cache until the records change, and pin the counter for
    the fragments and values of anyone's copy of the page (see the module).
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
        if not settings.SCRUTINEER_PUBLIC_CACHE_SECONDS:
            return view(request, *args, **kwargs)
        _pinned(request)  # before the view reads a record, for its fragments and values too
        if not _anonymous_and_stateless(request):
            return view(request, *args, **kwargs)
        # The view sees what the key covers, and nothing else.
        request.GET = _only(request.GET, names)  # type: ignore[assignment]
        query = urlencode(sorted(request.GET.lists()), doseq=True)
        key = _key(request, "page", [request.path, query])
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
