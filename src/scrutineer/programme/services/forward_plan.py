"""Writes to the forward plan: applying the executive's forward plan as a table (its entries),
or the forward-plan section of a committee's tracker (what the committee does with each item).

Each is planned from reads alone, which is the preview; the import works the plan out again
inside its transaction, refuses it if it is not the preview that was shown, and writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from scrutineer.committees.models import Committee
from scrutineer.core.calendar import month_end
from scrutineer.core.history import history_user_set
from scrutineer.core.models import Person
from scrutineer.core.services import person_find_or_create
from scrutineer.files.parsers.forward_plan import ParsedPlanEntry
from scrutineer.files.parsers.report import (
    ImportReport,
    Progress,
    ReportSection,
    RowOutcome,
    no_progress,
    report_check_expected,
)
from scrutineer.files.parsers.tracker_text import ParsedForwardPlanItem
from scrutineer.programme import selectors
from scrutineer.programme.models import Disposition, ForwardPlanItem
from scrutineer.programme.services.dispositions import (
    disposition_propose,
    work_programme_change_of,
    work_programme_follow,
)

# The forward-plan section of a tracker: a committee's disposition of each item.


def _committee_for_remit(name: str) -> Committee | None:
    if not name:
        return None
    return (
        Committee.objects.filter(name__iexact=name).first()
        or Committee.objects.filter(name__icontains=name.removesuffix(" Committee")).first()
    )


@dataclass
class _DispositionPlan:
    parsed: ParsedForwardPlanItem
    plan_item: ForwardPlanItem | None  # None: create it
    disposition: Disposition | None  # None: create it
    wanted: dict[str, Any]
    outcome: RowOutcome


def _disposition_fields(
    parsed: ParsedForwardPlanItem, committee: Committee, plan_item: ForwardPlanItem | None
) -> dict[str, Any]:
    """The disposition a committee's table row gives, as the model's fields. "Scheduled for
    … in March 2025" is the committee's meeting then, when one is recorded before the
    decision."""
    meeting = None
    if parsed.disposition == Disposition.Choice.SCHEDULED and parsed.scheduled_for is not None:
        # An item the file creates is known by its month, as the table prints it.
        latest = (
            selectors.decision_latest_day(plan_item)
            if plan_item is not None
            else month_end(parsed.cabinet_date)
        )
        meeting = selectors.scheduled_meeting_for(
            committee, day=parsed.scheduled_for, latest=latest
        )
    return {
        "position": int(parsed.number) if parsed.number.isdigit() else 0,
        "choice": parsed.disposition,
        "scheduled_for": parsed.scheduled_for,
        "meeting": meeting,
        "other_committee": _committee_for_remit(parsed.other_committee),
        "note": parsed.information,
    }


def _dispositions_plan(
    items: tuple[ParsedForwardPlanItem, ...], committee: Committee
) -> list[_DispositionPlan]:
    plans = []
    for parsed in items:
        plan_item = ForwardPlanItem.objects.filter(
            title=parsed.title, decision_date=parsed.cabinet_date
        ).first()
        disposition = (
            Disposition.objects.filter(forward_plan_item=plan_item, committee=committee).first()
            if plan_item is not None
            else None
        )
        wanted = _disposition_fields(parsed, committee, plan_item)
        # What the disposition will be, to tell what it does to the work programme.
        after = Disposition(forward_plan_item=plan_item, committee=committee, **wanted)
        programme = work_programme_change_of(after)
        if plan_item is None:
            action = "create"
        elif (
            disposition is None
            or any(getattr(disposition, k) != v for k, v in wanted.items())
            or programme
        ):
            action = "update"
        else:
            action = "unchanged"
        outcome = RowOutcome(parsed.line, action, (parsed.number,))
        if programme:
            outcome.details.append(programme)
        plans.append(_DispositionPlan(parsed, plan_item, disposition, wanted, outcome))
    return plans


def forward_plan_preview(
    *, items: tuple[ParsedForwardPlanItem, ...], committee: Committee
) -> list[RowOutcome]:
    """What forward_plan_import would do with these items, from reads alone."""
    return [plan.outcome for plan in _dispositions_plan(items, committee)]


@transaction.atomic
def forward_plan_import(
    *, items: tuple[ParsedForwardPlanItem, ...], committee: Committee, by: Any = None
) -> list[RowOutcome]:
    """Record each forward-plan item and this committee's disposition of it, and keep the
    committee's work programme in step with it (scheduled for a meeting puts it there);
    idempotent."""
    plans = _dispositions_plan(items, committee)
    for plan in plans:
        if plan.outcome.action == "unchanged":
            continue
        plan_item = (
            plan.plan_item
            or ForwardPlanItem.objects.filter(
                title=plan.parsed.title, decision_date=plan.parsed.cabinet_date
            ).first()
        )
        if plan_item is None:  # an item on two rows of the file is created by the first
            plan_item = ForwardPlanItem(
                title=plan.parsed.title, decision_date=plan.parsed.cabinet_date
            )
            history_user_set(plan_item, by)
            plan_item.save()
        # An item on two rows of the file: the first row's disposition is the one changed.
        disposition = (
            plan.disposition
            or Disposition.objects.filter(forward_plan_item=plan_item, committee=committee).first()
            or Disposition(forward_plan_item=plan_item, committee=committee)
        )
        for key, value in plan.wanted.items():
            setattr(disposition, key, value)
        history_user_set(disposition, by)
        disposition.save()
        work_programme_follow(disposition=disposition, by=by)
    return [plan.outcome for plan in plans]


# The executive's forward plan as a table: its items, matched by title and decision date.


@dataclass
class _EntryPlan:
    entry: ParsedPlanEntry
    item: ForwardPlanItem | None  # None: create it
    fields: dict[str, Any]  # the lead officer by name: the person is found or recorded later
    suggest: bool  # give the committee a suggested disposition of the item
    outcome: RowOutcome


def _entries_plan(
    entries: tuple[ParsedPlanEntry, ...],
    committee: Committee | None,
    progress: Progress = no_progress,
) -> list[_EntryPlan]:
    names = {entry.lead_officer.lower() for entry in entries if entry.lead_officer}
    people = {name: Person.objects.filter(name__iexact=name).first() for name in names}
    new_people: set[str] = set()
    disposed = (
        set(committee.dispositions.values_list("forward_plan_item_id", flat=True))
        if committee is not None
        else set()
    )
    plans: list[_EntryPlan] = []
    progress(0, len(entries))
    for entry in entries:
        fields = {
            "decision_maker": entry.decision_maker,
            "decision_date_precision": entry.precision,
            "is_key_decision": entry.is_key_decision,
            "portfolio": entry.portfolio,
            "first_published": entry.first_published,
            "is_exempt": entry.is_exempt,
            "lead_officer": entry.lead_officer,
        }
        item = ForwardPlanItem.objects.filter(
            title=entry.title, decision_date=entry.decision_date
        ).first()
        outcome = RowOutcome(entry.row, "unchanged", (entry.title, f"{entry.decision_date}"))
        if item is None:
            outcome.action = "create"
        else:
            lead = people.get(entry.lead_officer.lower()) if entry.lead_officer else None
            changed = [
                key.replace("_", " ")
                for key, value in fields.items()
                if key != "lead_officer" and getattr(item, key) != value
            ]
            # A lead officer not yet recorded is a change: the person is recorded and linked.
            if (entry.lead_officer and lead is None) or item.lead_officer_id != getattr(
                lead, "pk", None
            ):
                changed.append("lead officer")
            if changed:
                outcome.action = "update"
                outcome.details.append("changed " + ", ".join(changed))
        name = entry.lead_officer.lower()
        if name and people[name] is None and name not in new_people:
            new_people.add(name)
            outcome.details.append(f"new officer “{entry.lead_officer}” recorded")
        suggest = committee is not None and (item is None or item.pk not in disposed)
        if suggest and committee is not None:
            outcome.details.append(f"what {committee.short_name} does with it suggested")
        plans.append(_EntryPlan(entry, item, fields, suggest, outcome))
        progress(len(plans), len(entries))
    return plans


def _entries_report(
    plans: list[_EntryPlan], committee: Committee | None, filename: str
) -> ImportReport:
    rows = [plan.outcome for plan in plans]
    return ImportReport(
        filename=filename,
        into=committee.name if committee is not None else "the forward plan",
        sections=[ReportSection("Row by row", ("Title", "decision date"), rows)],
    )


def forward_plan_entries_preview(
    *,
    entries: tuple[ParsedPlanEntry, ...],
    committee: Committee | None = None,
    filename: str = "",
    progress: Progress = no_progress,
) -> ImportReport:
    """What importing the forward plan's entries would do, from reads alone; ``progress`` is
    told as each row is worked out."""
    return _entries_report(_entries_plan(entries, committee, progress), committee, filename)


@transaction.atomic
def forward_plan_entries_import(
    *,
    entries: tuple[ParsedPlanEntry, ...],
    committee: Committee | None = None,
    by: Any = None,
    filename: str = "",
    expected: ImportReport | None = None,
    progress: Progress = no_progress,
) -> ImportReport:
    """Create or update forward-plan items (matched by title and decision date); for a given
    scrutiny committee, add a suggested disposition to items it has none for. With
    ``expected`` (the preview shown), raises PreviewOutdated and writes nothing if the plan
    is not that preview. ``progress`` is told as each row is written."""
    plans = _entries_plan(entries, committee)
    report = _entries_report(plans, committee, filename)
    report_check_expected(report, expected)
    report.dry_run = False
    progress(0, len(plans))
    for done, plan in enumerate(plans, start=1):
        entry, item = plan.entry, plan.item
        fields = dict(plan.fields)
        name = fields.pop("lead_officer")
        fields["lead_officer"] = person_find_or_create(name=name, by=by) if name else None
        if item is None:  # an item on two rows of the file is created by the first
            item = ForwardPlanItem.objects.filter(
                title=entry.title, decision_date=entry.decision_date
            ).first() or ForwardPlanItem(title=entry.title, decision_date=entry.decision_date)
        if plan.outcome.action != "unchanged":
            for key, value in fields.items():
                setattr(item, key, value)
            history_user_set(item, by)
            item.save()
        if plan.suggest and committee is not None:
            disposition_propose(item=item, committee=committee, by=by)
        progress(done, len(plans))
    return report
