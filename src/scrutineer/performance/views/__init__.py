"""Performance pages, one module per page or seam: dashboard, indicators, raising (a
recommendation or work-programme item from an indicator), figures (targets, recording and
approving figures), milestones, ambition, and import_template (the figures' import is the
import wizard's). Each view states its permission; the rules live in services, rules and
selectors."""
