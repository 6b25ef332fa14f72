"""The administrators' sync page: the last sync and what it changed, and "Sync now", a job
whose progress page ends on this page; and synced records on the public pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scrutineer.committees.models import Meeting
from scrutineer.core.roles import Role
from scrutineer.integrations.models import SyncRun
from scrutineer.jobs.models import Job
from scrutineer.tracker.models import Item
from tests.integrations.conftest import BOT_PAGE, Answer

pytestmark = pytest.mark.django_db
PAGE = reverse("integrations:moderngov")


def test_sync_now_queues_a_job_that_ends_on_the_sync_page(
    client, administrator, stand_in, settings
):
    settings.SCRUTINEER_MODERNGOV_URL = stand_in.url
    client.force_login(administrator)
    response = client.post(PAGE)
    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    assert (job.kind, job.status, job.unit) == ("moderngov-sync", Job.Status.DONE, "committees")
    assert (job.done, job.total) == (3, 3)
    # Done: the job's page goes on to the sync page, which shows what it did.
    followed = client.get(response.url)
    assert followed.url == PAGE
    page = client.get(PAGE).content.decode()
    run = SyncRun.objects.get()
    assert (run.trigger, run.requested_by) == (SyncRun.Trigger.PAGE, administrator)
    assert "Added committee Audit Committee." in page
    assert "Finished" in page
    assert administrator.get_full_name() in page


def test_a_sync_that_fails_says_why_on_the_jobs_page(client, administrator, stand_in, settings):
    settings.SCRUTINEER_MODERNGOV_URL = stand_in.url
    stand_in.answers["GetCommittees"] = Answer(BOT_PAGE, 200, "text/html")
    client.force_login(administrator)
    response = client.post(PAGE, follow=True)
    text = response.content.decode()
    assert "Sync with Modern.gov failed" in text
    assert "GetCommittees (lDummy=0): the service answered with a web page" in text
    assert "Failed" in client.get(PAGE).content.decode()


def test_a_second_press_follows_the_sync_under_way(client, administrator, settings):
    settings.SCRUTINEER_MODERNGOV_URL = "https://democracy.example.gov.uk/mgWebService.asmx"
    from django.utils import timezone

    running = Job.objects.create(
        kind="moderngov-sync",
        title="Sync with Modern.gov",
        requested_at=timezone.now(),
        status=Job.Status.RUNNING,
        heartbeat_at=timezone.now(),
    )
    client.force_login(administrator)
    response = client.post(PAGE)
    assert response.url == reverse("jobs:detail", args=[running.pk])
    assert Job.objects.count() == 1
    assert "A sync is under way" in client.get(PAGE).content.decode()


def test_without_an_address_there_is_nothing_to_sync(client, administrator, settings):
    settings.SCRUTINEER_MODERNGOV_URL = ""
    client.force_login(administrator)
    page = client.get(PAGE).content.decode()
    assert "Not set" in page
    assert "Sync now" not in page
    response = client.post(PAGE, follow=True)
    assert "Set SCRUTINEER_MODERNGOV_URL before syncing." in response.content.decode()
    assert not Job.objects.exists()


@pytest.mark.parametrize("role", [Role.SCRUTINY_OFFICER, Role.OFFICER, Role.MEMBER])
def test_only_administrators_may_sync(client, user_with_role, role, settings):
    settings.SCRUTINEER_MODERNGOV_URL = "https://democracy.example.gov.uk/mgWebService.asmx"
    client.force_login(user_with_role(role))
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE).status_code == 403
    assert not Job.objects.exists()


def test_synced_meetings_and_items_show_like_hand_made_ones_with_a_link_back(client, sync):
    sync()
    cancelled = Meeting.objects.get(external_id="4966")
    page = client.get(cancelled.get_absolute_url()).content.decode()
    assert "This meeting was cancelled." in page
    assert "Cancelled" in page
    meeting = Meeting.objects.get(external_id="4967")
    page = client.get(meeting.get_absolute_url()).content.decode()
    link = meeting.source_url.replace("&", "&amp;")
    assert f'href="{link}"' in page
    assert 'Work Programme</a> <span class="govuk-body-s">(agenda item 9)</span>' in page
    item = Item.objects.get(external_id="18833")
    page = client.get(item.get_absolute_url()).content.decode()
    assert f'href="{link}"' in page
    assert "On the agenda" in page
    assert "The report of the Governance" in page
    assert "Minutes" in page
    assert "mgConvert2PDF.aspx?ID=60909" in page
    committee = client.get(reverse("committees:list")).content.decode()
    assert "Past committees" in committee
    assert "Appointment Sub Committee for Director of Adult Social Services" in committee
    detail = client.get(reverse("committees:detail", args=["audit-committee"])).content.decode()
    assert 'govuk-tag--red">Cancelled' in detail


def test_the_api_says_a_meeting_was_cancelled_and_where_its_agenda_is(client, sync):
    sync()
    meetings = {m["external_id"]: m for m in client.get("/api/v1/meetings").json()["results"]}
    assert meetings["4966"]["status"] == "cancelled"
    assert meetings["4967"]["source_url"].endswith("ieListDocuments.aspx?CId=144&MId=4967")
    items = {i["report_title"]: i for i in client.get("/api/v1/items").json()["results"]}
    assert items["Work Programme"]["agenda_number"] == "9."
    people = {p["name"]: p for p in client.get("/api/v1/people").json()["results"]}
    assert people["Councillor Peter Bradbury"]["party"] == "Labour"


def test_a_cancelled_meeting_is_cancelled_in_the_calendar(client, sync):
    sync()
    text = client.get(reverse("programme:calendar", args=["audit-committee"])).content.decode()
    assert "STATUS:CANCELLED" in text
    assert "SUMMARY:Cancelled: Audit Committee" in text
