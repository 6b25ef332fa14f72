"""Posting progress with an API token: the tracker's own permission rules and services."""

import uuid

import pytest
from django.core.management import call_command

from scrutineer.api import services as api_services
from scrutineer.api.models import ApiToken
from scrutineer.tracker.models import ProgressUpdate
from tests.core.factories import UserFactory


def _post(client, recommendation, auth, **body):
    return client.post(
        f"/api/v1/recommendations/{recommendation.pk}/progress",
        {"text": "Report drafted.", **body},
        content_type="application/json",
        **auth,
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [
        pytest.param("assigned_officer", 201, id="assigned-officer"),
        pytest.param("scrutiny_officer", 201, id="scrutiny-officer"),
        pytest.param("administrator", 201, id="administrator"),
        pytest.param("officer", 403, id="unassigned-officer"),
        pytest.param("committee_member", 403, id="committee-member"),
    ],
)
def test_who_may_post_progress_is_who_may_on_the_tracker_pages(client, world, caller, who, status):
    user, auth = caller(who)
    response = _post(client, world.recommendation, auth)
    assert response.status_code == status, response.content
    if status == 201:
        update = ProgressUpdate.objects.get(pk=response.json()["id"])
        assert update.created_by == user
        assert update.history.first().history_user == user
    else:
        assert "may not update progress" in response.json()["detail"]


def test_assigned_officer_may_propose_closure(client, world, caller):
    _, auth = caller("assigned_officer")
    response = _post(client, world.recommendation, auth, proposes_closure=True)
    assert response.status_code == 201
    assert response.json()["proposes_closure"] is True
    world.recommendation.refresh_from_db()
    assert world.recommendation.closure_proposed_at is not None
    assert world.recommendation.closure_proposed_by == world.officer_person


def test_proposing_closure_of_a_closed_recommendation_is_a_clear_422(client, world, caller):
    _, auth = caller("scrutiny_officer")
    response = _post(client, world.closed_recommendation, auth, proposes_closure=True)
    assert response.status_code == 422
    assert "Only an open recommendation" in response.json()["detail"][0]["msg"]


def test_an_exempt_recommendation_is_not_found_for_an_officer_not_entitled(client, world, caller):
    _, auth = caller("officer")
    assert _post(client, world.exempt_recommendation, auth).status_code == 404


BAD_BODIES = [
    pytest.param({"text": ""}, "text", id="empty-text"),
    pytest.param({"text": "x" * 20001}, "text", id="too-long"),
    pytest.param({"text": "ok", "proposes_closure": "perhaps"}, "proposes_closure", id="bool"),
]


@pytest.mark.parametrize(("body", "field"), BAD_BODIES)
def test_bad_bodies_get_422_naming_the_field(client, world, caller, body, field):
    _, auth = caller("scrutiny_officer")
    response = client.post(
        f"/api/v1/recommendations/{world.recommendation.pk}/progress",
        body,
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == field


def _revoked(user):
    token, secret = api_services.api_token_create(user=user, name="Old")
    api_services.api_token_revoke(token=token)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.mark.parametrize(
    "auth",
    [
        pytest.param(lambda user: {}, id="no-token"),
        pytest.param(lambda user: {"HTTP_AUTHORIZATION": "Bearer scr_wrong"}, id="bad-token"),
        pytest.param(_revoked, id="revoked-token"),
        pytest.param(lambda user: {"HTTP_AUTHORIZATION": "Basic dXNlcjpwYXNz"}, id="basic"),
    ],
)
def test_writes_need_a_valid_token(client, world, scrutiny_officer, auth):
    response = _post(client, world.recommendation, auth(scrutiny_officer))
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]
    assert not ProgressUpdate.objects.filter(text_html__contains="Report drafted").exists()


def test_a_signed_in_session_is_not_enough_to_write(client, world, scrutiny_officer):
    client.force_login(scrutiny_officer)
    assert _post(client, world.recommendation, {}).status_code == 401


def test_a_bad_token_on_a_read_is_401_not_a_silent_public_read(client, db):
    response = client.get("/api/v1/items", HTTP_AUTHORIZATION="Bearer scr_wrong")
    assert response.status_code == 401


def test_tokens_of_inactive_users_do_not_work(client, world, caller):
    user, auth = caller("scrutiny_officer")
    user.is_active = False
    user.save()
    assert _post(client, world.recommendation, auth).status_code == 401


def test_token_use_is_recorded(client, world, caller):
    user, auth = caller("scrutiny_officer")
    _post(client, world.recommendation, auth)
    assert ApiToken.objects.get(user=user).last_used is not None


def test_create_api_token_prints_the_secret_once_and_stores_only_its_hash(capsys, db):
    user = UserFactory(username="finance")
    call_command("create_api_token", "finance", "Finance system")
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    token = ApiToken.objects.get(user=user)
    assert secret.startswith(token.prefix)
    assert token.name == "Finance system"
    assert secret not in {token.key_hash, token.prefix}
    assert api_services.api_token_authenticate(secret) == user


def test_revoke_api_token_command_stops_the_token(db):
    user = UserFactory()
    token, secret = api_services.api_token_create(user=user, name="Old")
    call_command("revoke_api_token", token.prefix)
    assert api_services.api_token_authenticate(secret) is None


def test_a_proposal_with_a_stale_version_is_a_409_and_posts_nothing(client, world, caller):
    from scrutineer.tracker import services

    _, auth = caller("assigned_officer")
    read = client.get(f"/api/v1/recommendations/{world.recommendation.pk}", **auth).json()
    services.recommendation_update(
        recommendation=world.recommendation, expected_version=None, text="Changed meanwhile"
    )
    response = _post(
        client, world.recommendation, auth, proposes_closure=True, version=read["version"]
    )
    assert response.status_code == 409, response.content
    assert "changed since version" in response.json()["detail"]
    world.recommendation.refresh_from_db()
    assert world.recommendation.closure_proposed_at is None
    assert not ProgressUpdate.objects.filter(recommendation=world.recommendation).exists()


def test_the_same_proposal_sent_twice_is_recorded_once(client, world, caller):
    _, auth = caller("assigned_officer")
    first = _post(client, world.recommendation, auth, proposes_closure=True, version=1)
    second = _post(client, world.recommendation, auth, proposes_closure=True, version=1)
    assert first.status_code == 201
    assert second.status_code == 200, second.content
    assert second.json()["id"] == first.json()["id"]
    assert ProgressUpdate.objects.filter(recommendation=world.recommendation).count() == 1


def test_a_retry_with_the_same_idempotency_key_answers_the_first_update(client, world, caller):
    _, auth = caller("assigned_officer")
    key = {"HTTP_IDEMPOTENCY_KEY": str(uuid.uuid4())}
    first = _post(client, world.recommendation, {**auth, **key})
    retry = _post(client, world.recommendation, {**auth, **key})
    assert (first.status_code, retry.status_code) == (201, 200)
    assert retry.json() == first.json()
    assert world.recommendation.progress_updates.count() == 1
    # A new key is a new update.
    assert _post(client, world.recommendation, auth).status_code == 201
    assert world.recommendation.progress_updates.count() == 2


def test_an_idempotency_key_that_is_not_a_uuid_is_422(client, world, caller):
    _, auth = caller("assigned_officer")
    response = _post(client, world.recommendation, {**auth, "HTTP_IDEMPOTENCY_KEY": "1"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["header", "Idempotency-Key"]
    assert not world.recommendation.progress_updates.exists()
