"""What a page of the matrix is, what each role expects of it, and how a case is checked."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.urls import reverse

from tests.visibility.world import AUDIENCES, MANAGERS, MARKERS, MISSING, ROLES, STAFF

# --- What each page expects -------------------------------------------------------------

LOGIN = 302
HIDDEN = "hidden"  # 404, or whatever a missing object gets: never a hint that it exists
AWAY = "away"  # a redirect (302) elsewhere than to sign in, e.g. a signed-in user from login

# What a role gets: a status, HIDDEN or AWAY.
Rule = Callable[[str], int | str]


def everyone(who: str) -> int:
    return 200


def staff(who: str) -> int:
    return 200 if who in STAFF else LOGIN


def managers(who: str) -> int:
    return 200 if who in MANAGERS else (LOGIN if who == "public" else 403)


def administrators(who: str) -> int:
    """Accounts and committee seats: the administrator's alone (permissions.can_manage_users)."""
    return 200 if who == "administrator" else (LOGIN if who == "public" else 403)


def managers_or(*extra: str) -> Callable[[str], int]:
    def rule(who: str) -> int:
        return 200 if who in MANAGERS | set(extra) else (LOGIN if who == "public" else 403)

    rule.__name__ = f"managers_or_{'_'.join(extra)}"
    return rule


def api_managers_or(*extra: str) -> Callable[[str], int]:
    """API writes: no token is 401; a token without the right is 403."""

    def rule(who: str) -> int:
        return 201 if who in MANAGERS | set(extra) else (401 if who == "public" else 403)

    return rule


def always(status: int) -> Callable[[str], int]:
    def rule(who: str) -> int:
        return status

    return rule


Kwargs = Callable[[SimpleNamespace], dict[str, Any]]


def no_kwargs(w: SimpleNamespace) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Page:
    """One URL pattern, by name ("tracker:item_detail"), opened with the ids of one thing of
    the world (``kwargs``); ``variant`` tells the same page on different things apart
    ("exempt-a"). ``rule`` gives what each role gets when it may know the thing exists."""

    name: str
    variant: str = ""
    kwargs: Kwargs = no_kwargs
    query: str | Callable[[SimpleNamespace], str] = ""
    rule: Rule = everyone
    # Who may know the object in the URL exists; the others get HIDDEN.
    audience: str = "everyone"
    # The same URL with ids no record has: what a missing object gets.
    missing: Kwargs | None = None
    # A write: the data a role without the right posts (None: no write through this page).
    post: Callable[[SimpleNamespace], dict[str, Any]] | None = None
    post_rule: Rule | None = None
    get: bool = True
    body_json: bool = False  # the API takes JSON bodies
    # Who calls the API: each role with its own token, or from its browser session.
    credentials: str = "token"
    # The URL itself, for a pattern reverse() cannot build from keyword arguments (the
    # admin's unnamed and positional ones).
    path: Callable[[SimpleNamespace], str] | None = None

    @property
    def label(self) -> str:
        return f"{self.name}@{self.variant}" if self.variant else self.name

    @property
    def is_api(self) -> bool:
        return self.name.startswith("api:api-v1:")

    def url(self, w: SimpleNamespace, kwargs: dict[str, Any] | None = None) -> str:
        if self.path is not None:
            found = self.path(w)
        else:
            found = reverse(self.name, kwargs=self.kwargs(w) if kwargs is None else kwargs)
        query = self.query(w) if callable(self.query) else self.query
        return found + (f"?{query}" if query else "")


def pk(attribute: str, key: str = "pk") -> Kwargs:
    return lambda w: {key: getattr(w, attribute).pk}


def slug(attribute: str) -> Kwargs:
    return lambda w: {"slug": getattr(w, attribute).slug}


def missing(key: str = "pk", **extra: Any) -> Kwargs:
    return lambda w: {key: MISSING, **extra}


def on_item(
    name: str,
    rule: Callable[[str], int],
    key: str = "pk",
    *,
    recs: bool = False,
    post: Any = None,
    **options: Any,
) -> list[Page]:
    """The same page on a public item (or recommendation), the exempt ones of both
    committees and the item made exempt later."""
    targets = (
        [
            ("public-a", "open_rec_a", "everyone"),
            ("exempt-a", "ex_rec_a", "exempt_a"),
            ("exempt-b", "ex_rec_b", "exempt_b"),
            ("later-a", "later_rec", "later_a"),
        ]
        if recs
        else [
            ("public-a", "item_a", "everyone"),
            ("exempt-a", "exempt_a", "exempt_a"),
            ("exempt-b", "exempt_b", "exempt_b"),
            ("later-a", "later", "later_a"),
        ]
    )
    return [
        Page(
            name,
            variant,
            pk(attribute, key),
            rule=rule,
            audience=audience,
            missing=missing(key),
            post=post,
            **options,
        )
        for variant, attribute, audience in targets
    ]


def version(attribute: str, **data: Any) -> Callable[[SimpleNamespace], dict[str, Any]]:
    return lambda w: {**data, "version": str(getattr(w, attribute).version)}


# --- Requests and what comes back -------------------------------------------------------


def headers_for(page: Page, who: str, w: SimpleNamespace) -> dict[str, str]:
    if page.is_api and page.credentials == "token" and who != "public":
        return {"HTTP_AUTHORIZATION": f"Bearer {w.tokens[who]}"}
    return {}


def sign_in(client: Any, page: Page, who: str, w: SimpleNamespace) -> None:
    if who != "public" and (not page.is_api or page.credentials == "session"):
        client.cookies[settings.SESSION_COOKIE_NAME] = w.sessions[who]


def send(
    client: Any, page: Page, who: str, w: SimpleNamespace, method: str, url: str | None = None
) -> Any:
    url = url or page.url(w)
    headers = headers_for(page, who, w)
    if method == "GET":
        return client.get(url, **headers)
    data = page.post(w) if page.post else {}
    if page.body_json:
        return client.post(url, json.dumps(data), content_type="application/json", **headers)
    return client.post(url, data, **headers)


def _content(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def text_of(response: Any) -> str | None:
    """The response as text to search: XML of Word and Excel files without their tags, ICS
    unfolded; None for PDF, whose text is not stored as such."""
    content = _content(response)
    if "pdf" in response.get("Content-Type", ""):
        return None
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            xml = "".join(
                archive.read(n).decode("utf-8", "replace")
                for n in archive.namelist()
                if n.endswith(".xml")
            )
        return re.sub(r"<[^>]+>", "", xml)
    text = content.decode("utf-8", "replace")
    if "calendar" in response.get("Content-Type", ""):
        text = re.sub(r"\r?\n[ \t]", "", text)  # RFC 5545 line folding
    return text


def leaked(text: str, who: str, page: Page) -> list[str]:
    return [
        f"{found} (for {audience})"
        for found, (audience, allowed_on) in MARKERS.items()
        if who not in AUDIENCES[audience] and page.name not in allowed_on and found in text
    ]


def expected_status(page: Page, who: str, method: str = "GET") -> int | str:
    if who not in AUDIENCES[page.audience]:
        return HIDDEN
    rule = page.post_rule if method == "POST" and page.post_rule else page.rule
    return rule(who)


def _check_status(client: Any, page: Page, who: str, w: SimpleNamespace, method: str, response):
    expected = expected_status(page, who, method)
    got = response.status_code
    if expected == HIDDEN:
        if got == 404:
            return
        # Anything else must be what a missing object gets, or it confirms the object exists.
        assert page.missing is not None, f"{who} may not know of this object but got {got}"
        absent = send(client, page, who, w, method, page.url(w, page.missing(w))).status_code
        assert got != 200, f"{who} may not see this object, but got it"
        assert got == absent, (
            f"{who} may not know this object exists, but got {got} where a missing one "
            f"gets {absent}"
        )
        return
    if expected == AWAY:
        assert got == 302, f"{who}: expected a redirect, got {got}"
        assert "/login/" not in response["Location"], f"{who} is sent to sign in"
        return
    assert got == expected, f"{who}: expected {expected}, got {got}"
    if got == LOGIN:
        assert "/login/" in response["Location"]


def _fingerprint_sql() -> str:
    """One query for every table's row count and highest key: a write anywhere changes one
    of them (every tracked record also writes a history row)."""
    skip = {"sessions", "admin", "contenttypes"}
    quote = connection.ops.quote_name
    parts = []
    for model in apps.get_models():
        if model._meta.app_label in skip:
            continue
        table, key = quote(model._meta.db_table), quote(model._meta.pk.column)
        if model._meta.pk.get_internal_type() == "UUIDField":
            key = f"CAST({key} AS TEXT)"  # PostgreSQL has no MAX of a uuid (task results)
        # The models' own table names, quoted: nothing comes from outside.
        parts.append(f"(SELECT COUNT(*) FROM {table})")  # noqa: S608  # nosec B608
        parts.append(f"(SELECT MAX({key}) FROM {table})")  # noqa: S608  # nosec B608
    return "SELECT " + ", ".join(parts)


def fingerprint() -> tuple[Any, ...]:
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql())
        return tuple(cursor.fetchone())


# --- The cases, and their checks ----------------------------------------------------------


def read_cases(pages: list[Page]) -> list[Any]:
    """Every page opened (GET) by every role."""
    return [
        pytest.param(page, who, id=f"{who}-{page.label}")
        for page in pages
        if page.get
        for who in ROLES
    ]


def write_cases(pages: list[Page]) -> list[Any]:
    """Every write (POST) by every role without the right to make it."""
    return [
        pytest.param(page, who, id=f"{who}-{page.label}")
        for page in pages
        if page.post is not None
        for who in ROLES
        if expected_status(page, who, "POST") not in (200, 201)
    ]


def check_read(client: Any, w: SimpleNamespace, page: Page, who: str) -> None:
    """The role gets the status it may have, and nothing it may not see."""
    sign_in(client, page, who, w)
    response = send(client, page, who, w, "GET")
    _check_status(client, page, who, w, "GET", response)
    if response.status_code == 200:
        text = text_of(response)
        if text is not None:
            assert not leaked(text, who, page), f"{who} sees {leaked(text, who, page)}"


def check_refused_write(client: Any, w: SimpleNamespace, page: Page, who: str) -> None:
    """The role's write is refused, and the database is as it was."""
    sign_in(client, page, who, w)
    before = fingerprint()
    response = send(client, page, who, w, "POST")
    # The database first: a write that went through is worse than a wrong status.
    assert fingerprint() == before, f"{who}'s refused write changed the database"
    _check_status(client, page, who, w, "POST", response)
