from django.urls import reverse

from scrutineer.committees.models import Membership
from tests.committees.factories import CommitteeFactory, CouncillorFactory, MeetingFactory


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
