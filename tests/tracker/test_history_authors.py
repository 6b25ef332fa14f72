"""Every write of the tracker's and the committees' services names its author in the
history: each history record it writes, on every model, carries the user who made it."""

import datetime
from types import SimpleNamespace

import pytest
from django.apps import apps

from scrutineer.committees import services as committees
from scrutineer.tracker import services
from tests.committees.factories import CommitteeFactory, PersonFactory
from tests.tracker.factories import RecommendationFactory


def _history_models():
    return [
        model
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
        and any(f.name == "history_user" for f in model._meta.fields)
    ]


def _latest_ids():
    return {
        model: model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        for model in _history_models()
    }


def _authors_since(before):
    return {
        (model.__name__, row.history_user)
        for model, last in before.items()
        for row in model.objects.filter(pk__gt=last).select_related("history_user")
    }


def _sent(rec, by, other=None):
    services.recommendation_send_to_executive(
        recommendation=rec, sent_on=datetime.date(2024, 9, 20), by=by
    )
    return rec.executive_response


WRITES = {
    "meeting_create": lambda rec, by, other: committees.meeting_create(
        committee=rec.item.meeting.committee,
        date=datetime.date(2025, 3, 18),
        invited_committees=[other.committee],
        by=by,
    ),
    "meeting_find_or_create": lambda rec, by, other: committees.meeting_find_or_create(
        committee=rec.item.meeting.committee, date=datetime.date(2025, 3, 18), by=by
    ),
    "item_create": lambda rec, by, other: services.item_create(
        meeting=rec.item.meeting, report_title="Parks strategy", by=by
    ),
    "item_update": lambda rec, by, other: services.item_update(
        item=rec.item, expected_version=None, report_title="Renamed", by=by
    ),
    "recommendation_create": lambda rec, by, other: services.recommendation_create(
        item=rec.item, text="Review the parks", assignees=[other.person], by=by
    ),
    "recommendation_update": lambda rec, by, other: services.recommendation_update(
        recommendation=rec,
        expected_version=None,
        text="Changed",
        assignees=[other.person],
        by=by,
    ),
    "progress_add": lambda rec, by, other: services.progress_add(
        item=rec.item, recommendation=rec, text="Done some", by=by
    ),
    "progress_add_proposing_closure": lambda rec, by, other: services.progress_add(
        item=rec.item, recommendation=rec, text="Done", proposes_closure=True, by=by
    ),
    "recommendation_close": lambda rec, by, other: services.recommendation_close(
        recommendation=rec, closed_by=by, agreed_at=None, reason="Done"
    ),
    "recommendation_reopen": lambda rec, by, other: services.recommendation_reopen(
        recommendation=services.recommendation_close(
            recommendation=rec, closed_by=by, agreed_at=None, reason="Done"
        ),
        reopened_by=by,
        reason="Not done after all",
    ),
    "recommendation_send_to_executive": _sent,
    "executive_response_record": lambda rec, by, other: services.executive_response_record(
        response=_sent(rec, by),
        decision="accepted",
        responded_on=datetime.date(2024, 10, 1),
        by=by,
    ),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_every_history_record_a_write_makes_names_its_author(db, scrutiny_officer, write):
    rec = RecommendationFactory(assignees=[PersonFactory()])
    other = SimpleNamespace(committee=CommitteeFactory(), person=PersonFactory())
    before = _latest_ids()
    WRITES[write](rec, scrutiny_officer, other)
    authors = _authors_since(before)
    assert authors, "the write should leave a history record"
    assert {user for _, user in authors} == {scrutiny_officer}, authors
