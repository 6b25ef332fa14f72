"""A percentage figure is within 0 to 100 unless the indicator says otherwise, and words are
bounded (issue 15, finding 12): the same rule for the pages, the import and the API."""

import pytest

from scrutineer.api import services as api_services
from scrutineer.api.models import ApiToken
from scrutineer.performance import services
from scrutineer.performance.models import Indicator, Measurement
from tests.performance.factories import IndicatorFactory


def _record(indicator, value, **words):
    words = {"route_to_green": "Plan"} | words
    return services.measurement_record(
        indicator=indicator, year=2024, quarter=1, value=value, **words
    )


@pytest.mark.parametrize(
    ("unit", "unbounded", "value", "message"),
    [
        pytest.param(
            "%",
            False,
            150.0,
            "Figure must be between 0 and 100, as {code} is a percentage",
            id="150-percent",
        ),
        pytest.param(
            "%",
            False,
            -0.5,
            "Figure must be between 0 and 100, as {code} is a percentage",
            id="negative-percent",
        ),
        pytest.param("%", True, float("inf"), "Figure must be a number", id="infinity"),
        pytest.param("count", False, float("nan"), "Figure must be a number", id="not-a-number"),
    ],
)
def test_an_impossible_figure_is_refused(db, unit, unbounded, value, message):
    indicator = IndicatorFactory(unit=unit, unbounded_percentage=unbounded)
    with pytest.raises(services.PerformanceRuleBroken) as refused:
        _record(indicator, value)
    assert str(refused.value) == message.format(code=indicator.code)
    assert refused.value.field == "value"
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(
    ("unit", "unbounded", "value"),
    [
        pytest.param("%", False, 0.0, id="0-percent"),
        pytest.param("%", False, 100.0, id="100-percent"),
        pytest.param("%", True, 150.0, id="150-percent-where-the-indicator-allows-it"),
        pytest.param("%", True, -12.0, id="a-percentage-fall"),
        pytest.param("count", False, 1500.0, id="a-count-over-100"),
    ],
)
def test_a_possible_figure_is_recorded(db, unit, unbounded, value):
    indicator = IndicatorFactory(unit=unit, unbounded_percentage=unbounded)
    assert _record(indicator, value).value == value


@pytest.mark.parametrize("field", ["commentary", "route_to_green"])
def test_commentary_and_route_to_green_are_bounded(db, field):
    indicator = IndicatorFactory(unit="count")
    with pytest.raises(services.PerformanceRuleBroken) as refused:
        _record(indicator, 5.0, **{field: "x" * 20_001})
    assert refused.value.field == field
    assert "must be 20,000 characters or fewer" in str(refused.value)


def test_the_api_refuses_150_percent_with_422(client, db, scrutiny_officer):
    indicator = IndicatorFactory(unit=Indicator.Unit.PERCENT)
    _, secret = api_services.api_token_create(
        user=scrutiny_officer, name="Tests", scopes=[ApiToken.Scope.FIGURES]
    )
    response = client.post(
        f"/api/v1/indicators/{indicator.pk}/measurements",
        {"year": 2024, "quarter": 1, "value": 150, "route_to_green": "Plan"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 422
    assert "between 0 and 100" in response.content.decode()
    assert not Measurement.objects.exists()


def test_an_indicator_can_be_marked_as_a_percentage_that_may_pass_100(db):
    indicator = IndicatorFactory(unit="%")
    services.indicator_update(indicator=indicator, unbounded_percentage=True)
    indicator.refresh_from_db()
    assert _record(indicator, 104.0).value == 104.0
