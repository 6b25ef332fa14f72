"""Executive decisions and call-in: the council's call-in rule, each decision's deadline and
whether it may be implemented, who may see which, and their rows, pages and calendar."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from scrutineer.core import permissions
from scrutineer.core.calendar import (
    call_in_deadline,
    call_in_last_day,
    long_date,
    time_of_day,
    time_words,
)
from scrutineer.core.models import ClosureDay
from scrutineer.programme.models import CallIn, ExecutiveDecision


@dataclass(frozen=True)
class CallInRule:
    """The council's call-in rule (its constitution's overview and scrutiny procedure rules),
    from the settings: the period after publication, the time it ends on its last day, and how
    many members must sign a request."""

    period: str
    cut_off: datetime.time | None
    members: int


def call_in_rule() -> CallInRule:
    """The rule the settings give (SCRUTINEER_CALL_IN_PERIOD, _CUTOFF and _MEMBERS)."""
    cut_off_text = settings.SCRUTINEER_CALL_IN_CUTOFF.strip()
    cut_off = time_of_day(cut_off_text) if cut_off_text else None
    if cut_off_text and cut_off is None:
        raise ImproperlyConfigured(
            f"SCRUTINEER_CALL_IN_CUTOFF is a time like “17:00”, or empty, not “{cut_off_text}”"
        )
    period = settings.SCRUTINEER_CALL_IN_PERIOD
    try:
        call_in_last_day(datetime.date(2025, 1, 6), period)
    except ValueError as exc:
        raise ImproperlyConfigured(f"SCRUTINEER_CALL_IN_PERIOD: {exc}") from None
    return CallInRule(
        period=period, cut_off=cut_off, members=max(settings.SCRUTINEER_CALL_IN_MEMBERS, 1)
    )


def closure_days() -> list[datetime.date]:
    """The council's closure days, which count as no working day."""
    return list(ClosureDay.objects.values_list("date", flat=True))


def decision_call_in_deadline(
    decision: ExecutiveDecision, *, rule: CallInRule, closures: Iterable[datetime.date]
) -> datetime.datetime | None:
    """When the decision's call-in period ends, or None: not yet published, or exempt from
    call-in as urgent. The period counts from the day of publication (not itself counted)."""
    if decision.published_at is None or decision.exempt_from_call_in:
        return None
    published = timezone.localdate(decision.published_at)
    return call_in_deadline(published, rule.period, rule.cut_off, closures)


def deadline_text(deadline: datetime.datetime, rule: CallInRule) -> str:
    """“5pm on Wednesday 18 June 2025”, or “the end of Wednesday 18 June 2025”."""
    local = timezone.localtime(deadline)
    day = f"{local:%A} {long_date(local.date())}"
    return f"{time_words(local.time())} on {day}" if rule.cut_off else f"the end of {day}"


@dataclass(frozen=True)
class Implementation:
    """Whether a decision may be implemented yet, in words. ``state`` is one of
    DECISION_STATES (the list's filter); ``tag`` is the status tag's words and colour."""

    state: str
    tag: str
    colour: str
    text: str
    may_implement: bool
    deadline: datetime.datetime | None
    call_in: CallIn | None

    @property
    def tag_class(self) -> str:
        return f"govuk-tag--{self.colour}"


DECISION_STATES = {
    "open": "Call-in period open",
    "called_in": "Called in",
    "may_implement": "May be implemented",
    "exempt": "Exempt from call-in",
    "unpublished": "Not yet published",
}


def decision_implementation(
    decision: ExecutiveDecision,
    *,
    now: datetime.datetime,
    rule: CallInRule,
    closures: Iterable[datetime.date],
) -> Implementation:
    """Whether the decision may be implemented at ``now``: not before its call-in period ends,
    nor while a call-in waits for the committee or a referral for the decision-maker or full
    council; at once when it is exempt from call-in as urgent. Reads the decision's call-ins
    (prefetch ``call_ins``)."""
    deadline = decision_call_in_deadline(decision, rule=rule, closures=closures)
    if decision.exempt_from_call_in:
        return Implementation(
            "exempt",
            "Exempt from call-in",
            "purple",
            f"Exempt from call-in (urgent): {decision.urgency_reason}",
            True,
            None,
            None,
        )
    if decision.published_at is None or deadline is None:
        return Implementation(
            "unpublished",
            "Not yet published",
            "grey",
            "Not yet published: the call-in period starts when the decision is published.",
            False,
            None,
            None,
        )
    live = [c for c in decision.call_ins.all() if c.status != CallIn.Status.WITHDRAWN]
    call_in = live[-1] if live else None
    if call_in is not None:
        received = long_date(call_in.received_on)
        outcome_on = long_date(call_in.outcome_on) if call_in.outcome_on else ""
        if call_in.status == CallIn.Status.PENDING:
            return Implementation(
                "called_in",
                "Called in",
                "red",
                f"Called in on {received} — may not be implemented until the committee has "
                "considered it.",
                False,
                deadline,
                call_in,
            )
        if call_in.status == CallIn.Status.REFERRED_BACK:
            return Implementation(
                "called_in",
                "Referred back",
                "orange",
                f"Called in on {received} and referred back to the decision-maker on "
                f"{outcome_on} — may not be implemented until the decision-maker has "
                "reconsidered it.",
                False,
                deadline,
                call_in,
            )
        if call_in.status == CallIn.Status.REFERRED_TO_COUNCIL:
            return Implementation(
                "called_in",
                "Referred to full council",
                "orange",
                f"Called in on {received} and referred to full council on {outcome_on} — may "
                "not be implemented until full council has considered it.",
                False,
                deadline,
                call_in,
            )
        return Implementation(
            "may_implement",
            "May be implemented",
            "green",
            f"May be implemented (called in on {received}; the committee took no further "
            f"action on {outcome_on}).",
            True,
            deadline,
            call_in,
        )
    when = deadline_text(deadline, rule)
    if now <= deadline:
        return Implementation(
            "open",
            "Call-in period open",
            "yellow",
            f"Call-in period open: may not be implemented before the period ends, at {when}.",
            False,
            deadline,
            None,
        )
    return Implementation(
        "may_implement",
        "May be implemented",
        "green",
        f"May be implemented (call-in period ended at {when}).",
        True,
        deadline,
        None,
    )


def decision_public() -> Q:
    """A decision for everyone: published, and not taken on an exempt report."""
    return Q(is_exempt=False, published_at__isnull=False)


def decision_visible_list(user: Any) -> QuerySet[ExecutiveDecision]:
    """Decisions the user may see: exempt and unpublished ones only for the scrutiny team and
    councillors (``permissions.can_view_unpublished_decisions``)."""
    decisions = ExecutiveDecision.objects.all()
    if permissions.can_view_unpublished_decisions(user):
        return decisions
    return decisions.filter(decision_public())


def call_in_visible_list(user: Any) -> QuerySet[CallIn]:
    """Call-ins of the decisions the user may see."""
    return CallIn.objects.filter(decision__in=decision_visible_list(user).values("pk"))


def _decisions_shaped(decisions: QuerySet[ExecutiveDecision]) -> QuerySet[ExecutiveDecision]:
    return decisions.select_related("forward_plan_item").prefetch_related(
        Prefetch(
            "call_ins",
            queryset=CallIn.objects.select_related("meeting__committee")
            .prefetch_related("signatories")
            .order_by("received_on", "pk"),
        )
    )


@dataclass(frozen=True)
class DecisionRow:
    decision: ExecutiveDecision
    implementation: Implementation


def decision_rows(
    user: Any,
    *,
    now: datetime.datetime,
    decision_maker: str = "",
    decided_from: datetime.date | None = None,
    decided_to: datetime.date | None = None,
    key_only: bool = False,
    state: str = "",
) -> list[DecisionRow]:
    """The decisions the user may see, latest first, each with whether it may be implemented,
    filtered; in a constant number of queries."""
    decisions = decision_visible_list(user)
    if decision_maker:
        decisions = decisions.filter(decision_maker__icontains=decision_maker)
    if decided_from:
        decisions = decisions.filter(decided_on__gte=decided_from)
    if decided_to:
        decisions = decisions.filter(decided_on__lte=decided_to)
    if key_only:
        decisions = decisions.filter(is_key_decision=True)
    rule, closures = call_in_rule(), closure_days()
    rows = [
        DecisionRow(
            decision, decision_implementation(decision, now=now, rule=rule, closures=closures)
        )
        for decision in _decisions_shaped(decisions.order_by("-decided_on", "title", "pk"))
    ]
    return [row for row in rows if not state or row.implementation.state == state]


def decision_makers() -> list[str]:
    """The decision-makers recorded, for the list's filter."""
    return list(
        ExecutiveDecision.objects.order_by("decision_maker")
        .values_list("decision_maker", flat=True)
        .distinct()
    )


def decision_for(user: Any, pk: int, *, now: datetime.datetime) -> DecisionRow | None:
    """One decision the user may see, with whether it may be implemented; None otherwise."""
    decision = _decisions_shaped(decision_visible_list(user)).filter(pk=pk).first()
    if decision is None:
        return None
    implementation = decision_implementation(
        decision, now=now, rule=call_in_rule(), closures=closure_days()
    )
    return DecisionRow(decision, implementation)


def decision_calendar_events(user: Any) -> list[Any]:
    """The call-in deadlines of the decisions the user may see, as calendar events: at the
    cut-off time on the last day, or all that day when the constitution sets none."""
    from scrutineer.files.writers.ics import CalendarEvent

    rule, closures = call_in_rule(), closure_days()
    events = []
    decisions = (
        decision_visible_list(user)
        .filter(published_at__isnull=False, exempt_from_call_in=False)
        .order_by("published_at", "pk")
    )
    for decision in decisions:
        deadline = decision_call_in_deadline(decision, rule=rule, closures=closures)
        if deadline is None:
            continue
        local = timezone.localtime(deadline)
        events.append(
            CalendarEvent(
                uid=f"call-in-{decision.pk}@scrutineer",
                day=local.date(),
                time=rule.cut_off,
                duration=datetime.timedelta(0),
                summary=f"Call-in deadline: {decision.title}",
                description=f"The last moment to call in the decision of {decision.decision_maker} "
                f"on {long_date(decision.decided_on)}.",
                url=settings.SCRUTINEER_BASE_URL + decision.get_absolute_url(),
            )
        )
    return events


def period_text(rule: CallInRule) -> str:
    """The call-in period in words: “5 working days”, “7 clear days”."""
    unit, _, amount = rule.period.partition(":")
    words = "working day" if unit == "working_days" else "clear day"
    return f"{amount} {words}{'' if amount == '1' else 's'}"


def published_text(decision: ExecutiveDecision) -> str:
    """“Wednesday 11 June 2025 at 10am”, or "" when not yet published."""
    if decision.published_at is None:
        return ""
    local = timezone.localtime(decision.published_at)
    return f"{local:%A} {long_date(local.date())} at {time_words(local.time())}"
