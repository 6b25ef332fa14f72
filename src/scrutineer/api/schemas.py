"""What the API returns: public fields only (a person's e-mail and login never appear)."""

from __future__ import annotations

import datetime
from typing import Any, Generic, TypeVar

from ninja import Schema
from pydantic import Field

from scrutineer.programme.selectors import notice_problem

T = TypeVar("T")


class Page(Schema, Generic[T]):
    count: int = Field(description="How many records match, across all pages.")
    limit: int
    offset: int
    results: list[T]


class Message(Schema):
    detail: str


class PersonOut(Schema):
    id: int
    name: str
    kind: str
    job_title: str
    directorate: str
    party: str = Field(description="A councillor's political party.")
    ward: str = Field(description="A councillor's ward.")
    key_posts: str = Field(description="A councillor's key posts, e.g. “Chair of Audit”.")


class CommitteeOut(Schema):
    id: int
    slug: str
    name: str
    short_name: str
    kind: str
    parent: str | None = Field(description="The parent committee's slug, for sub-groups.")
    remit: str
    terms_of_reference: str
    is_expired: bool = Field(description="A past committee, no longer meeting.")

    @staticmethod
    def resolve_parent(obj: Any) -> str | None:
        return obj.parent.slug if obj.parent_id else None


class MemberOut(Schema):
    role: str
    person: PersonOut


class MeetingOut(Schema):
    id: int
    committee: str = Field(description="The committee's slug.")
    date: datetime.date
    time: datetime.time | None
    venue: str
    invited_committees: list[str]
    status: str = Field(description="scheduled, provisional, moved or cancelled.")
    external_id: str
    source_url: str = Field(description="The agenda page on the council's committee system.")

    @staticmethod
    def resolve_committee(obj: Any) -> str:
        return obj.committee.slug

    @staticmethod
    def resolve_invited_committees(obj: Any) -> list[str]:
        return [c.slug for c in obj.invited_committees.all()]


class DocumentOut(Schema):
    title: str
    url: str


class ItemOut(Schema):
    id: int
    committee: str
    meeting_id: int
    meeting_date: datetime.date
    number: int
    report_title: str
    lead_officer: PersonOut | None
    summary_html: str
    is_exempt: bool
    agenda_number: str = Field(description="The item's number on the agenda, e.g. “9.”.")
    agenda_html: str = Field(description="The agenda's text, sanitised HTML.")
    minutes_html: str = Field(description="The minutes, sanitised HTML.")
    documents: list[DocumentOut] = Field(description="The item's public documents.")
    published_at: datetime.datetime | None = Field(
        description="When it was published; empty for a draft (seen only by the council), or "
        "for an item published with its meeting's minutes."
    )
    withdrawn_at: datetime.datetime | None = Field(
        description="When it was withdrawn (seen only by the council: the public never sees a "
        "withdrawn record)."
    )
    withdrawal_reason: str = Field(description="Why it was withdrawn, for the council.")
    updated_at: datetime.datetime

    @staticmethod
    def resolve_committee(obj: Any) -> str:
        return obj.meeting.committee.slug

    @staticmethod
    def resolve_meeting_date(obj: Any) -> datetime.date:
        return obj.meeting.date


class ExecutiveResponseOut(Schema):
    addressee: str
    sent_on: datetime.date
    due_on: datetime.date
    decision: str
    responded_on: datetime.date | None
    reasons: str
    action_plan: str
    given_by: str


class RecommendationOut(Schema):
    id: int
    reference: str
    item_id: int
    committee: str
    meeting_date: datetime.date
    number: str
    preamble: str
    text: str
    kind: str
    addressee: str
    assignees: list[PersonOut]
    due_date: datetime.date | None
    status: str
    closure_proposed_at: datetime.datetime | None
    closed_on: datetime.date | None
    closure_reason: str
    closure_agreed_at_meeting_id: int | None
    executive_response: ExecutiveResponseOut | None
    withdrawn_at: datetime.datetime | None = Field(
        description="When it was withdrawn (seen only by the council: the public never sees a "
        "withdrawn record)."
    )
    withdrawal_reason: str = Field(description="Why it was withdrawn, for the council.")
    version: int = Field(
        description="Goes up with every change; send it back to propose closure safely."
    )
    updated_at: datetime.datetime | None = Field(
        description="When the recommendation or its progress last changed."
    )

    @staticmethod
    def resolve_committee(obj: Any) -> str:
        return obj.item.meeting.committee.slug

    @staticmethod
    def resolve_meeting_date(obj: Any) -> datetime.date:
        return obj.item.meeting.date

    @staticmethod
    def resolve_assignees(obj: Any) -> list[Any]:
        return obj.assignees_in_order

    @staticmethod
    def resolve_closure_agreed_at_meeting_id(obj: Any) -> int | None:
        return obj.closure_agreed_at_id

    @staticmethod
    def resolve_executive_response(obj: Any) -> Any:
        return getattr(obj, "executive_response", None)


class ProgressUpdateOut(Schema):
    id: int
    item_id: int
    recommendation_id: int | None
    date: datetime.date
    author: PersonOut | None
    text_html: str
    proposes_closure: bool
    created_at: datetime.datetime
    withdrawn_at: datetime.datetime | None = Field(
        description="When it was withdrawn (seen only by the council: the public never sees a "
        "withdrawn record)."
    )
    withdrawal_reason: str = Field(description="Why it was withdrawn, for the council.")


class ProgressIn(Schema):
    text: str = Field(min_length=1, max_length=20000, description="The progress, in plain text.")
    proposes_closure: bool = Field(
        default=False, description="Propose to the scrutiny officer that it be closed."
    )
    version: int | None = Field(
        default=None,
        ge=1,
        le=2_147_483_647,
        description="The recommendation's version as last read: a proposal of closure on a "
        "recommendation changed since is refused with 409.",
    )


class DispositionOut(Schema):
    committee: str
    position: int
    choice: str
    meeting_id: int | None
    meeting_date: datetime.date | None
    scheduled_for: datetime.date | None
    other_committee: str | None
    note: str

    @staticmethod
    def resolve_committee(obj: Any) -> str:
        return obj.committee.slug

    @staticmethod
    def resolve_meeting_date(obj: Any) -> datetime.date | None:
        return obj.meeting.date if obj.meeting_id else None

    @staticmethod
    def resolve_other_committee(obj: Any) -> str | None:
        return obj.other_committee.slug if obj.other_committee_id else None


class ForwardPlanItemOut(Schema):
    id: int
    title: str
    decision_maker: str
    decision_date: datetime.date
    decision_date_precision: str
    is_key_decision: bool
    first_published: datetime.date | None
    lead_officer: PersonOut | None
    portfolio: str
    is_exempt: bool = Field(description="The decision will be taken in private.")
    urgency: str = Field(
        description="For a key decision with less than 28 clear days' notice: "
        "general_exception (reg. 10) or special_urgency (reg. 11), or empty."
    )
    urgency_chair_date: datetime.date | None = Field(
        description="General exception: the day the chair of overview and scrutiny was told; "
        "special urgency: the day the chair agreed."
    )
    urgency_reason: str = Field(description="Why the decision could not wait.")
    notice_problem: str = Field(
        description="What is wrong with a key decision's notice under the 2012 regulations "
        "(empty when nothing is)."
    )
    dispositions: list[DispositionOut]

    @staticmethod
    def resolve_notice_problem(obj: Any) -> str:
        return notice_problem(obj)


class CallInOut(Schema):
    id: int
    received_on: datetime.date
    signatories: list[str] = Field(description="The councillors who signed the request.")
    reasons: str
    status: str = Field(
        description="pending, no_further_action, referred_back (to the decision-maker), "
        "referred_to_council or withdrawn."
    )
    outcome_on: datetime.date | None
    meeting_id: int | None = Field(description="The committee meeting that considered it.")

    @staticmethod
    def resolve_signatories(obj: Any) -> list[str]:
        return [person.name for person in obj.signatories.all()]


class ExecutiveDecisionOut(Schema):
    id: int
    title: str
    decision_maker: str
    decided_on: datetime.date
    summary: str
    is_key_decision: bool
    is_exempt: bool = Field(description="Taken on an exempt report (LGA 1972 Sch. 12A).")
    exempt_from_call_in: bool = Field(description="Urgent: it may be implemented at once.")
    urgency_reason: str
    forward_plan_item_id: int | None
    report_url: str
    published_at: datetime.datetime | None
    external_reference: str
    call_in_deadline: datetime.datetime | None = Field(
        description="When the call-in period ends (empty before publication, or when exempt "
        "from call-in), under the council's rule."
    )
    call_in_state: str = Field(
        description="open (call-in period running), called_in (waiting for the committee, "
        "the decision-maker or full council), may_implement, exempt or unpublished."
    )
    may_implement: bool
    implementation: str = Field(description="Whether it may be implemented yet, in words.")
    call_ins: list[CallInOut]

    @staticmethod
    def resolve_call_in_deadline(obj: Any) -> datetime.datetime | None:
        deadline = obj.implementation.deadline
        return deadline.astimezone(datetime.UTC) if deadline is not None else None

    @staticmethod
    def resolve_call_in_state(obj: Any) -> str:
        return str(obj.implementation.state)

    @staticmethod
    def resolve_may_implement(obj: Any) -> bool:
        return bool(obj.implementation.may_implement)

    @staticmethod
    def resolve_implementation(obj: Any) -> str:
        return str(obj.implementation.text)

    @staticmethod
    def resolve_call_ins(obj: Any) -> list[Any]:
        return list(obj.call_ins.all())


class WorkProgrammeItemOut(Schema):
    id: int
    committee: str
    municipal_year: str
    title: str
    purpose: str
    intended_outcome: str
    source: str
    status: str
    forward_plan_item_id: int | None
    recommendation_id: int | None
    planned_meeting_id: int | None
    planned_meeting_date: datetime.date | None

    @staticmethod
    def resolve_committee(obj: Any) -> str:
        return obj.committee.slug

    @staticmethod
    def resolve_planned_meeting_date(obj: Any) -> datetime.date | None:
        return obj.planned_meeting.date if obj.planned_meeting_id else None


class OfficerResponseOut(Schema):
    letter: str
    text: str


class BriefingCommentOut(Schema):
    number: str
    text: str
    responses: list[OfficerResponseOut]


class BriefingRecommendationOut(Schema):
    number: str
    text: str


class BriefingNoteOut(Schema):
    id: int
    committee: str
    meeting_id: int
    meeting_date: datetime.date
    item_id: int | None
    addressee: str
    title: str
    report_title: str
    purpose: str
    introduction: str
    contact_name: str
    contact_role: str
    status: str
    issued_on: datetime.date | None
    issued_to: str
    comments: list[BriefingCommentOut]
    recommendations: list[BriefingRecommendationOut]

    @staticmethod
    def resolve_committee(obj: Any) -> str:
        return obj.committee.slug

    @staticmethod
    def resolve_meeting_date(obj: Any) -> datetime.date:
        return obj.meeting.date


class IndicatorOut(Schema):
    """An indicator's public definition; its data owner is an internal contact and not shown."""

    id: int
    framework_id: int
    framework: str = Field(description="The framework's name, e.g. Corporate Plan PMAF 2024/25.")
    framework_year: str = Field(description="The framework's financial year, e.g. 2024/25.")
    code: str
    name: str
    directorate: str
    theme: str
    polarity: str = Field(description="higher or lower: which way is better.")
    unit: str
    measure_type: str
    frequency: str
    tolerance: float
    tolerance_kind: str
    is_narrative: bool = Field(description="Reported in words only: never rated.")

    @staticmethod
    def resolve_framework(obj: Any) -> str:
        return obj.framework.name

    @staticmethod
    def resolve_framework_year(obj: Any) -> str:
        return obj.framework.year


class MeasurementOut(Schema):
    id: int
    indicator_id: int
    year: int = Field(description="The financial year's start, e.g. 2024 for 2024/25.")
    quarter: int = Field(description="Q1 is April to June.")
    month: int | None = Field(
        default=None,
        description="Monthly indicators only: the financial-year month, 1 (April) to 12 (March).",
    )
    period: str = Field(description="e.g. 2024/25 Q1, or April 2024 for a month.")
    value: float | None = Field(description="The figure as entered for the quarter.")
    reported_value: float | None = Field(
        description="The figure as rated: year to date for a cumulative measure."
    )
    target: float | None
    rag: str = Field(description="red, amber, green, or blue when not rated.")
    direction_short_term: str = Field(description="Against the previous quarter.")
    direction_long_term: str = Field(description="Against the same quarter last year.")
    commentary: str
    route_to_green: str
    provisional: bool
    approved: bool = Field(description="Only approved figures are public.")


# Databases refuse a NUL character in text; refuse it at the door with a 422.
NO_NUL = r"^[^\x00]*$"


class MeasurementIn(Schema):
    year: int = Field(ge=2000, le=2100, description="The financial year's start, e.g. 2024.")
    quarter: int | None = Field(
        default=None,
        ge=1,
        le=4,
        description="Q1 is April to June. Required unless the month is given.",
    )
    month: int | None = Field(
        default=None,
        ge=1,
        le=12,
        description="Monthly indicators only (and required for them): the financial-year "
        "month, 1 (April) to 12 (March).",
    )
    value: float | None = Field(
        default=None,
        allow_inf_nan=False,
        ge=-1e15,
        le=1e15,
        description="The figure; empty only for a narrative update.",
    )
    commentary: str = Field(default="", max_length=20000, pattern=NO_NUL)
    route_to_green: str = Field(
        default="", max_length=20000, pattern=NO_NUL, description="Required when the figure is red."
    )
    provisional: bool = False
