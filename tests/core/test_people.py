"""People and teams kept by the scrutiny team without an administrator (issue 20)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from scrutineer.core import services
from scrutineer.core.models import Person
from tests.committees.factories import PersonFactory


def test_a_team_and_an_officer_in_it(db, scrutiny_officer):
    team = services.person_create(name="O&S Officers", kind="team", by=scrutiny_officer)
    officer = services.person_create(
        name="Dawn Calvert",
        job_title="Strategic Lead, Finance",
        directorate="Resources",
        email="Dawn@Example.org",
        teams=[team],
        by=scrutiny_officer,
    )
    assert list(officer.teams.all()) == [team]
    assert officer.email == "dawn@example.org"
    assert {entry.history_user for entry in officer.history.all()} == {scrutiny_officer}
    assert [m.name for m in team.team_members.all()] == ["Dawn Calvert"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        pytest.param({"name": " "}, "name", "Enter the name", id="no-name"),
        pytest.param({"name": "x" * 201}, "name", "200 characters or fewer", id="long-name"),
        pytest.param({"kind": "robot"}, "kind", "Choose a councillor", id="bad-kind"),
        pytest.param({"email": "dawn"}, "email", "right format", id="bad-email"),
        pytest.param(
            {"name": "pat openshaw"},
            "name",
            "already an officer called Pat Openshaw",
            id="same-name",
        ),
    ],
)
def test_the_rules_of_a_person(db, changes, field, message):
    PersonFactory(name="Pat Openshaw")
    with pytest.raises(ValidationError) as refused:
        services.person_create(**{"name": "Dawn Calvert"} | changes)
    assert message in refused.value.message_dict[field][0]
    assert Person.objects.count() == 1


def test_teams_belong_to_no_team_and_only_teams_have_members(db):
    team = services.person_create(name="O&S Officers", kind="team")
    other = services.person_create(name="Finance Team", kind="team")
    officer = PersonFactory()
    with pytest.raises(ValidationError, match="A team cannot belong to a team"):
        services.person_update(
            person=other,
            name=other.name,
            kind="team",
            job_title="",
            directorate="",
            email="",
            teams=[team],
        )
    with pytest.raises(ValidationError, match="Choose teams only"):
        services.person_create(name="Dawn Calvert", teams=[officer])
    officer.teams.add(team)
    with pytest.raises(ValidationError, match="it has members"):
        services.person_update(
            person=team,
            name=team.name,
            kind="officer",
            job_title="",
            directorate="",
            email="",
            teams=[],
        )


def test_saving_unchanged_writes_no_history(db):
    person = services.person_create(name="Dawn Calvert", directorate="Resources")
    before = person.history.count()
    services.person_update(
        person=person,
        name="Dawn Calvert",
        kind="officer",
        job_title="",
        directorate="Resources",
        email="",
        teams=[],
    )
    assert person.history.count() == before


def test_the_people_pages_for_the_scrutiny_team(client, scrutiny_officer):
    team = PersonFactory(name="O&S Officers", kind="team")
    client.force_login(scrutiny_officer)
    response = client.post(
        reverse("core:person_add"),
        {"name": "Dawn Calvert", "kind": "officer", "directorate": "Resources", "teams": team.pk},
    )
    assert response["Location"] == reverse("core:person_list")
    dawn = Person.objects.get(name="Dawn Calvert")
    listing = client.get(reverse("core:person_list"), {"kind": "officer"}).content.decode()
    assert "Dawn Calvert" in listing
    assert "O&amp;S Officers" in listing
    assert "Dawn Calvert" not in (
        client.get(reverse("core:person_list"), {"name": "pat"}).content.decode()
    )
    edit = reverse("core:person_edit", args=[dawn.pk])
    assert client.get(edit).context["form"].initial["teams"] == [team]
    client.post(edit, {"name": "Dawn Calvert", "kind": "officer", "job_title": "Director"})
    dawn.refresh_from_db()
    assert (dawn.job_title, list(dawn.teams.all())) == ("Director", [])


def test_the_people_list_reads_in_a_constant_number_of_queries(
    client, scrutiny_officer, django_assert_max_num_queries
):
    team = PersonFactory(kind="team", name="Finance Team")
    for _ in range(30):
        PersonFactory().teams.add(team)
    client.force_login(scrutiny_officer)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("core:person_list"))
    assert response.content.decode().count(team.name) == 31
