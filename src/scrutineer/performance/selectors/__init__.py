"""Reads for the performance pages, shaped for them, in a constant number of queries, one
module per page or seam: figures (who may see which, and indicators loaded with them),
frameworks (and the dashboard's filters), dashboard, indicator_page, milestones, ambition,
editing (the forms that record figures and set targets) and import_template.

Unapproved figures (including provisional ones awaiting approval) are visible to the
council side only; the public's numbers are computed from approved figures alone.
"""
