"""The one place that reads the clock, so that tests can pass a date instead."""

import datetime

from django.utils import timezone


def now() -> datetime.datetime:
    return timezone.now()


def today() -> datetime.date:
    """Today's date in the council's time zone (Europe/London)."""
    return timezone.localdate()
