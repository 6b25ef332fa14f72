"""What each scrutiny committee does with a forward-plan item: suggesting it from the remits,
and recording the committee's decision."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core.calendar import long_date, month_year
from scrutineer.core.history import history_user_set
from scrutineer.core.validation import TEXT_MAX, raise_if_any, too_long
from scrutineer.programme.models import Disposition, ForwardPlanItem, WorkProgrammeItem
from scrutineer.programme.services.executive_decisions import pre_decision_check
from scrutineer.programme.services.work_programme import (
    ProgrammeRuleBroken,
    work_programme_add,
    work_programme_schedule,
    work_programme_unschedule,
    work_programme_withdraw,
)

# Words every remit and title shares, which say nothing about whose remit an item is in.
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


def disposition_propose(
    *, item: ForwardPlanItem, committee: Committee, by: Any = None
) -> Disposition | None:
    """Put a new forward-plan item in the committee's table with the suggested disposition,
    unless the committee already has one for it."""
    if item.dispositions.filter(committee=committee).exists():
        return None
    choice, other = disposition_suggest(item=item, committee=committee)
    if choice == Disposition.Choice.SCHEDULED:
        # A suggestion to schedule still needs a meeting: it waits as not yet planned.
        choice = Disposition.Choice.NOT_ON_WORK_PROGRAMME
    disposition = Disposition(
        forward_plan_item=item,
        committee=committee,
        position=committee.dispositions.count() + 1,
        choice=choice,
        other_committee=other,
    )
    disposition.note = _default_note(disposition)
    history_user_set(disposition, by)
    disposition.save()
    return disposition


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
    it on the committee's work programme for that meeting, and anything else takes it off."""
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
    work_programme_follow(disposition=disposition, by=by)
    return disposition


def _work_item(disposition: Disposition) -> WorkProgrammeItem | None:
    """The committee's work-programme entry for the disposition's forward-plan item (none for
    an item not yet recorded, as an import's preview has it)."""
    if disposition.forward_plan_item_id is None:
        return None
    return (
        WorkProgrammeItem.objects.filter(
            committee_id=disposition.committee_id,
            forward_plan_item_id=disposition.forward_plan_item_id,
        )
        .order_by("pk")
        .first()
    )


def _follow_action(disposition: Disposition, work_item: WorkProgrammeItem | None) -> str:
    """What keeping the work programme in step with the disposition takes: "add", "schedule",
    "restore" (back on, no meeting fixed), "withdraw", or "" (nothing)."""
    status = WorkProgrammeItem.Status
    if work_item is not None and work_item.status == status.CONSIDERED:
        return ""  # the committee has considered it: that record stays as it is
    if disposition.choice == Disposition.Choice.SCHEDULED:
        if work_item is None:
            return "add"
        if disposition.meeting_id is not None:
            wanted = (disposition.meeting_id, status.SCHEDULED)
            return "" if (work_item.planned_meeting_id, work_item.status) == wanted else "schedule"
        # Scheduled for a month with no meeting recorded yet: on the programme, unplanned.
        return "restore" if work_item.status == status.WITHDRAWN else ""
    if work_item is not None and work_item.status != status.WITHDRAWN:
        return "withdraw"
    return ""


def work_programme_change_of(disposition: Disposition) -> str:
    """What saving the disposition does to the committee's work programme, in words for an
    import's preview, or "" when it already shows it."""
    action = _follow_action(disposition, _work_item(disposition))
    if action in {"add", "schedule"} and disposition.meeting is not None:
        return f"on the work programme for the meeting of {disposition.meeting.date:%-d %B %Y}"
    if action in {"add", "restore"}:
        return "on the work programme, its meeting not yet fixed"
    if action == "withdraw":
        return "taken off the work programme"
    return ""


def work_programme_follow(*, disposition: Disposition, by: Any = None) -> None:
    """Keep the committee's work programme in step with what it does with a forward-plan
    item: scheduled for a meeting puts it on the programme for that meeting (for a month with no
    meeting yet, on the programme unplanned); anything else takes it off. An item the committee
    has considered stays as it is."""
    work_item = _work_item(disposition)
    action = _follow_action(disposition, work_item)
    if action == "add":
        plan_item = disposition.forward_plan_item
        work_programme_add(
            committee=disposition.committee,
            title=plan_item.title,
            source=WorkProgrammeItem.Source.FORWARD_PLAN,
            planned_meeting=disposition.meeting,
            forward_plan_item=plan_item,
            purpose=_purpose(plan_item),
            by=by,
        )
    elif work_item is not None and action == "schedule" and disposition.meeting is not None:
        work_programme_schedule(item=work_item, meeting=disposition.meeting, by=by)
    elif work_item is not None and action == "restore":
        work_programme_unschedule(item=work_item, by=by)
    elif work_item is not None and action == "withdraw":
        work_programme_withdraw(item=work_item, by=by)


def _purpose(plan_item: ForwardPlanItem) -> str:
    if plan_item.decision_date_precision == ForwardPlanItem.Precision.MONTH:
        when = f"in {month_year(plan_item.decision_date)}"
    else:
        when = f"on {long_date(plan_item.decision_date)}"
    return f"Pre-decision scrutiny before {plan_item.decision_maker} decides {when}."


def _default_note(disposition: Disposition) -> str:
    short = disposition.committee.short_name
    if disposition.meeting is not None:
        return f"Scheduled for {short} on {disposition.meeting.date:%-d %B %Y}."
    if disposition.choice == Disposition.Choice.SCHEDULED and disposition.scheduled_for:
        return f"Scheduled for {short} in {month_year(disposition.scheduled_for)}."
    if disposition.other_committee is not None:
        return f"Falls within {disposition.other_committee.name} remit."
    return f"Not on {short} work programme."
