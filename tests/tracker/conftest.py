import datetime
from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from scrutineer.committees.models import Committee, Meeting, Membership
from scrutineer.core.models import Person
from scrutineer.core.roles import Role
from scrutineer.tracker import services
from scrutineer.tracker.models import Item, Recommendation
from tests.committees.factories import (
    CommitteeFactory,
    CouncillorFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)
from tests.core.factories import UserFactory
from tests.tracker.factories import ExemptItemFactory, ItemFactory, RecommendationFactory


@dataclass
class World:
    committee: Committee
    meeting: Meeting
    item: Item
    recommendation: Recommendation
    exempt_item: Item
    exempt_recommendation: Recommendation
    closed_recommendation: Recommendation
    officer_person: Person
    sent_recommendation: Recommendation


@pytest.fixture
def world(db) -> World:
    """A committee with a public item, an exempt item, and an officer assigned to both."""
    committee = CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee", short_name="CO&S"
    )
    meeting = MeetingFactory(committee=committee)
    officer_person = PersonFactory(name="Sarah Brown")
    item = ItemFactory(meeting=meeting, report_title="Budget savings proposals")
    recommendation = RecommendationFactory(item=item, assignees=[officer_person])
    closed = RecommendationFactory(item=item)
    closed.status, closed.closed_on = "closed", meeting.date
    closed.save()
    exempt_item = ExemptItemFactory(meeting=meeting)
    exempt_recommendation = RecommendationFactory(item=exempt_item, assignees=[officer_person])
    sent = RecommendationFactory(item=item, text="Cabinet to review the savings plan")
    services.recommendation_send_to_executive(
        recommendation=sent, sent_on=datetime.date(2024, 9, 20)
    )
    return World(
        committee,
        meeting,
        item,
        recommendation,
        exempt_item,
        exempt_recommendation,
        closed,
        officer_person,
        sent,
    )


@pytest.fixture
def login_as(client, world):
    """Sign the test client in as someone in the world: each role, and the special cases."""

    def login(who: str):
        if who == "public":
            return None
        if who == "assigned_officer":
            user = UserFactory(role=Role.OFFICER)
            world.officer_person.user = user
            world.officer_person.save()
        elif who == "committee_member":
            user = UserFactory(role=Role.MEMBER)
            Membership.objects.create(
                committee=world.committee, person=PersonFactory(kind="councillor", user=user)
            )
        elif who == "other_member":
            user = UserFactory(role=Role.MEMBER)
            Membership.objects.create(
                committee=CommitteeFactory(), person=PersonFactory(kind="councillor", user=user)
            )
        else:
            role = {
                "officer": Role.OFFICER,
                "scrutiny_officer": Role.SCRUTINY_OFFICER,
                "administrator": Role.ADMINISTRATOR,
            }[who]
            user = UserFactory(role=role)
            PersonFactory(user=user)
        client.force_login(user)
        return user

    return login


PROPOSED_AT = datetime.datetime(2024, 10, 1, 10, 0, tzinfo=datetime.UTC)


def propose(
    rec: Recommendation, officer, text: str = "The report was presented in October."
) -> None:
    services.progress_add(
        item=rec.item, recommendation=rec, text=text, proposes_closure=True, author=officer
    )
    Recommendation.objects.filter(pk=rec.pk).update(closure_proposed_at=PROPOSED_AT)
    rec.refresh_from_db()


@pytest.fixture
def closures(db) -> SimpleNamespace:
    """A committee whose officer proposed three closures (one on exempt business) before
    its next meeting; a member of it, a member of another committee, a scrutiny officer."""
    committee = CommitteeFactory(name="Corporate Overview and Scrutiny Committee")
    made = MeetingFactory(committee=committee, date=datetime.date(2024, 9, 17))
    next_meeting = MeetingFactory(committee=committee, date=datetime.date(2024, 11, 5))
    officer = PersonFactory(name="Sarah Brown")
    item = ItemFactory(meeting=made, report_title="Library opening hours")
    rec = RecommendationFactory(item=item, text="Review the opening hours", assignees=[officer])
    other = RecommendationFactory(item=item, text="Publish the survey", assignees=[officer])
    exempt = ExemptItemFactory(meeting=made)
    ex_rec = RecommendationFactory(item=exempt, text="Agree the heads of terms")
    for each in (rec, other, ex_rec):
        propose(each, officer)
    member = CouncillorFactory(name="Cllr Ada Member")
    MembershipFactory(committee=committee, person=member)
    member_user = UserFactory(username="ada", role=Role.MEMBER)
    member.user = member_user
    member.save()
    outsider = CouncillorFactory(name="Cllr Bea Other")
    MembershipFactory(committee=CommitteeFactory(name="Place O&S"), person=outsider)
    outsider_user = UserFactory(username="bea", role=Role.MEMBER)
    outsider.user = outsider_user
    outsider.save()
    scrutiny = UserFactory(username="so", role=Role.SCRUTINY_OFFICER)
    return SimpleNamespace(**locals())
