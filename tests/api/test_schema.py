"""Schemathesis against /api/v1/openapi.json: every GET operation, with bounded examples,
never answers 5xx and always answers as its schema says."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from scrutineer.wsgi import application
from tests.performance.factories import (
    IndicatorFactory,
    MeasurementFactory,
    TargetFactory,
    UnapprovedMeasurementFactory,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def served(settings, published):
    """Real rows to return, with the app reachable over plain HTTP as the WSGI client calls it."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.SECURE_SSL_REDIRECT = False
    indicator = IndicatorFactory(code="CS01")
    TargetFactory(indicator=indicator, year=2024)
    MeasurementFactory(indicator=indicator, year=2024, quarter=1)
    UnapprovedMeasurementFactory(indicator=indicator, year=2024, quarter=2, value=10.0)
    return published


# The WSGI app runs its own request cycle, which may close the connection: the rows must be
# committed, not held in the test's transaction.
@pytest.mark.django_db(transaction=True)
def test_every_get_operation_conforms_to_the_openapi_document(served):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    gets = [operation for operation in operations if operation.method.upper() == "GET"]
    assert len(gets) >= 15

    for operation in gets:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=15,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def conforms(case):
            case.call_and_validate(checks=CHECKS)

        conforms()
