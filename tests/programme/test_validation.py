"""Pre-decision scrutiny comes before the decision; calendars survive any stored date
(issue 15, finding 11)."""

import datetime

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from scrutineer.programme.models import Disposition, ForwardPlanItem, WorkProgrammeItem
from scrutineer.programme.services.dispositions import disposition_set
from scrutineer.programme.services.work_programme import work_programme_add
from tests.committees.factories import CommitteeFactory, MeetingFactory

D = datetime.date


@pytest.mark.parametrize(
    ("precision", "meeting_on", "message"),
    [
        pytest.param(
            "day",
            D(2025, 3, 13),
            "Choose a meeting on or before the decision on 12 March 2025",
            id="the-day-after-a-dated-decision",
        ),
        pytest.param(
            "month",
            D(2025, 4, 1),
            "Choose a meeting on or before the decision, due in March 2025",
            id="the-month-after-a-decision-month",
        ),
    ],
)
def test_pre_decision_scrutiny_cannot_be_at_a_meeting_after_the_decision(
    db, precision, meeting_on, message
):
    committee = CommitteeFactory()
    item = ForwardPlanItem.objects.create(
        title="Asset Disposal Report",
        decision_date=D(2025, 3, 12) if precision == "day" else D(2025, 3, 1),
        decision_date_precision=precision,
    )
    disposition = Disposition.objects.create(
        forward_plan_item=item, committee=committee, position=1, choice="not_on_work_programme"
    )
    late = MeetingFactory(committee=committee, date=meeting_on)
    with pytest.raises(ValidationError) as refused:
        disposition_set(disposition=disposition, choice="scheduled", meeting=late)
    assert refused.value.message_dict == {"meeting": [message]}
    with pytest.raises(ValidationError) as refused:
        work_programme_add(
            committee=committee, title=item.title, planned_meeting=late, forward_plan_item=item
        )
    assert refused.value.message_dict == {"planned_meeting": [message]}
    assert not WorkProgrammeItem.objects.exists()


@pytest.mark.parametrize(
    ("precision", "meeting_on"),
    [
        pytest.param("day", D(2025, 3, 12), id="on-the-day-of-the-decision"),
        pytest.param("month", D(2025, 3, 31), id="within-the-decision-month"),
    ],
)
def test_a_meeting_before_the_decision_is_scheduled(db, precision, meeting_on):
    committee = CommitteeFactory()
    item = ForwardPlanItem.objects.create(
        title="Asset Disposal Report",
        decision_date=D(2025, 3, 12) if precision == "day" else D(2025, 3, 1),
        decision_date_precision=precision,
    )
    disposition = Disposition.objects.create(
        forward_plan_item=item, committee=committee, position=1, choice="not_on_work_programme"
    )
    meeting = MeetingFactory(committee=committee, date=meeting_on)
    disposition_set(disposition=disposition, choice="scheduled", meeting=meeting)
    assert WorkProgrammeItem.objects.get().planned_meeting == meeting


def test_the_disposition_page_shows_the_message_beside_the_meeting(client, scrutiny_officer):
    committee = CommitteeFactory()
    item = ForwardPlanItem.objects.create(
        title="Asset Disposal Report", decision_date=D(2025, 3, 12), decision_date_precision="day"
    )
    disposition = Disposition.objects.create(
        forward_plan_item=item, committee=committee, position=1, choice="not_on_work_programme"
    )
    late = MeetingFactory(committee=committee, date=D(2025, 4, 8))
    client.force_login(scrutiny_officer)
    response = client.post(
        reverse("programme:disposition_edit", args=[disposition.pk]),
        {"choice": "scheduled", "meeting": late.pk, "note": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "meeting": ["Choose a meeting on or before the decision on 12 March 2025"]
    }


@pytest.mark.parametrize(
    "time", [pytest.param(None, id="all-day"), pytest.param(datetime.time(23, 30), id="timed")]
)
@pytest.mark.parametrize("day", [pytest.param(D(9999, 12, 31), id="9999-12-31")])
def test_calendars_answer_even_with_a_meeting_stored_on_the_last_day_of_the_calendar(
    client, db, day, time
):
    committee = CommitteeFactory()
    meeting = MeetingFactory(committee=committee, date=day, time=time)
    for url in [
        reverse("programme:calendar", args=[committee.slug]),
        reverse("programme:all_calendar"),
        reverse("programme:meeting_calendar", args=[meeting.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        starts = [
            e.decoded("dtstart")
            for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        ]
        assert any(
            s == day or (isinstance(s, datetime.datetime) and s.date() == day) for s in starts
        ), url
