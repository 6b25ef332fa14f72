"""The same figure entered twice at once (a double click on the figure form, or a retried
API call), on a database that runs transactions side by side (PostgreSQL): one figure,
and neither submit fails."""

from __future__ import annotations

import pytest
from django.db import connection

from scrutineer.performance import services
from scrutineer.performance.models import Measurement
from tests.performance.factories import IndicatorFactory
from tests.tracker.test_concurrency import _race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite runs one write transaction at a time; the race needs PostgreSQL",
    ),
]


def test_the_same_first_figure_entered_twice_at_once_is_recorded_once():
    for _ in range(10):
        indicator = IndicatorFactory()
        outcomes = _race(
            *(
                lambda indicator=indicator: services.measurement_record(
                    indicator=indicator, year=2024, quarter=1, value=95.0
                )
                for _ in range(2)
            )
        )
        assert all(isinstance(o, Measurement) for o in outcomes), outcomes
        assert Measurement.objects.filter(indicator=indicator).count() == 1
        assert outcomes[0].pk == outcomes[1].pk
