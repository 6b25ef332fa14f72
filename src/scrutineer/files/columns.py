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
# What the CSV and XLSX exports add after the published columns, one cell a recommendation,
# so that an exported tracker imports back with them.
TRACKER_EXTRA_FIELDS = {
    "reference": "Reference",
    "due_date": "Target date",
    "lead_officer": "Lead officer",
    "status_wording": "Status as written",
    "addressee": "Addressed to",
    "area": "Area or directorate",
    "cabinet_member": "Cabinet member",
    "executive_date": "Executive date",
    "decision": "Executive decision",
    "response_date": "Date of the response",
    "response": "Executive response",
    "reasons": "Executive's reasons",
    # The council's own copy marks an item the public may not see (labels.item_marking);
    # read back, so that an exported copy never imports as public.
    "marking": "Not for publication",
}
TRACKER_EXTRA_COLUMNS = tuple(TRACKER_EXTRA_FIELDS.values())
# The forward plan's last column names the committee: "Information for Corporate O&S".
FORWARD_PLAN_FIELDS = {
    "number": "No.",
    "report_title": "Report Title",
    "cabinet_date": "Cabinet Date",
    "information": "Information for {committee}",
}
FORWARD_PLAN_COLUMNS = tuple(FORWARD_PLAN_FIELDS.values())

# The closures proposed for a meeting, as the agenda pack prints them.
CLOSURE_COLUMNS = ("Ref", "Recommendation", "Officer's reason for closing", "Proposed by")
