"""Every write to briefing notes: ``importing`` (a note from its published text) and ``notes``
(drafting, editing and issuing in the app). Callers use ``services.<name>``, so the public
names are gathered here."""

from scrutineer.briefings.services.importing import (
    BriefingImportResult,
    briefing_import,
    briefing_import_preview,
)
from scrutineer.briefings.services.notes import (
    BriefingAlreadyAdded,
    BriefingAlreadyIssued,
    BriefingLocked,
    briefing_comment_add,
    briefing_create_from_item,
    briefing_issue,
    briefing_recommendation_add,
    briefing_response_add,
    briefing_update,
)

__all__ = [
    "BriefingAlreadyAdded",
    "BriefingAlreadyIssued",
    "BriefingImportResult",
    "BriefingLocked",
    "briefing_comment_add",
    "briefing_create_from_item",
    "briefing_import",
    "briefing_import_preview",
    "briefing_issue",
    "briefing_recommendation_add",
    "briefing_response_add",
    "briefing_update",
]
