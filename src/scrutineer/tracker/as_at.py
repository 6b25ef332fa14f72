"""The tracker as it stood at a past moment, rebuilt from django-simple-history."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Q

from scrutineer.committees.models import Committee
from scrutineer.core.models import Person
from scrutineer.tracker.models import Item, ProgressUpdate, Recommendation
from scrutineer.tracker.selectors.visibility import item_visible_list
from scrutineer.tracker.services.imported import RECONSTRUCTED


@dataclass
class PastRecommendation:
    number: str
    reference: str
    preamble: str
    text: str
    status: str
    assignees: list[str]


@dataclass
class PastRow:
    number: int
    meeting_date: datetime.date
    report_title: str
    summary_html: str
    recommendations: list[PastRecommendation]
    is_open: bool
    assignees: list[str]
    progress_html: str
    progress_date: datetime.date | None
    is_exempt: bool = False

    @property
    def no_recommendations(self) -> bool:
        """An item that made none is neither open nor closed."""
        return not self.recommendations


def tracker_as_at(*, committee: Committee, when: datetime.datetime, user: Any) -> list[PastRow]:
    """Each item of the committee as recorded at ``when``, with its recommendations then.

    Who may see what is decided by today's records, not the past's: an item made exempt
    since, withdrawn since or deleted since, stays out of the past too (as do withdrawn and
    deleted recommendations and updates); only what the user may see today is shown as it
    stood then."""
    meeting_dates = dict(committee.meetings.values_list("pk", "date"))
    visible_today = set(
        item_visible_list(user)
        .filter(meeting__committee=committee, withdrawn_at__isnull=True)
        .values_list("pk", flat=True)
    )
    items = [
        record
        for record in Item.history.as_of(when).filter(meeting_id__in=meeting_dates)
        if record.pk in visible_today
    ]
    visible = {record.pk for record in items}
    recommendations_today = set(
        Recommendation.objects.filter(item_id__in=visible, withdrawn_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    updates_today = set(
        ProgressUpdate.objects.filter(
            Q(recommendation__isnull=True) | Q(recommendation__withdrawn_at__isnull=True),
            item_id__in=visible,
            withdrawn_at__isnull=True,
        ).values_list("pk", flat=True)
    )
    recommendations: dict[int, list[Any]] = {}
    for rec in Recommendation.history.as_of(when).filter(item_id__in=visible):
        if rec.pk in recommendations_today:
            recommendations.setdefault(rec.item_id, []).append(rec)
    historical_recs = {
        record.pk: _history_id(record) for records in recommendations.values() for record in records
    }
    assigned = _assignees_as_at(list(historical_recs.values()))
    latest: dict[int, Any] = {}
    for update in ProgressUpdate.history.as_of(when).filter(item_id__in=visible):
        if update.pk not in updates_today:
            continue
        known = latest.get(update.item_id)
        if known is None or (update.date, update.pk) > (known.date, known.pk):
            latest[update.item_id] = update
    rows = []
    for record in sorted(items, key=lambda r: r.number):
        recs = sorted(recommendations.get(record.pk, []), key=lambda r: r.pk)
        past = [
            PastRecommendation(
                number=r.number,
                reference=r.reference,
                preamble=r.preamble,
                text=r.text,
                status=r.get_status_display(),
                assignees=assigned.get(_history_id(r), []),
            )
            for r in recs
        ]
        names = sorted({name for r in past for name in r.assignees})
        update = latest.get(record.pk)
        rows.append(
            PastRow(
                number=record.number,
                meeting_date=meeting_dates[record.meeting_id],
                report_title=record.report_title,
                summary_html=record.summary_html,
                recommendations=past,
                is_open=any(r.status == "Open" for r in past),
                assignees=names,
                progress_html=update.text_html if update else "",
                progress_date=update.date if update else None,
                is_exempt=record.is_exempt,
            )
        )
    return rows


def _history_id(instance: Any) -> int:
    """as_of() yields model instances; each carries the historical record it came from."""
    return instance._history.history_id


def _assignees_as_at(history_ids: list[int]) -> dict[int, list[str]]:
    """Names assigned in each historical recommendation record (its m2m snapshot)."""
    through = apps.get_model("tracker", "HistoricalRecommendation_assignees")
    rows = through.objects.filter(history_id__in=history_ids).values_list("history_id", "person_id")
    names = dict(Person.objects.values_list("pk", "name"))
    result: dict[int, list[str]] = {}
    for history_id, person_id in rows:
        result.setdefault(history_id, []).append(names.get(person_id, f"#{person_id}"))
    return {k: sorted(v) for k, v in result.items()}


def as_at_reconstructed_from(*, committee: Committee, when: datetime.datetime) -> list[str]:
    """The imported files the committee's tracker at ``when`` was reconstructed from: items
    whose history an import back-dated to their meeting, from the file's own dates."""
    reasons = (
        Item.history.filter(
            meeting__committee=committee,
            history_date__lte=when,
            history_change_reason__startswith=RECONSTRUCTED,
        )
        .values_list("history_change_reason", flat=True)
        .distinct()
    )
    return sorted({reason.removeprefix(RECONSTRUCTED).strip() for reason in reasons})
