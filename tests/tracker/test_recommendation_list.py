import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from scrutineer.core import clock
from scrutineer.tracker.models import ReminderLog
from tests.home import scenario
from tests.tracker.factories import RecommendationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("tracker:recommendation_list")


@pytest.fixture
def w():
    return scenario.build(clock.today())


def _csv(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("", 6, id="everything-the-scrutiny-team-sees"),
        pytest.param("committee=place", 1, id="by-committee"),
        pytest.param("status=closed", 0, id="closed"),
        pytest.param("overdue=1", 1, id="overdue"),
        pytest.param("closure_proposed=1", 2, id="closure-proposed"),
        pytest.param("needs_update=1", 2, id="no-update-since-last-meeting"),
        pytest.param("response=overdue", 1, id="response-overdue"),
        pytest.param("directorate=Resources", 3, id="by-assignee-directorate"),
        pytest.param("q=collection", 2, id="full-text-search"),
    ],
)
def test_the_list_filters_across_committees(client, w, query, expected):
    client.force_login(w.scrutiny)
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == expected


def test_the_public_list_never_shows_an_exempt_recommendation(client, w):
    response = client.get(LIST)
    assert response.context["page"].paginator.count == 5
    assert "Sell the secret depot" not in response.content.decode()
    rows = _csv(client.get(reverse("tracker:recommendation_list_csv")))
    assert len(rows) == 6  # the header and five
    assert all("Sell the secret depot" not in row for row in rows)


def test_the_list_shows_the_agenda_item_number_beside_the_tracker_number(client, w):
    content = client.get(f"{LIST}?q=collection").content.decode()
    assert f"Item {w.item.number}" in content
    assert "(agenda item 7)" in content


def test_a_bad_due_date_range_is_a_clear_error_not_a_500(client, w):
    response = client.get(f"{LIST}?due_after=2026-05-01&due_before=2026-04-01")
    assert response.status_code == 200
    assert "must be the same as or after" in response.content.decode()
    assert client.get(f"{LIST}?due_after=not-a-date").status_code == 200


def test_the_csv_has_the_same_rows_as_the_filtered_list_and_neutralises_formulas(client, w):
    RecommendationFactory(item=w.item, text='=HYPERLINK("http://evil")', due_date=None)
    client.force_login(w.scrutiny)
    rows = _csv(client.get(reverse("tracker:recommendation_list_csv") + "?q=collection"))
    assert rows[0][0] == "Reference"
    assert len(rows) == 1 + client.get(f"{LIST}?q=collection").context["page"].paginator.count
    texts = [row[6] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil")' in texts


def test_my_actions_downloads_as_csv(client, w):
    client.force_login(w.officer)
    rows = _csv(client.get(reverse("tracker:my_actions_csv")))
    assert sorted(row[6] for row in rows[1:]) == sorted(
        [w.stale.text, w.overdue.text, w.proposed.text]
    )


def test_the_overdue_dashboard_filters_by_officer_and_directorate(client, w):
    other = scenario.PersonFactory(name="Uma Unrelated", directorate="Place")
    RecommendationFactory(
        item=w.item, text="Late and not Olive's", assignees=[other], due_date=w.overdue.due_date
    )
    client.force_login(w.scrutiny)
    url = reverse("tracker:overdue")
    assert len(client.get(url).context["dashboard"].recommendations) == 2
    mine = client.get(f"{url}?assignee={w.officer_person.pk}").context["dashboard"]
    assert mine.recommendations == [w.overdue]
    place = client.get(f"{url}?directorate=Place").context["dashboard"]
    assert [r.text for r in place.recommendations] == ["Late and not Olive's"]


def test_reminding_the_officers_behind_a_list_asks_first_then_sends_once_a_day(client, w):
    w.officer_person.email = "olive@example.org"
    w.officer_person.save()
    client.force_login(w.scrutiny)
    url = reverse("tracker:recommendation_list_remind") + "?needs_update=1"
    confirm = client.get(url)
    assert "1 person is assigned to the 2 open recommendations" in confirm.content.decode()
    assert not mail.outbox
    done = client.post(url, follow=True)
    assert "Reminders sent to 1 person." in done.content.decode()
    [message] = mail.outbox
    assert message.to == ["olive@example.org"]
    assert w.stale.reference in message.body
    assert w.overdue.reference in message.body
    assert w.proposed.reference not in message.body
    log = ReminderLog.objects.get(kind=ReminderLog.Kind.REQUESTED)
    assert sorted(log.recommendations) == sorted([w.stale.reference, w.overdue.reference])
    client.post(url)
    assert len(mail.outbox) == 1  # not twice in a day


def test_only_the_scrutiny_team_may_remind_officers(client, w):
    client.force_login(w.officer)
    url = reverse("tracker:recommendation_list_remind")
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert "Remind these officers now" not in client.get(LIST).content.decode()


def test_the_list_reads_in_a_constant_number_of_queries(client, w, django_assert_max_num_queries):
    client.force_login(w.scrutiny)
    with django_assert_max_num_queries(20):
        client.get(LIST)
    for n in range(20):
        RecommendationFactory(item=w.item, text=f"More {n}", assignees=[w.officer_person])
    with django_assert_max_num_queries(20):
        client.get(LIST)


def test_the_tracker_cards_and_its_list_count_recommendations_by_name(client, w):
    content = client.get(reverse("tracker:committee_tracker", args=["corp"])).content.decode()
    assert '<span class="scrutineer-count__number">5</span> recommendations' in content
    assert "5 recommendations (5 open) in 2 items" in content
    assert "Agenda item 7" in content


def test_the_committee_page_splits_upcoming_and_past_meetings(client, w):
    content = client.get(reverse("committees:detail", args=["corp"])).content.decode()
    upcoming, past = content.split("Upcoming meetings")[1].split("Past meetings")
    assert w.next.date.strftime("%-d %B %Y") in upcoming
    assert w.last.date.strftime("%-d %B %Y") in past
    assert w.last.date.strftime("%-d %B %Y") not in upcoming


def test_the_list_finds_what_an_officer_leads_as_well_as_what_they_hold(client, w):
    lead = scenario.PersonFactory(name="Lena Lead", directorate="Children's Services")
    w.item2.lead_officer = lead
    w.item2.save()
    client.force_login(w.scrutiny)
    by_lead = client.get(f"{LIST}?assignee={lead.pk}")
    assert by_lead.context["page"].paginator.count == 3  # item 2's three recommendations
    by_directorate = client.get(f"{LIST}?directorate=Children%27s+Services")
    assert by_directorate.context["page"].paginator.count == 3
