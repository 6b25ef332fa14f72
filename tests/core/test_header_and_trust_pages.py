"""The header's navigation, the phase banner's feedback link, and the privacy and cookies
pages (issue 21)."""

import pytest
from django.urls import reverse

from scrutineer.core.navigation import navigation_for
from scrutineer.core.roles import Role


def test_tools_are_marked_and_home_is_not_a_section(user_with_role):
    admin = user_with_role(Role.ADMINISTRATOR)
    items = navigation_for(admin, reverse("core:person_list") + "1/", reverse)
    texts = [item.text for item in items]
    assert "Home" not in texts
    assert {item.text for item in items if item.tool} == {"Import", "People", "Users"}
    assert [item.text for item in items if item.active] == ["People"]


def test_the_current_section_is_marked_with_aria_current(client, scrutiny_officer):
    client.force_login(scrutiny_officer)
    html = client.get(reverse("committees:list")).content.decode()
    assert f'href="{reverse("committees:list")}" aria-current="page"' in html
    assert html.count('aria-current="page"') == 1


@pytest.mark.parametrize("url_name", ["core:privacy", "core:cookies"])
def test_privacy_and_cookies_pages_are_public_and_in_the_footer(client, db, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert f'href="{reverse(url_name)}"' in client.get(reverse("core:accessibility")).text


def test_cookies_page_names_only_the_strictly_necessary_cookies(client, db, settings):
    text = client.get(reverse("core:cookies")).text
    assert settings.SESSION_COOKIE_NAME in text
    assert settings.CSRF_COOKIE_NAME in text
    assert "strictly necessary" in text
    assert "analytics" in text  # "We do not use analytics"


def test_phase_banner_links_to_the_feedback_address_when_set(client, db, settings):
    settings.SCRUTINEER_FEEDBACK_EMAIL = "scrutiny@thurrock.gov.uk"
    html = client.get(reverse("core:accessibility")).text
    assert 'href="mailto:scrutiny@thurrock.gov.uk?subject=Scrutineer%20feedback"' in html
    assert "give your feedback by email" in html
    settings.SCRUTINEER_FEEDBACK_EMAIL = ""
    assert "give your feedback" not in client.get(reverse("core:accessibility")).text
