"""What the management commands that take --committee share."""

from __future__ import annotations

from django.core.management.base import CommandError

from scrutineer.committees import selectors
from scrutineer.committees.models import Committee


def committee_named(name: str) -> Committee:
    """The committee named on the command line, or a message that lists the ones there are."""
    found = selectors.committee_named(name)
    if found is None:
        known = ", ".join(selectors.committee_name_list()) or "none yet"
        raise CommandError(f"No committee is called “{name}”. Committees: {known}.")
    return found
