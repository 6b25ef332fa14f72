import datetime

import icalendar
import pytest
import recurring_ical_events
from django.urls import reverse

from scrutineer.programme import selectors
from scrutineer.programme.models import Disposition, ForwardPlanItem, WorkProgrammeItem
from scrutineer.programme.services import dispositions, work_programme
from scrutineer.tracker.models import Recommendation
from tests.committees.factories import CommitteeFactory, MeetingFactory
from tests.tracker.factories import RecommendationFactory

D = datetime.date


def plan_item(**kwargs):
    defaults = {"title": "Asset Disposal Report", "decision_date": D(2025, 3, 12)}
    return ForwardPlanItem.objects.create(**(defaults | kwargs))


@pytest.mark.parametrize(
    ("published", "decision", "breach"),
    [
        pytest.param(D(2025, 2, 11), D(2025, 3, 12), False, id="exactly-28-clear-days"),
        pytest.param(D(2025, 2, 12), D(2025, 3, 12), True, id="27-clear-days"),
        pytest.param(D(2025, 2, 15), D(2025, 3, 16), False, id="saturday-to-sunday-still-28"),
        pytest.param(D(2025, 3, 21), D(2025, 4, 18), True, id="good-friday-counts-as-a-day"),
        pytest.param(D(2024, 11, 28), D(2024, 12, 26), True, id="over-christmas-27-days"),
        pytest.param(D(2024, 11, 27), D(2024, 12, 26), False, id="christmas-day-counts"),
        pytest.param(None, D(2025, 3, 12), True, id="never-published"),
    ],
)
def test_key_decisions_need_28_clear_days_notice(db, published, decision, breach):
    item = plan_item(is_key_decision=True, first_published=published, decision_date=decision)
    assert breach_shown(item) is breach


def test_recorded_urgency_routes_and_non_key_decisions_are_not_breaches(db):
    late = {"first_published": D(2025, 3, 1), "decision_date": D(2025, 3, 12)}
    assert not breach_shown(plan_item(**late))
    recorded = {"urgency_chair_date": D(2025, 3, 2), "urgency_reason": "Grant deadline"}
    assert not breach_shown(
        plan_item(
            title="Urgent", is_key_decision=True, urgency="special_urgency", **late, **recorded
        )
    )
    assert not breach_shown(
        plan_item(
            title="Exception", is_key_decision=True, urgency="general_exception", **late, **recorded
        )
    )


@pytest.mark.parametrize(
    ("urgency", "record", "shown"),
    [
        pytest.param("", {}, "no general exception or special urgency recorded", id="no-route"),
        pytest.param(
            "general_exception",
            {"urgency_reason": "Grant deadline"},
            "without the date the chair was told",
            id="exception-without-date",
        ),
        pytest.param(
            "general_exception",
            {"urgency_chair_date": D(2025, 3, 7), "urgency_reason": "Grant deadline"},
            "at least 5 clear days before the decision",
            id="exception-4-clear-days",
        ),
        pytest.param(
            "special_urgency",
            {"urgency_chair_date": D(2025, 3, 2)},
            "special urgency without its reasons",
            id="urgency-without-reasons",
        ),
        pytest.param(
            "special_urgency",
            {"urgency_chair_date": D(2025, 3, 13), "urgency_reason": "Grant deadline"},
            "agreed by the chair after the decision",
            id="urgency-agreed-after",
        ),
    ],
)
def test_a_short_notice_key_decision_without_its_full_record_is_flagged(db, urgency, record, shown):
    late = {"first_published": D(2025, 3, 1), "decision_date": D(2025, 3, 12)}
    item = plan_item(is_key_decision=True, urgency=urgency, **late, **record)
    committee = CommitteeFactory()
    Disposition.objects.create(
        forward_plan_item=item, committee=committee, position=1, choice="not_on_work_programme"
    )
    (row,) = selectors.forward_plan_rows(committee)
    assert row.notice_problem.startswith("10 clear days' notice")
    assert shown in row.notice_problem


def breach_shown(item: ForwardPlanItem) -> bool:
    """Whether the committee's forward-plan page flags the item as given too little notice."""
    committee = CommitteeFactory()
    Disposition.objects.create(
        forward_plan_item=item, committee=committee, position=1, choice="not_on_work_programme"
    )
    (row,) = selectors.forward_plan_rows(committee)
    return row.breach


def test_scheduling_puts_the_item_on_the_work_programme_and_off_the_gap_list(db):
    committee = CommitteeFactory()
    meeting = MeetingFactory(committee=committee, date=D(2030, 3, 4))
    item = plan_item(title="Devolution", is_key_decision=True, decision_date=D(2030, 3, 20))
    disposition = Disposition.objects.create(
        forward_plan_item=item, committee=committee, position=1, choice="not_on_work_programme"
    )
    from scrutineer.programme.selectors import forward_plan_gaps

    assert forward_plan_gaps(today=D(2030, 1, 1)) == [item]
    dispositions.disposition_set(disposition=disposition, choice="scheduled", meeting=meeting)
    work = WorkProgrammeItem.objects.get()
    assert (work.planned_meeting, work.source, work.status) == (
        meeting,
        "forward_plan",
        "scheduled",
    )
    assert disposition.note == f"Scheduled for {committee.short_name} on 4 March 2030."
    assert forward_plan_gaps(today=D(2030, 1, 1)) == []


def test_a_meeting_after_the_decision_does_not_close_the_gap(db):
    committee = CommitteeFactory()
    item = plan_item(title="Thameside", is_key_decision=True, decision_date=D(2030, 3, 1))
    # As an imported forward plan can leave it (the page refuses it: see test_validation).
    meeting = MeetingFactory(committee=committee, date=D(2030, 4, 1))
    Disposition.objects.create(
        forward_plan_item=item,
        committee=committee,
        position=1,
        choice="scheduled",
        meeting=meeting,
        scheduled_for=meeting.date,
    )
    from scrutineer.programme.selectors import forward_plan_gaps

    assert forward_plan_gaps(today=D(2030, 1, 1)) == [item]


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        pytest.param("scheduled", "Choose the meeting", id="scheduled-without-meeting"),
        pytest.param("other_committee", "Choose the committee", id="other-without-committee"),
    ],
)
def test_disposition_rules(db, choice, message):
    disposition = Disposition.objects.create(
        forward_plan_item=plan_item(), committee=CommitteeFactory(), position=1, choice="scheduled"
    )
    with pytest.raises(work_programme.ProgrammeRuleBroken, match=message):
        dispositions.disposition_set(disposition=disposition, choice=choice)


def test_suggestions_follow_the_remits(db):
    corporate = CommitteeFactory(remit="Corporate finance, budget, digital and customer services")
    audit = CommitteeFactory(kind="audit", remit="Risk management, the risk register and audit")
    risk = plan_item(title="Corporate Risk Register")
    assert dispositions.disposition_suggest(item=risk, committee=corporate) == (
        "other_committee",
        audit,
    )
    budget = plan_item(title="Quarter 3 Revenue and Capital Budget Report")
    assert dispositions.disposition_suggest(item=budget, committee=corporate)[0] == "scheduled"
    unknown = plan_item(title="Thameside Proposal")
    assert dispositions.disposition_suggest(item=unknown, committee=corporate)[0] == (
        "not_on_work_programme"
    )


def test_recurring_items_go_to_the_first_meeting_after_each_quarter(db):
    committee = CommitteeFactory()
    for day in [D(2024, 7, 30), D(2024, 9, 17), D(2024, 11, 20), D(2025, 1, 14), D(2025, 3, 18)]:
        MeetingFactory(committee=committee, date=day)
    made = work_programme.work_programme_add_recurring(
        committee=committee,
        title="Quarterly finance report",
        months=[9, 11, 2],
        municipal_year_start=2024,
    )
    assert [(i.title, i.planned_meeting.date) for i in made] == [
        ("Quarterly finance report (September 2024)", D(2024, 9, 17)),
        ("Quarterly finance report (November 2024)", D(2024, 11, 20)),
        ("Quarterly finance report (February 2025)", D(2025, 3, 18)),
    ]
    again = work_programme.work_programme_add_recurring(
        committee=committee, title="Quarterly finance report", months=[9], municipal_year_start=2024
    )
    assert again == []


def test_considering_an_item_from_a_recommendation_can_close_it(db, scrutiny_officer):
    rec = RecommendationFactory(text="Add the quarterly finance reports to the work programme")
    committee = rec.item.meeting.committee
    meeting = MeetingFactory(committee=committee, date=D(2025, 1, 14))
    work = work_programme.work_programme_add(
        committee=committee,
        title="Quarterly finance report",
        source="recommendation",
        recommendation=rec,
    )
    work_programme.work_programme_consider(
        item=work, meeting=meeting, close_recommendation=True, by=scrutiny_officer
    )
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.CLOSED
    assert rec.closure_agreed_at == meeting


def test_considering_an_item_whose_recommendation_was_closed_meanwhile_closes_it_once(
    db, scrutiny_officer
):
    from scrutineer.tracker import services as tracker_services

    rec = RecommendationFactory()
    committee = rec.item.meeting.committee
    meeting = MeetingFactory(committee=committee, date=D(2025, 1, 14))
    work = work_programme.work_programme_add(
        committee=committee, title="Finance report", source="recommendation", recommendation=rec
    )
    stale = WorkProgrammeItem.objects.select_related("recommendation").get(pk=work.pk)
    assert stale.recommendation.is_open  # loaded, open, before someone else closes it
    tracker_services.recommendation_close(
        recommendation=Recommendation.objects.get(pk=rec.pk),
        closed_by=scrutiny_officer,
        agreed_at=meeting,
        reason="Done",
    )
    work_programme.work_programme_consider(
        item=stale, meeting=meeting, close_recommendation=True, by=scrutiny_officer
    )
    assert WorkProgrammeItem.objects.get(pk=work.pk).status == WorkProgrammeItem.Status.CONSIDERED
    assert rec.progress_updates.filter(text_html__contains="Closed:").count() == 1


def test_calendars_are_valid_icalendar_with_meetings_and_planned_items(client, db):
    committee = CommitteeFactory(name="Corporate Overview and Scrutiny Committee")
    meeting = MeetingFactory(
        committee=committee, date=D(2025, 3, 18), time=datetime.time(19, 0), venue="Chamber"
    )
    MeetingFactory(committee=committee, date=D(2025, 1, 14))
    work_programme.work_programme_add(
        committee=committee, title="Devolution", planned_meeting=meeting
    )
    for url in [
        reverse("programme:calendar", args=[committee.slug]),
        reverse("programme:all_calendar"),
    ]:
        response = client.get(url)
        assert response["Content-Type"].startswith("text/calendar")
        calendar = icalendar.Calendar.from_ical(response.content)
        events = calendar.walk("VEVENT")
        assert len(events) == 2
        evening = next(e for e in events if e.get("location") == "Chamber")
        start = evening.decoded("dtstart")
        assert (start.hour, str(start.tzinfo)) == (19, "Europe/London")
        assert "Devolution" in str(evening.get("description"))
        assert calendar.walk("VTIMEZONE")
    # As a calendar client reads it: the events that fall in March 2025.
    feed = icalendar.Calendar.from_ical(
        client.get(reverse("programme:calendar", args=[committee.slug])).content
    )
    march = recurring_ical_events.of(feed).between(D(2025, 3, 1), D(2025, 4, 1))
    assert [str(event.get("summary")) for event in march] == [committee.name]
    one = icalendar.Calendar.from_ical(
        client.get(reverse("programme:meeting_calendar", args=[meeting.pk])).content
    )
    assert len(one.walk("VEVENT")) == 1
