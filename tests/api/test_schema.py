"""The OpenAPI document at /api/v1/openapi.json: schemathesis checks that every GET operation,
with bounded examples, never answers 5xx and always answers as its schema says; and a client
generated from it (openapi-python-client) reads well: one module per entity (the tag), one
function per operation, named as our selectors and services are."""

import re

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

# (method, path) -> (operation id, tag): what a generated client calls each operation, and
# the entity's module it is in (`from client.api.recommendation import recommendation_list`).
OPERATIONS = {
    ("get", "/api/v1/committees"): ("committee_list", "committee"),
    ("get", "/api/v1/committees/{slug}"): ("committee_detail", "committee"),
    ("get", "/api/v1/committees/{slug}/members"): ("committee_members", "committee"),
    ("get", "/api/v1/people"): ("person_list", "person"),
    ("get", "/api/v1/people/{person_id}"): ("person_detail", "person"),
    ("get", "/api/v1/meetings"): ("meeting_list", "meeting"),
    ("get", "/api/v1/meetings/{meeting_id}"): ("meeting_detail", "meeting"),
    ("get", "/api/v1/items"): ("item_list", "item"),
    ("get", "/api/v1/items/{item_id}"): ("item_detail", "item"),
    ("get", "/api/v1/recommendations"): ("recommendation_list", "recommendation"),
    ("get", "/api/v1/recommendations/{recommendation_id}"): (
        "recommendation_detail",
        "recommendation",
    ),
    ("get", "/api/v1/progress-updates"): ("progress_update_list", "progress_update"),
    ("post", "/api/v1/recommendations/{recommendation_id}/progress"): (
        "progress_update_create",
        "progress_update",
    ),
    ("get", "/api/v1/forward-plan"): ("forward_plan_list", "forward_plan"),
    ("get", "/api/v1/work-programme"): ("work_programme_list", "work_programme"),
    ("get", "/api/v1/decisions"): ("decision_list", "decision"),
    ("get", "/api/v1/decisions/{decision_id}"): ("decision_detail", "decision"),
    ("get", "/api/v1/briefing-notes"): ("briefing_note_list", "briefing_note"),
    ("get", "/api/v1/briefing-notes/{note_id}"): ("briefing_note_detail", "briefing_note"),
    ("get", "/api/v1/indicators"): ("indicator_list", "indicator"),
    ("get", "/api/v1/indicators/{indicator_id}"): ("indicator_detail", "indicator"),
    ("get", "/api/v1/indicators/{indicator_id}/measurements"): (
        "measurement_list",
        "measurement",
    ),
    ("post", "/api/v1/indicators/{indicator_id}/measurements"): (
        "measurement_create",
        "measurement",
    ),
}

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


@pytest.fixture
def operations(client, db):
    """Each operation of the served document, by method and path."""
    schema = client.get("/api/v1/openapi.json").json()
    return {
        (method, path): operation
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    }


def test_every_operation_id_is_a_short_unique_name(operations):
    ids = [operation["operationId"] for operation in operations.values()]
    assert len(ids) == len(set(ids))
    for operation_id in ids:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", operation_id), operation_id
        assert "scrutineer" not in operation_id
        assert "endpoints" not in operation_id


def test_a_generated_client_names_each_operation_as_our_selectors_and_services(operations):
    named = {key: (op["operationId"], op["tags"]) for key, op in operations.items()}
    assert named == {key: (name, [tag]) for key, (name, tag) in OPERATIONS.items()}


def test_each_paths_tag_is_the_entity_its_operations_are_named_after(operations):
    tags: dict[str, set[str]] = {}
    for (_, path), operation in operations.items():
        (tag,) = operation["tags"]
        assert operation["operationId"].startswith(f"{tag}_"), (path, tag)
        tags.setdefault(path, set()).add(tag)
    assert all(len(found) == 1 for found in tags.values()), tags
