"""Conditional GET, CORS, rate limiting, the docs page, and constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scrutineer.api.auth import AnonRateThrottle
from scrutineer.tracker.models import ExecutiveResponse
from tests.tracker.factories import ItemFactory, RecommendationFactory

LIST_URLS = [
    "/api/v1/committees",
    "/api/v1/people",
    "/api/v1/meetings",
    "/api/v1/items",
    "/api/v1/recommendations",
    "/api/v1/progress-updates",
    "/api/v1/forward-plan",
    "/api/v1/work-programme",
    "/api/v1/briefing-notes",
]


@pytest.mark.parametrize("url", LIST_URLS)
def test_lists_carry_etag_and_last_modified_and_answer_304_when_current(client, published, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["ETag"]
    assert response["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304
    assert since["Access-Control-Allow-Origin"] == "*"


def test_a_change_gives_a_new_etag(client, published):
    first = client.get("/api/v1/recommendations")
    RecommendationFactory(item=published.world.item)
    second = client.get("/api/v1/recommendations", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]


def test_reads_allow_any_origin_and_writes_do_not(client, published, caller):
    assert client.get("/api/v1/items")["Access-Control-Allow-Origin"] == "*"
    _, auth = caller("scrutiny_officer")
    response = client.post(
        f"/api/v1/recommendations/{published.world.recommendation.pk}/progress",
        {"text": "Done."},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201
    assert "Access-Control-Allow-Origin" not in response


def test_responses_vary_by_caller(client, db):
    assert "Authorization" in client.get("/api/v1/items")["Vary"]


def _add_rows(world, count):
    for _ in range(count):
        item = ItemFactory(meeting=world.meeting)
        recommendation = RecommendationFactory(item=item, assignees=[world.officer_person])
        ExecutiveResponse.objects.create(
            recommendation=recommendation, sent_on=world.meeting.date, due_on=world.meeting.date
        )


@pytest.mark.parametrize("url", LIST_URLS)
def test_query_count_does_not_grow_with_rows(client, published, url):
    _add_rows(published.world, 5)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, {"limit": 200}).status_code == 200
    _add_rows(published.world, 45)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {"limit": 200})
    assert response.status_code == 200
    assert len(many) == len(few)


def test_the_public_is_rate_limited_with_a_clear_message(client, db, settings):
    settings.SCRUTINEER_API_ANON_RATE = "2/m"
    assert client.get("/api/v1/committees").status_code == 200
    assert client.get("/api/v1/committees").status_code == 200
    response = client.get("/api/v1/committees")
    assert response.status_code == 429
    assert "Too many requests" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0


def test_callers_with_a_token_are_not_rate_limited(client, world, caller, settings):
    settings.SCRUTINEER_API_ANON_RATE = "1/m"
    _, auth = caller("officer")
    for _ in range(3):
        assert client.get("/api/v1/committees", **auth).status_code == 200


def test_throttle_limits_each_address_separately(rf):
    throttle = AnonRateThrottle(rate="1/m")
    first, second = rf.get("/", REMOTE_ADDR="10.0.0.1"), rf.get("/", REMOTE_ADDR="10.0.0.2")
    for request in (first, second):
        request.user = type("Anon", (), {"is_authenticated": False})()
    assert throttle.allow_request(first)
    assert not throttle.allow_request(first)
    assert throttle.allow_request(second)


def test_a_fresh_x_forwarded_for_does_not_escape_the_public_rate_limit(client, db, settings):
    settings.SCRUTINEER_API_ANON_RATE = "2/m"
    statuses = [
        client.get("/api/v1/committees", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 429, 429]


def test_behind_a_trusted_proxy_each_client_is_limited_separately(client, db, settings):
    settings.SCRUTINEER_API_ANON_RATE = "1/m"
    settings.SCRUTINEER_TRUSTED_PROXIES = 1
    first = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    second = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert client.get("/api/v1/committees", **first).status_code == 200
    assert client.get("/api/v1/committees", **first).status_code == 429
    assert client.get("/api/v1/committees", **second).status_code == 200


def test_openapi_document_is_served(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["version"] == "1"
    assert "/api/v1/recommendations/{recommendation_id}/progress" in schema["paths"]


def test_docs_page_lists_endpoints_and_loads_nothing_from_elsewhere(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/recommendations" in html
    assert "cdn" not in html.lower()
    assert 'src="http' not in html
    assert 'href="http' not in html
