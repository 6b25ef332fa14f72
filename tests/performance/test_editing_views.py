"""Editing indicators, targets, figures and milestones: only those who manage performance,
a 403 (not a 500) for everyone else, and each refusal shown beside the field at fault."""

import html

import pytest
from django.urls import reverse

from scrutineer.core import permissions
from scrutineer.core.roles import Role
from scrutineer.performance.models import (
    Indicator,
    Measurement,
    Milestone,
    Target,
)
from scrutineer.performance.views import figures, indicators, milestones
from tests.performance.factories import (
    IndicatorFactory,
    MilestoneFactory,
    MonthlyIndicatorFactory,
    TargetFactory,
)
from tests.performance.test_views import ROLES, client_for

# Editing pages: only those who manage performance, a 403 (not a 500) for everyone else.

EDIT_ROLES = [
    pytest.param(None, 302, id="public"),
    pytest.param(Role.MEMBER, 403, id="member"),
    pytest.param(Role.OFFICER, 403, id="officer"),
    pytest.param(Role.SCRUTINY_OFFICER, 200, id="scrutiny-officer"),
    pytest.param(Role.ADMINISTRATOR, 200, id="administrator"),
]


def edit_urls(indicator, milestone):
    return {
        "indicator_create": reverse("performance:indicator_create"),
        "indicator_edit": reverse("performance:indicator_edit", args=[indicator.pk]),
        "targets": reverse("performance:targets", args=[indicator.pk]),
        "record_figure": reverse("performance:record_figure", args=[indicator.pk]),
        "milestone_create": reverse("performance:milestone_create"),
        "milestone_edit": reverse("performance:milestone_edit", args=[milestone.pk]),
    }


@pytest.fixture
def milestone(red_indicator):
    return MilestoneFactory(framework=red_indicator.framework)


def test_every_editing_view_states_its_permission():
    for view in (
        indicators.indicator_create,
        indicators.indicator_edit,
        figures.indicator_targets,
        figures.measurement_record,
        milestones.milestone_create,
        milestones.milestone_edit,
    ):
        assert view.permission is permissions.can_manage_performance


@pytest.mark.parametrize(("role", "status"), EDIT_ROLES)
def test_who_may_open_the_editing_pages(
    client, user_with_role, red_indicator, milestone, role, status
):
    client = client_for(client, user_with_role, role)
    for name, url in edit_urls(red_indicator, milestone).items():
        response = client.get(url)
        assert response.status_code == status, name
        if status == 302:
            assert "/login/" in response["Location"]


@pytest.mark.parametrize(("role", "status"), EDIT_ROLES)
def test_writes_need_the_right_and_change_nothing_without_it(
    client, user_with_role, red_indicator, milestone, role, status
):
    client = client_for(client, user_with_role, role)
    urls = edit_urls(red_indicator, milestone)
    before = (
        Indicator.objects.count(),
        Measurement.objects.count(),
        Target.objects.count(),
        Milestone.objects.count(),
    )
    framework = red_indicator.framework.pk
    posts = {
        "indicator_create": {**INDICATOR_POST, "framework": framework},
        "record_figure": {"year": 2024, "quarter": 3, "value": 95},
        "targets": {"year": 2025, "annual": 91},
        "milestone_create": {**MILESTONE_POST, "framework": framework},
    }
    for name, data in posts.items():
        response = client.post(urls[name], data)
        assert response.status_code == (302 if status == 200 else status), name
    after = (
        Indicator.objects.count(),
        Measurement.objects.count(),
        Target.objects.count(),
        Milestone.objects.count(),
    )
    assert (after == before) is (status != 200)


INDICATOR_POST = {
    "code": "CP50",
    "name": "Calls answered within a minute",
    "directorate": "Resources",
    "theme": "A well-run council",
    "polarity": "higher",
    "unit": "%",
    "measure_type": "snapshot",
    "frequency": "monthly",
    "tolerance": "2",
    "tolerance_kind": "absolute",
}
MILESTONE_POST = {
    "name": "New website live",
    "directorate": "Resources",
    "planned_date": "2025-06-30",
    "status": "not_started",
}


def test_a_new_indicator_goes_on_to_its_targets(client, scrutiny_officer, red_indicator):
    client.force_login(scrutiny_officer)
    response = client.post(
        reverse("performance:indicator_create"),
        {**INDICATOR_POST, "framework": red_indicator.framework.pk},
    )
    indicator = Indicator.objects.get(code="CP50")
    assert response["Location"] == reverse("performance:targets", args=[indicator.pk])
    assert indicator.frequency == "monthly"
    assert indicator.history.get().history_user == scrutiny_officer


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        pytest.param({"code": ""}, "code", "Enter the indicator's code", id="no-code"),
        pytest.param({"tolerance": "-1"}, "tolerance", "0 or more", id="negative"),
        pytest.param({"tolerance": "lots"}, "tolerance", "Enter a number", id="not-a-number"),
        pytest.param({"polarity": ""}, "polarity", "higher or lower", id="no-polarity"),
        pytest.param({"code": "TAKEN"}, "code", "already has an indicator TAKEN", id="taken"),
    ],
)
def test_the_indicator_form_says_what_is_wrong_and_where(
    client, scrutiny_officer, red_indicator, change, field, message
):
    IndicatorFactory(framework=red_indicator.framework, code="TAKEN")
    client.force_login(scrutiny_officer)
    url = reverse("performance:indicator_edit", args=[red_indicator.pk])
    data = {**INDICATOR_POST, "frequency": "quarterly", "framework": red_indicator.framework.pk}
    response = client.post(url, {**data, **change})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert f'href="#id_{field}' in response.text  # the error summary links to the field
    assert html.unescape(response.text).count(message) == 2  # in the summary and by the field
    assert "<title>Error: " in response.text
    assert "<title>Error: Error:" not in response.text


def test_an_indicator_is_edited(client, scrutiny_officer, red_indicator):
    client.force_login(scrutiny_officer)
    url = reverse("performance:indicator_edit", args=[red_indicator.pk])
    data = {**INDICATOR_POST, "frequency": "quarterly", "framework": red_indicator.framework.pk}
    assert client.post(url, data)["Location"] == red_indicator.get_absolute_url()
    red_indicator.refresh_from_db()
    assert (red_indicator.code, red_indicator.tolerance) == ("CP50", 2.0)


def test_targets_for_a_year_are_set_and_listed(client, scrutiny_officer, red_indicator):
    client.force_login(scrutiny_officer)
    url = reverse("performance:targets", args=[red_indicator.pk])
    page = client.get(url, {"year": 2024})
    assert page.context["form"].initial["annual"] == 90.0
    response = client.post(url, {"year": 2025, "annual": "92", "q1": "88", "q2": "", "q3": ""})
    assert response.status_code == 302
    assert set(red_indicator.targets.values_list("year", "quarter", "value")) == {
        (2024, None, 90.0),
        (2025, None, 92.0),
        (2025, 1, 88.0),
    }
    listed = client.get(url).text
    assert "Targets by year" in listed
    assert "2025/26" in listed


def test_a_red_figure_without_a_route_to_green_is_refused_beside_the_field(
    client, scrutiny_officer, red_indicator
):
    client.force_login(scrutiny_officer)
    url = reverse("performance:record_figure", args=[red_indicator.pk])
    response = client.post(url, {"year": 2024, "quarter": 3, "value": "70"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "red for 2024/25 Q3: enter the route to green" in errors["route_to_green"][0]
    assert 'href="#id_route_to_green"' in response.text
    assert not red_indicator.measurements.filter(quarter=3).exists()
    data = {"year": 2024, "quarter": 3, "value": "70", "route_to_green": "Two more staff."}
    assert client.post(url, data).status_code == 302
    assert red_indicator.measurements.get(quarter=3).route_to_green == "Two more staff."


def test_correcting_an_approved_figure_warns_and_withdraws_the_approval(
    client, scrutiny_officer, red_indicator
):
    client.force_login(scrutiny_officer)
    url = reverse("performance:record_figure", args=[red_indicator.pk])
    page = client.get(url, {"year": 2024, "quarter": 1})
    assert "Correct the 2024/25 Q1 figure" in page.text
    assert "withdraws the approval" in page.text
    assert page.context["form"].initial["value"] == 80.0
    data = {"year": 2024, "quarter": 1, "value": "81", "route_to_green": "Recovery plan."}
    client.post(url + "?year=2024&quarter=1", data)
    measurement = red_indicator.measurements.get(quarter=1)
    assert (measurement.value, measurement.approved) == (81.0, False)
    assert measurement.history.first().history_user == scrutiny_officer


def test_record_a_figure_starts_at_the_period_after_the_latest(
    client, scrutiny_officer, red_indicator
):
    client.force_login(scrutiny_officer)
    page = client.get(reverse("performance:record_figure", args=[red_indicator.pk]))
    assert "Record a figure" in page.text
    assert (page.context["form"].initial["year"], page.context["form"].initial["quarter"]) == (
        2024,
        3,
    )


def test_a_monthly_indicator_records_and_shows_its_months(client, scrutiny_officer, db):
    indicator = MonthlyIndicatorFactory()
    TargetFactory(indicator=indicator, value=90.0)
    client.force_login(scrutiny_officer)
    url = reverse("performance:record_figure", args=[indicator.pk])
    form = client.get(url).context["form"]
    assert "month" in form.fields
    assert "quarter" not in form.fields
    for month, value in ((1, "91"), (2, "92")):
        assert client.post(url, {"year": 2024, "month": month, "value": value}).status_code == 302
    assert list(indicator.measurements.values_list("quarter", "month")) == [(1, 1), (1, 2)]
    page = client.get(indicator.get_absolute_url())
    assert "Figures by month" in page.text
    assert "May 2024" in page.text
    assert "Same month last year" in page.text
    next_form = client.get(url).context["form"]
    assert next_form.initial["month"] == 3


def test_a_month_that_does_not_exist_opens_the_next_month_not_an_error(
    client, scrutiny_officer, db
):
    indicator = MonthlyIndicatorFactory()
    client.force_login(scrutiny_officer)
    url = reverse("performance:record_figure", args=[indicator.pk])
    response = client.get(url, {"year": 2024, "month": 13})
    assert response.status_code == 200
    assert response.context["form"].initial["month"] in range(1, 13)


def test_milestones_are_added_and_edited(client, scrutiny_officer, milestone):
    client.force_login(scrutiny_officer)
    framework = milestone.framework
    created = client.post(
        reverse("performance:milestone_create"), {**MILESTONE_POST, "framework": framework.pk}
    )
    assert created["Location"].endswith(f"?framework={framework.pk}")
    url = reverse("performance:milestone_edit", args=[milestone.pk])
    data = {**MILESTONE_POST, "framework": framework.pk, "name": milestone.name}
    refused = client.post(url, {**data, "status": "complete"})
    assert "enter the actual date" in refused.context["form"].errors["actual_date"][0]
    client.post(url, {**data, "status": "complete", "actual_date": "2025-07-01"})
    milestone.refresh_from_db()
    assert (milestone.status, str(milestone.actual_date)) == ("complete", "2025-07-01")


@pytest.mark.parametrize("role", ROLES)
def test_the_editing_links_show_only_for_those_allowed(
    client, user_with_role, red_indicator, milestone, role
):
    client = client_for(client, user_with_role, role)
    allowed = role in (Role.SCRUTINY_OFFICER, Role.ADMINISTRATOR)
    indicator_page = client.get(red_indicator.get_absolute_url()).text
    for link in ("Record a figure", "Set targets", "Edit indicator"):
        assert (link in indicator_page) is allowed, link
    milestones = client.get(reverse("performance:milestones")).text
    assert ("Add a milestone" in milestones) is allowed
    assert (reverse("performance:milestone_edit", args=[milestone.pk]) in milestones) is allowed
    assert ("Add an indicator" in client.get(reverse("performance:dashboard")).text) is allowed
