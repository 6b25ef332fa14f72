"""Every write to meetings and committee seats: the pages, the imports and the briefing notes
all record a meeting here, so the rules and the history author are set in one place."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from scrutineer.committees.models import Committee, Meeting, Membership
from scrutineer.core import clock
from scrutineer.core.history import history_user_set
from scrutineer.core.models import Person
from scrutineer.core.synced import (
    SYNC_REASON,
    SyncConflict,
    SyncResult,
    synced_save,
    synced_snapshot,
)
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


# --- Keeping committees and meetings in step with Modern.gov ---------------------------------
# Matched by the Modern.gov id, or on first sight by name (a committee) or date (a meeting) to
# one recorded here by hand, which is then linked. Fields edited here are kept (core.synced).

_SMALL_WORDS = {"and", "of", "the", "for", "on", "to", "in", "&"}


def committee_kind_for(name: str) -> str:
    """The kind a committee's title suggests; an administrator may correct it."""
    lowered = name.lower()
    if "scrutiny" in lowered:
        return Committee.Kind.SCRUTINY
    if "audit" in lowered:
        return Committee.Kind.AUDIT
    if "cabinet" in lowered or "executive" in lowered:
        return Committee.Kind.EXECUTIVE
    if lowered.strip() in {"council", "full council", "county council", "city council"}:
        return Committee.Kind.COUNCIL
    return Committee.Kind.OTHER


def _unique(field: str, wanted: str, limit: int, suffix: str) -> str:
    value = wanted[:limit]
    if not Committee.objects.filter(**{f"{field}__iexact": value}).exists():
        return value
    return f"{wanted[: limit - len(suffix) - 1]}-{suffix}"


def _short_name(name: str) -> str:
    words = [w for w in re.split(r"[^A-Za-z0-9]+", name) if w and w.lower() not in _SMALL_WORDS]
    return "".join(w[0].upper() for w in words)[:12] or "C"


COMMITTEE_SYNCED_FIELDS = {"name": "title", "is_expired": "past committee"}


@transaction.atomic
def committee_sync(*, external_id: str, name: str, is_expired: bool, by: Any = None) -> SyncResult:
    """The committee with this Modern.gov id brought up to date, or recorded: its title and
    whether it is a past committee. Its kind, remit and members here are its own."""
    incoming: dict[str, Any] = {"name": name[:200], "is_expired": is_expired}
    found = Committee.objects.filter(external_id=external_id).first()
    link = ""
    if found is None:
        found = Committee.objects.filter(external_id="", name__iexact=incoming["name"]).first()
        link = external_id
    if found is not None:
        label = f"Committee {found.name}"
        new_name = incoming["name"]
        if (
            new_name != found.name
            and Committee.objects.exclude(pk=found.pk).filter(name__iexact=new_name).exists()
        ):
            # Another committee here has that name: keep this one's, and say so.
            incoming["name"] = found.name
            result = synced_save(
                found, incoming, label=label, by=by, verbose=COMMITTEE_SYNCED_FIELDS, link=link
            )
            result.conflicts.append(
                SyncConflict(label, "title", found.name, f"{new_name} (used by another committee)")
            )
            return result
        return synced_save(
            found, incoming, label=label, by=by, verbose=COMMITTEE_SYNCED_FIELDS, link=link
        )
    committee_name = _unique("name", str(incoming["name"]), 200, external_id)
    committee = Committee(
        name=committee_name,
        short_name=_unique("short_name", _short_name(committee_name), 20, external_id),
        slug=_unique("slug", slugify(committee_name)[:60] or "committee", 60, external_id),
        kind=committee_kind_for(committee_name),
        is_expired=is_expired,
        external_id=external_id,
        synced=synced_snapshot({**incoming, "name": committee_name}),
    )
    history_user_set(committee, by)
    committee._change_reason = SYNC_REASON  # type: ignore[attr-defined]
    committee.save()
    return SyncResult(committee, "created")


MEETING_SYNCED_FIELDS = {"source_url": "agenda page"}


@transaction.atomic
def meeting_sync(
    *,
    committee: Committee,
    external_id: str,
    date: datetime.date,
    time: datetime.time | None,
    venue: str,
    status: str,
    source_url: str,
    by: Any = None,
) -> SyncResult:
    """The meeting with this Modern.gov id brought up to date, or recorded: its date, time,
    venue, status (a cancelled meeting is kept, as cancelled) and agenda page."""
    venue = venue[:200]
    _meeting_check(date=date, venue=venue)
    incoming: dict[str, Any] = {
        "date": date,
        "time": time,
        "venue": venue,
        "status": status,
        "source_url": source_url[:500],
    }
    found = Meeting.objects.filter(external_id=external_id).first()
    link = ""
    if found is None:
        found = (
            Meeting.objects.filter(committee=committee, date=date, external_id="")
            .order_by("pk")
            .first()
        )
        link = external_id
    if found is not None:
        return synced_save(
            found,
            incoming,
            label=f"Meeting {found}",
            by=by,
            verbose=MEETING_SYNCED_FIELDS,
            link=link,
        )
    meeting = Meeting(
        committee=committee, external_id=external_id, synced=synced_snapshot(incoming), **incoming
    )
    history_user_set(meeting, by)
    meeting._change_reason = SYNC_REASON  # type: ignore[attr-defined]
    meeting.save()
    return SyncResult(meeting, "created")


@transaction.atomic
def membership_sync(
    *, committee: Committee, person: Person, role: str, by: Any = None
) -> SyncResult:
    """A seat on the committee for someone Modern.gov lists as its member. A seat recorded
    here is left as it is (its role too): members are managed here once they exist."""
    found = Membership.objects.filter(committee=committee, person=person).first()
    if found is not None:
        return SyncResult(found, "unchanged")
    membership = Membership(committee=committee, person=person, role=role)
    history_user_set(membership, by)
    membership._change_reason = SYNC_REASON  # type: ignore[attr-defined]
    membership.save()
    return SyncResult(membership, "created")


@transaction.atomic
def meeting_minutes_published_set(
    *, meeting: Meeting, published_on: datetime.date | None = None, by: Any = None
) -> Meeting:
    """Record the date the meeting's minutes were published (today if none is given): its
    draft items are public from then, by the tracker's visibility rule, which reads it."""
    published_on = published_on or clock.today()
    if published_on > clock.today():
        raise ValidationError(
            {"published_on": "The date the minutes were published must be today or in the past"}
        )
    if published_on < meeting.date:
        raise ValidationError(
            {
                "published_on": "The date the minutes were published must be the same as or "
                "after the meeting"
            }
        )
    fresh = Meeting.objects.select_for_update().get(pk=meeting.pk)
    fresh.minutes_published_on = published_on
    history_user_set(fresh, by)
    fresh.save()
    meeting.refresh_from_db()
    return meeting
