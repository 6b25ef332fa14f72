"""Calendars (RFC 5545) of committee meetings and what is planned for them (pure)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar

LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    day: datetime.date
    summary: str
    time: datetime.time | None = None
    duration: datetime.timedelta = datetime.timedelta(hours=2)
    location: str = ""
    description: str = ""
    url: str = ""
    updated: datetime.datetime | None = None
    cancelled: bool = False  # kept in the calendar, marked cancelled (RFC 5545 STATUS)


def calendar_ics(events: list[CalendarEvent], *, name: str, stamp: datetime.datetime) -> bytes:
    """An iCalendar file; meetings without a time are all-day events."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Scrutineer//Committee calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", event.uid)
        entry.add("dtstamp", stamp)
        entry.add("summary", f"Cancelled: {event.summary}" if event.cancelled else event.summary)
        if event.cancelled:
            entry.add("status", "CANCELLED")
        if event.time is None:
            start: datetime.date = event.day
            length = datetime.timedelta(days=1)
        else:
            start = datetime.datetime.combine(event.day, event.time, tzinfo=LONDON)
            length = event.duration
        entry.add("dtstart", start)
        try:
            entry.add("dtend", start + length)
        except OverflowError:
            # 31 December 9999 (a slip of the keyboard) has no day after it: DURATION says
            # the same as DTEND without the sum that overflows (RFC 5545 3.8.2.5).
            entry.add("duration", length)
        if event.location:
            entry.add("location", event.location)
        if event.description:
            entry.add("description", event.description)
        if event.url:
            entry.add("url", event.url)
        if event.updated:
            entry.add("last-modified", event.updated)
        calendar.add_component(entry)
    if any(event.time for event in events):
        calendar.add_missing_timezones()
    return calendar.to_ical()
