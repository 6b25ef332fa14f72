"""Closure agreed by the committee: the list for a meeting, members' comments, the
committee's decisions in one write, and a meeting sent to the executive in one step."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from scrutineer.core.roles import Role
from scrutineer.tracker import services
from scrutineer.tracker.models import (
    ClosureComment,
    ClosureDecision,
    ExecutiveResponse,
)
from scrutineer.tracker.selectors.closures import closures_proposed
from tests.committees.factories import (
    MeetingFactory,
)
from tests.core.factories import UserFactory
from tests.tracker.conftest import PROPOSED_AT
from tests.tracker.factories import RecommendationFactory


@pytest.fixture
def w(closures) -> SimpleNamespace:
    return closures


def test_the_list_for_the_next_meeting_holds_what_was_proposed_before_it(w):
    rows = closures_proposed(w.next_meeting, user=w.scrutiny)
    assert [r.recommendation for r in rows] == [w.rec, w.other, w.ex_rec]
    assert rows[0].reason == "The report was presented in October."
    assert rows[0].recommendation.closure_proposed_by == w.officer
    # The meeting that made them came before the proposal: nothing on its list.
    assert closures_proposed(w.made, user=w.scrutiny) == []


def test_exempt_proposals_are_left_off_the_list_for_those_not_entitled(w):
    officer_user = UserFactory(username="officer", role=Role.OFFICER)
    assert [r.recommendation for r in closures_proposed(w.next_meeting, user=officer_user)] == [
        w.rec,
        w.other,
    ]
    member_rows = closures_proposed(w.next_meeting, user=w.member_user)
    assert w.ex_rec in [r.recommendation for r in member_rows]


@pytest.mark.parametrize("kind", ["noting", "agreement"])
def test_a_noting_or_an_agreement_cannot_be_proposed_for_closure(w, kind):
    rec = RecommendationFactory(item=w.item, text="Noted the report", kind=kind)
    with pytest.raises(services.TrackerRuleBroken, match="needs no action"):
        services.progress_add(item=w.item, recommendation=rec, text="Done", proposes_closure=True)


def test_a_member_of_the_committee_comments_on_a_proposed_closure(w):
    comment = services.closure_comment_add(
        recommendation=w.rec,
        meeting=w.next_meeting,
        text="Has the survey been published?",
        author=w.member,
        by=w.member_user,
    )
    assert comment.author == w.member
    assert comment.history.get().history_user == w.member_user
    rows = closures_proposed(w.next_meeting, user=w.member_user)
    assert [c.text for c in rows[0].comments] == ["Has the survey been published?"]


def test_a_comment_on_what_is_not_proposed_is_refused(w):
    plain = RecommendationFactory(item=w.item, text="Not proposed")
    with pytest.raises(services.TrackerRuleBroken, match="not proposed for closure"):
        services.closure_comment_add(recommendation=plain, meeting=w.next_meeting, text="Why?")
    with pytest.raises(services.TrackerRuleBroken, match="Enter your comment"):
        services.closure_comment_add(recommendation=w.rec, meeting=w.next_meeting, text="  ")
    assert not ClosureComment.objects.exists()


def decide(w, *choices, **kwargs):
    return services.closure_decisions_record(
        meeting=w.next_meeting,
        decisions=[
            services.DecisionInput(
                recommendation=rec, outcome=outcome, note=note, expected_version=rec.version
            )
            for rec, outcome, note in choices
        ],
        by=w.scrutiny,
        **kwargs,
    )


def test_the_committees_decisions_are_recorded_in_one_write(w):
    decide(
        w,
        (w.rec, "agreed", ""),
        (w.other, "not_agreed", "The survey is not yet published."),
        (w.ex_rec, "deferred", "Waiting for the valuation."),
    )
    w.rec.refresh_from_db()
    assert w.rec.status == "closed"
    assert w.rec.closed_on == w.next_meeting.date
    assert w.rec.closure_agreed_at == w.next_meeting
    assert w.rec.closure_reason == "The report was presented in October."
    w.other.refresh_from_db()
    assert w.other.is_open
    assert w.other.closure_proposed_at is None
    w.ex_rec.refresh_from_db()
    assert w.ex_rec.is_open
    assert w.ex_rec.closure_proposed_at == PROPOSED_AT
    outcomes = dict(ClosureDecision.objects.values_list("recommendation", "outcome"))
    assert outcomes == {w.rec.pk: "agreed", w.other.pk: "not_agreed", w.ex_rec.pk: "deferred"}
    note = ClosureDecision.objects.get(recommendation=w.other)
    assert note.note == "The survey is not yet published."
    assert note.history.get().history_user == w.scrutiny
    assert w.other.history.first().history_user == w.scrutiny
    # Deferred: on the next meeting's list; decided: off this one's.
    later = MeetingFactory(committee=w.committee, date=datetime.date(2024, 12, 3))
    assert [r.recommendation for r in closures_proposed(later, user=w.scrutiny)] == [w.ex_rec]
    assert closures_proposed(w.next_meeting, user=w.scrutiny) == []


def test_a_decision_on_a_recommendation_changed_since_the_form_opened_writes_nothing(w):
    stale_version = w.other.version
    services.recommendation_update(
        recommendation=w.other, expected_version=w.other.version, text="Changed meanwhile"
    )
    with pytest.raises(services.EditConflict):
        services.closure_decisions_record(
            meeting=w.next_meeting,
            decisions=[
                services.DecisionInput(w.rec, "agreed", "", w.rec.version),
                services.DecisionInput(w.other, "agreed", "", stale_version),
            ],
            by=w.scrutiny,
        )
    w.rec.refresh_from_db()
    assert w.rec.is_open  # the first decision was rolled back with the second
    assert not ClosureDecision.objects.exists()


def test_the_same_decisions_again_are_already_done(w):
    decide(w, (w.ex_rec, "deferred", ""))
    w.ex_rec.refresh_from_db()
    with pytest.raises(services.AlreadyDone):
        decide(w, (w.ex_rec, "deferred", ""))
    assert ClosureDecision.objects.count() == 1


@pytest.mark.parametrize(
    ("outcome", "note", "message"),
    [
        pytest.param("not_agreed", "", "Say why", id="not-agreed-without-a-reason"),
        pytest.param("maybe", "", "Choose agreed", id="unknown-outcome"),
    ],
)
def test_a_bad_decision_is_refused(w, outcome, note, message):
    with pytest.raises(services.TrackerRuleBroken, match=message):
        decide(w, (w.rec, outcome, note))
    assert not ClosureDecision.objects.exists()


def test_decisions_are_refused_before_the_meeting_has_taken_place(w):
    future = MeetingFactory(
        committee=w.committee, date=datetime.date.today() + datetime.timedelta(days=7)
    )
    with pytest.raises(services.TrackerRuleBroken, match="has not taken place"):
        services.closure_decisions_record(
            meeting=future,
            decisions=[services.DecisionInput(w.rec, "agreed", "", w.rec.version)],
        )


def test_every_recommendation_of_a_meeting_goes_to_the_executive_in_one_step(w):
    noting = RecommendationFactory(item=w.item, text="Noted the report", kind="noting")
    done = services.meeting_send_to_executive(
        meeting=w.made, sent_on=datetime.date(2024, 9, 20), by=w.scrutiny
    )
    assert (done.sent, done.already_sent, done.noting) == (3, 0, 1)
    sent = ExecutiveResponse.objects.filter(recommendation__item__meeting=w.made)
    assert sent.count() == 3
    assert {r.sent_on for r in sent} == {datetime.date(2024, 9, 20)}
    assert not ExecutiveResponse.objects.filter(recommendation=noting).exists()
    with pytest.raises(services.AlreadyDone):
        services.meeting_send_to_executive(meeting=w.made, sent_on=datetime.date(2024, 9, 21))


def test_a_bulk_send_that_fails_on_one_sends_none(w):
    # Before the meeting that made them: refused, as the single send refuses it.
    with pytest.raises(ValidationError):
        services.meeting_send_to_executive(meeting=w.made, sent_on=datetime.date(2024, 1, 1))
    assert not ExecutiveResponse.objects.exists()
