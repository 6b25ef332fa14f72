"""An indicator's page lists what scrutiny raised from it only as far as the user may see
it: a recommendation on an exempt item, or the work it planned, stays with the entitled."""

import pytest
from django.urls import reverse

from scrutineer.performance.models import IndicatorReference
from scrutineer.programme.models import WorkProgrammeItem
from tests.performance.factories import IndicatorFactory
from tests.tracker.factories import ExemptItemFactory, RecommendationFactory

SECRET_REC = "Renegotiate the depot disposal terms"
SECRET_WORK = "Depot disposal: bids received"


@pytest.fixture
def indicator(db):
    indicator = IndicatorFactory()
    recommendation = RecommendationFactory(item=ExemptItemFactory(), text=SECRET_REC)
    work = WorkProgrammeItem.objects.create(
        committee=recommendation.item.meeting.committee,
        municipal_year="24/25",
        title=SECRET_WORK,
        recommendation=recommendation,
    )
    IndicatorReference.objects.create(
        indicator=indicator, year=2024, quarter=2, recommendation=recommendation
    )
    IndicatorReference.objects.create(
        indicator=indicator, year=2024, quarter=2, work_programme_item=work
    )
    return indicator


@pytest.mark.parametrize(("who", "entitled"), [("public", False), ("scrutiny_officer", True)])
def test_what_an_indicator_raised_on_an_exempt_item_is_not_shown_to_the_public(
    client, request, indicator, who, entitled
):
    if who != "public":
        client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("performance:indicator", args=[indicator.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert (SECRET_REC in body) is entitled
    assert (SECRET_WORK in body) is entitled
