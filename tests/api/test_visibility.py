"""The public never sees an exempt item, its recommendations or progress, or a draft briefing
note, through any endpoint; those entitled do."""

import pytest

ENTITLED = ["scrutiny_officer", "administrator", "committee_member", "assigned_officer"]
NOT_ENTITLED = ["public", "officer", "other_member"]


def _ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


LISTS = [
    pytest.param("/api/v1/items", lambda p: p.world.exempt_item.pk, id="items"),
    pytest.param(
        "/api/v1/recommendations", lambda p: p.world.exempt_recommendation.pk, id="recommendations"
    ),
    pytest.param("/api/v1/progress-updates", lambda p: p.exempt_progress.pk, id="progress"),
    pytest.param("/api/v1/work-programme", lambda p: p.exempt_work_item.pk, id="work-programme"),
    pytest.param("/api/v1/briefing-notes", lambda p: p.exempt_note.pk, id="briefing-exempt-item"),
]


@pytest.mark.parametrize(("url", "hidden"), LISTS)
@pytest.mark.parametrize("who", NOT_ENTITLED)
def test_lists_never_show_exempt_content_to_those_not_entitled(
    client, published, caller, url, hidden, who
):
    _, auth = caller(who)
    assert hidden(published) not in _ids(client.get(url, **auth))


@pytest.mark.parametrize(("url", "hidden"), LISTS)
@pytest.mark.parametrize("who", ["scrutiny_officer", "committee_member"])
def test_lists_show_exempt_content_to_those_entitled(client, published, caller, url, hidden, who):
    _, auth = caller(who)
    assert hidden(published) in _ids(client.get(url, **auth))


@pytest.mark.parametrize("who", ENTITLED)
def test_exempt_recommendation_is_listed_for_each_entitled_role(client, published, caller, who):
    _, auth = caller(who)
    ids = _ids(client.get("/api/v1/recommendations", **auth))
    assert published.world.exempt_recommendation.pk in ids


@pytest.mark.parametrize("who", ["public", "officer", "other_member", "committee_member"])
def test_draft_briefing_notes_are_for_the_council_side_only(client, published, caller, who):
    _, auth = caller(who)
    ids = _ids(client.get("/api/v1/briefing-notes", **auth))
    assert published.issued_note.pk in ids
    assert (published.draft_note.pk in ids) is (who != "public")


DETAILS = [
    pytest.param(lambda p: f"/api/v1/items/{p.world.exempt_item.pk}", id="item"),
    pytest.param(
        lambda p: f"/api/v1/recommendations/{p.world.exempt_recommendation.pk}",
        id="recommendation",
    ),
    pytest.param(lambda p: f"/api/v1/briefing-notes/{p.exempt_note.pk}", id="briefing-exempt"),
]


@pytest.mark.parametrize("url", DETAILS)
def test_exempt_details_are_not_found_for_the_public(client, published, url):
    response = client.get(url(published))
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


@pytest.mark.parametrize("url", DETAILS)
def test_exempt_details_are_found_for_a_committee_member(client, published, caller, url):
    _, auth = caller("committee_member")
    assert client.get(url(published), **auth).status_code == 200


def test_draft_briefing_note_is_not_found_for_the_public(client, published):
    assert client.get(f"/api/v1/briefing-notes/{published.draft_note.pk}").status_code == 404
    assert client.get(f"/api/v1/briefing-notes/{published.issued_note.pk}").status_code == 200


def test_exempt_titles_appear_nowhere_in_any_public_response(client, published):
    secrets = [
        published.world.exempt_item.report_title,
        published.world.exempt_recommendation.text,
        "confidential bidder",
        "confidential disposal",
        "Unpublished draft comment",
    ]
    for url in [
        "/api/v1/items",
        "/api/v1/recommendations",
        "/api/v1/progress-updates",
        "/api/v1/work-programme",
        "/api/v1/briefing-notes",
        "/api/v1/forward-plan",
        "/api/v1/meetings",
        "/api/v1/committees",
    ]:
        body = client.get(url).content.decode()
        for secret in secrets:
            assert secret not in body, (url, secret)


def test_a_signed_in_session_reads_as_its_user(client, published, caller):
    user, _ = caller("scrutiny_officer")
    client.force_login(user)
    assert published.world.exempt_item.pk in _ids(client.get("/api/v1/items"))
