"""Briefing notes to Cabinet: issued notes for the public, drafts for the council side."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router

from scrutineer.api import selectors
from scrutineer.api.endpoints.common import ERRORS, MAX_ID, NOT_FOUND, SLUG_PATTERN, Paging, page
from scrutineer.api.http import set_last_modified
from scrutineer.api.schemas import BriefingNoteOut, Page
from scrutineer.briefings.models import (
    BriefingComment,
    BriefingNote,
    BriefingRecommendation,
    OfficerResponse,
)
from scrutineer.tracker.models import Item

router = Router()

BRIEFING_DATA = [BriefingNote, BriefingComment, OfficerResponse, BriefingRecommendation, Item]


@router.get(
    "/briefing-notes", tags=["briefing_note"], response={200: Page[BriefingNoteOut], **ERRORS}
)
def briefing_note_list(
    request: HttpRequest,
    paging: Query[Paging],
    committee: str | None = Query(None, max_length=60, pattern=SLUG_PATTERN),
) -> Any:
    """Briefing notes, latest meeting first, with comments, responses and recommendations."""
    found = selectors.briefing_note_list(request.user, committee=committee or "")
    return page(request, found, paging, changed=BRIEFING_DATA)


@router.get(
    "/briefing-notes/{note_id}",
    tags=["briefing_note"],
    response={200: BriefingNoteOut, **NOT_FOUND},
)
def briefing_note_detail(request: HttpRequest, note_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """One briefing note."""
    set_last_modified(request, selectors.history_last_changed(*BRIEFING_DATA))
    return get_object_or_404(selectors.briefing_note_list(request.user), pk=note_id)
