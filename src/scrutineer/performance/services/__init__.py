"""Every write to corporate performance, and the rules that guard it, one module per seam:
indicators (and frameworks), targets, measurements (recording and approving figures),
milestones, and raising (what scrutiny takes up from an indicator).

The API, the demo and the pages call ``services.<name>``, so the package
offers each public name here; the modules import one another directly.
"""

from scrutineer.performance.services.errors import PerformanceRuleBroken
from scrutineer.performance.services.indicators import (
    INDICATOR_FIELDS,
    framework_create,
    indicator_create,
    indicator_update,
)
from scrutineer.performance.services.measurements import (
    figure_check,
    figures_from,
    figures_of,
    measurement_approve,
    measurement_check,
    measurement_record,
)
from scrutineer.performance.services.milestones import (
    MILESTONE_FIELDS,
    milestone_create,
    milestone_update,
)
from scrutineer.performance.services.raising import (
    indicator_add_to_work_programme,
    indicator_raise_recommendation,
)
from scrutineer.performance.services.targets import (
    target_check,
    target_clear,
    target_set,
    targets_set_for_year,
)

__all__ = [
    "INDICATOR_FIELDS",
    "MILESTONE_FIELDS",
    "PerformanceRuleBroken",
    "figure_check",
    "figures_from",
    "figures_of",
    "framework_create",
    "indicator_add_to_work_programme",
    "indicator_create",
    "indicator_raise_recommendation",
    "indicator_update",
    "measurement_approve",
    "measurement_check",
    "measurement_record",
    "milestone_create",
    "milestone_update",
    "target_check",
    "target_clear",
    "target_set",
    "targets_set_for_year",
]
