"""Writes to the forward plan: applying a committee's parsed forward-plan table, or the
council's published forward plan, to the stored items."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from scrutineer.committees.models import Committee
from scrutineer.core.history import history_user_set
from scrutineer.core.services import person_find_or_create
from scrutineer.files.parsers.tracker_text import ParsedForwardPlanItem
from scrutineer.programme.models import Disposition, ForwardPlanItem
from scrutineer.programme.services.dispositions import disposition_propose


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


def _disposition_fields(parsed: ParsedForwardPlanItem) -> dict[str, Any]:
    """The disposition a committee's table row gives, as the model's fields."""
    return {
        "position": int(parsed.number) if parsed.number.isdigit() else 0,
        "choice": parsed.disposition,
        "scheduled_for": parsed.scheduled_for,
        "other_committee": _committee_for_remit(parsed.other_committee),
        "note": parsed.information,
    }


@transaction.atomic
def forward_plan_import(
    *, items: tuple[ParsedForwardPlanItem, ...], committee: Committee, by: Any = None
) -> list[ForwardPlanOutcome]:
    """Record each forward-plan item and this committee's disposition of it; idempotent."""
    outcomes = []
    for parsed in items:
        plan_item = ForwardPlanItem.objects.filter(
            title=parsed.title, decision_date=parsed.cabinet_date
        ).first()
        created = plan_item is None
        if plan_item is None:
            plan_item = ForwardPlanItem(title=parsed.title, decision_date=parsed.cabinet_date)
            history_user_set(plan_item, by)
            plan_item.save()
        wanted = _disposition_fields(parsed)
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
            wanted = _disposition_fields(parsed)
            changed = any(getattr(disposition, k) != v for k, v in wanted.items())
            action = "update" if changed else "unchanged"
        outcomes.append(ForwardPlanOutcome(parsed.line, parsed.number, action))
    return outcomes


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
            "lead_officer": person_find_or_create(name=entry.lead_officer, by=by)
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
        if committee is not None:
            disposition_propose(item=item, committee=committee, by=by)
        outcomes.append(ForwardPlanOutcome(entry.row, str(entry.row), action))
    return outcomes
