"""Executive decisions imported from a table, like the forward plan: matched by their
reference when the file gives one, else by title and date; planned from reads alone (the
preview), then worked out again inside one transaction and refused if it is not the preview
that was shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from scrutineer.core.calendar import long_date
from scrutineer.core.history import history_user_set
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused
from scrutineer.files.parsers.executive_decisions import ParsedDecision
from scrutineer.files.parsers.report import (
    ImportReport,
    Progress,
    ReportSection,
    RowOutcome,
    no_progress,
    report_check_expected,
)
from scrutineer.programme.models import ExecutiveDecision, ForwardPlanItem

LABELS = {
    "decision_maker": "decision-maker",
    "summary": "summary",
    "is_key_decision": "key decision",
    "published_at": "date published",
    "exempt_from_call_in": "urgent",
    "urgency_reason": "reason for urgency",
    "is_exempt": "exempt",
    "report_url": "report",
    "external_reference": "reference",
    "forward_plan_item": "forward plan entry",
}


@dataclass
class _DecisionPlan:
    parsed: ParsedDecision
    decision: ExecutiveDecision | None  # None: create it
    fields: dict[str, Any]
    outcome: RowOutcome


def _forward_plan_items(decisions: tuple[ParsedDecision, ...]) -> dict[str, ForwardPlanItem]:
    """The forward-plan entries the file names, by title in any case; of several with one
    title (a recurring report), the latest."""
    titles = {d.forward_plan_title.lower() for d in decisions if d.forward_plan_title}
    found: dict[str, ForwardPlanItem] = {}
    for title in titles:
        item = (
            ForwardPlanItem.objects.filter(title__iexact=title).order_by("-decision_date").first()
        )
        if item is not None:
            found[title] = item
    return found


def _forward_plan_item(
    parsed: ParsedDecision, items: dict[str, ForwardPlanItem]
) -> ForwardPlanItem | None:
    if not parsed.forward_plan_title:
        return None
    return items.get(parsed.forward_plan_title.lower())


def _fields(parsed: ParsedDecision) -> dict[str, Any]:
    published = timezone.make_aware(parsed.published) if parsed.published is not None else None
    return {
        "title": parsed.title,
        "decided_on": parsed.decided_on,
        "decision_maker": parsed.decision_maker,
        "summary": parsed.summary,
        "is_key_decision": parsed.is_key_decision,
        "published_at": published,
        "exempt_from_call_in": parsed.exempt_from_call_in,
        "urgency_reason": parsed.urgency_reason,
        "is_exempt": parsed.is_exempt,
        "report_url": parsed.report_url,
        "external_reference": parsed.external_reference,
    }


def _existing(parsed: ParsedDecision) -> ExecutiveDecision | None:
    if parsed.external_reference:
        found = ExecutiveDecision.objects.filter(
            external_reference=parsed.external_reference
        ).first()
        if found is not None:
            return found
    return ExecutiveDecision.objects.filter(
        title=parsed.title, decided_on=parsed.decided_on
    ).first()


def _plan(
    decisions: tuple[ParsedDecision, ...], filename: str, progress: Progress
) -> list[_DecisionPlan]:
    """What each row does; refuses the file, naming each row and column, when it names a
    forward-plan entry that is not recorded."""
    items = _forward_plan_items(decisions)
    unknown = [
        ImportProblem(
            f"The forward plan has no entry “{parsed.forward_plan_title}”",
            row=parsed.row,
            column=parsed.forward_plan_column,
        )
        for parsed in decisions
        if parsed.forward_plan_title and _forward_plan_item(parsed, items) is None
    ]
    if unknown:
        raise ImportRefused(unknown, filename)
    plans = []
    progress(0, len(decisions))
    for parsed in decisions:
        fields = _fields(parsed) | {"forward_plan_item": _forward_plan_item(parsed, items)}
        decision = _existing(parsed)
        outcome = RowOutcome(parsed.row, "create", (parsed.title, long_date(parsed.decided_on)))
        if decision is not None:
            changed = [
                LABELS.get(key, key.replace("_", " "))
                for key, value in fields.items()
                if getattr(decision, key) != value
            ]
            outcome.action = "update" if changed else "unchanged"
            if changed:
                outcome.details.append("changed " + ", ".join(changed))
        plans.append(_DecisionPlan(parsed, decision, fields, outcome))
        progress(len(plans), len(decisions))
    return plans


def _report(plans: list[_DecisionPlan], filename: str) -> ImportReport:
    return ImportReport(
        filename=filename,
        into="the executive decisions",
        sections=[ReportSection("Row by row", ("Title", "date"), [plan.outcome for plan in plans])],
    )


def decisions_import_preview(
    *, decisions: tuple[ParsedDecision, ...], filename: str = "", progress: Progress = no_progress
) -> ImportReport:
    """What importing the decisions would do, from reads alone."""
    return _report(_plan(decisions, filename, progress), filename)


@transaction.atomic
def decisions_import(
    *,
    decisions: tuple[ParsedDecision, ...],
    by: Any = None,
    filename: str = "",
    expected: ImportReport | None = None,
    progress: Progress = no_progress,
) -> ImportReport:
    """Create or update executive decisions, all or nothing. With ``expected`` (the preview
    shown), raises PreviewOutdated and writes nothing if the plan is not that preview."""
    plans = _plan(decisions, filename, no_progress)
    report = _report(plans, filename)
    report_check_expected(report, expected)
    report.dry_run = False
    progress(0, len(plans))
    for done, plan in enumerate(plans, start=1):
        if plan.outcome.action != "unchanged":
            decision = plan.decision or ExecutiveDecision()
            for key, value in plan.fields.items():
                setattr(decision, key, value)
            history_user_set(decision, by)
            decision.save()
        progress(done, len(plans))
    return report
