"""Every query the API needs: visibility rules from the apps' own selectors, shaped for a
constant number of queries per page, in a stable order."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    IntegerField,
    Max,
    Model,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, Greatest

from scrutineer.briefings.models import BriefingComment, BriefingNote
from scrutineer.briefings.selectors import briefing_visible_list
from scrutineer.committees.models import Committee, Meeting, Membership
from scrutineer.core.calendar import period_label
from scrutineer.core.models import Person
from scrutineer.performance import assessment
from scrutineer.performance.models import Indicator, Measurement
from scrutineer.performance.selectors.figures import measurement_visible_list
from scrutineer.performance.services import figures_from
from scrutineer.programme.models import (
    CallIn,
    Disposition,
    ExecutiveDecision,
    ForwardPlanItem,
    WorkProgrammeItem,
)
from scrutineer.programme.selectors import (
    call_in_rule,
    closure_days,
    decision_implementation,
    decision_visible_list,
    work_programme_visible_list,
)
from scrutineer.tracker.models import Item, ProgressUpdate, Recommendation
from scrutineer.tracker.selectors import (
    in_force,
    item_visible_list,
    progress_update_visible_condition,
    recommendation_assignees,
    recommendation_visible_condition,
)

MEMBERSHIP_ORDER = ["chair", "vice_chair", "member", "co_opted"]


def history_last_changed(*models: type[Model]) -> datetime.datetime | None:
    """When any record of these models last changed (or was deleted), from their history."""
    latest = [
        model.history.model.objects.aggregate(at=Max("history_date"))["at"]  # type: ignore[attr-defined]
        for model in models
    ]
    found = [when for when in latest if when is not None]
    return max(found) if found else None


def committee_list() -> QuerySet[Committee]:
    """Every committee, by name, with the committee it reports to."""
    return Committee.objects.select_related("parent").order_by("name", "pk")


def committee_members(committee: Committee) -> QuerySet[Membership]:
    """The committee's members, chair first, then by name."""
    rank = Case(
        *(When(role=role, then=Value(i)) for i, role in enumerate(MEMBERSHIP_ORDER)),
        default=Value(len(MEMBERSHIP_ORDER)),
        output_field=IntegerField(),
    )
    return (
        committee.memberships.select_related("person")
        .annotate(rank=rank)
        .order_by("rank", "person__name", "pk")
    )


def person_list(*, kind: str = "") -> QuerySet[Person]:
    """Councillors, officers and teams by name; of one kind when asked."""
    found = Person.objects.order_by("name", "pk")
    return found.filter(kind=kind) if kind else found


def meeting_list(
    *,
    committee: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[Meeting]:
    """Meetings, latest first, with their committee and invited committees."""
    found = Meeting.objects.select_related("committee").prefetch_related("invited_committees")
    if committee:
        found = found.filter(committee__slug=committee)
    if date_from:
        found = found.filter(date__gte=date_from)
    if date_to:
        found = found.filter(date__lte=date_to)
    return found.order_by("-date", "pk")


def item_list(user: Any, *, committee: str = "", meeting: int | None = None) -> QuerySet[Item]:
    """Items the user may see (exempt ones only if entitled), latest meeting first."""
    found = item_visible_list(user).select_related("meeting__committee", "lead_officer")
    if committee:
        found = found.filter(meeting__committee__slug=committee)
    if meeting:
        found = found.filter(meeting_id=meeting)
    return found.order_by("-meeting__date", "number", "pk")


@dataclass(frozen=True)
class RecommendationFilters:
    committee: str = ""
    status: str = ""
    assignee: int | None = None
    meeting_date_from: datetime.date | None = None
    meeting_date_to: datetime.date | None = None
    updated_since: datetime.datetime | None = None


def recommendation_list(user: Any, filters: RecommendationFilters | None = None) -> QuerySet[Any]:
    """Recommendations on items the user may see, with when each last changed."""
    filters = filters or RecommendationFilters()
    history = Recommendation.history.model.objects
    changed = history.filter(id=OuterRef("pk")).order_by("-history_date").values("history_date")[:1]
    progressed = (
        ProgressUpdate.objects.filter(recommendation=OuterRef("pk"), withdrawn_at__isnull=True)
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    found = (
        Recommendation.objects.filter(recommendation_visible_condition(user))
        .annotate(last_changed=Subquery(changed))
        .annotate(
            updated_at=Greatest("last_changed", Coalesce(Subquery(progressed), "last_changed"))
        )
        .select_related("item__meeting__committee", "executive_response")
    )
    if filters.committee:
        found = found.filter(item__meeting__committee__slug=filters.committee)
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.status == "open":
        found = found.filter(in_force())  # a withdrawn recommendation is never open
    if filters.assignee:
        assigned = Recommendation.objects.filter(assignees=filters.assignee).values("pk")
        found = found.filter(pk__in=assigned)
    if filters.meeting_date_from:
        found = found.filter(item__meeting__date__gte=filters.meeting_date_from)
    if filters.meeting_date_to:
        found = found.filter(item__meeting__date__lte=filters.meeting_date_to)
    if filters.updated_since:
        found = found.filter(updated_at__gte=filters.updated_since)
    return found.order_by("-item__meeting__date", "item__number", "pk")


def recommendation_rows(recommendations: Sequence[Recommendation]) -> list[Recommendation]:
    """A page of recommendations, each with its assignees in the order given: one query."""
    ordered = recommendation_assignees([r.pk for r in recommendations])
    for recommendation in recommendations:
        recommendation.assignees_in_order = ordered.get(recommendation.pk, [])  # type: ignore[attr-defined]
    return list(recommendations)


def progress_update_list(
    user: Any,
    *,
    committee: str = "",
    item: int | None = None,
    recommendation: int | None = None,
    since: datetime.date | None = None,
) -> QuerySet[ProgressUpdate]:
    """Progress on items the user may see, latest first."""
    found = ProgressUpdate.objects.filter(progress_update_visible_condition(user)).select_related(
        "author"
    )
    if committee:
        found = found.filter(item__meeting__committee__slug=committee)
    if item:
        found = found.filter(item_id=item)
    if recommendation:
        found = found.filter(recommendation_id=recommendation)
    if since:
        found = found.filter(date__gte=since)
    return found.order_by("-date", "-created_at", "-pk")


def forward_plan_list(*, committee: str = "") -> QuerySet[ForwardPlanItem]:
    """Forward-plan entries (published by law, exempt ones included) and what each committee
    does with them."""
    dispositions = Disposition.objects.select_related(
        "committee", "meeting", "other_committee"
    ).order_by("committee__name", "position")
    found = ForwardPlanItem.objects.select_related("lead_officer").prefetch_related(
        Prefetch("dispositions", queryset=dispositions)
    )
    if committee:
        found = found.filter(dispositions__committee__slug=committee)
    return found.order_by("decision_date", "title", "pk")


def work_programme_list(
    user: Any, *, committee: str = "", municipal_year: str = ""
) -> QuerySet[WorkProgrammeItem]:
    """Work programme entries; one that stems from an exempt item's recommendation is hidden
    from those who may not see the item."""
    found = work_programme_visible_list(user).select_related("committee", "planned_meeting")
    if committee:
        found = found.filter(committee__slug=committee)
    if municipal_year:
        found = found.filter(municipal_year=municipal_year)
    return found.order_by(
        "committee__name", "municipal_year", "planned_meeting__date", "title", "pk"
    )


def briefing_note_list(user: Any, *, committee: str = "") -> QuerySet[BriefingNote]:
    """Notes the user may see (issued ones only for the public), latest meeting first."""
    found = briefing_visible_list(user).prefetch_related(
        Prefetch("comments", queryset=BriefingComment.objects.prefetch_related("responses")),
        "recommendations",
    )
    if committee:
        found = found.filter(committee__slug=committee)
    return found.order_by("-meeting__date", "title", "pk")


def indicator_list(
    *, framework: int | None = None, directorate: str = "", theme: str = ""
) -> QuerySet[Indicator]:
    """Indicators' public definitions, by framework and code."""
    found = Indicator.objects.select_related("framework")
    if framework:
        found = found.filter(framework_id=framework)
    if directorate:
        found = found.filter(directorate=directorate)
    if theme:
        found = found.filter(theme=theme)
    return found.order_by("-framework__year", "framework__name", "code", "pk")


def measurement_list(user: Any, indicator: Indicator) -> QuerySet[Measurement]:
    """The indicator's figures the user may see (approved ones only for the public),
    latest first."""
    return (
        measurement_visible_list(user)
        .filter(indicator=indicator)
        .order_by("-year", "-quarter", "-month")
    )


@dataclass(frozen=True)
class MeasurementRow:
    id: int
    indicator_id: int
    year: int
    quarter: int
    month: int | None
    period: str
    value: float | None
    reported_value: float | None
    target: float | None
    rag: str
    direction_short_term: str
    direction_long_term: str
    commentary: str
    route_to_green: str
    provisional: bool
    approved: bool


def measurement_rows(
    user: Any, indicator: Indicator, measurements: Sequence[Measurement]
) -> list[MeasurementRow]:
    """Each figure with its target, RAG and directions of travel, rated (as on the
    performance pages) from the figures the user may see only: two queries."""
    figures = figures_from(indicator, measurement_list(user, indicator), indicator.targets.all())
    rule = indicator.framework.rag_rule
    rows = []
    for m in measurements:
        if m.month is not None:
            result = assessment.assess_month(figures, rule, m.year, m.month)
        else:
            result = assessment.assess(figures, rule, m.year, m.quarter)
        rows.append(
            MeasurementRow(
                id=m.pk,
                indicator_id=m.indicator_id,
                year=m.year,
                quarter=m.quarter,
                month=m.month,
                period=period_label(m.year, m.quarter, m.month),
                value=m.value,
                reported_value=result.value,
                target=result.target,
                rag=str(result.rag),
                direction_short_term=str(result.short_term),
                direction_long_term=str(result.long_term),
                commentary=m.commentary,
                route_to_green=m.route_to_green,
                provisional=m.provisional,
                approved=m.approved,
            )
        )
    return rows


def decision_list(
    user: Any,
    *,
    decision_maker: str = "",
    decided_from: datetime.date | None = None,
    decided_to: datetime.date | None = None,
    key_decision: bool | None = None,
) -> QuerySet[ExecutiveDecision]:
    """Executive decisions the user may see (exempt and unpublished ones only for the scrutiny
    team and councillors), latest first."""
    found = decision_visible_list(user)
    if decision_maker:
        found = found.filter(decision_maker__icontains=decision_maker)
    if decided_from:
        found = found.filter(decided_on__gte=decided_from)
    if decided_to:
        found = found.filter(decided_on__lte=decided_to)
    if key_decision is not None:
        found = found.filter(is_key_decision=key_decision)
    return found.order_by("-decided_on", "title", "pk")


def decisions_with_call_in(
    decisions: list[ExecutiveDecision], *, now: datetime.datetime
) -> list[ExecutiveDecision]:
    """The decisions, each with its call-ins and ``implementation`` (whether it may be
    implemented yet, and its call-in deadline), in a constant number of queries."""
    prefetch_related_objects(
        decisions,
        Prefetch(
            "call_ins",
            queryset=CallIn.objects.prefetch_related("signatories").order_by("received_on", "pk"),
        ),
    )
    rule, closures = call_in_rule(), closure_days()
    for decision in decisions:
        decision.implementation = decision_implementation(  # type: ignore[attr-defined]
            decision, now=now, rule=rule, closures=closures
        )
    return decisions
