"""The forward plan kept in the app: adding and editing its decisions, and the record a key
decision listed late must carry (issue 20)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from scrutineer.programme.models import Disposition, ForwardPlanItem, WorkProgrammeItem
from scrutineer.programme.services.dispositions import disposition_set
from scrutineer.programme.services.forward_plan_items import (
    forward_plan_item_create,
    forward_plan_item_update,
)
from tests.committees.factories import CommitteeFactory, MeetingFactory, PersonFactory

D = datetime.date

GOOD = {
    "title": "Devolution deal",
    "decision_maker": "Cabinet",
    "decision_date": D(2030, 3, 12),
    "decision_date_precision": "day",
    "is_key_decision": True,
    "first_published": D(2030, 1, 10),
}


def post_data(**changes):
    data = {
        key: value.isoformat() if isinstance(value, datetime.date) else value
        for key, value in (GOOD | changes).items()
    }
    return {key: value for key, value in data.items() if value not in (None, False)}


def test_a_decision_known_by_its_month_is_stored_on_its_first_day(db, scrutiny_officer):
    item = forward_plan_item_create(
        **GOOD | {"decision_date_precision": "month"}, by=scrutiny_officer
    )
    assert (item.decision_date, item.decision_date_precision) == (D(2030, 3, 1), "month")
    assert item.history.get().history_user == scrutiny_officer


def fields_refused(**changes) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        forward_plan_item_create(**GOOD | changes)
    return refused.value.message_dict


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        pytest.param({"title": "  "}, "title", "Enter the title", id="no-title"),
        pytest.param({"title": "x" * 501}, "title", "500 characters or fewer", id="long-title"),
        pytest.param({"decision_maker": ""}, "decision_maker", "Enter who", id="no-maker"),
        pytest.param({"decision_date": None}, "decision_date", "Enter the date", id="no-date"),
        pytest.param(
            {"first_published": D(2030, 3, 13)},
            "first_published",
            "on or before the decision on 12 March 2030",
            id="published-after",
        ),
        pytest.param(
            {"urgency": "special_urgency", "is_key_decision": False},
            "urgency",
            "Only a key decision",
            id="urgency-not-key",
        ),
        pytest.param(
            {"urgency": "special_urgency", "urgency_reason": "Grant"},
            "urgency_chair_date",
            "Enter the date the chair agreed",
            id="urgency-without-date",
        ),
        pytest.param(
            {"urgency": "general_exception", "urgency_chair_date": D(2030, 3, 1)},
            "urgency_reason",
            "Enter why the decision could not wait",
            id="exception-without-reasons",
        ),
        pytest.param({"urgency": "whenever"}, "urgency", "Choose the general", id="bad-route"),
        pytest.param(
            {"decision_date_precision": "year"},
            "decision_date_precision",
            "Choose whether",
            id="bad-precision",
        ),
    ],
)
def test_the_rules_of_a_forward_plan_item(db, changes, field, message):
    errors = fields_refused(**changes)
    assert message in errors[field][0]
    assert not ForwardPlanItem.objects.exists()


def test_the_same_decision_twice_is_refused(db):
    forward_plan_item_create(**GOOD | {"decision_date_precision": "month"})
    errors = fields_refused(decision_date=D(2030, 3, 25), decision_date_precision="month")
    assert errors["title"] == ["The forward plan already has “Devolution deal” for March 2030"]


def test_a_route_left_unchosen_keeps_no_record(db):
    item = forward_plan_item_create(
        **GOOD, urgency="", urgency_chair_date=D(2030, 3, 1), urgency_reason="Typed then unchosen"
    )
    assert (item.urgency, item.urgency_chair_date, item.urgency_reason) == ("", None, "")


def test_committees_given_the_item_get_a_suggested_disposition(db):
    corporate = CommitteeFactory(remit="Devolution, finance and the budget")
    place = CommitteeFactory(remit="Highways and planning")
    item = forward_plan_item_create(**GOOD, committees=[corporate, place])
    assert sorted(d.committee.pk for d in item.dispositions.all()) == [corporate.pk, place.pk]


@pytest.fixture
def scheduled_item(db, scrutiny_officer):
    committee = CommitteeFactory()
    meeting = MeetingFactory(committee=committee, date=D(2030, 3, 4))
    item = forward_plan_item_create(**GOOD, committees=[committee])
    disposition_set(
        disposition=item.dispositions.get(),
        choice="scheduled",
        meeting=meeting,
        by=scrutiny_officer,
    )
    return item


def everything(item, **changes):
    fields = {
        name: getattr(item, name)
        for name in [
            "title",
            "decision_date",
            "decision_maker",
            "decision_date_precision",
            "is_key_decision",
            "lead_officer",
            "first_published",
            "portfolio",
            "is_exempt",
            "urgency",
            "urgency_chair_date",
            "urgency_reason",
        ]
    }
    return fields | changes


def test_renaming_the_decision_renames_its_work_programme_entries(scheduled_item, scrutiny_officer):
    forward_plan_item_update(
        item=scheduled_item,
        **everything(scheduled_item, title="Devolution deal (revised)"),
        by=scrutiny_officer,
    )
    work = WorkProgrammeItem.objects.get()
    assert work.title == "Devolution deal (revised)"
    assert work.history.first().history_user == scrutiny_officer


def test_saving_without_a_change_writes_no_history(scheduled_item):
    before = scheduled_item.history.count()
    forward_plan_item_update(item=scheduled_item, **everything(scheduled_item))
    assert scheduled_item.history.count() == before


# The pages.


def test_a_scrutiny_officer_adds_a_decision_for_a_committee_and_chooses_what_it_does(
    client, scrutiny_officer
):
    committee = CommitteeFactory(slug="corporate")
    lead = PersonFactory(name="Dawn Calvert")
    client.force_login(scrutiny_officer)
    url = reverse("programme:forward_plan_item_add") + "?committee=corporate"
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["committees"] == [committee]
    response = client.post(
        url, post_data(lead_officer=lead.pk, committees=committee.pk, portfolio="Finance")
    )
    disposition = Disposition.objects.get()
    assert response["Location"] == reverse("programme:disposition_edit", args=[disposition.pk])
    item = ForwardPlanItem.objects.get()
    assert (item.lead_officer, item.portfolio, item.decision_date) == (
        lead,
        "Finance",
        D(2030, 3, 12),
    )


def test_the_form_shows_the_services_refusal_beside_the_field(client, scrutiny_officer):
    client.force_login(scrutiny_officer)
    response = client.post(
        reverse("programme:forward_plan_item_add"),
        post_data(urgency="general_exception", urgency_chair_date="2030-03-01"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["urgency_reason"] == [
        "Enter why the decision could not wait for 28 clear days' notice"
    ]
    assert not ForwardPlanItem.objects.exists()


def test_editing_records_the_general_exception_and_the_flag_goes(client, scrutiny_officer):
    item = forward_plan_item_create(**GOOD | {"first_published": D(2030, 3, 1)})
    client.force_login(scrutiny_officer)
    index = client.get(reverse("programme:forward_plan_index"), {"when": "past"})
    assert "Devolution deal" not in index.content.decode()
    with _today(D(2030, 2, 1)):
        index = client.get(reverse("programme:forward_plan_index"))
    assert "10 clear days&#x27; notice, and no general exception" in index.content.decode()
    edit = reverse("programme:forward_plan_item_edit", args=[item.pk])
    assert client.get(edit).context["form"].initial["title"] == "Devolution deal"
    response = client.post(
        edit,
        post_data(
            first_published="2030-03-01",
            urgency="general_exception",
            urgency_chair_date="2030-03-02",
            urgency_reason="The grant offer closes on 13 March.",
        ),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.urgency, item.urgency_chair_date) == ("general_exception", D(2030, 3, 2))
    with _today(D(2030, 2, 1)):
        index = client.get(reverse("programme:forward_plan_index"))
    assert "clear days&#x27; notice" not in index.content.decode()
    assert "The grant offer closes on 13 March." in index.content.decode()


def _today(day):
    from unittest import mock

    return mock.patch("scrutineer.core.clock.today", return_value=day)


def test_the_forward_plan_page_reads_in_a_constant_number_of_queries(
    db, client, django_assert_max_num_queries
):
    committees = [CommitteeFactory() for _ in range(3)]
    for number in range(30):
        forward_plan_item_create(
            **GOOD | {"title": f"Decision {number}", "lead_officer": PersonFactory()},
            committees=committees,
        )
    with _today(D(2030, 1, 1)), django_assert_max_num_queries(12):
        response = client.get(reverse("programme:forward_plan_index"))
    assert response.content.decode().count('class="govuk-summary-card__title"') == 30


def test_the_forward_plan_pages_offer_the_import_wizard_to_the_scrutiny_team(
    client, scrutiny_officer
):
    committee = CommitteeFactory(slug="corporate")
    wizard = reverse("imports:upload", args=["forward-plan"])
    assert wizard not in client.get(reverse("programme:forward_plan_index")).content.decode()
    client.force_login(scrutiny_officer)
    assert wizard in client.get(reverse("programme:forward_plan_index")).content.decode()
    page = client.get(reverse("programme:forward_plan", args=["corporate"])).content.decode()
    assert f"{wizard}?committee={committee.pk}" in page
    upload = client.get(f"{wizard}?committee={committee.pk}")
    assert upload.status_code == 200
    assert upload.context["form"].initial["committee"] == str(committee.pk)
