"""Performance pages per role: who may see what, and the public never sees unapproved figures."""

import html
import re

import pytest
from django.urls import reverse

from scrutineer.core import permissions
from scrutineer.core.roles import Role
from scrutineer.performance.models import (
    IndicatorReference,
)
from scrutineer.performance.views import dashboard, figures, indicators, raising
from tests.committees.factories import CommitteeFactory, MeetingFactory

ROLES = [None, Role.MEMBER, Role.OFFICER, Role.SCRUTINY_OFFICER, Role.ADMINISTRATOR]


def client_for(client, user_with_role, role):
    if role is not None:
        client.force_login(user_with_role(role))
    return client


def test_every_view_states_its_permission():
    assert dashboard.dashboard.permission is permissions.can_view_performance
    assert indicators.indicator_detail.permission is permissions.can_view_performance
    assert raising.raise_recommendation.permission is permissions.can_raise_from_indicator
    assert figures.measurement_approve.permission is permissions.can_manage_performance


@pytest.mark.parametrize("role", ROLES)
def test_unapproved_figures_are_for_the_council_side_only(
    client, user_with_role, red_indicator, role
):
    client = client_for(client, user_with_role, role)
    for url in (reverse("performance:dashboard"), red_indicator.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert ("61.7" in response.text) is (role is not None), url
    assert client.get(reverse("performance:milestones")).status_code == 200
    assert client.get(reverse("performance:ambition")).status_code == 200


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        pytest.param(None, False, id="public"),
        pytest.param(Role.MEMBER, False, id="member"),
        pytest.param(Role.OFFICER, False, id="officer"),
        pytest.param(Role.SCRUTINY_OFFICER, True, id="scrutiny-officer"),
        pytest.param(Role.ADMINISTRATOR, True, id="administrator"),
    ],
)
def test_only_scrutiny_officers_raise_recommendations(
    client, user_with_role, red_indicator, role, allowed
):
    client = client_for(client, user_with_role, role)
    meeting = MeetingFactory(committee=CommitteeFactory(short_name="CO&S"))
    url = reverse("performance:raise_recommendation", args=[red_indicator.pk])
    response = client.post(
        url, {"year": 2024, "quarter": 1, "meeting": meeting.pk, "text": "Report back."}
    )
    if allowed:
        assert response.status_code == 302
        assert IndicatorReference.objects.get().recommendation.text == "Report back."
    else:
        assert response.status_code in (302, 403)
        assert not IndicatorReference.objects.exists()


def test_the_raise_form_shows_errors(client, scrutiny_officer, red_indicator):
    client.force_login(scrutiny_officer)
    url = reverse("performance:raise_recommendation", args=[red_indicator.pk])
    response = client.post(url, {"year": 2024, "quarter": 1})
    assert response.status_code == 200
    assert "Enter the recommendation" in response.text
    assert "Choose the meeting" in response.text


def test_a_scrutiny_officer_approves_a_figure(client, scrutiny_officer, red_indicator):
    client.force_login(scrutiny_officer)
    measurement = red_indicator.measurements.get(quarter=2)
    response = client.post(reverse("performance:approve", args=[measurement.pk]))
    assert response.status_code == 302
    measurement.refresh_from_db()
    assert measurement.approved


def test_whoever_entered_a_figure_is_told_someone_else_must_approve_it(
    client, scrutiny_officer, red_indicator
):
    from scrutineer.performance import services

    measurement = services.measurement_record(
        indicator=red_indicator,
        year=2024,
        quarter=3,
        value=95.0,
        by=scrutiny_officer,
    )
    client.force_login(scrutiny_officer)
    response = client.post(reverse("performance:approve", args=[measurement.pk]), follow=True)
    assert "someone else must approve it" in html.unescape(response.content.decode())
    measurement.refresh_from_db()
    assert not measurement.approved


def test_a_member_cannot_approve_a_figure(client, member, red_indicator):
    client.force_login(member)
    measurement = red_indicator.measurements.get(quarter=2)
    assert client.post(reverse("performance:approve", args=[measurement.pk])).status_code == 403


def test_the_indicator_page_has_a_chart_with_a_text_alternative_and_a_table(client, red_indicator):
    response = client.get(red_indicator.get_absolute_url())
    assert 'role="img"' in response.text
    assert "<title id=" in response.text
    assert "Figures by quarter" in response.text
    assert client.get(reverse("performance:indicator", args=[999999])).status_code == 404


def test_the_public_dashboard_opens_on_the_latest_quarter_whose_figures_are_all_approved(
    client, user_with_role
):
    from tests.performance.factories import (
        IndicatorFactory,
        MeasurementFactory,
        UnapprovedMeasurementFactory,
    )

    first = IndicatorFactory(code="PI01")
    second = IndicatorFactory(code="PI02", framework=first.framework)
    for indicator in (first, second):
        MeasurementFactory(indicator=indicator, year=2024, quarter=1, value=41.5)
    # Quarter 2: one figure approved, the other still waiting.
    MeasurementFactory(indicator=first, year=2024, quarter=2, value=57.5)
    UnapprovedMeasurementFactory(indicator=second, year=2024, quarter=2, value=63.5)

    def selected(response) -> str:
        return re.findall(r'<option value="(2024-\d)" selected>', response.text)[0]

    public = client.get(reverse("performance:dashboard"))
    assert selected(public) == "2024-1"
    assert "57.5" not in public.text
    assert "41.5" in public.text
    # Quarter 2 can still be chosen; the public sees its one approved figure only.
    chosen = client.get(reverse("performance:dashboard"), {"period": "2024-2"})
    assert selected(chosen) == "2024-2"
    assert "57.5" in chosen.text
    assert "63.5" not in chosen.text
    # The council opens on the latest quarter, its unapproved figure marked.
    client.force_login(user_with_role(Role.SCRUTINY_OFFICER))
    council = client.get(reverse("performance:dashboard"))
    assert selected(council) == "2024-2"
