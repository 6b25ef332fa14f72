"""Work-programme entries that come from an exempt item's recommendation: the page, every
calendar and the API hide them from those who may not see the item (finding 1)."""

import pytest
from django.urls import reverse

from scrutineer.committees.models import Membership
from scrutineer.core.roles import Role
from scrutineer.programme.models import WorkProgrammeItem
from tests.committees.factories import (
    CommitteeFactory,
    CouncillorFactory,
    MeetingFactory,
)
from tests.core.factories import UserFactory
from tests.tracker.factories import ExemptItemFactory, ItemFactory, RecommendationFactory

SECRET = "Sale of the depot site to the preferred bidder"
OPEN = "Quarterly finance report review"


@pytest.fixture
def programme(db):
    committee = CommitteeFactory()
    meeting = MeetingFactory(committee=committee)
    exempt = RecommendationFactory(item=ExemptItemFactory(meeting=meeting))
    public = RecommendationFactory(item=ItemFactory(meeting=meeting))
    for title, recommendation in ((SECRET, exempt), (OPEN, public)):
        WorkProgrammeItem.objects.create(
            committee=committee,
            municipal_year="24/25",
            title=title,
            source=WorkProgrammeItem.Source.RECOMMENDATION,
            recommendation=recommendation,
            planned_meeting=meeting,
            status=WorkProgrammeItem.Status.SCHEDULED,
        )
    return committee, meeting


def _sign_in(client, who, committee):
    if who == "public":
        return
    if who == "scrutiny_officer":
        client.force_login(UserFactory(role=Role.SCRUTINY_OFFICER))
        return
    user = UserFactory(role=Role.MEMBER)
    seat = committee if who == "committee_member" else CommitteeFactory()
    Membership.objects.create(committee=seat, person=CouncillorFactory(user=user))
    client.force_login(user)


def _pages(committee, meeting):
    return {
        "work programme": reverse("programme:work_programme", args=[committee.slug]),
        "committee calendar": reverse("programme:calendar", args=[committee.slug]),
        "all calendar": reverse("programme:all_calendar"),
        "meeting calendar": reverse("programme:meeting_calendar", args=[meeting.pk]),
        "API": f"/api/v1/work-programme?committee={committee.slug}",
    }


@pytest.mark.parametrize(
    ("who", "entitled"),
    [
        pytest.param("public", False, id="public"),
        pytest.param("other_member", False, id="member-of-another-committee"),
        pytest.param("committee_member", True, id="member-of-the-committee"),
        pytest.param("scrutiny_officer", True, id="scrutiny-officer"),
    ],
)
def test_an_exempt_recommendations_work_programme_entry_reaches_only_the_entitled(
    client, programme, who, entitled
):
    committee, meeting = programme
    _sign_in(client, who, committee)
    for page, url in _pages(committee, meeting).items():
        response = client.get(url)
        assert response.status_code == 200, page
        # Calendars fold long lines; compare unfolded text.
        body = response.content.decode().replace("\r\n ", "")
        assert OPEN in body, page
        assert (SECRET in body) is entitled, page


def test_member_requests_with_no_recommendation_stay_public(client, programme):
    committee, _ = programme
    WorkProgrammeItem.objects.create(committee=committee, municipal_year="24/25", title="Libraries")
    assert (
        "Libraries"
        in client.get(reverse("programme:work_programme", args=[committee.slug])).content.decode()
    )
