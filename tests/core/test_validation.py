"""Shared limits (issue 15, finding 12): request size, and the rules' own wording."""

import datetime

import pytest
from django.urls import reverse

from scrutineer.core import validation
from scrutineer.core.templatetags.govuk import days_ago
from tests.committees.factories import CommitteeFactory


def test_a_request_over_the_cap_is_a_413_page_before_it_is_read(client, db, settings):
    settings.SCRUTINEER_MAX_REQUEST_BYTES = 1024 * 1024
    committee = CommitteeFactory()
    response = client.post(
        reverse("alerts:subscribe_committee", args=[committee.slug]),
        {"email": "someone@example.org", "padding": "x" * (1024 * 1024 + 1)},
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "The request is too large" in page
    assert "over 1 MB" in page


def test_form_fields_over_the_memory_limit_are_a_413_not_a_400(client, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    committee = CommitteeFactory()
    response = client.post(
        reverse("alerts:subscribe_committee", args=[committee.slug]),
        {"email": "someone@example.org", "padding": "x" * 2000},
    )
    assert response.status_code == 413
    assert "The request is too large" in response.content.decode()


def test_the_api_answers_an_oversized_request_in_json(client, db, settings):
    settings.SCRUTINEER_MAX_REQUEST_BYTES = 10 * 1024
    response = client.post(
        "/api/v1/recommendations/1/progress",
        {"text": "x" * 20_000},
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response.json() == {"detail": "The request is too large: it must be 10 KB or smaller."}


def test_the_request_limits_leave_room_for_a_10_mb_import(settings):
    assert settings.SCRUTINEER_MAX_REQUEST_BYTES > 10 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2_621_440


@pytest.mark.parametrize(
    ("days", "shown"),
    [
        pytest.param(0, "today", id="today"),
        pytest.param(1, "1 day ago", id="yesterday"),
        pytest.param(12, "12 days ago", id="days-ago"),
        pytest.param(-1, "in 1 day", id="tomorrow"),
        pytest.param(-49, "in 49 days", id="a-meeting-to-come"),
    ],
)
def test_days_ago_never_shows_a_negative_number(days, shown):
    assert days_ago(days) == shown


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        pytest.param(
            validation.too_long("x" * 20_001, label="Progress update", limit=20_000),
            "Progress update must be 20,000 characters or fewer",
            id="too-long",
        ),
        pytest.param(
            validation.too_long("x" * 20_000, label="Progress update", limit=20_000),
            None,
            id="at-the-limit",
        ),
        pytest.param(
            validation.out_of_range(datetime.date(1973, 12, 31), label="Date of the meeting"),
            "Date of the meeting must be between 1974 and 2100",
            id="before-1974",
        ),
        pytest.param(
            validation.before(
                datetime.date(2025, 3, 11),
                label="Date sent to the executive",
                earliest=datetime.date(2025, 3, 12),
                what="the meeting",
            ),
            "Date sent to the executive must be on or after the meeting on 12 March 2025",
            id="before-the-meeting",
        ),
        pytest.param(
            validation.after(
                datetime.date(2025, 3, 13),
                label="The meeting",
                latest=datetime.date(2025, 3, 12),
                what="the decision",
            ),
            "The meeting must be on or before the decision on 12 March 2025",
            id="after-the-decision",
        ),
        pytest.param(
            validation.in_future(
                datetime.date(2025, 3, 13), label="Date issued", today=datetime.date(2025, 3, 12)
            ),
            "Date issued must be today or in the past",
            id="in-the-future",
        ),
    ],
)
def test_each_rule_says_which_date_or_field_and_why(message, expected):
    assert message == expected
