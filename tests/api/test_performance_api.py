"""Performance indicators and their figures through the API: public fields, approved figures
only for those not entitled, constant queries, and recording a figure with a token through
the performance service."""

from dataclasses import dataclass

import pytest

from scrutineer.api import services as api_services
from scrutineer.performance import services as performance_services
from scrutineer.performance.models import Framework, Indicator, Measurement
from tests.core.factories import UserFactory
from tests.performance.factories import (
    FrameworkFactory,
    IndicatorFactory,
    MeasurementFactory,
    MonthlyIndicatorFactory,
    TargetFactory,
    UnapprovedMeasurementFactory,
)

UNAPPROVED_COMMENTARY = "Provisional: the contact centre figures are not yet verified."
UNAPPROVED_ROUTE = "Agency staff from November to clear the backlog."


@dataclass
class Figures:
    framework: Framework
    indicator: Indicator
    other: Indicator
    approved: Measurement
    unapproved: Measurement


@pytest.fixture
def figures(db) -> Figures:
    framework = FrameworkFactory(name="Corporate Plan PMAF 2024/25")
    indicator = IndicatorFactory(
        framework=framework,
        code="CS01",
        name="Calls answered within two minutes",
        directorate="Customer Services",
        theme="A well-run council",
        data_owner="Jo Bloggs <jo.bloggs@example.org>",
    )
    other = IndicatorFactory(
        code="HS01", directorate="Housing", theme="Homes for all", polarity="lower"
    )
    TargetFactory(indicator=indicator, year=2024, value=90.0)
    approved = MeasurementFactory(
        indicator=indicator, year=2024, quarter=1, value=91.0, commentary="On track."
    )
    unapproved = UnapprovedMeasurementFactory(
        indicator=indicator,
        year=2024,
        quarter=2,
        value=70.0,
        commentary=UNAPPROVED_COMMENTARY,
        route_to_green=UNAPPROVED_ROUTE,
        provisional=True,
    )
    return Figures(framework, indicator, other, approved, unapproved)


def _token(user):
    _, secret = api_services.api_token_create(user=user, name="Tests", scopes=["figures"])
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


# Reads


def test_indicators_show_public_fields_only(client, figures):
    response = client.get("/api/v1/indicators")
    found = {row["code"]: row for row in _results(response)}
    assert set(found) == {"CS01", "HS01"}
    assert found["CS01"] == {
        "id": figures.indicator.pk,
        "framework_id": figures.framework.pk,
        "framework": "Corporate Plan PMAF 2024/25",
        "framework_year": "2024/25",
        "code": "CS01",
        "name": "Calls answered within two minutes",
        "directorate": "Customer Services",
        "theme": "A well-run council",
        "polarity": "higher",
        "unit": "%",
        "measure_type": "snapshot",
        "frequency": "quarterly",
        "tolerance": 2.0,
        "tolerance_kind": "absolute",
        "is_narrative": False,
    }
    assert "jo.bloggs@example.org" not in response.content.decode()
    assert "Last-Modified" in response
    assert "ETag" in response


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param(lambda f: {"framework": f.framework.pk}, {"CS01"}, id="framework"),
        pytest.param(lambda f: {"directorate": "Housing"}, {"HS01"}, id="directorate"),
        pytest.param(lambda f: {"theme": "A well-run council"}, {"CS01"}, id="theme"),
        pytest.param(lambda f: {"theme": "No such theme"}, set(), id="no-match"),
    ],
)
def test_indicators_filter(client, figures, query, expected):
    found = _results(client.get("/api/v1/indicators", query(figures)))
    assert {row["code"] for row in found} == expected


def test_control_characters_in_a_filter_are_a_422(client, db):
    response = client.get("/api/v1/indicators", {"theme": "a\x00b"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "theme"


def test_indicator_detail_and_unknown_indicator(client, figures):
    response = client.get(f"/api/v1/indicators/{figures.indicator.pk}")
    assert response.status_code == 200
    assert response.json()["code"] == "CS01"
    assert "data_owner" not in response.json()
    assert client.get("/api/v1/indicators/999999").status_code == 404
    assert client.get("/api/v1/indicators/999999/measurements").status_code == 404


def test_measurements_carry_target_rag_and_direction(client, figures):
    found = _results(client.get(f"/api/v1/indicators/{figures.indicator.pk}/measurements"))
    assert found == [
        {
            "id": figures.approved.pk,
            "indicator_id": figures.indicator.pk,
            "year": 2024,
            "quarter": 1,
            "month": None,
            "period": "2024/25 Q1",
            "value": 91.0,
            "reported_value": 91.0,
            "target": 90.0,
            "rag": "green",
            "direction_short_term": "no_data",
            "direction_long_term": "no_data",
            "commentary": "On track.",
            "route_to_green": "",
            "provisional": False,
            "approved": True,
        }
    ]


def test_measurements_are_paged_latest_first(client, figures, scrutiny_officer):
    auth = _token(scrutiny_officer)
    url = f"/api/v1/indicators/{figures.indicator.pk}/measurements"
    first = client.get(url, {"limit": 1}, **auth).json()
    assert first["count"] == 2
    assert [m["period"] for m in first["results"]] == ["2024/25 Q2"]
    second = client.get(url, {"limit": 1, "offset": 1}, **auth).json()
    assert [m["period"] for m in second["results"]] == ["2024/25 Q1"]


# Visibility: unapproved figures are for the council side only


@pytest.mark.parametrize(
    "auth",
    [
        pytest.param(lambda: {}, id="public"),
        pytest.param(lambda: _token(UserFactory()), id="token-without-a-role"),
    ],
)
def test_unapproved_figures_are_never_shown_to_those_not_entitled(client, figures, auth):
    headers = auth()
    response = client.get(f"/api/v1/indicators/{figures.indicator.pk}/measurements", **headers)
    found = _results(response)
    assert [m["id"] for m in found] == [figures.approved.pk]
    assert all(m["approved"] for m in found)
    body = response.content.decode()
    for secret in [UNAPPROVED_COMMENTARY, UNAPPROVED_ROUTE, "70.0", "2024/25 Q2"]:
        assert secret not in body
    listing = client.get("/api/v1/indicators", **headers).content.decode()
    assert UNAPPROVED_COMMENTARY not in listing


@pytest.mark.parametrize("who", ["officer", "scrutiny_officer", "administrator", "member"])
def test_the_council_side_sees_unapproved_figures_marked_as_such(client, figures, who, request):
    user = request.getfixturevalue(who)
    found = _results(
        client.get(f"/api/v1/indicators/{figures.indicator.pk}/measurements", **_token(user))
    )
    by_period = {m["period"]: m for m in found}
    assert set(by_period) == {"2024/25 Q1", "2024/25 Q2"}
    q2 = by_period["2024/25 Q2"]
    assert q2["approved"] is False
    assert q2["provisional"] is True
    assert q2["rag"] == "red"
    assert q2["direction_short_term"] == "worsening"
    assert q2["route_to_green"] == UNAPPROVED_ROUTE


def test_the_public_rating_ignores_unapproved_figures(client, figures):
    """An approved Q3 is never compared with the unapproved Q2 for the public."""
    MeasurementFactory(indicator=figures.indicator, year=2024, quarter=3, value=95.0)
    found = _results(client.get(f"/api/v1/indicators/{figures.indicator.pk}/measurements"))
    assert [m["period"] for m in found] == ["2024/25 Q3", "2024/25 Q1"]
    # The previous quarter (Q2) is not public, so there is nothing to compare with.
    assert found[0]["direction_short_term"] == "no_data"


# Queries


def _many_indicators(n):
    framework = FrameworkFactory()
    for _ in range(n):
        indicator = IndicatorFactory(framework=framework)
        TargetFactory(indicator=indicator)
        MeasurementFactory(indicator=indicator)


@pytest.mark.parametrize("who", ["public", "scrutiny_officer"])
def test_indicator_list_takes_a_constant_number_of_queries(
    client, db, django_assert_max_num_queries, who, request
):
    auth = {} if who == "public" else _token(request.getfixturevalue(who))
    _many_indicators(5)
    with django_assert_max_num_queries(20) as small:
        assert len(_results(client.get("/api/v1/indicators", {"limit": 200}, **auth))) == 5
    _many_indicators(45)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(_results(client.get("/api/v1/indicators", {"limit": 200}, **auth))) == 50


def test_measurement_list_takes_a_constant_number_of_queries(
    client, db, django_assert_max_num_queries
):
    indicator = IndicatorFactory()
    TargetFactory(indicator=indicator, year=2024)
    url = f"/api/v1/indicators/{indicator.pk}/measurements"
    for quarter in range(1, 5):
        MeasurementFactory(indicator=indicator, year=2024, quarter=quarter)
    MeasurementFactory(indicator=indicator, year=2023, quarter=4)
    with django_assert_max_num_queries(20) as small:
        assert len(_results(client.get(url, {"limit": 200}))) == 5
    for year in range(2010, 2023):
        for quarter in range(1, 5):
            MeasurementFactory(indicator=indicator, year=year, quarter=quarter)
    MeasurementFactory(indicator=indicator, year=2023, quarter=1)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(_results(client.get(url, {"limit": 200}))) == 58


# Writes


def _post(client, indicator, auth, **body):
    return client.post(
        f"/api/v1/indicators/{indicator.pk}/measurements",
        {"year": 2024, "quarter": 3, "value": 92.5, "commentary": "Up again.", **body},
        content_type="application/json",
        **auth,
    )


@pytest.mark.parametrize("who", ["scrutiny_officer", "administrator"])
def test_scrutiny_officers_record_a_figure_that_stays_unapproved(client, figures, who, request):
    user = request.getfixturevalue(who)
    response = _post(client, figures.indicator, _token(user), provisional=True)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["period"] == "2024/25 Q3"
    assert data["value"] == 92.5
    assert data["rag"] == "green"
    assert data["approved"] is False
    assert data["provisional"] is True
    measurement = Measurement.objects.get(pk=data["id"])
    assert (measurement.value, measurement.approved) == (92.5, False)
    assert measurement.history.first().history_user == user
    public = _results(client.get(f"/api/v1/indicators/{figures.indicator.pk}/measurements"))
    assert data["id"] not in {m["id"] for m in public}


def test_approving_on_the_web_page_publishes_the_figure(
    client, figures, scrutiny_officer, administrator
):
    data = _post(client, figures.indicator, _token(scrutiny_officer)).json()
    # Someone other than the figure's author approves it (four eyes).
    performance_services.measurement_approve(
        measurement=Measurement.objects.get(pk=data["id"]), by=administrator
    )
    public = _results(client.get(f"/api/v1/indicators/{figures.indicator.pk}/measurements"))
    assert data["id"] in {m["id"] for m in public}


def test_correcting_an_approved_figure_withdraws_it_from_the_public(
    client, figures, scrutiny_officer
):
    response = _post(client, figures.indicator, _token(scrutiny_officer), quarter=1, value=93.0)
    assert response.status_code == 201
    assert response.json()["approved"] is False
    public = _results(client.get(f"/api/v1/indicators/{figures.indicator.pk}/measurements"))
    assert public == []


@pytest.mark.parametrize("who", ["officer", "member"])
def test_those_who_may_not_manage_performance_get_403(client, figures, who, request):
    response = _post(client, figures.indicator, _token(request.getfixturevalue(who)))
    assert response.status_code == 403
    assert "may not record figures for CS01" in response.json()["detail"]
    assert not Measurement.objects.filter(quarter=3).exists()


@pytest.mark.parametrize(
    "auth",
    [
        pytest.param(lambda user: {}, id="no-token"),
        pytest.param(lambda user: {"HTTP_AUTHORIZATION": "Bearer scr_wrong"}, id="bad-token"),
    ],
)
def test_recording_a_figure_needs_a_valid_token(client, figures, scrutiny_officer, auth):
    response = _post(client, figures.indicator, auth(scrutiny_officer))
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]
    assert not Measurement.objects.filter(quarter=3).exists()


def test_a_signed_in_session_is_not_enough_to_record_a_figure(client, figures, scrutiny_officer):
    client.force_login(scrutiny_officer)
    assert _post(client, figures.indicator, {}).status_code == 401


def test_a_red_figure_without_a_route_to_green_is_a_clear_422(client, figures, scrutiny_officer):
    response = _post(client, figures.indicator, _token(scrutiny_officer), value=60.0)
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == (
        "CS01 is red for 2024/25 Q3: enter the route to green."
    )
    assert not Measurement.objects.filter(quarter=3).exists()
    response = _post(
        client,
        figures.indicator,
        _token(scrutiny_officer),
        value=60.0,
        route_to_green="Recruit two advisers.",
    )
    assert response.status_code == 201
    assert response.json()["rag"] == "red"


BAD_BODIES = [
    pytest.param({"quarter": 5}, "quarter", id="quarter-5"),
    pytest.param({"quarter": 0}, "quarter", id="quarter-0"),
    pytest.param({"year": 1999}, "year", id="year"),
    pytest.param({"value": "lots"}, "value", id="value-text"),
    pytest.param({"provisional": "perhaps"}, "provisional", id="provisional"),
    pytest.param({"commentary": "x" * 20001}, "commentary", id="commentary-too-long"),
    pytest.param({"route_to_green": "a\x00b"}, "route_to_green", id="nul"),
]


@pytest.mark.parametrize(("body", "field"), BAD_BODIES)
def test_bad_bodies_get_422_naming_the_field(client, figures, scrutiny_officer, body, field):
    response = _post(client, figures.indicator, _token(scrutiny_officer), **body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == field


def test_an_unknown_indicator_is_404(client, db, scrutiny_officer):
    response = client.post(
        "/api/v1/indicators/999999/measurements",
        {"year": 2024, "quarter": 1, "value": 1},
        content_type="application/json",
        **_token(scrutiny_officer),
    )
    assert response.status_code == 404


def test_a_monthly_indicator_takes_a_month_and_reports_it(client, db, scrutiny_officer):
    indicator = MonthlyIndicatorFactory()
    TargetFactory(indicator=indicator, year=2024, value=90.0)
    auth = _token(scrutiny_officer)
    refused = _post(client, indicator, auth, quarter=None)
    assert refused.status_code == 422
    assert "reported monthly" in refused.json()["detail"][0]["msg"]
    response = _post(client, indicator, auth, quarter=None, month=10)
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["quarter"], data["month"], data["period"]) == (4, 10, "January 2025")
    assert Measurement.objects.get(pk=data["id"]).month == 10
