"""Writes to frameworks and their indicators: a code is unique in its framework, and an
indicator's figures stay monthly or quarterly once it has some."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from scrutineer.core.history import history_user_set
from scrutineer.performance.models import Framework, Indicator
from scrutineer.performance.services.errors import PerformanceRuleBroken

# The fields of an indicator people set: on the pages, in the admin and in the demo.
INDICATOR_FIELDS = (
    "code",
    "name",
    "directorate",
    "theme",
    "polarity",
    "unit",
    "measure_type",
    "frequency",
    "data_owner",
    "tolerance",
    "tolerance_kind",
    "is_narrative",
    "unbounded_percentage",
)


def framework_create(
    *,
    name: str,
    year: str,
    rag_rule: str = Framework.RagRule.TOLERANCE,
    is_demo: bool = False,
    by: Any = None,
) -> Framework:
    """Start a framework with its RAG rule."""
    framework = Framework(name=name, year=year, rag_rule=rag_rule, is_demo=is_demo)
    history_user_set(framework, by)
    framework.save()
    return framework


def _check_indicator(indicator: Indicator) -> None:
    if indicator.tolerance < 0:
        raise PerformanceRuleBroken("The tolerance cannot be negative.", field="tolerance")
    taken = Indicator.objects.filter(framework=indicator.framework, code=indicator.code)
    if indicator.pk is not None:
        taken = taken.exclude(pk=indicator.pk)
    if taken.exists():
        raise PerformanceRuleBroken(
            f"{indicator.framework} already has an indicator {indicator.code}: "
            "give this one a different code.",
            field="code",
        )


def indicator_create(*, framework: Framework, by: Any = None, **fields: Any) -> Indicator:
    """Add an indicator to a framework; its code must be new to the framework."""
    indicator = Indicator(framework=framework, **fields)
    _check_indicator(indicator)
    history_user_set(indicator, by)
    indicator.save()
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, by: Any = None, **fields: Any) -> Indicator:
    """Change an indicator's definition (any of INDICATOR_FIELDS, or its framework). Its
    figures are kept per month or per quarter, so the frequency cannot cross between monthly
    and the others once there are figures."""
    unknown = set(fields) - {*INDICATOR_FIELDS, "framework"}
    if unknown:
        raise TypeError(f"indicator_update() got unexpected fields: {', '.join(sorted(unknown))}")
    stored = Indicator.objects.select_for_update().get(pk=indicator.pk)
    for name, value in fields.items():
        setattr(indicator, name, value)
    _check_indicator(indicator)
    monthly = Indicator.Frequency.MONTHLY
    crosses = (stored.frequency == monthly) != (indicator.frequency == monthly)
    if crosses and stored.measurements.exists():
        kind = "monthly" if stored.frequency == monthly else stored.get_frequency_display()
        raise PerformanceRuleBroken(
            f"{stored.code} already has {kind.lower()} figures, so it cannot be reported "
            f"{indicator.get_frequency_display().lower()}: add a new indicator instead.",
            field="frequency",
        )
    if all(getattr(stored, name) == getattr(indicator, name) for name in fields):
        return indicator  # nothing changed: no history entry
    history_user_set(indicator, by)
    indicator.save()
    return indicator
