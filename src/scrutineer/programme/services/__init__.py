"""Every write of the programme app, one module per seam: ``forward_plan`` (applying forward
plans), ``dispositions`` (what each committee does with an item), ``work_programme`` (what a
committee plans to consider), ``executive_decisions`` (the pre-decision rule, and the
executive's decisions with their call-ins) and ``decision_imports`` (decisions from a table).

The programme's views read the names below through ``from scrutineer.programme import
services``; every other caller imports from the module itself.
"""

from scrutineer.programme.services.dispositions import disposition_set, disposition_suggest
from scrutineer.programme.services.work_programme import ProgrammeRuleBroken, work_programme_add

__all__ = [
    "ProgrammeRuleBroken",
    "disposition_set",
    "disposition_suggest",
    "work_programme_add",
]
