"""Uploads waiting to be confirmed, kept in Django's storage, never in the session.

Each upload is two files under ``imports/pending/``: the file as uploaded (``<token>``) and a
JSON manifest beside it (``<token>.json``) saying whose it is, what kind of import it is for,
where it goes, how many rows it has, the column mapping chosen and the preview worked out. A
token is random and belongs to the user who uploaded it; for anyone else it does not exist.
An upload is removed when it is imported or cancelled, and by ``pending_purge`` a day after
it was made.

An upload of more rows than ``SCRUTINEER_IMPORT_AT_ONCE_ROWS`` is previewed and imported by a
worker (``imports.tasks``), which reads and writes the same files.
"""

from __future__ import annotations

import datetime
import json
import re
import secrets
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from scrutineer.core import clock
from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.files.parsers.report import ImportReport, Progress, no_progress, report_to_json
from scrutineer.files.readers import read_table
from scrutineer.imports.registry import Importer

PENDING_DIR = "imports/pending"
MAX_AGE = datetime.timedelta(days=1)
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


class PendingNotFound(Exception):
    """No such upload for this user: never made, another user's, imported, or purged."""


@dataclass
class PendingUpload:
    token: str
    kind: str
    filename: str
    owner: int
    target: int | None  # the committee's or framework's key, when the importer asks for one
    created: str
    rows: int = 0  # the file's rows, counted once on upload (0: it cannot be read)
    headers: list[str] | None = None  # a table's header row, when its columns are mapped
    sample: list[str] | None = None  # the row under the header, to show beside each column
    mapping: dict[str, str] = field(default_factory=dict)  # column index -> field
    statuses: dict[str, str] = field(default_factory=dict)  # the file's status word -> status
    preview: dict[str, Any] | None = None  # the ImportReport as JSON

    @property
    def column_mapping(self) -> dict[int, str] | None:
        """The mapping chosen, for a table whose columns are mapped; else None."""
        if self.headers is None:
            return None
        return {int(index): name for index, name in self.mapping.items()}


def _file(token: str) -> str:
    return f"{PENDING_DIR}/{token}"


def _manifest(token: str) -> str:
    return f"{PENDING_DIR}/{token}.json"


def pending_save(pending: PendingUpload) -> None:
    """Write the manifest again (storage never overwrites a file: it is replaced)."""
    name = _manifest(pending.token)
    default_storage.delete(name)
    default_storage.save(name, ContentFile(json.dumps(asdict(pending)).encode("utf-8")))


def pending_create(
    *, kind: str, filename: str, data: bytes, owner: Any, target: int | None
) -> PendingUpload:
    """Keep an upload until it is confirmed; the token returned names it in URLs."""
    token = secrets.token_urlsafe(24)
    default_storage.save(_file(token), ContentFile(data))
    pending = PendingUpload(
        token=token,
        kind=kind,
        filename=filename,
        owner=owner.pk,
        target=target,
        created=clock.now().isoformat(),
    )
    pending_save(pending)
    return pending


def pending_at_once(pending: PendingUpload) -> bool:
    """Whether the upload is small enough to preview and import within the request; a
    larger one is left to a worker, so that no request holds the database for long."""
    return pending.rows <= settings.SCRUTINEER_IMPORT_AT_ONCE_ROWS


def pending_preview_keep(pending: PendingUpload, report: ImportReport) -> None:
    """Keep the preview with the upload: showing it again reads only that."""
    pending.preview = report_to_json(report)
    pending_save(pending)


def pending_preview_forget(pending: PendingUpload) -> None:
    """Drop the preview (of another column mapping) while a worker works out the new one."""
    pending.preview = None
    pending_save(pending)


def pending_preview_work_out(
    pending: PendingUpload,
    *,
    importer: Importer,
    target: Any,
    data: bytes,
    progress: Progress = no_progress,
) -> None:
    """Work the preview out once, and keep it."""
    report = importer.report(
        data,
        filename=pending.filename,
        target=target,
        mapping=pending.column_mapping,
        statuses=pending.statuses,
        progress=progress,
    )
    pending_preview_keep(pending, report)


def pending_prepare(pending: PendingUpload, *, importer: Importer, target: Any, data: bytes) -> str:
    """Ready a new upload for its next step, and name it: "columns" for a table whose
    columns the user maps (the guess, or what was remembered, chosen already), else
    "preview", which is worked out next (at once, or by a worker for a large file). Its
    rows are counted either way. What the target's own status words mean is remembered."""
    if importer.columns is not None and importer.columns.statuses is not None:
        pending.statuses = importer.columns.statuses(target)
    if importer.columns is None or not importer.maps_columns(pending.filename):
        pending.rows = importer.rows(data, filename=pending.filename)
        pending_save(pending)
        return "preview"
    try:
        guessed = None
        if importer.columns.read is not None:  # every sheet's columns, each once
            headers, sample, guessed, pending.rows = importer.columns.read(data, pending.filename)
        else:
            table = read_table(data, filename=pending.filename)
            headers, sample = tuple(table.headers), table.rows[0][1] if table.rows else ()
            pending.rows = len(table.rows)
    except ImportRefused:
        return "preview"  # which lists why it cannot be read
    pending.headers = list(headers)
    pending.sample = list(sample)
    remembered = importer.columns.remembered(target, headers, guessed)
    pending.mapping = {str(index): name for index, name in remembered.items()}
    pending_save(pending)
    return "columns"


def pending_get(*, token: str, user: Any) -> PendingUpload:
    """The user's pending upload named by ``token``; PendingNotFound for anyone else's."""
    if not _TOKEN.fullmatch(token) or not default_storage.exists(_manifest(token)):
        raise PendingNotFound(token)
    with default_storage.open(_manifest(token), "rb") as manifest:
        pending = PendingUpload(**json.loads(manifest.read()))
    if pending.owner != user.pk or not default_storage.exists(_file(token)):
        raise PendingNotFound(token)
    return pending


def pending_data(pending: PendingUpload) -> bytes:
    with default_storage.open(_file(pending.token), "rb") as upload:
        return upload.read()


def pending_delete(*, token: str) -> None:
    """Remove an upload and its manifest (nothing happens if they are gone already)."""
    if _TOKEN.fullmatch(token):
        default_storage.delete(_file(token))
        default_storage.delete(_manifest(token))


def pending_purge(*, now: datetime.datetime | None = None) -> int:
    """Remove every pending file written more than MAX_AGE ago; how many were removed."""
    try:
        _, names = default_storage.listdir(PENDING_DIR)
    except FileNotFoundError:  # nothing was ever uploaded
        return 0
    cutoff = (now or clock.now()) - MAX_AGE
    removed = 0
    for name in names:
        path = f"{PENDING_DIR}/{name}"
        try:
            written = default_storage.get_modified_time(path)
        except FileNotFoundError:  # removed meanwhile by another request
            continue
        if written < cutoff:
            default_storage.delete(path)
            removed += 1
    return removed
