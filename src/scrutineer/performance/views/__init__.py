"""Performance pages, one module per page or seam: dashboard, indicators, raising (a
recommendation or work-programme item from an indicator), figures (targets, recording and
approving figures), milestones, ambition, and figures_import. Each view states its
permission; the rules live in services, rules and selectors."""
