"""Has scrutiny asked this before, while the scrutiny officer writes: the earlier items most
like the words typed so far, as a fragment the forms fetch and as a page without script."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from scrutineer.tracker.selectors.similar import items_like_text
from tests.tracker.test_asked_before import libraries  # noqa: F401 - a fixture

URL = reverse("tracker:asked_before")


def test_the_words_typed_find_the_earlier_items_the_user_may_see(libraries):  # noqa: F811
    asked, earlier, secret, unrelated = libraries
    found = [s.item for s in items_like_text("Saturday library opening", user=AnonymousUser())]
    assert earlier in found
    assert asked in found  # nothing to leave out: a new item is not saved yet
    assert secret not in found  # exempt: never for the public
    assert unrelated not in found
    found = [
        s.item for s in items_like_text("library opening", user=AnonymousUser(), exclude=asked.pk)
    ]
    assert asked not in found  # the item being edited is not its own precedent
    assert items_like_text("the and of", user=AnonymousUser()) == []


def test_the_form_fetches_a_fragment_with_what_came_of_them(
    client,
    libraries,  # noqa: F811
    scrutiny_officer,
):
    asked, earlier, secret, _ = libraries
    client.force_login(scrutiny_officer)
    response = client.get(
        URL, {"text": "library opening hours", "fragment": "1", "exclude": asked.pk}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in text
    assert earlier.report_title in text
    assert earlier.recommendations.get().reference in text
    assert secret.report_title in text  # the scrutiny team may see exempt business
    assert asked.report_title not in text
    assert response["Cache-Control"] == "private, no-store"
    nothing = client.get(URL, {"text": "zebra crossings", "fragment": "1"}).content.decode()
    assert "No earlier item like this was found." in nothing


def test_without_script_the_same_search_is_a_page(client, libraries, scrutiny_officer):  # noqa: F811
    client.force_login(scrutiny_officer)
    page = client.get(URL, {"text": "library opening hours"}).content.decode()
    assert '<h1 class="govuk-heading-l">Has scrutiny asked this before?</h1>' in page
    assert libraries[1].report_title in page
    assert client.get(URL).status_code == 200  # nothing typed yet: the empty form


def test_the_item_and_recommendation_forms_offer_it(client, libraries, scrutiny_officer):  # noqa: F811
    asked = libraries[0]
    client.force_login(scrutiny_officer)
    for url, fields in (
        (reverse("tracker:item_create", args=[asked.meeting.pk]), "id_report_title id_summary"),
        (reverse("tracker:item_edit", args=[asked.pk]), "id_report_title id_summary"),
        (reverse("tracker:recommendation_create", args=[asked.pk]), "id_text"),
        (
            reverse("tracker:recommendation_edit", args=[asked.recommendations.get().pk]),
            "id_text",
        ),
    ):
        page = client.get(url).content.decode()
        assert 'data-module="app-asked-before"' in page, url
        assert f'data-fields="{fields}"' in page
        assert 'aria-live="polite"' in page
        assert "Look for earlier items like this (opens in new tab)" in page


def test_only_the_scrutiny_team_asks(client, libraries, member):  # noqa: F811
    assert client.get(URL, {"text": "library"}).status_code == 302
    client.force_login(member)
    assert client.get(URL, {"text": "library"}).status_code == 403
