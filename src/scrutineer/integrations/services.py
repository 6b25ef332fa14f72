"""Running a sync with Modern.gov and keeping its record (``SyncRun``): the command, the
schedule's task and the administrators' "Sync now" all come here."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from scrutineer.core import clock
from scrutineer.files.parsers.moderngov import ModernGovError
from scrutineer.integrations.models import SyncRun
from scrutineer.integrations.moderngov.client import ModernGovClient
from scrutineer.integrations.moderngov.sync import (
    KINDS,
    OUTCOMES,
    Progress,
    SyncReport,
    default_window,
    moderngov_sync,
)

logger = logging.getLogger(__name__)
STOPPED = "The sync stopped unexpectedly ({kind}); the administrators' logs say more. " + (
    "What it had finished is kept; the next run picks up the rest."
)


def sync_run(
    *,
    url: str,
    trigger: str,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    committee_ids: Iterable[str] = (),
    dry_run: bool = False,
    by: Any = None,
    progress: Progress | None = None,
    client: ModernGovClient | None = None,
) -> SyncRun:
    """Sync with the Modern.gov web service at ``url`` (by default from the start of the last
    municipal year to a year ahead), recorded as a SyncRun from start to finish."""
    default_from, default_to = default_window(clock.today())
    requester = by if getattr(by, "is_authenticated", False) else None
    run = SyncRun.objects.create(
        started_at=timezone.now(),
        trigger=trigger,
        requested_by=requester,
        url=url[:500],
        date_from=date_from or default_from,
        date_to=date_to or default_to,
        committee_ids=[str(c) for c in committee_ids],
        dry_run=dry_run,
    )
    try:
        report = _report(run, requester, progress, client)
    except Exception as error:
        logger.exception("The Modern.gov sync %s stopped", run.pk)
        run.errors = [STOPPED.format(kind=type(error).__name__)]
        run.failed = True
        run.finished_at = timezone.now()
        run.save()
        raise
    sync_run_record(run=run, report=report)
    return run


def _report(
    run: SyncRun, by: Any, progress: Progress | None, client: ModernGovClient | None
) -> SyncReport:
    try:
        opened = client or ModernGovClient(run.url)
    except ModernGovError as error:
        return SyncReport(errors=[f"{error}. Nothing was changed."], failed=True)
    try:
        return moderngov_sync(
            client=opened,
            date_from=run.date_from,
            date_to=run.date_to,
            committee_ids=run.committee_ids,
            dry_run=run.dry_run,
            by=by,
            progress=progress,
        )
    finally:
        if client is None:
            opened.close()


def sync_run_record(*, run: SyncRun, report: SyncReport) -> SyncRun:
    """Keep what a sync did on its record."""
    run.finished_at = timezone.now()
    run.created = report.total("created")
    run.updated = report.total("updated")
    run.unchanged = report.total("unchanged")
    run.conflicts = report.total("conflicts")
    run.counts = {
        kind: {outcome: report.counts[kind][outcome] for outcome in OUTCOMES} for kind in KINDS
    }
    run.errors = list(report.errors)
    run.lines = list(report.lines)
    run.failed = report.failed
    run.save()
    return run


def sync_run_text(run: SyncRun) -> list[str]:
    """A run as the command prints it: what changed, the problems, then the totals."""
    lines = [*run.lines, *(f"Problem: {error}" for error in run.errors)]
    verb = "Would have" if run.dry_run else "Synced"
    window = f"{run.date_from:%d/%m/%Y} to {run.date_to:%d/%m/%Y}"
    lines.append(
        f"{verb} {'synced ' if run.dry_run else ''}meetings from {window}: "
        f"{run.created} added, {run.updated} updated, {run.unchanged} unchanged, "
        f"{_count(run.conflicts, 'conflict')}, {_count(len(run.errors), 'problem')}."
        + (" Nothing was kept (dry run)." if run.dry_run else "")
    )
    return lines


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"
