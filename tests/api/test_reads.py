"""What the read endpoints return: public fields, filters, paging and stable order."""

import datetime

import pytest
from django.utils import timezone

from scrutineer.committees.models import Membership
from scrutineer.tracker import services
from tests.committees.factories import CouncillorFactory


def test_people_show_public_fields_only(client, published):
    published.world.officer_person.email = "sarah.brown@example.org"
    published.world.officer_person.save()
    response = client.get("/api/v1/people")
    assert response.status_code == 200
    person = next(p for p in response.json()["results"] if p["name"] == "Sarah Brown")
    # A councillor's party, ward and key posts are public (Modern.gov publishes them too).
    assert set(person) == {"id", "name", "kind", "job_title", "directorate", "party", "ward",
                           "key_posts"}  # fmt: skip
    assert "sarah.brown@example.org" not in response.content.decode()


def test_committee_members_are_listed_chair_first_without_contact_details(client, world):
    member = CouncillorFactory(name="Cllr Zed", email="zed@example.org")
    chair = CouncillorFactory(name="Cllr Abbott", email="abbott@example.org")
    Membership.objects.create(committee=world.committee, person=member)
    Membership.objects.create(committee=world.committee, person=chair, role="chair")
    response = client.get(f"/api/v1/committees/{world.committee.slug}/members")
    assert [m["person"]["name"] for m in response.json()["results"]] == [
        "Cllr Abbott",
        "Cllr Zed",
    ]
    assert "@example.org" not in response.content.decode()


def test_committee_detail_by_slug_and_unknown_slug(client, world):
    assert client.get(f"/api/v1/committees/{world.committee.slug}").json()["short_name"] == "CO&S"
    assert client.get("/api/v1/committees/no-such-committee").status_code == 404


def test_recommendation_carries_assignees_and_executive_response(client, published):
    w = published.world
    data = client.get(f"/api/v1/recommendations/{w.sent_recommendation.pk}").json()
    assert data["executive_response"]["decision"] == "pending"
    assert data["committee"] == w.committee.slug
    data = client.get(f"/api/v1/recommendations/{w.recommendation.pk}").json()
    assert [a["name"] for a in data["assignees"]] == ["Sarah Brown"]
    assert data["executive_response"] is None


RECOMMENDATION_FILTERS = [
    pytest.param({"status": "closed"}, {"closed_recommendation"}, id="closed"),
    pytest.param({"status": "open"}, {"recommendation", "sent_recommendation"}, id="open"),
    pytest.param({"committee": "no-such-committee"}, set(), id="other-committee"),
    pytest.param({"meeting_date_from": "2030-01-01"}, set(), id="meetings-after"),
    pytest.param(
        {"meeting_date_to": "2030-01-01", "status": "closed"},
        {"closed_recommendation"},
        id="meetings-before",
    ),
]


@pytest.mark.parametrize(("query", "expected"), RECOMMENDATION_FILTERS)
def test_recommendations_filter(client, published, query, expected):
    w = published.world
    response = client.get("/api/v1/recommendations", query)
    assert {r["id"] for r in response.json()["results"]} == {
        getattr(w, name).pk for name in expected
    }


def test_recommendations_filter_by_assignee(client, published, caller):
    w = published.world
    query = {"assignee": w.officer_person.pk}
    assert {r["id"] for r in client.get("/api/v1/recommendations", query).json()["results"]} == {
        w.recommendation.pk
    }
    _, auth = caller("scrutiny_officer")
    found = client.get("/api/v1/recommendations", query, **auth).json()["results"]
    assert {r["id"] for r in found} == {w.recommendation.pk, w.exempt_recommendation.pk}


def test_recommendations_updated_since_counts_new_progress(client, published):
    w = published.world
    since = timezone.now()
    services.progress_add(item=w.item, recommendation=w.sent_recommendation, text="Sent on.")
    found = client.get("/api/v1/recommendations", {"updated_since": since.isoformat()}).json()
    assert [r["id"] for r in found["results"]] == [w.sent_recommendation.pk]


def test_updated_since_without_a_zone_and_far_dates_are_not_errors(client, published):
    for value in ["2024-01-01T00:00:00", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00"]:
        assert client.get("/api/v1/recommendations", {"updated_since": value}).status_code == 200


def test_paging_is_stable_and_counts_every_match(client, published):
    first = client.get("/api/v1/recommendations", {"limit": 1}).json()
    second = client.get("/api/v1/recommendations", {"limit": 1, "offset": 1}).json()
    assert first["count"] == second["count"] == 3
    assert first["results"][0]["id"] != second["results"][0]["id"]
    everything = client.get("/api/v1/recommendations").json()["results"]
    assert [r["id"] for r in everything[:2]] == [
        first["results"][0]["id"],
        second["results"][0]["id"],
    ]


def test_a_list_whose_filter_can_match_nothing_counts_nothing(rf, db):
    from scrutineer.api.endpoints.common import Paging, page
    from scrutineer.tracker.models import Item

    nothing = Item.objects.filter(pk__in=[]).order_by("pk")
    found = page(rf.get("/api/v1/items"), nothing, Paging(), changed=[Item])
    assert (found["count"], found["results"]) == (0, [])


BAD_QUERIES = [
    pytest.param("/api/v1/items", {"limit": 201}, "limit", id="limit-too-big"),
    pytest.param("/api/v1/items", {"limit": 0}, "limit", id="limit-zero"),
    pytest.param("/api/v1/items", {"offset": -1}, "offset", id="offset-negative"),
    pytest.param("/api/v1/recommendations", {"status": "shut"}, "status", id="status"),
    pytest.param(
        "/api/v1/recommendations",
        {"meeting_date_from": "31/12/2024"},
        "meeting_date_from",
        id="date",
    ),
    pytest.param("/api/v1/meetings", {"committee": "a b"}, "committee", id="slug"),
]


@pytest.mark.parametrize(("url", "query", "field"), BAD_QUERIES)
def test_bad_query_parameters_get_422_naming_the_parameter(client, db, url, query, field):
    response = client.get(url, query)
    assert response.status_code == 422
    assert any(error["loc"][-1] == field for error in response.json()["detail"])


def test_forward_plan_shows_each_committees_disposition(client, published):
    w = published.world
    found = client.get("/api/v1/forward-plan", {"committee": w.committee.slug}).json()["results"]
    assert [f["title"] for f in found] == ["Medium Term Financial Strategy"]
    assert found[0]["dispositions"][0] == {
        "committee": w.committee.slug,
        "position": 1,
        "choice": "scheduled",
        "meeting_id": w.meeting.pk,
        "meeting_date": w.meeting.date.isoformat(),
        "scheduled_for": None,
        "other_committee": None,
        "note": "",
    }


def test_meetings_filter_by_committee_and_date(client, world):
    found = client.get(
        "/api/v1/meetings",
        {"committee": world.committee.slug, "date_from": world.meeting.date.isoformat()},
    ).json()
    assert [m["id"] for m in found["results"]] == [world.meeting.pk]
    later = (world.meeting.date + datetime.timedelta(days=1)).isoformat()
    assert client.get("/api/v1/meetings", {"date_from": later}).json()["count"] == 0


def test_progress_updates_filter_by_recommendation(client, published):
    w = published.world
    found = client.get("/api/v1/progress-updates", {"recommendation": w.recommendation.pk})
    assert [p["id"] for p in found.json()["results"]] == [published.progress.pk]


def test_forward_plan_says_when_a_key_decision_lacks_its_notice(client, db):
    from scrutineer.programme.models import ForwardPlanItem

    short = ForwardPlanItem.objects.create(
        title="Sale of the depot",
        decision_date=datetime.date(2026, 3, 10),
        decision_date_precision="day",
        is_key_decision=True,
        first_published=datetime.date(2026, 3, 1),
    )
    urgent = ForwardPlanItem.objects.create(
        title="Emergency repairs",
        decision_date=datetime.date(2026, 3, 10),
        decision_date_precision="day",
        is_key_decision=True,
        first_published=datetime.date(2026, 3, 1),
        urgency=ForwardPlanItem.Urgency.SPECIAL_URGENCY,
        urgency_chair_date=datetime.date(2026, 3, 2),
        urgency_reason="The roof failed in the storm.",
    )
    found = {r["id"]: r for r in client.get("/api/v1/forward-plan").json()["results"]}
    assert found[short.pk]["notice_problem"].startswith("8 clear days' notice")
    assert found[urgent.pk]["notice_problem"] == ""
    assert found[urgent.pk]["urgency"] == "special_urgency"
    assert found[urgent.pk]["urgency_chair_date"] == "2026-03-02"
    assert found[urgent.pk]["urgency_reason"] == "The roof failed in the storm."
