"""Every write of the programme's services names, in the history, the user who made it
(issue 16): the record of who changed the forward plan and work programmes is complete."""

import datetime

import pytest

from scrutineer.core.models import Person
from scrutineer.files.parsers.forward_plan import ParsedPlanEntry
from scrutineer.files.parsers.tracker_text import ParsedForwardPlanItem
from scrutineer.programme.models import Disposition, ForwardPlanItem, WorkProgrammeItem
from scrutineer.programme.services.dispositions import disposition_set
from scrutineer.programme.services.forward_plan import (
    forward_plan_entries_import,
    forward_plan_import,
)
from scrutineer.programme.services.work_programme import (
    work_programme_add,
    work_programme_add_recurring,
    work_programme_consider,
)
from tests.committees.factories import CommitteeFactory, MeetingFactory
from tests.tracker.factories import RecommendationFactory

D = datetime.date


def authors(records):
    return [record.history_user for record in records]


def plan_entry(**changes):
    entry = {
        "row": 2,
        "title": "Devolution deal",
        "decision_maker": "Cabinet",
        "decision_date": D(2030, 3, 1),
        "precision": "month",
        "is_key_decision": True,
        "lead_officer": "Ada Lovelace",
        "portfolio": "Leader",
        "first_published": D(2030, 1, 2),
        "is_exempt": False,
    }
    return ParsedPlanEntry(**(entry | changes))


def table_row(**changes):
    row = {
        "line": 4,
        "number": "1",
        "title": "Asset Disposal Report",
        "cabinet_date": D(2030, 3, 12),
        "information": "Not on the work programme.",
        "disposition": Disposition.Choice.NOT_ON_WORK_PROGRAMME,
        "scheduled_for": None,
        "other_committee": "",
    }
    return ParsedForwardPlanItem(**(row | changes))


@pytest.fixture
def committee(db):
    return CommitteeFactory(short_name="CO&S", remit="Devolution and corporate finance")


def test_importing_the_published_forward_plan_names_the_importer(committee, scrutiny_officer):
    forward_plan_entries_import(entries=(plan_entry(),), committee=committee, by=scrutiny_officer)
    forward_plan_entries_import(
        entries=(plan_entry(portfolio="Finance"),), committee=committee, by=scrutiny_officer
    )
    item = ForwardPlanItem.objects.get()
    assert authors(item.history.all()) == [scrutiny_officer, scrutiny_officer]
    proposed = Disposition.objects.get()
    assert authors(proposed.history.all()) == [scrutiny_officer]
    assert authors(Person.objects.get(name="Ada Lovelace").history.all()) == [scrutiny_officer]


def test_importing_a_committees_forward_plan_table_names_the_importer(committee, scrutiny_officer):
    forward_plan_import(items=(table_row(),), committee=committee, by=scrutiny_officer)
    forward_plan_import(
        items=(table_row(information="Considered in April."),),
        committee=committee,
        by=scrutiny_officer,
    )
    item = ForwardPlanItem.objects.get()
    assert authors(item.history.all()) == [scrutiny_officer]
    disposition = Disposition.objects.get()
    assert authors(disposition.history.all()) == [scrutiny_officer, scrutiny_officer]


def test_rescheduling_an_item_already_on_the_work_programme_names_who_moved_it(
    committee, scrutiny_officer, officer
):
    forward_plan_entries_import(entries=(plan_entry(),), committee=committee, by=officer)
    disposition = Disposition.objects.get()
    first = MeetingFactory(committee=committee, date=D(2030, 1, 20))
    second = MeetingFactory(committee=committee, date=D(2030, 2, 17))
    disposition_set(disposition=disposition, choice="scheduled", meeting=first, by=officer)
    disposition_set(
        disposition=disposition, choice="scheduled", meeting=second, by=scrutiny_officer
    )
    work = WorkProgrammeItem.objects.get()
    assert work.planned_meeting == second
    assert authors(work.history.all()) == [scrutiny_officer, officer]
    assert authors(disposition.history.all())[0] == scrutiny_officer


def test_considering_an_item_names_who_recorded_it_and_who_closed_its_recommendation(
    db, scrutiny_officer, officer
):
    recommendation = RecommendationFactory()
    committee = recommendation.item.meeting.committee
    meeting = MeetingFactory(committee=committee, date=D(2025, 1, 14))
    work = work_programme_add(
        committee=committee,
        title="Follow-up",
        recommendation=recommendation,
        by=officer,
    )
    work_programme_consider(
        item=WorkProgrammeItem.objects.get(pk=work.pk),
        meeting=meeting,
        close_recommendation=True,
        by=scrutiny_officer,
    )
    assert authors(work.history.all()) == [scrutiny_officer, officer]
    assert recommendation.history.first().history_user == scrutiny_officer


def test_recurring_items_name_who_planned_them(committee, scrutiny_officer):
    MeetingFactory(committee=committee, date=D(2030, 7, 10))
    made = work_programme_add_recurring(
        committee=committee,
        title="Budget monitoring",
        months=[6, 9],
        municipal_year_start=2030,
        by=scrutiny_officer,
    )
    assert [authors(item.history.all()) for item in made] == [[scrutiny_officer]] * 2
