"""The Django admin in the role x page matrix: the site's own pages and every page of every
registered model, behind Django's staff check. Only the administrator is staff (as
``manage.py demo`` makes them); every other role, signed in or not, is sent to the admin's
sign-in form, and its writes (adding, changing, deleting one record or many) change nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from tests.visibility.matrix import (
    AWAY,
    LOGIN,
    Page,
    Rule,
    check_read,
    check_refused_write,
    read_cases,
    write_cases,
)


def staff_only(who: str) -> int:
    return 200 if who == "administrator" else LOGIN


def staff_only_then(status: int | str) -> Rule:
    """What the administrator gets where it is not a page (a redirect, a refusal)."""

    def rule(who: str) -> int | str:
        return status if who == "administrator" else LOGIN

    return rule


def first_pk(model: Any) -> Any:
    return model._default_manager.order_by("pk").values_list("pk", flat=True).first()


def _object_id(model: Any) -> Callable[[SimpleNamespace], dict[str, Any]]:
    return lambda w: {"object_id": first_pk(model)}


def _history_page(model: Any, name: str) -> Callable[[SimpleNamespace], str]:
    """simple-history's page of one past version: its pattern takes positional arguments."""

    def path(w: SimpleNamespace) -> str:
        found = model._default_manager.get(pk=first_pk(model))
        return reverse(name, args=[found.pk, found.history.earliest().pk])

    return path


# Records the admin lists but never adds: axes' records of sign-ins are made by signing in;
# API tokens by the create_api_token command, which shows the secret once; task results by
# queueing a job; jobs by asking for a large download or import.
MADE_ELSEWHERE = ("axes_", "api_apitoken", "django_tasks_database_", "jobs_")
# ...and of those, the ones it only shows: django-tasks-db's results are a worker's record.
READ_ONLY = ("django_tasks_database_",)


def model_pages(model: Any, model_admin: Any) -> list[Page]:
    info = f"{model._meta.app_label}_{model._meta.model_name}"
    name = f"admin:{info}"
    adding = staff_only_then(403) if info.startswith(MADE_ELSEWHERE) else staff_only
    pages = [
        Page(
            f"{name}_changelist",
            rule=staff_only,
            post=lambda w: {
                "action": "delete_selected",
                "_selected_action": [first_pk(model)],
                "post": "yes",
            },
        ),
        Page(f"{name}_add", rule=adding, post=lambda w: {}),
        Page(f"{name}_change", "", _object_id(model), rule=staff_only, post=lambda w: {}),
        Page(
            f"{name}_delete",
            "",
            _object_id(model),
            rule=staff_only_then(403) if info.startswith(READ_ONLY) else staff_only,
            post=lambda w: {"post": "yes"},
        ),
        Page(f"{name}_history", "", _object_id(model), rule=staff_only),
        # The change page's address before Django 1.9: a redirect there.
        Page(
            "admin:<path:object_id>/",
            info,
            path=lambda w: reverse(f"{name}_change", args=[first_pk(model)]).removesuffix(
                "change/"
            ),
            rule=staff_only_then(AWAY),
        ),
    ]
    if isinstance(model_admin, SimpleHistoryAdmin):
        pages.append(
            Page(
                f"{name}_simple_history",
                path=_history_page(model, f"{name}_simple_history"),
                rule=staff_only,
            )
        )
    return pages


PAGES: list[Page] = [
    Page("admin:index", rule=staff_only),
    Page("admin:app_list", "tracker", lambda w: {"app_label": "tracker"}, rule=staff_only),
    # The sign-in form is for anyone; a signed-in administrator is sent on to the site.
    Page("admin:login", rule=lambda who: AWAY if who == "administrator" else 200),
    # Signing out is a POST; a GET from anyone not staff is sent back to the site's index.
    Page("admin:logout", rule=lambda who: 405 if who == "administrator" else AWAY),
    Page("admin:password_change", rule=staff_only),
    Page("admin:password_change_done", rule=staff_only),
    Page("admin:jsi18n", rule=staff_only),
    # The autocomplete asks which field it serves: without one it is refused.
    Page("admin:autocomplete", rule=staff_only_then(403)),
    Page(
        "admin:view_on_site",
        "tracker-item",
        lambda w: {
            "content_type_id": ContentType.objects.get_for_model(w.item_a).pk,
            "object_id": w.item_a.pk,
        },
        rule=staff_only_then(AWAY),
    ),
    Page(
        "admin:(?P<url>.*)$",
        "no-such-page",
        path=lambda w: "/admin/no-such-page/",
        rule=staff_only_then(404),
    ),
    *[
        page
        for model, model_admin in sorted(
            admin.site._registry.items(), key=lambda entry: entry[0]._meta.label
        )
        for page in model_pages(model, model_admin)
    ],
]


@pytest.mark.parametrize(("page", "who"), read_cases(PAGES))
def test_each_role_gets_what_it_may_see_and_nothing_more(client, db, world, page, who):
    check_read(client, world, page, who)


@pytest.mark.parametrize(("page", "who"), write_cases(PAGES))
def test_a_write_without_the_right_is_refused_and_changes_nothing(client, db, world, page, who):
    check_refused_write(client, world, page, who)
