"""The refusal every performance service raises when a business rule says no."""

from __future__ import annotations


class PerformanceRuleBroken(Exception):
    """A business rule refused the change; the message says which and why, and ``field``
    names the input at fault (for a form to show the message beside it), if there is one."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field
