"""Reads for the import wizard."""

from __future__ import annotations

from typing import Any

from scrutineer.committees.models import Committee
from scrutineer.files.parsers.mapping import guess_mapping
from scrutineer.imports.models import ColumnMapping
from scrutineer.jobs.models import Job


def header_key(header: str) -> str:
    """A header as the remembered mapping keys it: lower case, spaces collapsed."""
    return " ".join(header.lower().split())


def column_mapping_for(
    *,
    committee: Committee | None,
    headers: tuple[str, ...],
    guessed: dict[int, str] | None = None,
) -> dict[int, str]:
    """The committee's remembered mapping where it knows a header; a guess elsewhere (the
    headers', or ``guessed``, worked out sheet by sheet)."""
    guessed = dict(guess_mapping(headers) if guessed is None else guessed)
    remembered = ColumnMapping.objects.filter(committee=committee).first()
    if remembered is None:
        return guessed
    for index, header in enumerate(headers):
        field = remembered.columns.get(header_key(header))
        if field is not None:
            guessed[index] = field
        # A column the user chose not to import stays unmapped.
        if field == "":
            guessed.pop(index, None)
    return guessed


def column_statuses_for(*, committee: Committee | None) -> dict[str, str]:
    """What the committee's own status words mean (“ongoing” → “open”), as last imported."""
    if committee is None:
        return {}
    remembered = ColumnMapping.objects.filter(committee=committee).first()
    return dict(remembered.statuses) if remembered is not None else {}


def import_job_latest(*, token: str, kind: str, user: Any) -> Job | None:
    """The user's latest job of ``kind`` (a preview worked out, or an import made, by a worker)
    for the upload named by ``token``, if any."""
    return (
        Job.objects.filter(kind=kind, params__token=token, requesters=user)
        .order_by("-requested_at")
        .first()
    )
