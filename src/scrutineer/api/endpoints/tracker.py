"""Items, recommendations and progress: only what the caller may see (Sch. 12A)."""

from __future__ import annotations

import datetime
import uuid
from typing import Any, Literal, cast

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Header, Path, Query, Router, Status

from scrutineer.api import selectors
from scrutineer.api.auth import TokenAuth, token_refusal
from scrutineer.api.endpoints.common import (
    ERRORS,
    MAX_ID,
    NOT_FOUND,
    SLUG_PATTERN,
    Paging,
    aware,
    page,
    rule_errors,
)
from scrutineer.api.http import set_last_modified
from scrutineer.api.models import ApiToken
from scrutineer.api.schemas import (
    ItemOut,
    Message,
    Page,
    ProgressIn,
    ProgressUpdateOut,
    RecommendationOut,
)
from scrutineer.committees.models import Meeting
from scrutineer.core import permissions
from scrutineer.core.models import Person
from scrutineer.tracker import services
from scrutineer.tracker.models import ExecutiveResponse, Item, ProgressUpdate, Recommendation
from scrutineer.tracker.selectors import recommendation_visible_list

router = Router()

RECOMMENDATION_DATA = [Recommendation, ProgressUpdate, ExecutiveResponse, Item, Meeting, Person]


UPDATED_SINCE = Query(
    None, description="Changed, or given progress, at or after this time (ISO 8601)."
)
SINCE = Query(None, description="Dated on or after this day.")
IDEMPOTENCY_KEY = Header(
    None,
    alias="Idempotency-Key",
    description="A UUID you make for this update, sent again unchanged when you retry it.",
)


def _committee() -> Any:
    return Query(None, max_length=60, pattern=SLUG_PATTERN, description="A committee's slug.")


def _id(description: str) -> Any:
    return Query(None, ge=1, le=MAX_ID, description=description)


@router.get("/items", tags=["item"], response={200: Page[ItemOut], **ERRORS})
def item_list(
    request: HttpRequest,
    paging: Query[Paging],
    committee: str | None = _committee(),
    meeting: int | None = _id("A meeting's id."),
) -> Any:
    """Agenda items, latest meeting first; exempt items only for those entitled."""
    found = selectors.item_list(request.user, committee=committee or "", meeting=meeting)
    return page(request, found, paging, changed=[Item, Meeting, Person])


@router.get("/items/{item_id}", tags=["item"], response={200: ItemOut, **NOT_FOUND})
def item_detail(request: HttpRequest, item_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """One agenda item, with the summary of the discussion."""
    set_last_modified(request, selectors.history_last_changed(Item, Meeting, Person))
    return get_object_or_404(selectors.item_list(request.user), pk=item_id)


@router.get(
    "/recommendations", tags=["recommendation"], response={200: Page[RecommendationOut], **ERRORS}
)
def recommendation_list(
    request: HttpRequest,
    paging: Query[Paging],
    committee: str | None = _committee(),
    status: Literal["open", "closed"] | None = None,
    assignee: int | None = _id("Assigned to this person's id."),
    meeting_date_from: datetime.date | None = None,
    meeting_date_to: datetime.date | None = None,
    updated_since: datetime.datetime | None = UPDATED_SINCE,
) -> Any:
    """Recommendations, latest meeting first, with assignees and the executive's response."""
    filters = selectors.RecommendationFilters(
        committee=committee or "",
        status=status or "",
        assignee=assignee,
        meeting_date_from=meeting_date_from,
        meeting_date_to=meeting_date_to,
        updated_since=aware(updated_since),
    )
    found = selectors.recommendation_list(request.user, filters)
    return page(
        request, found, paging, changed=RECOMMENDATION_DATA, shape=selectors.recommendation_rows
    )


@router.get(
    "/recommendations/{recommendation_id}",
    tags=["recommendation"],
    response={200: RecommendationOut, **NOT_FOUND},
)
def recommendation_detail(
    request: HttpRequest, recommendation_id: int = Path(..., ge=1, le=MAX_ID)
) -> Any:
    """One recommendation."""
    set_last_modified(request, selectors.history_last_changed(*RECOMMENDATION_DATA))
    found = get_object_or_404(selectors.recommendation_list(request.user), pk=recommendation_id)
    return selectors.recommendation_rows([found])[0]


@router.get(
    "/progress-updates", tags=["progress_update"], response={200: Page[ProgressUpdateOut], **ERRORS}
)
def progress_update_list(
    request: HttpRequest,
    paging: Query[Paging],
    committee: str | None = _committee(),
    item: int | None = _id("An item's id."),
    recommendation: int | None = _id("A recommendation's id."),
    since: datetime.date | None = SINCE,
) -> Any:
    """Progress updates, latest first."""
    found = selectors.progress_update_list(
        request.user,
        committee=committee or "",
        item=item,
        recommendation=recommendation,
        since=since,
    )
    return page(request, found, paging, changed=[ProgressUpdate, Person])


@router.post(
    "/recommendations/{recommendation_id}/progress",
    tags=["progress_update"],
    auth=TokenAuth(),
    response={200: ProgressUpdateOut, 201: ProgressUpdateOut, 403: Message, 409: Message}
    | NOT_FOUND,
)
def progress_update_create(
    request: HttpRequest,
    body: ProgressIn,
    recommendation_id: int = Path(..., ge=1, le=MAX_ID),
    idempotency_key: uuid.UUID | None = IDEMPOTENCY_KEY,
) -> Any:
    """Post a progress update, and optionally propose closure, as the token's user: the same
    rules as the tracker's pages (assigned officers and scrutiny officers). The token needs
    the progress scope, and, if it is for one committee, the recommendation must be
    that committee's. A proposal with a stale `version` is 409; the same proposal sent twice
    answers 200 with the first one.

    To retry safely, send an `Idempotency-Key` header: a UUID you generate for each new
    update and send again, unchanged, when you retry it (after a timeout or a lost answer).
    The first request with the key answers 201 with the update; any later one answers 200
    with that same update and records nothing. A key must not be reused for a different
    update: one already used for another recommendation or by another user is 422."""
    user = request.user
    recommendation = get_object_or_404(
        recommendation_visible_list(user).select_related("item__meeting"), pk=recommendation_id
    )
    refused = token_refusal(
        request, ApiToken.Scope.PROGRESS, committee_id=recommendation.item.meeting.committee_id
    )
    if refused is not None:
        return refused
    if not permissions.can_update_progress(user, recommendation):
        return Status(
            403,
            {
                "detail": f"You may not update progress on {recommendation.reference}: "
                "only its assignees and scrutiny officers may."
            },
        )
    if (
        body.proposes_closure
        and recommendation.is_open
        and not permissions.can_propose_closure(user, recommendation)
    ):
        return Status(403, {"detail": f"You may not propose closing {recommendation.reference}."})
    try:
        update = services.progress_add(
            item=recommendation.item,
            recommendation=recommendation,
            text=body.text,
            proposes_closure=body.proposes_closure,
            expected_version=body.version,
            submission_key=idempotency_key,
            author=permissions.person_of(user),
            by=user,
        )
    except services.AlreadyDone as exc:
        if exc.current is not None:
            return Status(200, exc.current)
        return Status(200, recommendation.progress_updates.order_by("-created_at", "-pk")[0])
    except services.EditConflict as exc:
        current = cast(Recommendation, exc.current)
        detail = (
            f"{recommendation.reference} changed since version {body.version}: it is now at "
            f"version {current.version}. Read it again before proposing closure."
        )
        return Status(409, {"detail": detail})
    except services.TrackerRuleBroken as exc:
        error = {"loc": ["body", "payload"], "msg": str(exc), "type": "tracker_rule"}
        return Status(422, {"detail": [error]})
    except ValidationError as exc:
        return Status(422, rule_errors(exc))
    return Status(201, update)
