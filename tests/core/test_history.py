"""The history of changes reads as the pages do: names, not ids; dates, not timestamps."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from scrutineer.core.calendar import long_date
from scrutineer.core.history import datetime_text, history_of, time_text
from scrutineer.tracker import services
from scrutineer.tracker.models import Recommendation
from tests.committees.factories import CommitteeFactory, MeetingFactory, PersonFactory
from tests.tracker.factories import ItemFactory, RecommendationFactory


def _changes(entries):
    return {(c.field, c.old, c.new) for entry in entries for c in entry.changes}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        pytest.param(
            datetime.datetime(2026, 12, 1, 18, 51, 53, 954085, tzinfo=datetime.UTC),
            "1 December 2026, 6:51pm",
            id="winter-utc",
        ),
        pytest.param(
            datetime.datetime(2026, 7, 1, 11, 5, tzinfo=datetime.UTC),
            "1 July 2026, 12:05pm",
            id="summer-time-is-local",
        ),
        pytest.param(
            datetime.datetime(2026, 1, 9, 0, 30, tzinfo=datetime.UTC),
            "9 January 2026, 12:30am",
            id="after-midnight",
        ),
    ],
)
def test_datetimes_read_as_the_pages_print_them(value, text):
    assert datetime_text(value) == text


def test_dates_and_times_read_as_the_pages_print_them():
    assert long_date(datetime.date(2026, 12, 1)) == "1 December 2026"
    assert time_text(datetime.time(9, 0)) == "9:00am"


def test_history_names_people_and_meetings_and_prints_dates(db, scrutiny_officer):
    committee = CommitteeFactory(name="Corporate Overview and Scrutiny Committee")
    made_at = MeetingFactory(committee=committee, date=datetime.date(2024, 9, 17))
    agreed_at = MeetingFactory(committee=committee, date=datetime.date(2025, 1, 14))
    sarah, team = PersonFactory(name="Sarah Brown"), PersonFactory(name="O&S Officers")
    rec = RecommendationFactory(
        item=ItemFactory(meeting=made_at), assignees=[], kind=Recommendation.Kind.NOTING
    )
    # An action now, so it can be proposed for closure (a noting needs no action).
    services.recommendation_update(
        recommendation=rec,
        expected_version=None,
        assignees=[sarah, team],
        kind=Recommendation.Kind.ACTION,
        due_date=datetime.date(2025, 3, 31),
    )
    author = PersonFactory(name="Tracie Heiser")
    services.progress_add(
        item=rec.item, recommendation=rec, text="Done", proposes_closure=True, author=author
    )
    proposed = Recommendation.objects.get(pk=rec.pk).closure_proposed_at
    services.recommendation_close(
        recommendation=rec, closed_by=scrutiny_officer, agreed_at=agreed_at, reason="Received"
    )
    changes = _changes(history_of(Recommendation.objects.get(pk=rec.pk)))
    assert ("Assignees", "(none)", "O&S Officers, Sarah Brown") in changes
    assert ("Kind", "Noting", "Action") in changes
    assert ("Due date", "(empty)", "31 March 2025") in changes
    assert ("Closure proposed by", "(empty)", "Tracie Heiser") in changes
    assert ("Closure proposed at", "(empty)", datetime_text(proposed)) in changes
    assert ("Status", "Open", "Closed") in changes
    assert ("Closed on", "(empty)", "14 January 2025") in changes
    assert (
        "Closure agreed at",
        "(empty)",
        "Corporate Overview and Scrutiny Committee, 14 January 2025",
    ) in changes
    shown = " ".join(f"{c.old} {c.new}" for c in history_of(rec)[0].changes)
    assert str(sarah.pk) not in shown.split()


def test_history_shows_yes_and_no_for_a_flag(db):
    item = ItemFactory()
    services.item_update(item=item, expected_version=None, is_exempt=True)
    assert ("Is exempt", "No", "Yes") in _changes(history_of(item))


def test_a_deleted_person_is_named_as_deleted_not_as_an_error(db):
    gone = PersonFactory(name="Left the council")
    rec = RecommendationFactory(assignees=[])
    services.recommendation_update(recommendation=rec, expected_version=None, assignees=[gone])
    pk = gone.pk
    gone.delete()
    changes = _changes(history_of(rec))
    assert ("Assignees", "(none)", f"deleted (person {pk})") in changes


def _queries_for_history(rec):
    with CaptureQueriesContext(connection) as captured:
        history_of(rec)
    return len(captured)


def test_history_takes_the_same_queries_for_3_changes_as_for_30(db):
    meetings = [MeetingFactory() for _ in range(3)]
    people = [PersonFactory() for _ in range(3)]

    def churn(rec, times):
        for n in range(times):
            services.recommendation_update(
                recommendation=rec,
                expected_version=None,
                assignees=[people[n % 3]],
                due_date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
            )
            rec.closure_agreed_at = meetings[n % 3]
            rec.closure_proposed_at = timezone.now()
            rec.save()

    short, long = RecommendationFactory(), RecommendationFactory()
    churn(short, 3)
    churn(long, 30)
    assert len(history_of(long)) > 60
    assert _queries_for_history(short) == _queries_for_history(long) == 4  # records, assignees,
    # then the people and the meetings (with their committees) named
