"""Performance forms, one module per seam: dashboard (the filters), raising, editing (the
framework's contents) and figures_import. They validate input only; the rules live in
services."""
