"""The forward plan with each committee's disposition, the work programmes, and the executive's
decisions with their call-in deadlines."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router

from scrutineer.api import selectors
from scrutineer.api.endpoints.common import (
    ERRORS,
    MAX_ID,
    NOT_FOUND,
    SLUG_PATTERN,
    Paging,
    page,
)
from scrutineer.api.http import set_last_modified
from scrutineer.api.schemas import (
    ExecutiveDecisionOut,
    ForwardPlanItemOut,
    Page,
    WorkProgrammeItemOut,
)
from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import clock
from scrutineer.core.models import ClosureDay, Person
from scrutineer.programme.models import (
    CallIn,
    Disposition,
    ExecutiveDecision,
    ForwardPlanItem,
    WorkProgrammeItem,
)
from scrutineer.tracker.models import Item, Recommendation

router = Router()


@router.get(
    "/forward-plan", tags=["forward_plan"], response={200: Page[ForwardPlanItemOut], **ERRORS}
)
def forward_plan_list(
    request: HttpRequest,
    paging: Query[Paging],
    committee: str | None = Query(
        None,
        max_length=60,
        pattern=SLUG_PATTERN,
        description="Only entries this committee has a disposition for.",
    ),
) -> Any:
    """Decisions the executive expects to take, by date, and what scrutiny does with each."""
    found = selectors.forward_plan_list(committee=committee or "")
    changed = [ForwardPlanItem, Disposition, Committee, Meeting, Person]
    return page(request, found, paging, changed=changed)


@router.get(
    "/work-programme", tags=["work_programme"], response={200: Page[WorkProgrammeItemOut], **ERRORS}
)
def work_programme_list(
    request: HttpRequest,
    paging: Query[Paging],
    committee: str | None = Query(None, max_length=60, pattern=SLUG_PATTERN),
    municipal_year: str | None = Query(None, pattern=r"^\d\d/\d\d$", description="e.g. 24/25"),
) -> Any:
    """What each committee plans to consider, and when."""
    found = selectors.work_programme_list(
        request.user, committee=committee or "", municipal_year=municipal_year or ""
    )
    changed = [WorkProgrammeItem, Committee, Meeting, Item, Recommendation]
    return page(request, found, paging, changed=changed)


DECISION_CHANGES = [ExecutiveDecision, CallIn, ClosureDay, Person]


@router.get("/decisions", tags=["decision"], response={200: Page[ExecutiveDecisionOut], **ERRORS})
def decision_list(
    request: HttpRequest,
    paging: Query[Paging],
    decision_maker: str | None = Query(None, max_length=200),
    decided_from: datetime.date | None = None,
    decided_to: datetime.date | None = None,
    key_decision: bool | None = None,
) -> Any:
    """Executive decisions, latest first, each with its call-in deadline, its call-ins and
    whether it may be implemented yet."""
    found = selectors.decision_list(
        request.user,
        decision_maker=decision_maker or "",
        decided_from=decided_from,
        decided_to=decided_to,
        key_decision=key_decision,
    )
    now = clock.now()
    return page(
        request,
        found,
        paging,
        changed=DECISION_CHANGES,
        shape=lambda rows: selectors.decisions_with_call_in(rows, now=now),
    )


@router.get(
    "/decisions/{decision_id}",
    tags=["decision"],
    response={200: ExecutiveDecisionOut, **NOT_FOUND},
)
def decision_detail(request: HttpRequest, decision_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """One executive decision, with its call-in deadline and call-ins."""
    set_last_modified(request, selectors.history_last_changed(*DECISION_CHANGES))
    decision = get_object_or_404(selectors.decision_list(request.user), pk=decision_id)
    return selectors.decisions_with_call_in([decision], now=clock.now())[0]
