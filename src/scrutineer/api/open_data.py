"""Every published dataset as a whole-file download, CSV or JSON, under the Open Government
Licence: the API's own selectors and schemas, seen as the public sees them (whoever asks),
streamed a few hundred records at a time so that 100,000 recommendations never sit in
memory at once."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, QuerySet
from ninja import Schema
from pydantic import BaseModel

from scrutineer.api import schemas, selectors
from scrutineer.briefings.models import BriefingNote
from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import clock
from scrutineer.core.models import ClosureDay, Person
from scrutineer.files.formulas import neutralise
from scrutineer.files.writers.plain import cell_text
from scrutineer.performance.models import Indicator, Measurement
from scrutineer.performance.selectors.figures import measurement_visible_list
from scrutineer.programme.models import (
    CallIn,
    Disposition,
    ExecutiveDecision,
    ForwardPlanItem,
    WorkProgrammeItem,
)
from scrutineer.tracker.models import ExecutiveResponse, Item, ProgressUpdate, Recommendation

LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
CHUNK = 500


class PerformanceFigureOut(Schema):
    """One approved figure of an indicator, rated as the performance pages rate it."""

    indicator_id: int
    indicator_code: str
    indicator_name: str
    framework: str
    year: int
    quarter: int
    month: int | None
    period: str
    value: float | None
    reported_value: float | None
    target: float | None
    rag: str
    direction_short_term: str
    direction_long_term: str
    commentary: str
    route_to_green: str
    provisional: bool


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    schema: type[Schema]
    records: Callable[[], Iterator[Any]]
    changed: tuple[type[Model], ...]


def _public() -> AnonymousUser:
    return AnonymousUser()


def _chunked(
    queryset: QuerySet[Any], shape: Callable[[list[Any]], list[Any]] | None = None
) -> Iterator[Any]:
    """The queryset's rows in its order, a chunk of ids at a time (prefetches run per chunk,
    so related rows come in a constant number of queries per chunk)."""
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found = queryset.order_by().in_bulk(chunk)
        rows = [found[pk] for pk in chunk if pk in found]
        yield from shape(rows) if shape else rows


def _performance_figures() -> Iterator[PerformanceFigureOut]:
    """Approved figures only (what the public sees), indicator by indicator."""
    public = _public()
    indicators = selectors.indicator_list().filter(
        pk__in=measurement_visible_list(public).values("indicator_id")
    )
    for indicator in indicators.iterator(chunk_size=100):
        measurements = list(selectors.measurement_list(public, indicator))
        for row in selectors.measurement_rows(public, indicator, measurements):
            fields = asdict(row)
            fields.pop("id"), fields.pop("approved")
            yield PerformanceFigureOut(
                **fields,
                indicator_code=indicator.code,
                indicator_name=indicator.name,
                framework=indicator.framework.name,
            )


DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            "recommendations",
            "Recommendations",
            "Every published recommendation: its committee and meeting, who must act, its "
            "due date, its status and closure, and the executive's response.",
            schemas.RecommendationOut,
            lambda: _chunked(
                selectors.recommendation_list(_public()), shape=selectors.recommendation_rows
            ),
            (Recommendation, ExecutiveResponse, ProgressUpdate, Item, Meeting, Person),
        ),
        Dataset(
            "progress-updates",
            "Progress updates",
            "The dated progress reported on each recommendation, latest first.",
            schemas.ProgressUpdateOut,
            lambda: _chunked(selectors.progress_update_list(_public())),
            (ProgressUpdate, Item, Person),
        ),
        Dataset(
            "items",
            "Agenda items",
            "The reports considered at each meeting, with the summary of the discussion.",
            schemas.ItemOut,
            lambda: _chunked(selectors.item_list(_public())),
            (Item, Meeting, Person),
        ),
        Dataset(
            "meetings",
            "Meetings",
            "Every committee meeting, past and planned, with its status.",
            schemas.MeetingOut,
            lambda: _chunked(selectors.meeting_list()),
            (Meeting, Committee),
        ),
        Dataset(
            "committees",
            "Committees",
            "The scrutiny committees and their remits.",
            schemas.CommitteeOut,
            lambda: selectors.committee_list().iterator(chunk_size=CHUNK),
            (Committee,),
        ),
        Dataset(
            "forward-plan",
            "Forward plan",
            "The executive's forward plan of decisions, and what each committee does with them.",
            schemas.ForwardPlanItemOut,
            lambda: _chunked(selectors.forward_plan_list()),
            (ForwardPlanItem, Disposition, Person),
        ),
        Dataset(
            "executive-decisions",
            "Executive decisions",
            "The decisions of Cabinet and portfolio holders, with their call-in deadlines, "
            "whether each may be implemented yet, and the call-ins received.",
            schemas.ExecutiveDecisionOut,
            lambda: _chunked(
                selectors.decision_list(_public()),
                lambda rows: selectors.decisions_with_call_in(rows, now=clock.now()),
            ),
            (ExecutiveDecision, CallIn, ClosureDay, Person),
        ),
        Dataset(
            "work-programmes",
            "Work programmes",
            "What each committee plans to scrutinise, by municipal year and meeting.",
            schemas.WorkProgrammeItemOut,
            lambda: _chunked(selectors.work_programme_list(_public())),
            (WorkProgrammeItem, Meeting),
        ),
        Dataset(
            "briefing-notes",
            "Briefing notes",
            "The briefing notes issued to the executive, with their comments, the officers' "
            "responses and the recommendations.",
            schemas.BriefingNoteOut,
            lambda: _chunked(selectors.briefing_note_list(_public())),
            (BriefingNote, Meeting),
        ),
        Dataset(
            "performance-figures",
            "Performance figures",
            "Approved figures of the corporate performance indicators, with targets, RAG "
            "ratings and directions of travel.",
            PerformanceFigureOut,
            _performance_figures,
            (Measurement, Indicator),
        ),
    )
}


def last_changed(dataset: Dataset) -> datetime.datetime | None:
    """When any record behind the dataset last changed, from the records' history."""
    with_history = [m for m in dataset.changed if hasattr(m, "history")]
    return selectors.history_last_changed(*with_history)


def json_chunks(dataset: Dataset, *, publisher: str, url: str) -> Iterator[bytes]:
    """``{"dataset": …, "licence": …, "records": [ … ]}``, a record a line inside the list."""
    head = {
        "dataset": dataset.title,
        "description": dataset.description,
        "publisher": publisher,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "source": url,
    }
    yield (json.dumps(head, ensure_ascii=False)[:-1] + ', "records": [').encode()
    separator = "\n"
    for record in dataset.records():
        data = dataset.schema.from_orm(record).model_dump(mode="json")
        yield (separator + json.dumps(data, ensure_ascii=False)).encode()
        separator = ",\n"
    yield b"\n]}\n"


# CSV: one row per record; a nested object becomes columns named after it ("executive
# response decision"), a person their name, a list of people their names, any other list
# JSON; HTML fields plain text; anything a spreadsheet would run as a formula neutralised.


def _nested_schema(annotation: Any) -> type[BaseModel] | None:
    if get_origin(annotation) in (Union, UnionType):
        found = [a for a in get_args(annotation) if a is not NoneType]
        annotation = found[0] if len(found) == 1 else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _getter(path: Sequence[str]) -> Callable[[dict[str, Any]], Any]:
    def get(record: dict[str, Any]) -> Any:
        value: Any = record
        for key in path:
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value

    return get


def csv_columns(schema: type[BaseModel]) -> list[tuple[str, Callable[[dict[str, Any]], Any]]]:
    """The dataset's columns: a header and how to read its cell from a dumped record."""
    columns: list[tuple[str, Callable[[dict[str, Any]], Any]]] = []
    for name, field in schema.model_fields.items():
        nested = _nested_schema(field.annotation)
        if nested is schemas.PersonOut:
            columns.append((name, _getter([name, "name"])))
        elif nested is not None:
            for sub in nested.model_fields:
                columns.append((f"{name}_{sub}", _getter([name, sub])))
        else:
            columns.append((name, _getter([name])))
    return columns


def _cell(header: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if all(isinstance(v, dict) and "name" in v for v in value):
            return "; ".join(str(v["name"]) for v in value)
        if all(not isinstance(v, dict | list) for v in value):
            return "; ".join(str(v) for v in value)
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    if header.endswith("_html") or header == "summary_html":
        text = cell_text(text)
    return neutralise(text)


def csv_chunks(dataset: Dataset) -> Iterator[bytes]:
    """UTF-8 CSV with a BOM (so Excel reads "£" right), a few hundred rows a chunk."""
    columns = csv_columns(dataset.schema)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header for header, _ in columns])
    for count, record in enumerate(dataset.records(), start=1):
        data = dataset.schema.from_orm(record).model_dump(mode="json")
        writer.writerow([_cell(header, get(data)) for header, get in columns])
        if count % 200 == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def dataset_list() -> Iterable[Dataset]:
    return DATASETS.values()
