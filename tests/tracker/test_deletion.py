"""Deleting a record others depend on is refused with what depends on it, and nothing
becomes public by losing its link (findings 3 and 9)."""

import datetime
from html import escape

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from scrutineer.briefings import services as briefings
from scrutineer.briefings.models import BriefingNote
from scrutineer.core import services as core
from scrutineer.core.models import Person
from scrutineer.tracker.models import Item, Recommendation
from tests.committees.factories import PersonFactory
from tests.tracker.factories import ExemptItemFactory, RecommendationFactory


@pytest.fixture
def issued_exempt_note(world):
    note = briefings.briefing_create_from_item(item=world.exempt_item)
    briefings.briefing_comment_add(note=note, text="Members asked about the valuation.")
    briefings.briefing_issue(note=note, issued_on=datetime.date(2024, 9, 20), issued_to="")
    return note


def test_deleting_an_exempt_item_with_a_note_is_refused_in_the_admin(
    admin_client, world, issued_exempt_note
):
    url = reverse("admin:tracker_item_delete", args=[world.exempt_item.pk])
    page = admin_client.post(url, {"post": "yes"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "protected" in text
    assert "Briefing note" in text
    assert Item.objects.filter(pk=world.exempt_item.pk).exists()
    assert Recommendation.objects.filter(pk=world.exempt_recommendation.pk).exists()


def test_deleting_an_item_with_recommendations_is_refused(world):
    with pytest.raises(ProtectedError):
        Item.objects.get(pk=world.exempt_item.pk).delete()
    assert Recommendation.objects.filter(item=world.exempt_item).count() == 1


def test_a_note_that_lost_its_item_is_not_public(client, world, issued_exempt_note):
    assert client.get(reverse("briefings:detail", args=[issued_exempt_note.pk])).status_code == 404
    BriefingNote.objects.filter(pk=issued_exempt_note.pk).update(item=None)
    assert client.get(reverse("briefings:detail", args=[issued_exempt_note.pk])).status_code == 404
    assert issued_exempt_note.title not in client.get(reverse("briefings:list")).content.decode()
    download = reverse("exports:briefing_download", args=[issued_exempt_note.pk, "html"])
    assert client.get(download).status_code == 404
    assert (
        client.get("/api/v1/briefing-notes").content.decode().count(issued_exempt_note.title) == 0
    )


def test_a_note_never_linked_to_an_item_stays_public(client, world, issued_exempt_note):
    other = BriefingNote.objects.create(
        committee=world.committee,
        meeting=world.meeting,
        title="Briefing on the libraries review",
        report_title="Libraries review",
        purpose="To inform Cabinet.",
        status=BriefingNote.Status.ISSUED,
        issued_on=datetime.date(2024, 9, 20),
    )
    assert client.get(reverse("briefings:detail", args=[other.pk])).status_code == 200


def test_deleting_an_assigned_person_is_refused_in_the_admin(admin_client, world):
    others = [RecommendationFactory(item=world.item, assignees=[world.officer_person])]
    page = admin_client.post(
        reverse("admin:core_person_delete", args=[world.officer_person.pk]), {"post": "yes"}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "protected" in text
    assert escape(f"Assigned to recommendation {world.recommendation.reference}") in text
    assert Person.objects.filter(pk=world.officer_person.pk).exists()
    assert list(others[0].assignees.all()) == [world.officer_person]
    assert list(world.exempt_recommendation.assignees.all()) == [world.officer_person]


def test_deleting_an_assigned_person_in_bulk_is_refused_in_the_admin(admin_client, world):
    admin_client.post(
        reverse("admin:core_person_changelist"),
        {"action": "delete_selected", "_selected_action": [world.officer_person.pk], "post": "yes"},
    )
    assert Person.objects.filter(pk=world.officer_person.pk).exists()
    assert list(world.recommendation.assignees.all()) == [world.officer_person]


def test_the_service_names_what_depends_on_a_person(world):
    with pytest.raises(core.PersonInUse, match=world.recommendation.reference):
        core.person_delete(person=world.officer_person)
    lead = PersonFactory(name="Lead Officer Only")
    ExemptItemFactory(meeting=world.meeting, lead_officer=lead)
    with pytest.raises(core.PersonInUse, match="Item"):
        core.person_delete(person=lead)
    free = PersonFactory()
    core.person_delete(person=free)
    assert not Person.objects.filter(pk=free.pk).exists()
