"""Reminder digests: who must update what, and why; sent at most once per period."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypedDict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Min, Q
from django.urls import reverse

from scrutineer.committees.models import Meeting
from scrutineer.core.calendar import add_working_days
from scrutineer.core.mail import email_message
from scrutineer.core.models import ClosureDay, Person
from scrutineer.core.roles import Role
from scrutineer.core.sanitise import markup_free
from scrutineer.tracker.models import ProgressUpdate, Recommendation, ReminderLog
from scrutineer.tracker.selectors.tracker_page import progress_stale_before
from scrutineer.tracker.selectors.visibility import in_force


class Need(StrEnum):
    """Why a recommendation needs an update; the e-mail templates say it in words."""

    OVERDUE = "overdue"  # the date is its due date
    STALE = "stale"  # the date is its last progress update
    MEETING = "meeting"  # the date is its committee's next meeting
    ASKED = "asked"  # the scrutiny team asked for an update now; the date is today


@dataclass
class Reason:
    recommendation: Recommendation
    need: Need
    date: datetime.date

    @property
    def summary(self) -> str:
        return markup_free(self.recommendation.text)[:200]

    @property
    def update_url(self) -> str:
        return settings.SCRUTINEER_BASE_URL + reverse(
            "tracker:progress_add", args=[self.recommendation.pk]
        )


@dataclass
class Digest:
    recipient: str
    name: str
    reasons: list[Reason] = field(default_factory=list)

    @property
    def subject(self) -> str:
        count = len(self.reasons)
        if count == 1:
            return "Scrutineer: 1 recommendation needs your update"
        return f"Scrutineer: {count} recommendations need your update"

    def message(self) -> EmailMessage:
        return email_message(
            template="tracker/email/assignee_digest",
            subject=self.subject,
            to=[self.recipient],
            context={"name": self.name, "reasons": self.reasons},
        )


def _add_to_digests(digests: dict[str, Digest], rec: Recommendation, reason: Reason) -> None:
    """The reason, in the digest of each person behind the recommendation's assignees (a
    team's members for a team) who has an e-mail address."""
    people: set[Person] = set()
    for assignee in rec.assignees.all():
        if assignee.kind == Person.Kind.TEAM:
            people.update(assignee.team_members.all())
        else:
            people.add(assignee)
    for person in people:
        email = _email_of(person)
        if email:
            digest = digests.setdefault(email, Digest(recipient=email, name=person.name))
            digest.reasons.append(reason)


def _email_of(person: Person) -> str:
    return person.email or (person.user.email if person.user_id and person.user else "")


def assignee_digests(*, today: datetime.date) -> list[Digest]:
    """Per person (teams reach their members): open recommendations overdue, stale, or due an
    update before their committee's next meeting."""
    closures = list(ClosureDay.objects.values_list("date", flat=True))
    horizon = add_working_days(today, settings.SCRUTINEER_UPDATE_BEFORE_MEETING_DAYS, closures)
    meetings = Meeting.objects.values("committee").annotate(
        next=Min("date", filter=Q(date__gte=today)), last=Max("date", filter=Q(date__lt=today))
    )
    next_meeting = {m["committee"]: (m["next"], m["last"]) for m in meetings}
    latest = dict(
        ProgressUpdate.objects.filter(withdrawn_at__isnull=True)
        .values("item")
        .annotate(latest=Max("date"))
        .values_list("item", "latest")
    )
    threshold = progress_stale_before(today)
    digests: dict[str, Digest] = {}
    recs = (
        Recommendation.objects.filter(in_force(), status="open", kind="action")
        .select_related("item__meeting__committee")
        .prefetch_related("assignees__team_members__user", "assignees__user")
    )
    for rec in recs:
        last_update = latest.get(rec.item_id, rec.item.meeting.date)
        upcoming, previous = next_meeting.get(rec.item.meeting.committee_id, (None, None))
        if rec.due_date and rec.due_date < today:
            reason = Reason(rec, Need.OVERDUE, rec.due_date)
        elif last_update < threshold:
            reason = Reason(rec, Need.STALE, last_update)
        elif upcoming and upcoming <= horizon and (previous is None or last_update < previous):
            reason = Reason(rec, Need.MEETING, upcoming)
        else:
            continue
        _add_to_digests(digests, rec, reason)
    return sorted(digests.values(), key=lambda d: d.recipient)


def requested_digests(*, recommendation_ids: list[int], today: datetime.date) -> list[Digest]:
    """Per person (teams reach their members): the open recommendations among these that the
    scrutiny team asked them to update now, each with why (overdue, stale, or simply asked)."""
    threshold = progress_stale_before(today)
    latest = dict(
        ProgressUpdate.objects.filter(item__recommendations__in=recommendation_ids)
        .values("item")
        .annotate(latest=Max("date"))
        .values_list("item", "latest")
    )
    recs = (
        Recommendation.objects.filter(pk__in=recommendation_ids, status="open")
        .select_related("item__meeting__committee")
        .prefetch_related("assignees__team_members__user", "assignees__user")
        .order_by("pk")
    )
    digests: dict[str, Digest] = {}
    for rec in recs:
        last_update = latest.get(rec.item_id, rec.item.meeting.date)
        if rec.due_date and rec.due_date < today:
            reason = Reason(rec, Need.OVERDUE, rec.due_date)
        elif last_update < threshold:
            reason = Reason(rec, Need.STALE, last_update)
        else:
            reason = Reason(rec, Need.ASKED, today)
        _add_to_digests(digests, rec, reason)
    return sorted(digests.values(), key=lambda d: d.recipient)


def reminders_send_requested(
    *, recommendation_ids: list[int], today: datetime.date, progress: Any = None
) -> list[tuple[str, list[str]]]:
    """Send the assignees of these recommendations a reminder now, at most once a day each
    (ReminderLog): returns (recipient, references) for each message sent."""
    sent: list[tuple[str, list[str]]] = []
    digests = requested_digests(recommendation_ids=recommendation_ids, today=today)
    for done, digest in enumerate(digests, start=1):
        refs = [r.recommendation.reference for r in digest.reasons]
        if _send_once(
            ReminderLog.Kind.REQUESTED,
            digest.recipient,
            today.isoformat(),
            digest.message(),
            refs,
            dry_run=False,
        ):
            sent.append((digest.recipient, refs))
        if progress is not None:
            progress(done, len(digests))
    return sent


class WeeklyRow(TypedDict):
    committee: str
    open: int
    overdue: int


def weekly_digest_rows(*, today: datetime.date) -> list[WeeklyRow]:
    """Outstanding recommendations per committee, for scrutiny officers."""
    return list(
        Recommendation.objects.filter(in_force(), status="open", kind="action")
        .values(committee=F("item__meeting__committee__name"))
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(due_date__lt=today)),
        )
        .order_by("committee")
    )


def _send_once(
    kind: str,
    recipient: str,
    period: str,
    message: EmailMessage,
    references: list[str],
    dry_run: bool,
) -> bool:
    if ReminderLog.objects.filter(kind=kind, recipient=recipient, period=period).exists():
        return False
    if dry_run:
        return True
    try:
        with transaction.atomic():
            ReminderLog.objects.create(
                kind=kind, recipient=recipient, period=period, recommendations=references
            )
            message.send()
    except IntegrityError:  # another run sent it a moment ago
        return False
    return True


def reminders_send(
    *, today: datetime.date, dry_run: bool = False, weekly: bool | None = None
) -> list[tuple[str, str, list[str]]]:
    """Send what is due today; returns (kind, recipient, references) for each message sent."""
    sent: list[tuple[str, str, list[str]]] = []
    for digest in assignee_digests(today=today):
        refs = [r.recommendation.reference for r in digest.reasons]
        if _send_once(
            ReminderLog.Kind.ASSIGNEE_DIGEST,
            digest.recipient,
            today.isoformat(),
            digest.message(),
            refs,
            dry_run,
        ):
            sent.append((ReminderLog.Kind.ASSIGNEE_DIGEST, digest.recipient, refs))
    if weekly is None:
        weekly = today.weekday() == 0
    if weekly:
        year, week, _ = today.isocalendar()
        weekly_context = {
            "today": today,
            "rows": weekly_digest_rows(today=today),
            "overdue_url": settings.SCRUTINEER_BASE_URL + reverse("tracker:overdue"),
        }
        officers: Any = (
            get_user_model()
            .objects.filter(groups__name=Role.SCRUTINY_OFFICER.value, is_active=True)
            .exclude(email="")
        )
        for officer in officers:
            if _send_once(
                ReminderLog.Kind.WEEKLY_DIGEST,
                officer.email,
                f"{year}-W{week:02d}",
                email_message(
                    template="tracker/email/weekly_digest",
                    subject="Scrutineer: this week's outstanding recommendations",
                    to=[officer.email],
                    context=weekly_context,
                ),
                [],
                dry_run,
            ):
                sent.append((ReminderLog.Kind.WEEKLY_DIGEST, officer.email, []))
    return sent
