"""Clients of other systems: the council's committee system (Modern.gov), brought in through
the domain's own services."""
