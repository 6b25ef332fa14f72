"""Committees, their members, people and meetings."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router

from scrutineer.api import selectors
from scrutineer.api.endpoints.common import ERRORS, MAX_ID, NOT_FOUND, SLUG_PATTERN, Paging, page
from scrutineer.api.http import set_last_modified
from scrutineer.api.schemas import CommitteeOut, MeetingOut, MemberOut, Page, PersonOut
from scrutineer.committees.models import Committee, Meeting, Membership
from scrutineer.core.models import Person

router = Router()


@router.get("/committees", tags=["committee"], response={200: Page[CommitteeOut], **ERRORS})
def committee_list(request: HttpRequest, paging: Query[Paging]) -> Any:
    """Every committee, by name."""
    return page(request, selectors.committee_list(), paging, changed=[Committee])


@router.get("/committees/{slug}", tags=["committee"], response={200: CommitteeOut, **NOT_FOUND})
def committee_detail(
    request: HttpRequest, slug: str = Path(..., max_length=60, pattern=SLUG_PATTERN)
) -> Any:
    """One committee, by its slug."""
    set_last_modified(request, selectors.history_last_changed(Committee))
    return get_object_or_404(selectors.committee_list(), slug=slug)


@router.get(
    "/committees/{slug}/members", tags=["committee"], response={200: Page[MemberOut], **NOT_FOUND}
)
def committee_members(
    request: HttpRequest,
    paging: Query[Paging],
    slug: str = Path(..., max_length=60, pattern=SLUG_PATTERN),
) -> Any:
    """The committee's members, chair first; a person's public fields only."""
    committee = get_object_or_404(Committee, slug=slug)
    members = selectors.committee_members(committee)
    return page(request, members, paging, changed=[Membership, Person])


@router.get("/people", tags=["person"], response={200: Page[PersonOut], **ERRORS})
def person_list(
    request: HttpRequest,
    paging: Query[Paging],
    kind: Literal["councillor", "officer", "team"] | None = None,
) -> Any:
    """Councillors, officers and teams: name, kind, job title and directorate."""
    return page(request, selectors.person_list(kind=kind or ""), paging, changed=[Person])


@router.get("/people/{person_id}", tags=["person"], response={200: PersonOut, **NOT_FOUND})
def person_detail(request: HttpRequest, person_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """One person's public fields."""
    set_last_modified(request, selectors.history_last_changed(Person))
    return get_object_or_404(selectors.person_list(), pk=person_id)


@router.get("/meetings", tags=["meeting"], response={200: Page[MeetingOut], **ERRORS})
def meeting_list(
    request: HttpRequest,
    paging: Query[Paging],
    committee: str | None = Query(None, max_length=60, pattern=SLUG_PATTERN),
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> Any:
    """Meetings, latest first; filter by committee slug and date."""
    found = selectors.meeting_list(committee=committee or "", date_from=date_from, date_to=date_to)
    return page(request, found, paging, changed=[Meeting, Committee])


@router.get("/meetings/{meeting_id}", tags=["meeting"], response={200: MeetingOut, **NOT_FOUND})
def meeting_detail(request: HttpRequest, meeting_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """One meeting."""
    set_last_modified(request, selectors.history_last_changed(Meeting, Committee))
    return get_object_or_404(selectors.meeting_list(), pk=meeting_id)
