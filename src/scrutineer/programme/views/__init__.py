"""The programme's pages, one module per seam: ``forward_plan`` (the forward plan, work
programmes, the gap view and calendars) and ``decisions`` (executive decisions and call-in).
Every view states its permission; the rules live in the services."""
