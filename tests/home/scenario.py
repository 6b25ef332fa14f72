"""A council's day, small: one committee that met last month and meets again soon, with a
recommendation of each kind the home pages count, and an exempt item of another committee."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.utils import timezone

from scrutineer.core.roles import Role
from scrutineer.tracker import services
from scrutineer.tracker.models import ExecutiveResponse, Item, Recommendation
from tests.committees.factories import (
    CommitteeFactory,
    CouncillorFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)
from tests.core.factories import UserFactory
from tests.tracker.factories import ExemptItemFactory, ItemFactory, RecommendationFactory


def build(today: datetime.date) -> SimpleNamespace:
    w = SimpleNamespace()
    w.committee = CommitteeFactory(name="Corporate Overview and Scrutiny Committee", slug="corp")
    w.other = CommitteeFactory(name="Place Overview and Scrutiny Committee", slug="place")
    w.last = MeetingFactory(committee=w.committee, date=today - datetime.timedelta(days=30))
    w.older = MeetingFactory(committee=w.committee, date=today - datetime.timedelta(days=90))
    w.next = MeetingFactory(committee=w.committee, date=today + datetime.timedelta(days=10))
    w.other_last = MeetingFactory(committee=w.other, date=today - datetime.timedelta(days=20))

    w.officer_person = PersonFactory(
        name="Olive Officer", directorate="Resources", email="olive@example.org"
    )
    w.officer = UserFactory(username="olive", role=Role.OFFICER, first_name="Olive")
    w.officer_person.user = w.officer
    w.officer_person.save()
    w.councillor = CouncillorFactory(name="Cllr Mo Member")
    w.member = UserFactory(username="mo", role=Role.MEMBER, first_name="Mo")
    w.councillor.user = w.member
    w.councillor.save()
    MembershipFactory(committee=w.committee, person=w.councillor)
    w.scrutiny = UserFactory(username="sam", role=Role.SCRUTINY_OFFICER, first_name="Sam")

    # At the older meeting, no update since: needs one before the next meeting.
    w.item = ItemFactory(meeting=w.older, report_title="Council tax collection")
    Item.objects.filter(pk=w.item.pk).update(agenda_number="7.")
    w.stale = RecommendationFactory(
        item=w.item, text="Report the collection rate", assignees=[w.officer_person]
    )
    w.overdue = RecommendationFactory(
        item=w.item,
        text="Publish the recovery plan",
        assignees=[w.officer_person],
        due_date=today - datetime.timedelta(days=3),
    )
    # At the last meeting: a closure proposed by the officer, and one sent to Cabinet.
    w.item2 = ItemFactory(meeting=w.last, report_title="Customer contact centre")
    w.proposed = RecommendationFactory(
        item=w.item2, text="Answer calls faster", assignees=[w.officer_person]
    )
    services.progress_add(
        item=w.item2,
        recommendation=w.proposed,
        text="Done: answered within a minute.",
        author=w.officer_person,
        proposes_closure=True,
        date=today - datetime.timedelta(days=2),
    )
    w.proposed.refresh_from_db()
    w.response_due = RecommendationFactory(item=w.item2, text="Cabinet to fund the phone lines")
    # Sent after the meeting; their statutory dates set here, one due today, one yesterday.
    due = services.recommendation_send_to_executive(
        recommendation=w.response_due, sent_on=today - datetime.timedelta(days=5)
    )
    ExecutiveResponse.objects.filter(pk=due.pk).update(due_on=today)
    w.response_late = RecommendationFactory(item=w.item2, text="Cabinet to review the hours")
    late = services.recommendation_send_to_executive(
        recommendation=w.response_late, sent_on=today - datetime.timedelta(days=5)
    )
    ExecutiveResponse.objects.filter(pk=late.pk).update(due_on=today - datetime.timedelta(days=1))
    # Another committee's exempt item, its closure proposed too: the councillor never sees it.
    w.exempt_item = ExemptItemFactory(meeting=w.other_last, report_title="Depot disposal")
    w.exempt = RecommendationFactory(item=w.exempt_item, text="Sell the secret depot")
    Recommendation.objects.filter(pk=w.exempt.pk).update(closure_proposed_at=timezone.now())
    return w
