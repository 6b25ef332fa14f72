"""Edits and closures racing on the same recommendation, on a database that really runs
transactions side by side (PostgreSQL): nothing is lost and nothing is recorded twice."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from scrutineer.tracker import services
from scrutineer.tracker.models import ProgressUpdate, Recommendation
from tests.core.factories import UserFactory
from tests.tracker.factories import RecommendationFactory

PAIRS = 20

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite runs one write transaction at a time; the race needs PostgreSQL",
    ),
]


def _race(*actions: Callable[[], Any]) -> list[Any]:
    """Run the actions at the same moment, each in its own thread and connection; return what
    each returned or raised."""
    start = threading.Barrier(len(actions))
    outcomes: list[Any] = [None] * len(actions)

    def run(index: int, action: Callable[[], Any]) -> None:
        try:
            start.wait()
            outcomes[index] = action()
        except Exception as exc:  # the outcome, raised or returned, is what the test inspects
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def _closures(rec: Recommendation) -> int:
    return ProgressUpdate.objects.filter(recommendation=rec, text_html__contains="Closed:").count()


@pytest.mark.parametrize(
    "close_checks_version",
    [
        pytest.param(True, id="close-from-a-form-with-the-version"),
        pytest.param(False, id="close-without-a-version"),
    ],
)
def test_an_edit_and_a_close_at_once_lose_nothing(close_checks_version):
    officer = UserFactory()
    recommendations = [RecommendationFactory(text="Original") for _ in range(PAIRS)]
    for rec in recommendations:
        # Both pages were opened before either was submitted: each request has its own copy.
        editing = Recommendation.objects.get(pk=rec.pk)
        closing = Recommendation.objects.get(pk=rec.pk)
        version = {"expected_version": editing.version} if close_checks_version else {}
        edit, close = _race(
            lambda editing=editing: services.recommendation_update(
                recommendation=editing, expected_version=editing.version, text="Edited"
            ),
            lambda closing=closing, version=version: services.recommendation_close(
                recommendation=closing, closed_by=officer, agreed_at=None, reason="Done", **version
            ),
        )
        rec.refresh_from_db()
        for outcome in (edit, close):
            assert not isinstance(outcome, Exception) or isinstance(
                outcome, services.EditConflict
            ), repr(outcome)
        # The edit page said "saved" only if the edit is there; otherwise it showed the conflict.
        if not isinstance(edit, Exception):
            assert rec.text == "Edited", f"{rec.reference}: the edit was lost"
        else:
            assert rec.text == "Original"
        if not isinstance(close, Exception):
            assert rec.status == Recommendation.Status.CLOSED
        else:
            assert rec.is_open
        assert _closures(rec) == (0 if isinstance(close, Exception) else 1)
        assert rec.version == 1 + sum(not isinstance(o, Exception) for o in (edit, close))


def test_two_closes_at_once_record_one_closure():
    officer = UserFactory()
    recommendations = [RecommendationFactory() for _ in range(PAIRS)]
    for rec in recommendations:
        copies = [Recommendation.objects.get(pk=rec.pk) for _ in range(2)]
        outcomes = _race(
            *(
                lambda copy=copy: services.recommendation_close(
                    recommendation=copy,
                    closed_by=officer,
                    agreed_at=None,
                    reason="Done",
                    expected_version=1,
                )
                for copy in copies
            )
        )
        done = [o for o in outcomes if not isinstance(o, Exception)]
        repeats = [o for o in outcomes if isinstance(o, services.AlreadyDone)]
        assert (len(done), len(repeats)) == (1, 1), outcomes
        rec.refresh_from_db()
        assert rec.status == Recommendation.Status.CLOSED
        assert _closures(rec) == 1
        assert rec.history.filter(status="closed").count() == 1


def test_the_same_update_posted_twice_at_once_is_saved_once():
    """A double click sends two requests that both find no update under the key yet; the
    key's unique constraint, not the look beforehand, keeps the second one out."""
    recommendations = [RecommendationFactory() for _ in range(PAIRS)]
    for rec in recommendations:
        key = uuid.uuid4()
        copies = [Recommendation.objects.get(pk=rec.pk) for _ in range(2)]
        outcomes = _race(
            *(
                lambda copy=copy, key=key: services.progress_add(
                    item=copy.item, recommendation=copy, text="Report drafted.", submission_key=key
                )
                for copy in copies
            )
        )
        saved = [o for o in outcomes if isinstance(o, ProgressUpdate)]
        repeats = [o for o in outcomes if isinstance(o, services.AlreadyDone)]
        assert (len(saved), len(repeats)) == (1, 1), outcomes
        assert repeats[0].current == saved[0]
        assert ProgressUpdate.objects.filter(recommendation=rec).count() == 1
