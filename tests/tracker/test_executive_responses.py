import datetime

import pytest
from django.urls import reverse

from scrutineer.tracker import services
from scrutineer.tracker.models import ExecutiveResponse
from tests.tracker.factories import RecommendationFactory


def test_the_deadline_is_two_months_from_sending_by_default(db):
    rec = RecommendationFactory()
    response = services.recommendation_send_to_executive(
        recommendation=rec, sent_on=datetime.date(2024, 12, 31)
    )
    assert response.due_on == datetime.date(2025, 2, 28)
    assert rec.addressee == "Cabinet"


def test_the_deadline_follows_the_councils_own_rule(db, settings):
    settings.SCRUTINEER_RESPONSE_PERIOD = "weeks:8"
    rec = RecommendationFactory()
    response = services.recommendation_send_to_executive(
        recommendation=rec, sent_on=datetime.date(2025, 3, 18)
    )
    assert response.due_on == datetime.date(2025, 5, 13)


@pytest.mark.parametrize(
    ("decision", "reasons", "message"),
    [
        pytest.param("pending", "", "Choose accepted", id="no-decision"),
        pytest.param("rejected", " ", "Give the executive's reasons", id="rejected-without-reason"),
    ],
)
def test_a_response_needs_a_decision_and_reasons_to_reject(db, decision, reasons, message):
    rec = RecommendationFactory()
    response = services.recommendation_send_to_executive(
        recommendation=rec, sent_on=datetime.date(2025, 3, 18)
    )
    with pytest.raises(services.TrackerRuleBroken, match=message):
        services.executive_response_record(
            response=response,
            decision=decision,
            responded_on=datetime.date(2025, 4, 1),
            reasons=reasons,
        )


def test_the_overdue_dashboard_lists_a_late_response_until_it_is_recorded(client, scrutiny_officer):
    # Made at a meeting before it was sent: a recommendation cannot go to Cabinet beforehand.
    rec = RecommendationFactory(item__meeting__date=datetime.date(2023, 11, 14))
    response = services.recommendation_send_to_executive(
        recommendation=rec, sent_on=datetime.date(2024, 1, 10)
    )
    client.force_login(scrutiny_officer)
    dashboard = client.get(reverse("tracker:overdue")).context["dashboard"]
    assert dashboard.responses == [response]
    assert dashboard.by_committee[0][1] == 1
    page = client.get(reverse("tracker:recommendation_detail", args=[rec.pk])).content.decode()
    assert "Response overdue" in page
    client.post(
        reverse("tracker:response_record", args=[rec.pk]),
        {"decision": "partly_accepted", "responded_on": "2024-04-01", "reasons": "Cost"},
    )
    assert ExecutiveResponse.objects.get().decision == "partly_accepted"
    assert client.get(reverse("tracker:overdue")).context["dashboard"].responses == []
