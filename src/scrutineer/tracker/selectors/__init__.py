"""Every query the tracker's pages need, shaped for the page in a constant number of
queries, one module per seam: visibility, the tracker page, single records, dashboards.
Other apps read the tracker through the names gathered here."""

from scrutineer.tracker.selectors.dashboards import overdue_dashboard
from scrutineer.tracker.selectors.tracker_page import (
    TrackerFilters,
    TrackerRow,
    assignees_in_order,
    tracker_items,
    tracker_rows,
)
from scrutineer.tracker.selectors.visibility import (
    item_visible_to,
    items_visible_to,
    recommendations_visible_to,
)

__all__ = [
    "TrackerFilters",
    "TrackerRow",
    "assignees_in_order",
    "item_visible_to",
    "items_visible_to",
    "overdue_dashboard",
    "recommendations_visible_to",
    "tracker_items",
    "tracker_rows",
]
