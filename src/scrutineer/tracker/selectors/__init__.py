"""Every query the tracker's pages need, shaped for the page in a constant number of
queries, one module per seam: visibility, the tracker page, single records, dashboards.
Other apps read the tracker through the names gathered here."""

from scrutineer.tracker.selectors.dashboards import recommendation_overdue_dashboard
from scrutineer.tracker.selectors.tracker_page import (
    TrackerFilters,
    TrackerRow,
    recommendation_assignees,
    tracker_items,
    tracker_rows,
)
from scrutineer.tracker.selectors.visibility import (
    in_force,
    item_visible_condition,
    item_visible_list,
    progress_update_visible_condition,
    progress_update_visible_list,
    recommendation_visible_condition,
    recommendation_visible_list,
)

__all__ = [
    "TrackerFilters",
    "TrackerRow",
    "in_force",
    "item_visible_condition",
    "item_visible_list",
    "progress_update_visible_condition",
    "progress_update_visible_list",
    "recommendation_assignees",
    "recommendation_overdue_dashboard",
    "recommendation_visible_condition",
    "recommendation_visible_list",
    "tracker_items",
    "tracker_rows",
]
