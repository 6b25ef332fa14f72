"""The tracker's world, plus what the API publishes around it: progress, briefing notes
(issued, draft, and one about the exempt item), the forward plan and a work programme."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.cache import cache

from scrutineer.api import services as api_services
from scrutineer.briefings import services as briefing_services
from scrutineer.briefings.models import BriefingNote
from scrutineer.committees.models import Membership
from scrutineer.core.roles import Role
from scrutineer.programme.models import Disposition, ForwardPlanItem, WorkProgrammeItem
from scrutineer.tracker import services
from scrutineer.tracker.models import ProgressUpdate
from tests.committees.factories import CommitteeFactory, PersonFactory
from tests.core.factories import UserFactory
from tests.tracker.conftest import World, world  # noqa: F401 - the tracker's fixture, reused


@dataclass
class Published:
    world: World
    progress: ProgressUpdate
    exempt_progress: ProgressUpdate
    issued_note: BriefingNote
    draft_note: BriefingNote
    exempt_note: BriefingNote
    work_item: WorkProgrammeItem
    exempt_work_item: WorkProgrammeItem
    forward_plan_item: ForwardPlanItem


@pytest.fixture(autouse=True)
def _fresh_throttle(settings):
    """Every test starts with an empty rate-limit history and a generous limit."""
    cache.clear()
    settings.SCRUTINEER_API_ANON_RATE = "100000/m"


@pytest.fixture
def published(world) -> Published:  # noqa: F811 - the fixture imported above
    w = world
    progress = services.progress_add(
        item=w.item, recommendation=w.recommendation, text="The review has begun."
    )
    exempt_progress = services.progress_add(
        item=w.exempt_item,
        recommendation=w.exempt_recommendation,
        text="Terms agreed with the confidential bidder.",
    )
    issued = briefing_services.briefing_create_from_item(item=w.item)
    briefing_services.briefing_comment_add(note=issued, text="Members asked about reserves.")
    briefing_services.briefing_issue(
        note=issued, issued_on=datetime.date(2024, 9, 25), issued_to="Cabinet"
    )
    # A published item with a draft note: the note, not the item, is what is unpublished.
    other_meeting_item = services.item_create(
        meeting=w.meeting, report_title="Draft report on parking charges", published=True
    )
    draft = briefing_services.briefing_create_from_item(item=other_meeting_item)
    briefing_services.briefing_comment_add(note=draft, text="Unpublished draft comment.")
    exempt_note = briefing_services.briefing_create_from_item(item=w.exempt_item)
    briefing_services.briefing_comment_add(note=exempt_note, text="Members asked about value.")
    briefing_services.briefing_issue(
        note=exempt_note, issued_on=datetime.date(2024, 9, 25), issued_to="Cabinet"
    )
    plan_item = ForwardPlanItem.objects.create(
        title="Medium Term Financial Strategy", decision_date=datetime.date(2024, 11, 1)
    )
    Disposition.objects.create(
        forward_plan_item=plan_item,
        committee=w.committee,
        position=1,
        choice=Disposition.Choice.SCHEDULED,
        meeting=w.meeting,
    )
    work_item = WorkProgrammeItem.objects.create(
        committee=w.committee, municipal_year="24/25", title="Quarterly finance report"
    )
    exempt_work_item = WorkProgrammeItem.objects.create(
        committee=w.committee,
        municipal_year="24/25",
        title="Follow-up on the confidential disposal",
        source=WorkProgrammeItem.Source.RECOMMENDATION,
        recommendation=w.exempt_recommendation,
    )
    return Published(
        w,
        progress,
        exempt_progress,
        issued,
        draft,
        exempt_note,
        work_item,
        exempt_work_item,
        plan_item,
    )


@pytest.fixture
def caller(world):  # noqa: F811 - the fixture imported above
    """A user in the world, by name, with an API token: returns (user, Authorization header)."""

    def make(who: str):
        if who == "public":
            return None, {}
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
        _, secret = api_services.api_token_create(
            user=user, name="Tests", scopes=["read", "progress", "figures"]
        )
        return user, {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    return make
