"""The forward plan with each committee's disposition, and the work programmes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from scrutineer.api import selectors
from scrutineer.api.endpoints.common import ERRORS, SLUG_PATTERN, Paging, page
from scrutineer.api.schemas import ForwardPlanItemOut, Page, WorkProgrammeItemOut
from scrutineer.committees.models import Committee, Meeting
from scrutineer.core.models import Person
from scrutineer.programme.models import Disposition, ForwardPlanItem, WorkProgrammeItem
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
