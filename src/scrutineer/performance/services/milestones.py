"""Writes to a framework's programme milestones."""

from __future__ import annotations

from typing import Any

from scrutineer.core.history import history_user_set
from scrutineer.performance.models import Framework, Milestone
from scrutineer.performance.services.errors import PerformanceRuleBroken

MILESTONE_FIELDS = (
    "name",
    "directorate",
    "theme",
    "planned_date",
    "forecast_date",
    "actual_date",
    "status",
    "commentary",
)


def _check_milestone(milestone: Milestone) -> None:
    if milestone.status == Milestone.Status.COMPLETE and milestone.actual_date is None:
        raise PerformanceRuleBroken(
            "A complete milestone needs the date it was achieved: enter the actual date.",
            field="actual_date",
        )


def milestone_create(*, framework: Framework, by: Any = None, **fields: Any) -> Milestone:
    """Add a programme milestone; a complete milestone needs the date it was achieved."""
    milestone = Milestone(framework=framework, **fields)
    _check_milestone(milestone)
    history_user_set(milestone, by)
    milestone.save()
    return milestone


def milestone_update(*, milestone: Milestone, by: Any = None, **fields: Any) -> Milestone:
    """Change a milestone's dates, status or commentary (any of MILESTONE_FIELDS, or its
    framework); a complete milestone needs the date it was achieved."""
    unknown = set(fields) - {*MILESTONE_FIELDS, "framework"}
    if unknown:
        raise TypeError(f"milestone_update() got unexpected fields: {', '.join(sorted(unknown))}")
    changed = any(getattr(milestone, name) != value for name, value in fields.items())
    for name, value in fields.items():
        setattr(milestone, name, value)
    _check_milestone(milestone)
    if changed:
        history_user_set(milestone, by)
        milestone.save()
    return milestone
