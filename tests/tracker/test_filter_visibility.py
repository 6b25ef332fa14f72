"""The tracker's assignee filter lists only people assigned to what the user may see
(finding 4)."""

import pytest
from django.urls import reverse

from tests.committees.factories import PersonFactory
from tests.tracker.factories import RecommendationFactory


@pytest.mark.parametrize(
    ("who", "entitled"),
    [
        pytest.param("public", False, id="public"),
        pytest.param("other_member", False, id="member-of-another-committee"),
        pytest.param("officer", False, id="unassigned-officer"),
        pytest.param("committee_member", True, id="member-of-the-committee"),
        pytest.param("scrutiny_officer", True, id="scrutiny-officer"),
    ],
)
def test_someone_assigned_only_to_exempt_items_is_not_offered_as_a_filter(
    client, world, login_as, who, entitled
):
    only_exempt = PersonFactory(name="Morgan Exempt-Only")
    RecommendationFactory(item=world.exempt_item, assignees=[only_exempt])
    login_as(who)
    page = client.get(reverse("tracker:committee_tracker", args=[world.committee.slug]))
    body = page.content.decode()
    assert world.officer_person.name in body  # also assigned to a public item
    assert ("Morgan Exempt-Only" in body) is entitled
