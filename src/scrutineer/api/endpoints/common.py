"""What every endpoint shares: paging, query parameter types and documented errors."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet, ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Schema

from scrutineer.api.http import set_last_modified
from scrutineer.api.schemas import Message
from scrutineer.api.selectors import history_last_changed
from scrutineer.core import page_cache

MAX_LIMIT = 200
# The largest id a database key can hold; bigger numbers are a 422, never a crash.
MAX_ID = 2**63 - 1
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]] = Field(
        description="What is wrong and where: each error's location (e.g. query, limit) "
        "and message."
    )


ERRORS: dict[int, Any] = {401: Message, 422: ValidationErrorOut, 429: Message}
NOT_FOUND: dict[int, Any] = {**ERRORS, 404: Message}


class Paging(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, le=10_000_000)


def page(
    request: HttpRequest,
    queryset: QuerySet[Any],
    paging: Paging,
    *,
    changed: Sequence[type[Model]],
    shape: Callable[[list[Any]], list[Any]] | None = None,
) -> dict[str, Any]:
    """One page of a list in a stable order, with when its data last changed."""
    labels = sorted(model._meta.label for model in changed)
    set_last_modified(
        request,
        page_cache.remembered(
            request, "api-last-changed", lambda: history_last_changed(*changed), *labels
        ),
    )
    # The page's ids first, then their rows: a database would otherwise work out every
    # annotation (when each row last changed, say) for every row before sorting them.
    ids = list(queryset.values_list("pk", flat=True)[paging.offset : paging.offset + paging.limit])
    found = queryset.order_by().in_bulk(ids)
    rows = [found[pk] for pk in ids]
    # Counting every row the caller may see was a third of a page's time at 100,000
    # recommendations, and is the same for every page of the list: kept until the records
    # change, for the same query (its filters and the caller's visibility are in its SQL).
    try:
        sql, params = queryset.order_by().query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing
        count = 0
    else:
        count = page_cache.remembered(request, "api-count", queryset.count, sql, params)
    return {
        "count": count,
        "limit": paging.limit,
        "offset": paging.offset,
        "results": shape(rows) if shape else rows,
    }


def aware(value: datetime.datetime | None) -> datetime.datetime | None:
    """A query's date-time in UTC; one without a zone is read as the council's local time."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        return value.astimezone(datetime.UTC)
    except OverflowError:
        limit = datetime.datetime.max if value.year > 1 else datetime.datetime.min
        return limit.replace(tzinfo=datetime.UTC)


def rule_errors(error: ValidationError) -> dict[str, list[dict[str, Any]]]:
    """A service's ValidationError as a 422 body: each message with the field it is about."""
    if not hasattr(error, "error_dict"):
        return {"detail": [{"loc": ["body"], "msg": m, "type": "value_error"} for m in error]}
    return {
        "detail": [
            {"loc": ["body", field], "msg": message, "type": "value_error"}
            for field, errors in error.message_dict.items()
            for message in errors
        ]
    }
