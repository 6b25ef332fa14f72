import pytest
from django.urls import reverse

from scrutineer.committees.models import Meeting, Membership
from tests.committees.factories import CommitteeFactory, CouncillorFactory, MeetingFactory
from tests.tracker.factories import ExemptItemFactory, ItemFactory


def test_committee_pages_show_remit_members_and_meetings_to_the_public(client, db):
    parent = CommitteeFactory(name="Corporate Overview and Scrutiny Committee", remit="Finance")
    group = CommitteeFactory(
        name="Members Enquiries Working Group", kind="working_group", parent=parent
    )
    chair = CouncillorFactory(name="Cllr Jane Doe")
    Membership.objects.create(committee=parent, person=chair, role="chair")
    MeetingFactory(committee=parent)
    listing = client.get(reverse("committees:list")).content.decode()
    assert "Reports to Corporate Overview and Scrutiny Committee" in listing
    page = client.get(reverse("committees:detail", args=[parent.slug])).content.decode()
    assert "Cllr Jane Doe (Chair)" in page
    assert "17 September 2024" in page
    assert group.name in page
    assert (
        '<meta name="description" content="Corporate Overview and Scrutiny Committee: remit' in page
    )
    assert client.get(reverse("committees:detail", args=["nope"])).status_code == 404


def test_the_meeting_page_refuses_year_9999(client, scrutiny_officer):
    meeting = MeetingFactory()
    committee = meeting.committee
    client.force_login(scrutiny_officer)
    response = client.post(
        reverse("committees:meeting_create", args=[committee.slug]), {"date": "9999-12-31"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "date": ["Date of the meeting must be between 1974 and 2100"]
    }
    assert committee.meetings.count() == 1


def test_a_scrutiny_officer_records_a_joint_meeting_and_is_its_author(client, scrutiny_officer):
    committee, guest = CommitteeFactory(), CommitteeFactory(name="People O&S")
    client.force_login(scrutiny_officer)
    response = client.post(
        reverse("committees:meeting_create", args=[committee.slug]),
        {
            "date": "2025-03-18",
            "time": "19:00",
            "venue": "Council Chamber",
            "invited_committees": [guest.pk],
        },
    )
    meeting = Meeting.objects.get(committee=committee)
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    assert list(meeting.invited_committees.all()) == [guest]
    assert meeting.history.first().history_user == scrutiny_officer
    page = client.get(response["Location"]).content.decode()
    assert "Meeting on 18 March 2025 recorded." in page
    assert "People O&amp;S" in page
    assert reverse("tracker:item_create", args=[meeting.pk]) in page


def test_the_meeting_page_lists_its_items_but_an_exempt_one_only_to_those_entitled(
    client, scrutiny_officer
):
    meeting = MeetingFactory()
    ItemFactory(meeting=meeting, report_title="Libraries review")
    ExemptItemFactory(meeting=meeting, report_title="Sale of the civic offices")
    ItemFactory(report_title="An item of another meeting")
    url = reverse("committees:meeting_detail", args=[meeting.pk])
    public = client.get(url).content.decode()
    assert "Libraries review" in public
    assert "Sale of the civic offices" not in public
    assert "An item of another meeting" not in public
    assert reverse("tracker:item_create", args=[meeting.pk]) not in public
    client.force_login(scrutiny_officer)
    officer = client.get(url).content.decode()
    assert "Sale of the civic offices" in officer
    assert "Add an item" in officer


def test_a_meeting_that_does_not_exist_is_not_found(client, db):
    assert client.get(reverse("committees:meeting_detail", args=[999_999])).status_code == 404


@pytest.mark.parametrize("items", [1, 30])
def test_the_meeting_page_takes_the_same_queries_however_many_items(
    client, db, django_assert_max_num_queries, items
):
    meeting = MeetingFactory()
    meeting.invited_committees.set([CommitteeFactory()])
    for _ in range(items):
        ItemFactory(meeting=meeting)
    with django_assert_max_num_queries(3):
        assert client.get(meeting.get_absolute_url()).status_code == 200
