"""Every URL of the project states who may open it (issue 16).

A page states its permission with ``core.permissions.permission_required``, which sets
``view.permission`` to the predicate it asks; a page anyone may open says so by name, with
``permission_required(permissions.can_view_public_pages)`` (home, signing in, feeds, the
public records). Two kinds of URL state it their own way, and this test checks each:

- the Django admin: every page but its sign-in form is behind ``AdminSite.admin_view``,
  Django's own staff check (``is_active and is_staff``), which the project does not override;
- the API's django-ninja operations: reads take ``ReaderAuth`` (anyone, with or without a
  token; each selector gives the caller only what they may see), writes take ``TokenAuth``
  and ask the token's scope (``token_refusal``) and a ``core.permissions`` predicate.

What each permission lets each role do is proven by the role x page matrix
(tests/visibility/).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.apps import apps
from django.contrib import admin
from django.contrib.admin import AdminSite
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.module_loading import module_has_submodule

from scrutineer.api.auth import ReaderAuth, TokenAuth
from scrutineer.core import permissions


@dataclass(frozen=True)
class Route:
    name: str  # "tracker:item_detail", or "admin:" and the route of an unnamed pattern
    namespace: str  # "tracker", "api:api-v1", "admin"
    pattern: URLPattern


def routes(resolver: URLResolver | None = None, namespace: str = "") -> Iterator[Route]:
    """Every URL pattern of the project, through every include."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from routes(pattern, inner)
        else:
            prefix = f"{namespace}:" if namespace else ""
            yield Route(f"{prefix}{pattern.name or pattern.pattern}", namespace, pattern)


ALL = list(routes())

# ninja's own root URL, which it needs to reverse its paths: it answers 404 to everyone
# (our documentation is api:docs); the matrix opens it.
NINJA_ROOT = "api:api-v1:api-root"


def _is_api_operation(route: Route) -> bool:
    return route.namespace == "api:api-v1" and _operation(route) is not None


def _operation(route: Route) -> Any:
    """The django-ninja operation behind an API URL. ninja names each URL after its
    operation's function and keeps the path's operations in the view's closure."""
    view = inspect.unwrap(route.pattern.callback)
    for cell in getattr(view, "__closure__", None) or ():
        for operation in getattr(cell.cell_contents, "operations", ()):
            if operation.view_func.__name__ == route.pattern.name:
                return operation
    return None


def _predicate_name(predicate: Callable[..., bool]) -> str:
    return getattr(predicate, "__name__", "")


def test_the_walk_sees_every_app():
    """The walk reaches every app's URLs, the admin's and the project's own (login)."""
    apps_with_urls = {
        import_module(f"{config.name}.urls").app_name
        for config in apps.get_app_configs()
        if config.name.startswith("scrutineer.") and module_has_submodule(config.module, "urls")
    }
    namespaces = {route.namespace.split(":")[0] for route in ALL}
    assert namespaces >= apps_with_urls | {"", "admin"}
    assert len(apps_with_urls) > 8


def test_every_page_states_its_permission():
    """Every URL outside the admin and the API's operations is a view decorated with
    ``permission_required``, which names a predicate (no lambdas: the matrix and templates ask
    the same named rule)."""
    pages = [
        r
        for r in ALL
        if r.namespace != "admin" and not _is_api_operation(r) and r.name != NINJA_ROOT
    ]
    silent = [
        r.name for r in pages if not callable(getattr(r.pattern.callback, "permission", None))
    ]
    assert silent == [], "these views state no permission (core.permissions.permission_required)"
    unnamed = [
        r.name for r in pages if _predicate_name(r.pattern.callback.permission) in {"", "<lambda>"}
    ]
    assert unnamed == []


def test_pages_anyone_may_open_say_so_by_name():
    public = {
        r.name
        for r in ALL
        if getattr(r.pattern.callback, "permission", None) is permissions.can_view_public_pages
    }
    assert public >= {
        "login",
        "logout",
        "home:home",
        "core:healthz",
        "api:docs",
        "api:api-v1:openapi-json",
        "api:committee_feed",
        "api:recommendation_feed",
    }


# Django puts an admin page behind AdminSite.admin_view in one of two ways: through the site's
# or the model admin's ``wrap``, which calls admin_view on each request and marks the view
# with its ``admin_site`` or ``model_admin``; or by calling admin_view once (the user's
# password page, simple-history's history pages), which returns admin_view's ``inner``
# function under never_cache and csrf_protect: found in their closures.
ADMIN_VIEW_INNER = next(
    const
    for const in AdminSite.admin_view.__code__.co_consts
    if inspect.iscode(const) and const.co_name == "inner"
)
ADMIN_SIGN_IN = "admin:login"  # the admin's sign-in form, for anyone, like "login"


def _behind_the_staff_check(view: Any, depth: int = 4) -> bool:
    if hasattr(view, "admin_site") or hasattr(view, "model_admin"):
        return True
    if getattr(view, "__code__", None) is ADMIN_VIEW_INNER:
        return True
    cells = getattr(view, "__closure__", None) or ()
    return depth > 0 and any(
        callable(cell.cell_contents) and _behind_the_staff_check(cell.cell_contents, depth - 1)
        for cell in cells
    )


def test_every_admin_page_is_behind_djangos_staff_check():
    admin_routes = [r for r in ALL if r.namespace == "admin"]
    assert len(admin_routes) > 100  # every registered model's pages
    # The project's site keeps Django's staff check (admin.site is a lazy proxy of it).
    assert admin.site.has_permission.__func__ is AdminSite.has_permission
    assert admin.site.admin_view.__func__ is AdminSite.admin_view
    open_ = [
        r.name
        for r in admin_routes
        if r.name != ADMIN_SIGN_IN and not _behind_the_staff_check(r.pattern.callback)
    ]
    assert open_ == []


def test_every_api_operation_states_its_rule():
    """Reads: ``ReaderAuth`` and GET only. Writes: ``TokenAuth``, and the operation asks the
    token's scope (``token_refusal``) and a named ``core.permissions`` predicate."""
    operations = {r.name: _operation(r) for r in ALL if _is_api_operation(r)}
    assert len(operations) > 20
    found: dict[str, str] = {}
    for name, operation in operations.items():
        (auth,) = operation.auth_callbacks
        if operation.methods == ["GET"]:
            found[name] = "read" if isinstance(auth, ReaderAuth) else f"read with {auth!r}"
            continue
        asks = operation.view_func.__code__.co_names
        predicates = sorted(
            n for n in asks if n.startswith("can_") and callable(getattr(permissions, n, None))
        )
        rule = "token" if isinstance(auth, TokenAuth) else f"{auth!r}"
        scope = "scope" if "token_refusal" in asks else "no scope"
        found[name] = f"write: {rule}, {scope}, {', '.join(predicates) or 'no predicate'}"
    writes = {name: rule for name, rule in found.items() if rule != "read"}
    assert writes == {
        "api:api-v1:progress_update_create": (
            "write: token, scope, can_propose_closure, can_update_progress"
        ),
        "api:api-v1:measurement_create": "write: token, scope, can_manage_performance",
    }
