import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from scrutineer.alerts.models import Subscription
from scrutineer.core import clock
from scrutineer.home import selectors
from tests.home import scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return clock.today()


@pytest.fixture
def w(today):
    return scenario.build(today)


def test_the_scrutiny_officer_sees_closures_responses_and_updates_due(w, today):
    home = selectors.scrutiny_home(user=w.scrutiny, today=today)
    assert home.closures_proposed.number == 2  # the exempt one too: theirs to see
    assert home.responses_due.number == 1
    assert home.responses_overdue.number == 1
    assert home.needs_update.number == 2
    assert "closure_proposed=1" in home.closures_proposed.url


def test_the_scrutiny_officer_sees_what_the_next_meetings_agenda_pack_needs(w, today):
    home = selectors.scrutiny_home(user=w.scrutiny, today=today)
    [entry] = home.meetings
    assert entry.meeting == w.next
    briefing, tracker = entry.tasks
    assert (briefing.status, briefing.hint) == ("to do", "No briefing note yet")
    assert (tracker.status, tracker.hint) == ("in progress", "Waiting for 2 updates")
    assert home.meetings_needing_work == 1


def test_an_officer_sees_their_open_recommendations_by_due_date(w, today):
    home = selectors.officer_home(user=w.officer, today=today)
    assert (home.open.number, home.overdue.number) == (3, 1)
    assert home.needs_update.number == 2
    assert home.proposed.number == 1
    assert home.soonest[0] == w.overdue  # the only one with a due date comes first


def test_a_councillor_sees_their_committees_next_meeting_and_closures_proposed_there(w, today):
    home = selectors.member_home(user=w.member, today=today)
    [row] = home.committees
    assert row.committee == w.committee
    assert row.next_meeting == w.next
    assert row.proposed.number == 1  # not the other committee's exempt one
    assert row.open.number == 5
    assert not home.follows_anything
    assert home.committees_open.number == 5


def test_a_councillor_sees_the_recommendations_they_follow_by_confirmed_alert(w, today):
    w.member.email = "mo@example.org"
    w.member.save()
    Subscription.objects.create(
        email="mo@example.org", recommendation=w.stale, confirmed_at=timezone.now()
    )
    Subscription.objects.create(email="mo@example.org", recommendation=w.overdue)  # unconfirmed
    Subscription.objects.create(
        email="mo@example.org", recommendation=w.exempt, confirmed_at=timezone.now()
    )
    home = selectors.member_home(user=w.member, today=today)
    assert home.followed == [w.stale]


def test_the_public_home_page_never_shows_an_exempt_recommendation(w, today):
    home = selectors.public_home(user=AnonymousUser(), today=today, shown=20)
    assert w.exempt not in home.latest
    assert w.proposed in home.latest
    assert home.meetings == [w.next]
    corp = next(c for c in home.committees if c.slug == "corp")
    assert corp.open_count == 5


@pytest.mark.parametrize("who", ["scrutiny", "officer", "member"])
def test_every_count_on_a_home_page_is_the_length_of_the_list_it_links_to(client, w, today, who):
    user = getattr(w, who)
    client.force_login(user)
    tallies = []
    for home in (
        selectors.scrutiny_home(user=user, today=today) if who == "scrutiny" else None,
        selectors.officer_home(user=user, today=today) if who == "officer" else None,
    ):
        if home is not None:
            tallies += [v for v in vars(home).values() if isinstance(v, selectors.Tally)]
    if who == "member":
        home = selectors.member_home(user=user, today=today)
        tallies += [home.committees_open]
        for row in home.committees:
            tallies += [row.proposed, row.open]
    assert tallies
    for tally in tallies:
        response = client.get(tally.url)
        assert response.status_code == 200
        assert response.context["page"].paginator.count == tally.number, tally.url


def test_the_signed_in_home_page_shows_each_role_its_own_sections(client, w):
    client.force_login(w.officer)
    content = client.get("/").content.decode()
    assert "Your recommendations" in content
    assert "What needs doing" not in content
    client.force_login(w.scrutiny)
    content = client.get("/").content.decode()
    assert "What needs doing" in content
    assert "Agenda packs for meetings up to" in content
    client.force_login(w.member)
    content = client.get("/").content.decode()
    assert "Your committees" in content
    assert "Sell the secret depot" not in content


def test_the_home_page_reads_in_a_constant_number_of_queries(
    client, w, today, django_assert_max_num_queries
):
    client.force_login(w.scrutiny)
    with django_assert_max_num_queries(40):
        client.get("/")
    for n in range(5):
        scenario.MeetingFactory(committee=w.other, date=today + datetime.timedelta(days=n + 1))
    with django_assert_max_num_queries(40):
        client.get("/")
