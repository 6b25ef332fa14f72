"""Bringing in committees, meetings, agenda items and councillors from Modern.gov.

Everything is written through the owning app's services (``committees``, ``tracker``,
``core``), keyed by the Modern.gov ids, so a second run with nothing changed there writes
nothing here. Each committee is fetched whole (its meetings and each meeting's agenda) before
anything of it is written, then written in its own transaction: a fault (the service
unreachable, an answer cut short, a meeting that 404s) leaves that committee as it was, is
reported naming the operation and its parameters, and the next run picks it up.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from scrutineer.committees import services as committees
from scrutineer.committees.models import Committee, Meeting, Membership
from scrutineer.core import clock
from scrutineer.core import services as core
from scrutineer.core.calendar import add_months, long_date
from scrutineer.core.synced import SyncResult
from scrutineer.files.parsers import moderngov as mg
from scrutineer.files.parsers.moderngov import ModernGovError
from scrutineer.integrations.moderngov.client import ModernGovClient
from scrutineer.tracker import services as tracker

KINDS = ("committees", "meetings", "items", "councillors", "memberships")
OUTCOMES = ("created", "updated", "unchanged", "conflicts")
Progress = Callable[[int, int], None]


def default_window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """From the start of the last municipal year (1 May: LGA 1972 Sch. 12 para 1) to a year
    ahead."""
    start = today.year if today.month >= 5 else today.year - 1
    return datetime.date(start - 1, 5, 1), add_months(today, 12)


def meeting_status(text: str) -> str:
    """Modern.gov's meeting status (Confirmed, Cancelled, Provisional, Moved…) as ours."""
    lowered = text.strip().lower()
    if lowered.startswith("cancel"):
        return Meeting.Status.CANCELLED
    if lowered.startswith("provisional"):
        return Meeting.Status.PROVISIONAL
    if lowered.startswith(("moved", "postponed", "rescheduled")):
        return Meeting.Status.MOVED
    return Meeting.Status.SCHEDULED


def membership_role(text: str) -> str | None:
    """A seat on the committee for an attendee whose role is one ("Chair", "Vice-Chair",
    "Committee Member", "Co-opted Member"); None for officers, substitutes, reserves and
    others in attendance."""
    lowered = text.strip().lower()
    if any(word in lowered for word in ("substitute", "reserve", "officer", "attendance")):
        return None
    if "vice" in lowered or "deputy" in lowered:
        return Membership.Role.VICE_CHAIR if "chair" in lowered else None
    if lowered.startswith("chair"):
        return Membership.Role.CHAIR
    if "co-opt" in lowered or "coopt" in lowered:
        return Membership.Role.CO_OPTED
    if lowered in {"member", "members"} or lowered.endswith("committee member"):
        return Membership.Role.MEMBER
    return None


@dataclass
class SyncReport:
    """What a sync did: counts by kind of record, the changes and conflicts in words, and
    the faults. ``failed`` when nothing could be synced at all."""

    counts: dict[str, Counter[str]] = field(
        default_factory=lambda: {kind: Counter() for kind in KINDS}
    )
    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: bool = False
    # Records already counted: a councillor at every meeting is counted once.
    seen: set[tuple[str, Any]] = field(default_factory=set)

    def total(self, outcome: str) -> int:
        return sum(counter[outcome] for counter in self.counts.values())

    def merge(self, other: SyncReport) -> None:
        for kind, counter in other.counts.items():
            self.counts[kind].update(counter)
        self.lines += other.lines
        self.seen |= other.seen

    def record(self, kind: str, result: SyncResult, label: str) -> None:
        key = (kind, result.instance.pk)
        if key in self.seen and result.outcome == "unchanged" and not result.conflicts:
            return
        self.seen.add(key)
        self.counts[kind][result.outcome] += 1
        if result.outcome == "created":
            self.lines.append(f"Added {label}.")
        elif result.outcome == "updated":
            self.lines.append(f"Updated {label}: {', '.join(result.changed)}.")
        for conflict in result.conflicts:
            self.counts[kind]["conflicts"] += 1
            self.lines.append(f"Conflict: {conflict}")


@dataclass(frozen=True)
class FetchedCommittee:
    """A committee as Modern.gov lists it, with its meetings read in full."""

    committee: mg.Committee
    meetings: list[tuple[mg.Meeting, str]]  # each meeting with its agenda page


def moderngov_sync(
    *,
    client: ModernGovClient,
    date_from: datetime.date,
    date_to: datetime.date,
    committee_ids: Iterable[str] = (),
    dry_run: bool = False,
    by: Any = None,
    progress: Progress | None = None,
) -> SyncReport:
    """Bring in what Modern.gov holds: its committees (not deleted ones; expired ones as
    past committees), their meetings between the dates with each meeting's agenda items
    and attendees, and the councillors. With ``dry_run`` everything is reported and
    nothing is kept."""
    report = SyncReport()
    asked = [str(c) for c in committee_ids]
    if not dry_run:
        # No transaction around the whole: each committee commits in its own.
        _sync(client, date_from, date_to, asked, by, progress, report)
        return report
    with transaction.atomic():
        _sync(client, date_from, date_to, asked, by, progress, report)
        transaction.set_rollback(True)
    return report


def _sync(
    client: ModernGovClient,
    date_from: datetime.date,
    date_to: datetime.date,
    asked: list[str],
    by: Any,
    progress: Progress | None,
    report: SyncReport,
) -> None:
    try:
        listed = client.committees()
    except ModernGovError as error:
        report.errors.append(f"{error}. Nothing was changed.")
        report.failed = True
        return
    known = {committee.id: committee for committee in listed}
    for missing in [c for c in asked if c not in known or known[c].deleted]:
        report.errors.append(
            f"Committee {missing} is not among the committees Modern.gov lists, or is deleted "
            "there: it was left out."
        )
    wanted = [c for c in listed if not c.deleted and (not asked or c.id in asked)]
    deleted = sum(1 for c in listed if c.deleted)
    if deleted and not asked:
        report.lines.append(
            f"Left out {deleted} committee{'s' if deleted != 1 else ''} deleted in Modern.gov."
        )
    _sync_councillors(client, by, report)
    total = len(wanted)
    for done, committee in enumerate(wanted):
        if progress is not None:
            progress(done, total)
        # An expired committee is brought in as a past committee; its meetings only when it
        # is asked for by id (a council keeps hundreds of them, long finished).
        fetch_meetings = not committee.expired or committee.id in asked
        _sync_committee(client, committee, fetch_meetings, date_from, date_to, by, report)
    if progress is not None:
        progress(total, total)


def _sync_councillors(client: ModernGovClient, by: Any, report: SyncReport) -> None:
    try:
        councillors = client.councillors_by_ward()
    except ModernGovError as error:
        report.errors.append(
            f"Councillors were not brought in: {error}. Those at meetings are still recorded."
        )
        return
    part = SyncReport(seen=set(report.seen))
    try:
        with transaction.atomic():
            for councillor in councillors:
                result = core.councillor_sync(
                    external_id=councillor.id,
                    name=councillor.name,
                    party=councillor.party,
                    ward=councillor.ward,
                    key_posts=councillor.key_posts,
                    by=by,
                )
                part.record("councillors", result, f"councillor {result.instance.name}")
    except (ValidationError, DatabaseError) as error:
        report.errors.append(f"Councillors were not brought in: {_words(error)}.")
        return
    report.merge(part)


def _fetch(
    client: ModernGovClient,
    committee: mg.Committee,
    fetch_meetings: bool,
    date_from: datetime.date,
    date_to: datetime.date,
) -> FetchedCommittee:
    meetings = []
    if fetch_meetings:
        for summary in client.meetings(committee.id, date_from, date_to):
            meetings.append(
                (client.meeting(summary.id), client.agenda_url(committee.id, summary.id))
            )
    return FetchedCommittee(committee, meetings)


def _sync_committee(
    client: ModernGovClient,
    committee: mg.Committee,
    fetch_meetings: bool,
    date_from: datetime.date,
    date_to: datetime.date,
    by: Any,
    report: SyncReport,
) -> None:
    part = SyncReport(seen=set(report.seen))
    try:
        fetched = _fetch(client, committee, fetch_meetings, date_from, date_to)
        with transaction.atomic():
            committee_apply(fetched, by=by, report=part)
    except ModernGovError as error:
        report.errors.append(
            f"{committee.title} was not synced: {error}. Nothing of it was changed; the next "
            "run will try again."
        )
        return
    except (ValidationError, DatabaseError) as error:
        report.errors.append(
            f"{committee.title} was not synced: {_words(error)}. Nothing of it was changed; "
            "the next run will try again."
        )
        return
    report.merge(part)


def committee_apply(fetched: FetchedCommittee, *, by: Any, report: SyncReport) -> None:
    """Write one fetched committee, its meetings, their items and attendees through the
    domain's services, counting what each did in ``report``; the caller holds the
    transaction."""
    source = fetched.committee
    result = committees.committee_sync(
        external_id=source.id, name=source.title, is_expired=source.expired, by=by
    )
    committee: Committee = result.instance
    report.record("committees", result, f"committee {committee.name}")
    for source_meeting, agenda_url in fetched.meetings:
        found = committees.meeting_sync(
            committee=committee,
            external_id=source_meeting.id,
            date=source_meeting.date,
            time=source_meeting.time,
            venue=source_meeting.location,
            status=meeting_status(source_meeting.status),
            source_url=agenda_url,
            by=by,
        )
        meeting: Meeting = found.instance
        where = f"{committee.name}, {long_date(meeting.date)}"
        report.record("meetings", found, f"the meeting of {where}")
        if (
            source_meeting.minutes_published
            and meeting.minutes_published_on is None
            and meeting.date <= clock.today()
        ):
            # Its items, typed here as drafts, are public from the day the sync saw the minutes.
            committees.meeting_minutes_published_set(meeting=meeting, by=by)
        for item in source_meeting.items:
            synced = tracker.item_sync(
                meeting=meeting,
                external_id=item.id,
                title=item.title,
                agenda_number=item.number,
                agenda_html=item.agenda_html,
                minutes_html=item.minutes_html,
                documents=[{"title": d.title, "url": d.url} for d in item.documents],
                is_exempt=item.is_restricted,
                by=by,
            )
            shown = synced.instance
            exempt = " (exempt)" if shown.is_exempt else ""
            report.record(
                "items", synced, f"item {shown.number}. {shown.report_title}{exempt} ({where})"
            )
        for attendee in source_meeting.attendees:
            _attendee(committee, attendee, by, report)


def _attendee(committee: Committee, attendee: mg.Attendee, by: Any, report: SyncReport) -> None:
    role = membership_role(attendee.role)
    if not attendee.member_id or role is None:
        return  # officers and others in attendance are not brought in
    person = core.councillor_sync(
        external_id=attendee.member_id,
        name=attendee.name,
        party=attendee.party,
        ward=attendee.ward,
        key_posts=attendee.key_posts,
        fill_only=True,
        by=by,
    )
    report.record("councillors", person, f"councillor {person.instance.name}")
    seat = committees.membership_sync(committee=committee, person=person.instance, role=role, by=by)
    report.record("memberships", seat, f"{person.instance.name} as a member of {committee.name}")


def _words(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return f"the database refused it ({type(error).__name__}: {error})"
