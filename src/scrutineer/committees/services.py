"""Every write to meetings and committee seats: the pages, the imports and the briefing notes
all record a meeting here, so the rules and the history author are set in one place."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from scrutineer.committees.models import Committee, Meeting, Membership
from scrutineer.core.history import history_user_set
from scrutineer.core.models import Person
from scrutineer.core.validation import out_of_range, raise_if_any, too_long


def _meeting_check(*, date: datetime.date, venue: str = "") -> None:
    """A meeting falls between 1974 and 2100: a calendar cannot print year 9999."""
    raise_if_any(
        date=out_of_range(date, label="Date of the meeting"),
        venue=too_long(venue, label="Venue", limit=200),
    )


@transaction.atomic
def meeting_create(
    *,
    committee: Committee,
    date: datetime.date,
    time: datetime.time | None = None,
    venue: str = "",
    invited_committees: Iterable[Committee] = (),
    by: Any = None,
) -> Meeting:
    """Record a meeting of a committee, with the other committees invited to it."""
    _meeting_check(date=date, venue=venue)
    meeting = Meeting(committee=committee, date=date, time=time, venue=venue)
    history_user_set(meeting, by)
    meeting.save()
    meeting.invited_committees.set(invited_committees)
    return meeting


@transaction.atomic
def meeting_find_or_create(*, committee: Committee, date: datetime.date, by: Any = None) -> Meeting:
    """The committee's meeting on that date, recorded if there is none. Files name a meeting
    by its date alone; where a committee met twice that day, the first recorded is meant."""
    found = Meeting.objects.filter(committee=committee, date=date).order_by("pk").first()
    if found is not None:
        return found
    return meeting_create(committee=committee, date=date, by=by)


@transaction.atomic
def person_seats_set(
    *, person: Person, seats: Mapping[Committee, str], by: Any = None
) -> list[Membership]:
    """Seat a person on committees, each in a role ("member", "chair" …), or take the seat away
    ("" for none); committees not named are left as they are. Returns the changes made."""
    unknown = [role for role in seats.values() if role and role not in Membership.Role.values]
    if unknown:
        raise ValidationError(f"“{unknown[0]}” is not a role on a committee.")
    current = {m.committee_id: m for m in person.memberships.all()}
    changed = []
    for committee, role in seats.items():
        membership = current.get(committee.pk)
        if membership is not None and not role:
            history_user_set(membership, by)
            membership.delete()
        elif membership is None and role:
            membership = Membership(committee=committee, person=person, role=role)
            history_user_set(membership, by)
            membership.save()
        elif membership is not None and membership.role != role:
            membership.role = role
            history_user_set(membership, by)
            membership.save()
        else:
            continue
        changed.append(membership)
    return changed
