"""The published tracker's columns and the forward plan's, each header named once.

The writers print these headers and the parsers recognise them, so an exported tracker
imports back unchanged. Keys are the parsers' field names; the order is the printed order.
"""

from __future__ import annotations

TRACKER_FIELDS = {
    "number": "No",
    "meeting_date": "Meeting Date",
    "report_title": "Report Title",
    "summary": "Summary of O&S discussion",
    "recommendations": "O&S recommendations",
    "status": "Open / Closed",
    "assignees": "Assigned to",
    "progress": "Progress of O&S recommendations",
}
TRACKER_COLUMNS = tuple(TRACKER_FIELDS.values())
# The forward plan's last column names the committee: "Information for Corporate O&S".
FORWARD_PLAN_FIELDS = {
    "number": "No.",
    "report_title": "Report Title",
    "cabinet_date": "Cabinet Date",
    "information": "Information for {committee}",
}
FORWARD_PLAN_COLUMNS = tuple(FORWARD_PLAN_FIELDS.values())
