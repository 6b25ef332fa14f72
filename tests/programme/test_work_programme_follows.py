"""A committee's work programme follows what it does with each forward-plan item: scheduled
for a meeting puts the item on that meeting's programme, anything else takes it off (issue 20:
the work programme said "Nothing planned yet" for a meeting the forward plan said was
scheduled, because the tracker's forward-plan table recorded the disposition and nothing
else)."""

import datetime
from pathlib import Path

import pytest

from scrutineer.files.parsers.tracker_text import parse_tracker_text
from scrutineer.imports.services import tracker_import, tracker_import_preview
from scrutineer.programme import selectors
from scrutineer.programme.models import Disposition, ForwardPlanItem, WorkProgrammeItem
from scrutineer.programme.services.dispositions import disposition_set
from scrutineer.programme.services.work_programme import work_programme_consider
from tests.committees.factories import CommitteeFactory, MeetingFactory

D = datetime.date
SEED = Path(__file__).parents[1] / "fixtures" / "corporate_os_tracker.txt"
SCHEDULED = ["Quarter 3 Corporate Performance Report", "Quarter 3 Revenue and Capital Report"]


@pytest.fixture
def corporate(db):
    return CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee", short_name="CO&S", slug="corporate-os"
    )


def import_seed(committee, by=None):
    parsed = parse_tracker_text(SEED.read_text(), filename="corporate_os_tracker.txt")
    return tracker_import(parsed=parsed, committee=committee, by=by)


def planned(committee, user):
    """The work programme as its page shows it: (meeting date or None, titles)."""
    return [
        (meeting.date if meeting else None, sorted(item.title for item in items))
        for meeting, items in selectors.work_programme_by_meeting(committee, user=user)
        if items
    ]


def test_scheduled_in_a_month_puts_the_items_on_that_months_meeting(
    corporate, scrutiny_officer, client
):
    MeetingFactory(committee=corporate, date=D(2025, 2, 25))
    march = MeetingFactory(committee=corporate, date=D(2025, 3, 11))
    import_seed(corporate, by=scrutiny_officer)
    assert planned(corporate, scrutiny_officer) == [(march.date, SCHEDULED)]
    for disposition in Disposition.objects.filter(choice="scheduled"):
        assert disposition.meeting == march
    work = WorkProgrammeItem.objects.get(title=SCHEDULED[0])
    assert (work.source, work.status, work.history.get().history_user) == (
        "forward_plan",
        "scheduled",
        scrutiny_officer,
    )
    assert work.purpose == "Pre-decision scrutiny before Cabinet decides in March 2025."
    page = client.get(f"/programme/committees/{corporate.slug}/work-programme/")
    assert "Nothing planned yet" in page.content.decode()  # February's meeting
    assert SCHEDULED[0] in page.content.decode()


def test_with_no_meeting_that_month_the_items_wait_on_the_programme_unplanned(
    corporate, scrutiny_officer
):
    import_seed(corporate)
    assert planned(corporate, scrutiny_officer) == [(None, SCHEDULED)]
    # Recorded later, the meeting takes them when the same tracker is imported again.
    march = MeetingFactory(committee=corporate, date=D(2025, 3, 11))
    parsed = parse_tracker_text(SEED.read_text(), filename="corporate_os_tracker.txt")
    preview = tracker_import_preview(parsed=parsed, committee=corporate)
    section = next(s for s in preview.sections if s.caption == "Cabinet forward plan items")
    assert [(row.action, row.details) for row in section.rows if row.action != "unchanged"] == [
        ("update", ["on the work programme for the meeting of 11 March 2025"]),
        ("update", ["on the work programme for the meeting of 11 March 2025"]),
    ]
    import_seed(corporate)
    assert planned(corporate, scrutiny_officer) == [(march.date, SCHEDULED)]
    assert WorkProgrammeItem.objects.count() == 2
    again = tracker_import_preview(parsed=parsed, committee=corporate)
    section = next(s for s in again.sections if s.caption == "Cabinet forward plan items")
    assert {row.action for row in section.rows} == {"unchanged"}


def test_a_meeting_after_the_decision_is_not_the_one_scheduled(corporate, scrutiny_officer):
    MeetingFactory(committee=corporate, date=D(2025, 4, 1))
    import_seed(corporate)
    assert planned(corporate, scrutiny_officer) == [(None, SCHEDULED)]


@pytest.fixture
def scheduled(corporate, scrutiny_officer):
    meeting = MeetingFactory(committee=corporate, date=D(2030, 3, 4))
    item = ForwardPlanItem.objects.create(title="Devolution", decision_date=D(2030, 3, 20))
    disposition = Disposition.objects.create(
        forward_plan_item=item, committee=corporate, position=1, choice="not_on_work_programme"
    )
    disposition_set(
        disposition=disposition, choice="scheduled", meeting=meeting, by=scrutiny_officer
    )
    return disposition


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"choice": "not_on_work_programme"}, id="not-on-the-programme"),
        pytest.param({"choice": "other_committee", "other": True}, id="another-committee"),
    ],
)
def test_no_longer_scheduled_takes_it_off_the_work_programme(
    scheduled, corporate, scrutiny_officer, change
):
    other = CommitteeFactory() if change.pop("other", False) else None
    disposition_set(disposition=scheduled, other_committee=other, by=scrutiny_officer, **change)
    assert planned(corporate, scrutiny_officer) == []
    work = WorkProgrammeItem.objects.get()
    assert (work.status, work.planned_meeting) == ("withdrawn", None)
    assert work.history.first().history_user == scrutiny_officer
    # Scheduled again, the same entry comes back.
    meeting = corporate.meetings.get()
    disposition_set(disposition=scheduled, choice="scheduled", meeting=meeting)
    assert planned(corporate, scrutiny_officer) == [(meeting.date, ["Devolution"])]
    assert WorkProgrammeItem.objects.count() == 1


def test_another_meeting_moves_it(scheduled, corporate, scrutiny_officer):
    later = MeetingFactory(committee=corporate, date=D(2030, 3, 18))
    disposition_set(disposition=scheduled, choice="scheduled", meeting=later)
    assert planned(corporate, scrutiny_officer) == [(later.date, ["Devolution"])]


def test_an_item_the_committee_considered_stays_on_its_record(
    scheduled, corporate, scrutiny_officer
):
    work = WorkProgrammeItem.objects.get()
    meeting = scheduled.meeting
    work_programme_consider(item=work, meeting=meeting)
    disposition_set(disposition=scheduled, choice="not_on_work_programme")
    work.refresh_from_db()
    assert (work.status, work.planned_meeting) == ("considered", meeting)


def test_the_calendar_lists_only_what_is_still_planned(scheduled, corporate, public_client):
    ics = public_client.get(f"/programme/committees/{corporate.slug}/calendar.ics")
    assert "Devolution" in ics.content.decode()
    disposition_set(disposition=scheduled, choice="not_on_work_programme")
    ics = public_client.get(f"/programme/committees/{corporate.slug}/calendar.ics")
    assert "Devolution" not in ics.content.decode()


@pytest.fixture
def public_client(client):
    return client


def test_the_migration_puts_what_was_scheduled_before_on_the_work_programme(
    corporate, scrutiny_officer
):
    """Databases imported before the work programme followed the forward plan: the items the
    tracker scheduled are put on it, with their history, once."""
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    name = "0004_scheduled_dispositions_on_the_work_programme"
    # The models as the migration sees them: historical models, which write no history.
    apps = MigrationLoader(connection).project_state(("programme", name)).apps

    march = MeetingFactory(committee=corporate, date=D(2025, 3, 11))
    import_seed(corporate)
    WorkProgrammeItem.objects.all().delete()
    WorkProgrammeItem.history.all().delete()
    Disposition.objects.update(meeting=None)
    migration = import_module(f"scrutineer.programme.migrations.{name}")
    migration.forward(apps, None)
    migration.forward(apps, None)
    assert planned(corporate, scrutiny_officer) == [(march.date, SCHEDULED)]
    work = WorkProgrammeItem.objects.get(title=SCHEDULED[0])
    (entry,) = work.history.all()
    assert entry.history_change_reason == migration.REASON
    assert Disposition.objects.get(forward_plan_item__title=SCHEDULED[0]).meeting == march


def test_the_disposition_page_offers_the_meeting_an_imported_month_means(
    corporate, scrutiny_officer, client
):
    import_seed(corporate)
    march = MeetingFactory(committee=corporate, date=D(2025, 3, 11))
    disposition = Disposition.objects.get(forward_plan_item__title=SCHEDULED[0])
    client.force_login(scrutiny_officer)
    page = client.get(f"/programme/dispositions/{disposition.pk}/")
    assert page.context["form"].initial["meeting"] == march
