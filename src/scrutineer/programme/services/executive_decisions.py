"""Pre-decision scrutiny comes before the executive's decision; the executive's decisions are
recorded, and members may call them in. (The forward plan's notice rule and the call-in period
are pure and live in core/calendar.py.)"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scrutineer.committees.models import Meeting
from scrutineer.core.calendar import long_date, month_year
from scrutineer.core.history import history_user_set
from scrutineer.core.models import Person
from scrutineer.core.validation import (
    TEXT_MAX,
    TITLE_MAX,
    after,
    before,
    first_of,
    out_of_range,
    raise_if_any,
    too_long,
)
from scrutineer.programme.models import CallIn, ExecutiveDecision, ForwardPlanItem
from scrutineer.programme.selectors import (
    CallInRule,
    call_in_rule,
    closure_days,
    decision_call_in_deadline,
    decision_latest_day,
)


def pre_decision_check(*, plan_item: ForwardPlanItem, meeting: Meeting | None, field: str) -> None:
    """Pre-decision scrutiny comes before the decision: the meeting cannot be after it. When
    the forward plan gives only the month, any meeting in or before that month will do."""
    if meeting is None:
        return
    latest = decision_latest_day(plan_item)
    when = f"the decision on {long_date(latest)}"
    if plan_item.decision_date_precision == ForwardPlanItem.Precision.MONTH:
        when = f"the decision, due in {month_year(latest)}"
    if meeting.date > latest:
        raise ValidationError({field: [f"Choose a meeting on or before {when}"]})


# Executive decisions and their call-in.

NAME_MAX = 200  # the decision-maker: a line of a table
REFERENCE_MAX = 100
URL_MAX = 500


def _decision_checked(
    *,
    decision: ExecutiveDecision | None,
    title: str,
    decision_maker: str,
    decided_on: datetime.date | None,
    summary: str,
    exempt_from_call_in: bool,
    urgency_reason: str,
    report_url: str,
    published_at: datetime.datetime | None,
    external_reference: str,
) -> dict[str, Any]:
    """The decision's fields as stored, or one ValidationError naming every broken rule."""
    title, decision_maker = title.strip(), decision_maker.strip()
    summary, urgency_reason = summary.strip(), urgency_reason.strip()
    report_url, external_reference = report_url.strip(), external_reference.strip()
    duplicate = None
    if title and decided_on is not None:
        others = ExecutiveDecision.objects.filter(title=title, decided_on=decided_on)
        if decision is not None:
            others = others.exclude(pk=decision.pk)
        if others.exists():
            duplicate = f"A decision “{title}” of {long_date(decided_on)} is already recorded"
    published_on = timezone.localdate(published_at) if published_at is not None else None
    raise_if_any(
        title=first_of(
            None if title else "Enter the title of the decision",
            too_long(title, label="Title", limit=TITLE_MAX),
            duplicate,
        ),
        decision_maker=first_of(
            None if decision_maker else "Enter who took the decision",
            too_long(decision_maker, label="Decision-maker", limit=NAME_MAX),
        ),
        decided_on=first_of(
            None if decided_on else "Enter the date of the decision",
            out_of_range(decided_on, label="Date of the decision"),
        ),
        summary=too_long(summary, label="Summary", limit=TEXT_MAX),
        urgency_reason=first_of(
            "Enter why the decision is urgent and exempt from call-in"
            if exempt_from_call_in and not urgency_reason
            else None,
            too_long(urgency_reason, label="Reason", limit=TEXT_MAX),
        ),
        report_url=too_long(report_url, label="Link to the report", limit=URL_MAX),
        published_on=first_of(
            out_of_range(published_on, label="Date published"),
            before(published_on, label="Date published", earliest=decided_on, what="the decision"),
        ),
        external_reference=too_long(external_reference, label="Reference", limit=REFERENCE_MAX),
    )
    return {
        "title": title,
        "decision_maker": decision_maker,
        "decided_on": decided_on,
        "summary": summary,
        "exempt_from_call_in": exempt_from_call_in,
        # Not urgent, no reason: a reason left in the form means nothing without it.
        "urgency_reason": urgency_reason if exempt_from_call_in else "",
        "report_url": report_url,
        "published_at": published_at,
        "external_reference": external_reference,
    }


@transaction.atomic
def decision_create(
    *,
    title: str,
    decided_on: datetime.date | None,
    decision_maker: str = "Cabinet",
    summary: str = "",
    is_key_decision: bool = False,
    exempt_from_call_in: bool = False,
    urgency_reason: str = "",
    forward_plan_item: ForwardPlanItem | None = None,
    report_url: str = "",
    published_at: datetime.datetime | None = None,
    is_exempt: bool = False,
    external_reference: str = "",
    by: Any = None,
) -> ExecutiveDecision:
    """Record an executive decision; once published, its call-in period runs."""
    fields = _decision_checked(
        decision=None,
        title=title,
        decision_maker=decision_maker,
        decided_on=decided_on,
        summary=summary,
        exempt_from_call_in=exempt_from_call_in,
        urgency_reason=urgency_reason,
        report_url=report_url,
        published_at=published_at,
        external_reference=external_reference,
    )
    decision = ExecutiveDecision(
        **fields,
        is_key_decision=is_key_decision,
        forward_plan_item=forward_plan_item,
        is_exempt=is_exempt,
    )
    history_user_set(decision, by)
    decision.save()
    return decision


@transaction.atomic
def decision_update(
    *,
    decision: ExecutiveDecision,
    title: str,
    decided_on: datetime.date | None,
    decision_maker: str,
    summary: str,
    is_key_decision: bool,
    exempt_from_call_in: bool,
    urgency_reason: str,
    forward_plan_item: ForwardPlanItem | None,
    report_url: str,
    published_at: datetime.datetime | None,
    is_exempt: bool,
    external_reference: str,
    by: Any = None,
) -> ExecutiveDecision:
    """Change a decision's record; nothing is written when nothing changed."""
    decision = ExecutiveDecision.objects.select_for_update().get(pk=decision.pk)
    fields = _decision_checked(
        decision=decision,
        title=title,
        decision_maker=decision_maker,
        decided_on=decided_on,
        summary=summary,
        exempt_from_call_in=exempt_from_call_in,
        urgency_reason=urgency_reason,
        report_url=report_url,
        published_at=published_at,
        external_reference=external_reference,
    )
    fields |= {
        "is_key_decision": is_key_decision,
        "forward_plan_item": forward_plan_item,
        "is_exempt": is_exempt,
    }
    if any(getattr(decision, key) != value for key, value in fields.items()):
        for key, value in fields.items():
            setattr(decision, key, value)
        history_user_set(decision, by)
        decision.save()
    return decision


@transaction.atomic
def call_in_record(
    *,
    decision: ExecutiveDecision,
    received_on: datetime.date | None,
    signatories: Iterable[Person],
    reasons: str,
    by: Any = None,
    rule: CallInRule | None = None,
) -> CallIn:
    """Record members' request to call in a decision. It must be signed by as many
    councillors as the constitution asks (SCRUTINEER_CALL_IN_MEMBERS) and received within the
    call-in period; an urgent decision exempt from call-in, one not yet published, and one
    already called in cannot be called in."""
    decision = ExecutiveDecision.objects.select_for_update().get(pk=decision.pk)
    rule = rule or call_in_rule()
    signed = list(signatories)
    reasons = reasons.strip()
    deadline = decision_call_in_deadline(decision, rule=rule, closures=closure_days())
    if decision.exempt_from_call_in:
        raise ValidationError("This decision is exempt from call-in: it was urgent")
    if deadline is None:
        raise ValidationError("A decision cannot be called in before it is published")
    waiting = decision.call_ins.exclude(status=CallIn.Status.WITHDRAWN)
    if waiting.exists():
        raise ValidationError("This decision has already been called in")
    last_day = timezone.localdate(deadline)
    published = timezone.localdate(decision.published_at)
    not_councillors = [p.name for p in signed if p.kind != Person.Kind.COUNCILLOR]
    members = "member" if rule.members == 1 else "members"
    raise_if_any(
        received_on=first_of(
            None if received_on else "Enter the date the call-in was received",
            before(received_on, label="Date received", earliest=published, what="publication"),
            after(
                received_on,
                label="Date received",
                latest=last_day,
                what="the end of the call-in period",
            ),
        ),
        signatories=first_of(
            f"Only councillors can sign a call-in: {', '.join(not_councillors)} is not one"
            if not_councillors
            else None,
            f"A call-in needs {rule.members} {members} to sign it: select at least "
            f"{rule.members} councillors"
            if len(signed) < rule.members
            else None,
        ),
        reasons=first_of(
            None if reasons else "Enter the reasons for the call-in",
            too_long(reasons, label="Reasons", limit=TEXT_MAX),
        ),
    )
    assert received_on is not None  # nosec B101
    call_in = CallIn(decision=decision, received_on=received_on, reasons=reasons)
    history_user_set(call_in, by)
    call_in.save()
    call_in.signatories.set(signed)
    return call_in


@transaction.atomic
def call_in_outcome_set(
    *,
    call_in: CallIn,
    status: str,
    outcome_on: datetime.date | None,
    meeting: Meeting | None = None,
    outcome_note: str = "",
    by: Any = None,
) -> CallIn:
    """Record what came of a call-in: no further action, referred back to the
    decision-maker, referred to full council, or withdrawn; with the date, and the meeting of
    the committee that considered it."""
    call_in = CallIn.objects.select_for_update().get(pk=call_in.pk)
    outcome_note = outcome_note.strip()
    pending = status == CallIn.Status.PENDING
    raise_if_any(
        status=None if status in CallIn.Status.values else "Select what came of the call-in",
        outcome_on=first_of(
            "Enter the date of the outcome" if not pending and outcome_on is None else None,
            out_of_range(outcome_on, label="Date of the outcome"),
            before(
                outcome_on,
                label="Date of the outcome",
                earliest=call_in.received_on,
                what="the call-in",
            ),
        ),
        meeting=before(
            meeting.date if meeting else None,
            label="The meeting",
            earliest=call_in.received_on,
            what="the call-in",
        ),
        outcome_note=too_long(outcome_note, label="Note", limit=TEXT_MAX),
    )
    call_in.status = status
    call_in.outcome_on = None if pending else outcome_on
    call_in.meeting = meeting
    call_in.outcome_note = outcome_note
    history_user_set(call_in, by)
    call_in.save()
    return call_in
