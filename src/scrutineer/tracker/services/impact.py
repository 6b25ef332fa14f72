"""Impact stories: the recommendations the scrutiny team chooses to tell in a municipal
year's annual report, each with what came of it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from scrutineer.core.history import history_user_set
from scrutineer.tracker.models import ImpactStory, Recommendation
from scrutineer.tracker.selectors.annual import municipal_year_span
from scrutineer.tracker.services.errors import AlreadyDone, TrackerRuleBroken

OUTCOME_MAX = 1000


@transaction.atomic
def impact_story_add(
    *, recommendation: Recommendation, year: int, outcome: str, by: Any = None
) -> ImpactStory:
    """Tell ``recommendation`` as an impact story of the municipal year beginning in ``year``:
    made by that year's end, in force, and told once a year."""
    outcome = outcome.strip()
    if not outcome:
        raise ValidationError({"outcome": "Enter what came of the recommendation"})
    if len(outcome) > OUTCOME_MAX:
        raise ValidationError({"outcome": f"Outcome must be {OUTCOME_MAX:,} characters or fewer"})
    next_start = municipal_year_span(year)[1]
    fresh = Recommendation.objects.select_related("item__meeting").get(pk=recommendation.pk)
    if fresh.withdrawn_at is not None or fresh.item.withdrawn_at is not None:
        raise TrackerRuleBroken(f"{fresh.reference} was withdrawn: it cannot be an impact story.")
    if fresh.item.meeting.date >= next_start:
        raise TrackerRuleBroken(
            f"{fresh.reference} was made after the {year}/{(year + 1) % 100:02d} municipal year "
            "ended: choose it for a later year."
        )
    if ImpactStory.objects.filter(recommendation=fresh, year=year).exists():
        raise AlreadyDone(f"{fresh.reference} is already an impact story of this year.")
    story = ImpactStory(recommendation=fresh, year=year, outcome=outcome, chosen_by=by)
    if not getattr(by, "is_authenticated", False):
        story.chosen_by = None
    history_user_set(story, by)
    story.save()
    return story


@transaction.atomic
def impact_story_remove(*, story: ImpactStory, by: Any = None) -> None:
    """Take the story out of the year's report (its history keeps who chose and removed it)."""
    history_user_set(story, by)
    story.delete()
