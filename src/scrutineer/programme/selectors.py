"""Queries for the forward plan and work programme pages."""

from django.db.models import QuerySet

from scrutineer.committees.models import Committee
from scrutineer.programme.models import Disposition


def forward_plan_for(committee: Committee) -> QuerySet[Disposition]:
    """The committee's forward-plan table, in its own numbering, as the seed prints it."""
    return (
        Disposition.objects.filter(committee=committee)
        .select_related("forward_plan_item", "meeting", "other_committee")
        .order_by("position", "forward_plan_item__decision_date")
    )
