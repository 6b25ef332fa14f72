"""What the tracker's services raise when they refuse a change: the pages, the API and the
importers each say it their own way."""

from __future__ import annotations

from django.db.models import Model


class EditConflict(Exception):
    """Someone else saved the record after the form was opened."""

    def __init__(self, current: Model) -> None:
        self.current = current
        super().__init__(f"{current} was changed by someone else")


class TrackerRuleBroken(Exception):
    """A business rule refused the change; the message says which and why."""


class AlreadyDone(TrackerRuleBroken):
    """The change asked for is already made (a second submit of the same form): nothing was
    written twice, and the page can say so rather than report an error. `current` is the
    record the first submit wrote, where the caller can be given it (a progress update)."""

    def __init__(self, message: str, current: Model | None = None) -> None:
        self.current = current
        super().__init__(message)
