"""The tracker's pages, one module per seam (urls.py names each). Every view states its
permission; the rules live in the services."""
