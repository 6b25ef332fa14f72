"""A framework's programme milestones with their slippage and RAG."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from scrutineer.performance import rules
from scrutineer.performance.models import Framework, Milestone
from scrutineer.performance.rules import Rag


@dataclass
class MilestoneRow:
    milestone: Milestone
    slippage: int
    rag: Rag


def milestone_list(*, framework: Framework, today: datetime.date) -> list[MilestoneRow]:
    """The framework's milestones with their slippage in days and RAG (one query)."""
    rows = []
    for milestone in Milestone.objects.filter(framework=framework):
        slippage = rules.milestone_slippage(
            milestone.planned_date, milestone.forecast_date, milestone.actual_date, today
        )
        cancelled = milestone.status == Milestone.Status.CANCELLED
        rows.append(
            MilestoneRow(milestone, slippage, rules.milestone_rag(slippage, cancelled=cancelled))
        )
    return rows
