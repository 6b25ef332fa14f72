"""The matrix covers every URL of the project, and would see a leak: its markers reach those
entitled to them, and neither alert e-mails nor the admin's deletions carry them further."""

from __future__ import annotations

import datetime
import importlib
import pkgutil
from html import unescape

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.visibility
from scrutineer.alerts import services as alert_services
from scrutineer.alerts.models import Subscription
from scrutineer.core import permissions
from tests.visibility.matrix import Page, headers_for, leaked, sign_in, text_of
from tests.visibility.world import AUDIENCES, MARKERS, WHEN_PUBLIC, M


def every_app_pages() -> list[Page]:
    """The pages of every app: the ``PAGES`` of each test module of this package."""
    pages: list[Page] = []
    for module in pkgutil.iter_modules(tests.visibility.__path__):
        if module.name.startswith("test_"):
            found = importlib.import_module(f"tests.visibility.{module.name}")
            pages += getattr(found, "PAGES", [])
    return pages


PAGES = every_app_pages()


def url_patterns(resolver: URLResolver | None = None, namespace: str = "") -> list[str]:
    """Every URL pattern's name, with its namespaces ("tracker:item_detail"), or its route."""
    resolver = resolver or get_resolver()
    names = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            names += url_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern):
            names.append(f"{namespace}{pattern.name or pattern.pattern}")
    return names


def test_every_url_pattern_is_in_the_matrix():
    names = set(url_patterns())
    covered = {page.name for page in PAGES}
    assert sorted(names - covered) == [], "pages no role opens in the matrix"
    assert sorted(covered - names) == [], "pages in the matrix that no URL pattern names"


def test_every_label_is_one_page():
    labels = [page.label for page in PAGES]
    assert sorted({label for label in labels if labels.count(label) > 1}) == []


# Where each marker shows to someone entitled: proof that the matrix would see a leak.
PROOFS = {
    "tracker:item_detail@exempt-a": [M.a_title, M.a_rec, M.a_progress, M.a_closure, M.a_assignee],
    "tracker:item_detail@exempt-b": [M.b_title, M.b_rec, M.b_progress, M.b_closure, M.b_assignee],
    "tracker:recommendation_detail@exempt-a": [M.a_rec],
    "api:api-v1:recommendation_list": [M.a_response, M.b_response],
    "briefings:detail@exempt-a": [M.a_note],
    "briefings:detail@exempt-b": [M.b_note],
    "programme:work_programme@a": [M.a_programme],
    "programme:work_programme@b": [M.b_programme],
    "tracker:as_at@a-past": [M.later_title, M.later_rec, M.later_progress],
    "tracker:item_detail@later-a": [M.later_title, M.later_rec, M.later_progress],
    # Brought in by the Modern.gov sync from a restricted agenda item: exempt like the others.
    "tracker:item_detail@synced-exempt": [M.a_title],
    "briefings:detail@draft-a": [M.draft_purpose, M.draft_comment],
    "performance:indicator": [M.unapproved_commentary, M.unapproved_route],
    # Members' comments on proposed closures, on the list for the committee's meeting.
    "tracker:meeting_closures@a": [M.council_a_comment, M.a_comment, M.a_rec],
    "tracker:meeting_closures@b": [M.council_b_comment, M.b_comment, M.b_rec],
    # Drafts and withdrawn records, shown to the council marked as such.
    "tracker:item_detail@draft-a": [M.draft_item],
    "tracker:item_detail@withdrawn-a": [M.withdrawn_item, M.withdrawn_reason],
    "tracker:item_detail@public-a": [M.withdrawn_rec, M.withdrawn_progress],
    "tracker:recommendation_detail@public-a": [M.withdrawn_progress, M.withdrawn_evidence],
    # Executive decisions on exempt reports, and those not yet published, with their call-ins.
    "programme:decision_detail@exempt": [M.exempt_decision, M.call_in_reasons],
    "programme:decision_list": [M.exempt_decision, M.draft_decision],
    "programme:forward_plan_index": [M.exempt_decision],
    "programme:decision_detail@draft": [M.draft_decision],
    "api:api-v1:decision_list": [M.exempt_decision, M.draft_decision, M.call_in_reasons],
    # The annual report's impact stories, on its page and in every download of it.
    "tracker:asked_before@fragment": [M.a_title, M.b_title],
    "tracker:annual_report@2024": [M.a_story, M.b_story, M.a_rec, M.b_rec],
    "tracker:annual_report@2024-a": [M.a_story, M.a_rec],
    "tracker:impact_stories@2024": [M.a_story, M.b_story],
    "exports:annual_report@2024-json": [M.a_story, M.b_story, M.a_rec, M.b_rec],
    "exports:annual_report@2024-csv": [M.a_story, M.b_story],
    "exports:annual_report@2024-docx": [M.a_story, M.b_story, M.a_rec],
}


@pytest.mark.parametrize("label", list(PROOFS))
def test_markers_reach_those_entitled(client, db, world, label):
    page = next(p for p in PAGES if p.label == label)
    sign_in(client, page, "scrutiny_officer", world)
    response = client.get(page.url(world), **headers_for(page, "scrutiny_officer", world))
    assert response.status_code == 200
    text = text_of(response)
    assert text is not None
    assert [m for m in PROOFS[label] if m not in text] == []


def test_every_marker_has_a_proof_and_an_audience():
    proven = {m for markers in PROOFS.values() for m in markers}
    assert sorted(set(MARKERS) - proven) == []
    assert {audience for audience, _ in MARKERS.values()} <= set(AUDIENCES)


def test_the_matrix_uses_the_permission_predicates():
    for name in [
        "can_view_item",
        "can_manage_tracker",
        "can_update_progress",
        "can_write_briefing",
        "can_manage_programme",
        "can_manage_performance",
        "can_view_unapproved_figures",
        "is_staff_user",
        "can_view_closure_list",
        "can_comment_on_closure",
        "can_record_closure_decisions",
        "can_send_meeting_to_executive",
        "can_manage_impact_stories",
    ]:
        assert callable(getattr(permissions, name))


def test_alert_emails_carry_nothing_the_public_may_not_see(db, world, mailoutbox):
    since = WHEN_PUBLIC - datetime.timedelta(days=1)
    for committee in (world.a, world.b):
        Subscription.objects.create(
            email=f"follower-{committee.slug}@example.org",
            committee=committee,
            confirmed_at=since,
            last_sent_at=since,
        )
    world.subscription.confirmed_at = world.subscription.last_sent_at = since
    world.subscription.save()
    Subscription.objects.create(
        email="follower-later@example.org",
        recommendation=world.later_rec,
        confirmed_at=since,
        last_sent_at=since,
    )
    alert_services.alerts_send()
    assert mailoutbox, "the committees' changes should be sent to their followers"
    # Both parts of each message: the text body and its HTML alternative, entities decoded.
    text = "\n".join(
        "\n".join([m.subject, m.body, *(unescape(part) for part, _ in m.alternatives)])
        for m in mailoutbox
    )
    assert not leaked(text, "public", Page("alerts-email")), leaked(text, "public", Page("x"))


def test_deleting_an_exempt_item_in_the_admin_publishes_nothing_of_it(
    client, db, world, admin_client
):
    """Finding 3: whether the admin refuses, archives or deletes, nothing of the exempt item
    (its issued briefing note, the work-programme item from its recommendation) becomes
    public by losing its link."""
    admin_client.post(
        reverse("admin:tracker_item_delete", args=[world.exempt_a.pk]), {"post": "yes"}
    )
    found: dict[str, list[str]] = {}
    for name, kwargs in [
        ("briefings:list", {}),
        ("briefings:detail", {"pk": world.exempt_note_a.pk}),
        ("programme:work_programme", {"slug": world.a.slug}),
        ("programme:calendar", {"slug": world.a.slug}),
        ("api:api-v1:briefing_note_list", {}),
        ("api:api-v1:work_programme_list", {}),
        ("api:committee_feed", {"slug": world.a.slug}),
    ]:
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code in {200, 404}, name
        found[name] = leaked(text_of(response) or "", "public", Page(name))
    leaks = {name: markers for name, markers in found.items() if markers}
    assert not leaks, "\n".join(f"{name}: {', '.join(markers)}" for name, markers in leaks.items())
