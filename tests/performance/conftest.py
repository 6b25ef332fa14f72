import pytest

from tests.performance.factories import (
    IndicatorFactory,
    MeasurementFactory,
    TargetFactory,
    UnapprovedMeasurementFactory,
)


@pytest.fixture
def red_indicator(db):
    """Red in 2024 Q1 (approved), redder in Q2 (not yet approved)."""
    indicator = IndicatorFactory(name="Member enquiries answered within 10 working days")
    TargetFactory(indicator=indicator, value=90.0)
    MeasurementFactory(indicator=indicator, year=2024, quarter=1, value=80.0)
    UnapprovedMeasurementFactory(indicator=indicator, year=2024, quarter=2, value=61.7)
    return indicator
