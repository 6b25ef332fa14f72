"""The people and teams picker (issue 21): who each question offers, in groups, with a
worded empty label and the hook for the accessible autocomplete."""

from django import forms

from scrutineer.core.forms import PeopleSelectMultiple
from scrutineer.core.models import Person
from scrutineer.programme.forms import ForwardPlanItemForm
from scrutineer.tracker.forms import ItemForm, RecommendationForm
from tests.committees.factories import CouncillorFactory, PersonFactory, TeamFactory


def _groups(field: forms.Field) -> dict[str, list[str]]:
    return {
        str(label): [str(name) for _, name in options]
        for label, options in field.choices
        if isinstance(options, list | tuple)
    }


def test_lead_officer_offers_officers_only_in_their_group(db):
    PersonFactory(name="Sarah Brown")
    TeamFactory(name="O&S Officers")
    CouncillorFactory(name="Cllr Jane Doe")
    field = ItemForm().fields["lead_officer"]
    assert _groups(field) == {"Officers": ["Sarah Brown"]}
    assert next(iter(field.choices)) == ("", "Choose an officer")


def test_lead_officer_renders_groups_a_worded_empty_label_and_the_picker_hook(db):
    PersonFactory(name="Sarah Brown")
    CouncillorFactory(name="Cllr Jane Doe")
    html = str(ItemForm()["lead_officer"])
    assert 'data-module="app-people-picker"' in html
    assert '<option value="" selected>Choose an officer</option>' in html
    assert '<optgroup label="Officers">' in html
    assert "Sarah Brown" in html
    assert "Cllr Jane Doe" not in html
    assert "---------" not in html


def test_a_councillor_recorded_as_lead_officer_before_is_kept_on_edit(db):
    councillor = CouncillorFactory(name="Cllr Jane Doe")
    PersonFactory(name="Sarah Brown")
    form = ItemForm(initial={"lead_officer": councillor})
    assert _groups(form.fields["lead_officer"]) == {
        "Officers": ["Sarah Brown"],
        "Councillors": ["Cllr Jane Doe"],
    }
    # Nobody else's councillor is offered.
    assert CouncillorFactory(name="Cllr Other").name not in str(form["lead_officer"])


def test_a_councillor_is_not_a_valid_lead_officer(db):
    councillor = CouncillorFactory()
    form = ItemForm(data={"report_title": "Budget", "lead_officer": councillor.pk})
    assert not form.is_valid()
    assert "lead_officer" in form.errors


def test_forward_plan_lead_officer_groups_teams_then_officers(db):
    PersonFactory(name="Sarah Brown")
    TeamFactory(name="O&S Officers")
    CouncillorFactory(name="Cllr Jane Doe")
    field = ForwardPlanItemForm().fields["lead_officer"]
    assert _groups(field) == {"Teams": ["O&S Officers"], "Officers": ["Sarah Brown"]}
    assert next(iter(field.choices)) == ("", "Choose an officer or team")


def test_assignees_are_checkboxes_for_a_short_list(db):
    officers = [PersonFactory() for _ in range(9)]
    TeamFactory()
    CouncillorFactory()
    field = RecommendationForm().fields["assignees"]
    assert isinstance(field.widget, forms.CheckboxSelectMultiple)
    assert len(list(field.choices)) == 10
    assert {pk for pk, _ in field.choices} >= {o.pk for o in officers}


def test_assignees_are_a_grouped_multiple_select_for_a_long_list(db):
    officers = [PersonFactory(name=f"Officer {n:02}") for n in range(11)]
    team = TeamFactory(name="O&S Officers")
    CouncillorFactory(name="Cllr Jane Doe")
    form = RecommendationForm(
        data={
            "text": "Report back.",
            "kind": "action",
            "assignees": [officers[3].pk, team.pk],
        }
    )
    field = form.fields["assignees"]
    assert isinstance(field.widget, PeopleSelectMultiple)
    groups = _groups(field)
    assert list(groups) == ["Teams", "Officers"]
    assert groups["Teams"] == ["O&S Officers"]
    assert len(groups["Officers"]) == 11
    html = str(form["assignees"])
    assert " multiple>" in html
    # init.js makes it a search adding each person chosen to a list (test_keyboard_journey).
    assert 'data-module="app-people-picker"' in html
    assert '<optgroup label="Teams">' in html
    assert "Cllr Jane Doe" not in html
    assert form.is_valid(), form.errors
    assert set(form.cleaned_data["assignees"]) == {officers[3], team}


def test_a_councillor_cannot_be_assigned(db):
    councillor = CouncillorFactory()
    form = RecommendationForm(
        data={"text": "Report back.", "kind": "action", "assignees": [councillor.pk]}
    )
    assert not form.is_valid()
    assert "assignees" in form.errors
    assert Person.objects.count() == 1
