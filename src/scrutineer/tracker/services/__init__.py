"""Every write to the tracker: items, recommendations, progress, closure and reopening, and
the executive's responses, one module each. The importers, the API, other apps and the
tests call them as ``services.<name>``, so the public names are gathered here."""

from scrutineer.tracker.services.closure import recommendation_close, recommendation_reopen
from scrutineer.tracker.services.closure_decisions import (
    DecisionInput,
    SentToExecutive,
    closure_comment_add,
    closure_decisions_record,
    meeting_send_to_executive,
)
from scrutineer.tracker.services.errors import AlreadyDone, EditConflict, TrackerRuleBroken
from scrutineer.tracker.services.impact import impact_story_add, impact_story_remove
from scrutineer.tracker.services.imported import (
    RECONSTRUCTED,
    ImportedItem,
    ImportedRecommendation,
    ImportedResponse,
    ImportedUpdate,
    imported_item_check,
    imported_items_create,
)
from scrutineer.tracker.services.items import item_create, item_next_number, item_update
from scrutineer.tracker.services.progress import progress_add
from scrutineer.tracker.services.recommendations import (
    recommendation_create,
    recommendation_reference,
    recommendation_update,
)
from scrutineer.tracker.services.responses import (
    executive_response_import,
    executive_response_record,
    recommendation_send_to_executive,
)
from scrutineer.tracker.services.search import item_reindex, search_index_deferred
from scrutineer.tracker.services.syncing import item_sync
from scrutineer.tracker.services.withdrawal import (
    Upload,
    evidence_attach,
    evidence_check,
    item_publish,
    record_reinstate,
    record_withdraw,
)

__all__ = [
    "RECONSTRUCTED",
    "AlreadyDone",
    "DecisionInput",
    "EditConflict",
    "ImportedItem",
    "ImportedRecommendation",
    "ImportedResponse",
    "ImportedUpdate",
    "SentToExecutive",
    "TrackerRuleBroken",
    "Upload",
    "closure_comment_add",
    "closure_decisions_record",
    "evidence_attach",
    "evidence_check",
    "executive_response_import",
    "executive_response_record",
    "impact_story_add",
    "impact_story_remove",
    "imported_item_check",
    "imported_items_create",
    "item_create",
    "item_next_number",
    "item_publish",
    "item_reindex",
    "item_sync",
    "item_update",
    "meeting_send_to_executive",
    "progress_add",
    "recommendation_close",
    "recommendation_create",
    "recommendation_reference",
    "recommendation_reopen",
    "recommendation_send_to_executive",
    "recommendation_update",
    "record_reinstate",
    "record_withdraw",
    "search_index_deferred",
]
