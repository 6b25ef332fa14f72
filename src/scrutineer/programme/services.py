"""Writes to the forward plan and work programmes, including applying a parsed table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from scrutineer.committees.models import Committee
from scrutineer.imports.parsers.tracker_text import ParsedForwardPlanItem
from scrutineer.programme.models import Disposition, ForwardPlanItem


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
        if by is not None and getattr(by, "is_authenticated", False):
            disposition._history_user = by  # type: ignore[attr-defined]
        disposition.save()
        outcomes.append(ForwardPlanOutcome(parsed.line, parsed.number, action))
    return outcomes
