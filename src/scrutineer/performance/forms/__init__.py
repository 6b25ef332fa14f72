"""Performance forms, one module per seam: dashboard (the filters), raising and editing (the
framework's contents). They validate input only; the rules live in services."""
