"""Writes to the forward plan and work programmes, including applying a parsed table."""

from __future__ import annotations

import contextlib
import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import clock
from scrutineer.core.calendar import long_date, municipal_year
from scrutineer.core.history import history_user_set
from scrutineer.core.services import person_find_or_create
from scrutineer.core.validation import TEXT_MAX, TITLE_MAX, raise_if_any, too_long
from scrutineer.files.parsers.tracker_text import ParsedForwardPlanItem
from scrutineer.programme.models import Disposition, ForwardPlanItem, WorkProgrammeItem
from scrutineer.tracker import services as tracker_services
from scrutineer.tracker.models import Recommendation


@dataclass
class ForwardPlanOutcome:
    line: int
    number: str
    action: str  # "create", "update" or "unchanged"


def _committee_for_remit(name: str) -> Committee | None:
    if not name:
        return None
    return (
        Committee.objects.filter(name__iexact=name).first()
        or Committee.objects.filter(name__icontains=name.removesuffix(" Committee")).first()
    )


@transaction.atomic
def forward_plan_import(
    *, items: tuple[ParsedForwardPlanItem, ...], committee: Committee, by: Any = None
) -> list[ForwardPlanOutcome]:
    """Record each forward-plan item and this committee's disposition of it; idempotent."""
    outcomes = []
    for parsed in items:
        plan_item, created = ForwardPlanItem.objects.get_or_create(
            title=parsed.title, decision_date=parsed.cabinet_date
        )
        wanted = {
            "position": int(parsed.number) if parsed.number.isdigit() else 0,
            "choice": parsed.disposition,
            "scheduled_for": parsed.scheduled_for,
            "other_committee": _committee_for_remit(parsed.other_committee),
            "note": parsed.information,
        }
        disposition = Disposition.objects.filter(
            forward_plan_item=plan_item, committee=committee
        ).first()
        action = "create" if created else "unchanged"
        if disposition is None:
            disposition = Disposition(forward_plan_item=plan_item, committee=committee, **wanted)
            action = "create" if created else "update"
        elif any(getattr(disposition, k) != v for k, v in wanted.items()):
            for key, value in wanted.items():
                setattr(disposition, key, value)
            action = "update"
        else:
            outcomes.append(ForwardPlanOutcome(parsed.line, parsed.number, action))
            continue
        history_user_set(disposition, by)
        disposition.save()
        outcomes.append(ForwardPlanOutcome(parsed.line, parsed.number, action))
    return outcomes


def forward_plan_preview(
    *, items: tuple[ParsedForwardPlanItem, ...], committee: Committee
) -> list[ForwardPlanOutcome]:
    """What forward_plan_import would do with these items, from reads alone."""
    outcomes = []
    for parsed in items:
        plan_item = ForwardPlanItem.objects.filter(
            title=parsed.title, decision_date=parsed.cabinet_date
        ).first()
        disposition = (
            Disposition.objects.filter(forward_plan_item=plan_item, committee=committee).first()
            if plan_item is not None
            else None
        )
        if plan_item is None:
            action = "create"
        elif disposition is None:
            action = "update"
        else:
            wanted = {
                "position": int(parsed.number) if parsed.number.isdigit() else 0,
                "choice": parsed.disposition,
                "scheduled_for": parsed.scheduled_for,
                "other_committee": _committee_for_remit(parsed.other_committee),
                "note": parsed.information,
            }
            changed = any(getattr(disposition, k) != v for k, v in wanted.items())
            action = "update" if changed else "unchanged"
        outcomes.append(ForwardPlanOutcome(parsed.line, parsed.number, action))
    return outcomes


class ProgrammeRuleBroken(Exception):
    """A work-programme or forward-plan rule refused the change."""


_STOP = {
    "and",
    "the",
    "of",
    "for",
    "to",
    "a",
    "in",
    "on",
    "report",
    "update",
    "plan",
    "council",
    "committee",
    "quarter",
    "review",
    "strategy",
    "with",
    "its",
    "including",
}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _STOP}


def disposition_suggest(
    *, item: ForwardPlanItem, committee: Committee
) -> tuple[str, Committee | None]:
    """Suggest what a committee does with a forward-plan item from the committees' remits:
    on its own remit, schedule it; in another's, say so; otherwise not on the programme."""
    title = _words(item.title)
    scored = [
        (len(title & _words(c.remit)), c)
        for c in Committee.objects.filter(
            kind__in=[Committee.Kind.SCRUTINY, Committee.Kind.AUDIT]
        ).exclude(remit="")
    ]
    best_score, best = max(scored, key=lambda pair: pair[0], default=(0, None))
    if best is None or best_score == 0:
        return Disposition.Choice.NOT_ON_WORK_PROGRAMME, None
    own = next((score for score, c in scored if c.pk == committee.pk), 0)
    if own >= best_score:
        return Disposition.Choice.SCHEDULED, None
    return Disposition.Choice.OTHER_COMMITTEE, best


def pre_decision_check(*, plan_item: ForwardPlanItem, meeting: Meeting | None, field: str) -> None:
    """Pre-decision scrutiny comes before the decision: the meeting cannot be after it. When
    the forward plan gives only the month, any meeting in or before that month will do."""
    if meeting is None:
        return
    latest = plan_item.decision_date
    when = f"the decision on {long_date(latest)}"
    if plan_item.decision_date_precision == ForwardPlanItem.Precision.MONTH:
        latest = (latest.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        latest -= datetime.timedelta(days=1)
        when = f"the decision, due in {latest:%B %Y}"
    if meeting.date > latest:
        raise ValidationError({field: [f"Choose a meeting on or before {when}"]})


@transaction.atomic
def disposition_set(
    *,
    disposition: Disposition,
    choice: str,
    meeting: Meeting | None = None,
    other_committee: Committee | None = None,
    note: str = "",
    by: Any = None,
) -> Disposition:
    """Record a committee's decision on a forward-plan item; scheduling it for a meeting puts
    it on the committee's work programme."""
    if choice == Disposition.Choice.SCHEDULED and meeting is None:
        raise ProgrammeRuleBroken("Choose the meeting it is scheduled for.")
    if choice == Disposition.Choice.OTHER_COMMITTEE and other_committee is None:
        raise ProgrammeRuleBroken("Choose the committee whose remit it falls within.")
    if meeting is not None and meeting.committee_id != disposition.committee_id:
        raise ProgrammeRuleBroken("The meeting must be one of this committee's.")
    raise_if_any(note=too_long(note, label="Note", limit=TEXT_MAX))
    if choice == Disposition.Choice.SCHEDULED:
        pre_decision_check(
            plan_item=disposition.forward_plan_item, meeting=meeting, field="meeting"
        )
    before = (disposition.choice, disposition.meeting_id, disposition.other_committee_id)
    old_note = disposition.note
    disposition.choice = choice
    disposition.meeting = meeting if choice == Disposition.Choice.SCHEDULED else None
    disposition.scheduled_for = disposition.meeting.date if disposition.meeting else None
    disposition.other_committee = (
        other_committee if choice == Disposition.Choice.OTHER_COMMITTEE else None
    )
    changed = before != (disposition.choice, disposition.meeting_id, disposition.other_committee_id)
    # The old wording describes the old decision: replace it unless the user rewrote it.
    stale = note.strip() == old_note and changed
    disposition.note = _default_note(disposition) if stale or not note.strip() else note.strip()
    history_user_set(disposition, by)
    disposition.save()
    if disposition.meeting is not None:
        plan_item = disposition.forward_plan_item
        work_item = WorkProgrammeItem.objects.filter(
            committee=disposition.committee, forward_plan_item=plan_item
        ).first()
        if work_item is None:
            work_programme_add(
                committee=disposition.committee,
                title=plan_item.title,
                source=WorkProgrammeItem.Source.FORWARD_PLAN,
                planned_meeting=disposition.meeting,
                forward_plan_item=plan_item,
                purpose=f"Pre-decision scrutiny before {plan_item.decision_maker} decides.",
                by=by,
            )
        else:
            work_item.planned_meeting = disposition.meeting
            work_item.status = WorkProgrammeItem.Status.SCHEDULED
            work_item.save()
    return disposition


def _default_note(disposition: Disposition) -> str:
    short = disposition.committee.short_name
    if disposition.meeting is not None:
        return f"Scheduled for {short} on {disposition.meeting.date:%-d %B %Y}."
    if disposition.other_committee is not None:
        return f"Falls within {disposition.other_committee.name} remit."
    return f"Not on {short} work programme."


@transaction.atomic
def work_programme_add(
    *,
    committee: Committee,
    title: str,
    source: str = WorkProgrammeItem.Source.MEMBER,
    planned_meeting: Meeting | None = None,
    purpose: str = "",
    intended_outcome: str = "",
    forward_plan_item: ForwardPlanItem | None = None,
    recommendation: Recommendation | None = None,
    by: Any = None,
) -> WorkProgrammeItem:
    """Add something the committee plans to consider; with a meeting it is scheduled."""
    if planned_meeting is not None and planned_meeting.committee_id != committee.pk:
        raise ProgrammeRuleBroken("The meeting must be one of this committee's.")
    raise_if_any(
        title=too_long(title.strip(), label="Title", limit=TITLE_MAX),
        purpose=too_long(purpose, label="Purpose", limit=TEXT_MAX),
        intended_outcome=too_long(intended_outcome, label="Intended outcome", limit=TEXT_MAX),
    )
    if forward_plan_item is not None:
        pre_decision_check(
            plan_item=forward_plan_item, meeting=planned_meeting, field="planned_meeting"
        )
    day = planned_meeting.date if planned_meeting else clock.today()
    item = WorkProgrammeItem(
        committee=committee,
        municipal_year=municipal_year(day),
        title=title.strip(),
        purpose=purpose.strip(),
        intended_outcome=intended_outcome.strip(),
        source=source,
        forward_plan_item=forward_plan_item,
        recommendation=recommendation,
        planned_meeting=planned_meeting,
        status=(
            WorkProgrammeItem.Status.SCHEDULED
            if planned_meeting
            else WorkProgrammeItem.Status.PROPOSED
        ),
    )
    history_user_set(item, by)
    item.save()
    return item


@transaction.atomic
def work_programme_recurring(
    *,
    committee: Committee,
    title: str,
    months: list[int],
    municipal_year_start: int,
    by: Any = None,
) -> list[WorkProgrammeItem]:
    """Items that recur (quarterly finance reports, say): one for each month in ``months``,
    at the committee's first meeting in or after that month of the municipal year."""
    created = []
    for month in months:
        year = municipal_year_start if month >= 5 else municipal_year_start + 1
        due = datetime.date(year, month, 1)
        meeting = committee.meetings.filter(date__gte=due).order_by("date").first()
        label = f"{title} ({due:%B %Y})"
        if WorkProgrammeItem.objects.filter(committee=committee, title=label).exists():
            continue
        created.append(
            work_programme_add(
                committee=committee,
                title=label,
                source=WorkProgrammeItem.Source.RECURRING,
                planned_meeting=meeting,
                by=by,
            )
        )
    return created


@transaction.atomic
def work_programme_consider(
    *,
    item: WorkProgrammeItem,
    meeting: Meeting,
    close_recommendation: bool = False,
    by: Any = None,
) -> WorkProgrammeItem:
    """The committee considered the item; if it came from a recommendation, that can close it."""
    item.status = WorkProgrammeItem.Status.CONSIDERED
    item.planned_meeting = meeting
    item.save()
    rec = item.recommendation
    if close_recommendation and rec is not None and rec.is_open:
        # Closed meanwhile (a second submit, or someone else) is what was wanted.
        with contextlib.suppress(tracker_services.AlreadyDone):
            tracker_services.recommendation_close(
                recommendation=rec,
                closed_by=by,
                agreed_at=meeting,
                reason=f"Considered at the meeting of {meeting.date:%-d %B %Y}: {item.title}",
            )
    return item


@transaction.atomic
def forward_plan_entries_import(
    *, entries: tuple[Any, ...], committee: Committee | None = None, by: Any = None
) -> list[ForwardPlanOutcome]:
    """Create or update forward-plan items (matched by title and decision date); for a given
    scrutiny committee, add a suggested disposition to items it has none for."""
    outcomes = []
    for entry in entries:
        fields = {
            "decision_maker": entry.decision_maker,
            "decision_date_precision": entry.precision,
            "is_key_decision": entry.is_key_decision,
            "portfolio": entry.portfolio,
            "first_published": entry.first_published,
            "is_exempt": entry.is_exempt,
            "lead_officer": person_find_or_create(name=entry.lead_officer)
            if entry.lead_officer
            else None,
        }
        item = ForwardPlanItem.objects.filter(
            title=entry.title, decision_date=entry.decision_date
        ).first()
        action = "unchanged"
        if item is None:
            item = ForwardPlanItem(title=entry.title, decision_date=entry.decision_date, **fields)
            action = "create"
        elif any(getattr(item, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(item, key, value)
            action = "update"
        if action != "unchanged":
            history_user_set(item, by)
            item.save()
        if committee is not None and not item.dispositions.filter(committee=committee).exists():
            choice, other = disposition_suggest(item=item, committee=committee)
            if choice == Disposition.Choice.SCHEDULED:
                # A suggestion to schedule still needs a meeting: it waits as not yet planned.
                choice = Disposition.Choice.NOT_ON_WORK_PROGRAMME
            position = committee.dispositions.count() + 1
            disposition = Disposition(
                forward_plan_item=item,
                committee=committee,
                position=position,
                choice=choice,
                other_committee=other,
            )
            disposition.note = _default_note(disposition)
            disposition.save()
        outcomes.append(ForwardPlanOutcome(entry.row, str(entry.row), action))
    return outcomes
