"""API tokens carry less than their user's rights: scopes, an optional committee, an expiry."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from scrutineer.api import services as api_services
from scrutineer.api.models import ApiToken
from scrutineer.performance.models import Measurement
from scrutineer.tracker.models import ProgressUpdate
from tests.committees.factories import CommitteeFactory, MeetingFactory
from tests.core.factories import UserFactory
from tests.performance.factories import IndicatorFactory, TargetFactory
from tests.tracker.factories import ItemFactory, RecommendationFactory


def _auth(user, **options):
    token, secret = api_services.api_token_create(user=user, name="Tests", **options)
    return token, {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _progress(client, recommendation, auth):
    return client.post(
        f"/api/v1/recommendations/{recommendation.pk}/progress",
        {"text": "Report drafted."},
        content_type="application/json",
        **auth,
    )


@pytest.fixture
def indicator(db):
    indicator = IndicatorFactory(code="CS01")
    TargetFactory(indicator=indicator, year=2024, value=90.0)
    return indicator


def _figure(client, indicator, auth):
    return client.post(
        f"/api/v1/indicators/{indicator.pk}/measurements",
        {"year": 2024, "quarter": 3, "value": 92.5},
        content_type="application/json",
        **auth,
    )


def test_a_token_reads_by_default_and_writes_nothing(client, world, scrutiny_officer, indicator):
    token, auth = _auth(scrutiny_officer)
    assert token.scope_list == ["read"]
    assert client.get("/api/v1/recommendations", **auth).status_code == 200
    response = _progress(client, world.recommendation, auth)
    assert response.status_code == 403
    assert "may not post progress" in response.json()["detail"]
    assert "progress scope" in response.json()["detail"]
    refused = _figure(client, indicator, auth)
    assert refused.status_code == 403
    assert "may not record performance figures" in refused.json()["detail"]
    assert not ProgressUpdate.objects.exists()
    assert not Measurement.objects.exists()


def test_a_progress_token_posts_progress_but_no_figures(client, world, scrutiny_officer, indicator):
    _, auth = _auth(scrutiny_officer, scopes=["progress"])
    assert _progress(client, world.recommendation, auth).status_code == 201
    assert _figure(client, indicator, auth).status_code == 403
    assert not Measurement.objects.exists()


def test_a_figures_token_records_figures_but_no_progress(
    client, world, scrutiny_officer, indicator
):
    _, auth = _auth(scrutiny_officer, scopes=["figures"])
    assert _figure(client, indicator, auth).status_code == 201
    assert _progress(client, world.recommendation, auth).status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_a_committee_token_writes_only_to_that_committees_recommendations(
    client, world, scrutiny_officer, indicator
):
    other = RecommendationFactory(item=ItemFactory(meeting=MeetingFactory()))
    _, auth = _auth(scrutiny_officer, scopes=["progress", "figures"], committee=world.committee)
    assert _progress(client, world.recommendation, auth).status_code == 201
    refused = _progress(client, other, auth)
    assert refused.status_code == 403
    assert world.committee.name in refused.json()["detail"]
    assert not ProgressUpdate.objects.filter(recommendation=other).exists()
    # Indicators belong to no committee: a committee's token records no figures.
    assert _figure(client, indicator, auth).status_code == 403


def test_a_token_is_still_bound_by_its_users_rights(client, world, officer):
    """A scope adds nothing to what the user may do: an unassigned officer stays refused."""
    _, auth = _auth(officer, scopes=["progress"])
    response = _progress(client, world.recommendation, auth)
    assert response.status_code == 403
    assert "may not update progress" in response.json()["detail"]


def test_an_expired_token_is_refused_with_401_saying_so(client, world, scrutiny_officer):
    token, auth = _auth(scrutiny_officer, scopes=["progress"])
    token.created -= datetime.timedelta(days=91)
    token.expires = token.created + datetime.timedelta(days=90)
    token.save()
    for response in (
        _progress(client, world.recommendation, auth),
        client.get("/api/v1/items", **auth),
    ):
        assert response.status_code == 401
        assert "expired" in response.json()["detail"]
        assert token.prefix in response.json()["detail"]
        assert response["WWW-Authenticate"] == 'Bearer realm="scrutineer"'
    token.refresh_from_db()
    assert token.last_used is None
    assert not ProgressUpdate.objects.exists()


def test_a_token_expires_after_90_days_by_default(db, settings):
    assert settings.SCRUTINEER_API_TOKEN_DAYS == 90
    token, _ = _auth(UserFactory())
    assert token.expires - token.created == datetime.timedelta(days=90)
    short, _ = _auth(UserFactory(), days=7)
    assert short.expires - short.created == datetime.timedelta(days=7)


@pytest.mark.parametrize(
    "options",
    [
        pytest.param({"scopes": ["admin"]}, id="unknown-scope"),
        pytest.param({"days": 0}, id="no-lifetime"),
    ],
)
def test_a_token_that_cannot_be_issued_is_refused(db, options):
    with pytest.raises(api_services.TokenRuleBroken):
        api_services.api_token_create(user=UserFactory(), name="Tests", **options)
    assert not ApiToken.objects.exists()


def test_create_api_token_takes_scopes_a_committee_and_days(capsys, db):
    user = UserFactory(username="finance")
    committee = CommitteeFactory(slug="corporate-os")
    call_command(
        "create_api_token",
        "finance",
        "Finance system",
        "--scope",
        "progress",
        "--committee",
        "corporate-os",
        "--days",
        "30",
    )
    out = capsys.readouterr().out
    token = ApiToken.objects.get(user=user)
    assert token.scope_list == ["read", "progress"]
    assert token.committee == committee
    assert token.expires - token.created == datetime.timedelta(days=30)
    assert "read, progress" in out
    assert "expires" in out
    with pytest.raises(CommandError, match="No committee"):
        call_command("create_api_token", "finance", "Other", "--committee", "nope")
