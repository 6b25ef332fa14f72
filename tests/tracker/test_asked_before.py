"""Has scrutiny asked this before? The items most like one, by the database's own text
ranking, only those the user may see."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from scrutineer.tracker.models import Item
from scrutineer.tracker.selectors.similar import items_asked_before
from scrutineer.tracker.services.search import item_reindex
from tests.committees.factories import CommitteeFactory, MeetingFactory
from tests.tracker.factories import ExemptItemFactory, ItemFactory, RecommendationFactory

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "corporate_os_tracker.txt"
PUBLIC = AnonymousUser()


def test_the_seeds_two_communication_strategy_items_are_each_others_nearest(db):
    CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee", short_name="CO&S", slug="corporate-os"
    )
    call_command("import_tracker", str(SEED), "--committee", "CO&S", verbosity=0, stdout=StringIO())
    first, second = Item.objects.filter(
        report_title__icontains="Communication and Engagement Strategy"
    ).order_by("pk")
    assert items_asked_before(first, user=PUBLIC)[0].item == second
    assert items_asked_before(second, user=PUBLIC)[0].item == first


def _item(title: str, text: str, *, factory=ItemFactory, committee=None):
    meeting = MeetingFactory(committee=committee) if committee else MeetingFactory()
    item = factory(meeting=meeting, report_title=title)
    RecommendationFactory(item=item, text=text)
    item_reindex(item)
    return item


@pytest.fixture
def libraries(db):
    committee = CommitteeFactory()
    asked = _item(
        "Library opening hours", "Extend library opening hours on Saturdays", committee=committee
    )
    earlier = _item(
        "Libraries review",
        "Consult residents on library opening hours",
        committee=CommitteeFactory(),
    )
    secret = _item(
        "Library building disposal",
        "Sell the library building opening offers",
        factory=ExemptItemFactory,
    )
    unrelated = _item("Potholes", "Repair potholes on rural roads")
    return asked, earlier, secret, unrelated


def test_the_public_is_never_offered_an_exempt_item(libraries):
    asked, earlier, secret, unrelated = libraries
    found = [s.item for s in items_asked_before(asked, user=PUBLIC)]
    assert found[0] == earlier  # across committees
    assert secret not in found
    assert unrelated not in found
    assert asked not in found


def test_the_scrutiny_team_sees_the_exempt_one_too(libraries, user_with_role):
    from scrutineer.core.roles import Role

    asked, earlier, secret, _ = libraries
    found = [s.item for s in items_asked_before(asked, user=user_with_role(Role.SCRUTINY_OFFICER))]
    assert {earlier, secret} <= set(found)


def test_a_withdrawn_item_is_not_offered(libraries, user_with_role):
    import datetime

    from scrutineer.core.roles import Role

    asked, earlier, _, _ = libraries
    Item.objects.filter(pk=earlier.pk).update(
        withdrawn_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC), withdrawal_reason="x"
    )
    found = [s.item for s in items_asked_before(asked, user=user_with_role(Role.SCRUTINY_OFFICER))]
    assert earlier not in found


def test_the_recommendation_page_shows_them(client, libraries):
    asked = libraries[0]
    page = client.get(asked.recommendations.first().get_absolute_url()).content.decode()
    assert "Has scrutiny asked this before?" in page
    assert "Libraries review" in page
    assert "Library building disposal" not in page


def test_a_large_postgresql_table_estimates_each_words_items_from_its_statistics(
    libraries, monkeypatch
):
    """On PostgreSQL, counting the items of a word most items hold reads most of the table;
    from ESTIMATE_FROM items the planner's statistics (ANALYZE) say it instead, and the same
    items are found."""
    from django.db import connection

    from scrutineer.tracker.selectors import similar

    if connection.vendor != "postgresql":
        pytest.skip("pg_stats is PostgreSQL's; SQLite counts through FTS5, which is cheap")
    asked, earlier, _, unrelated = libraries
    words = ["library", "opening", "potholes", "saturdays"]
    counted = similar._in_how_many(words)
    assert counted == [3, 3, 1, 1]
    found = [s.item for s in items_asked_before(asked, user=PUBLIC)]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE tracker_item")
    monkeypatch.setattr(similar, "ESTIMATE_FROM", 0)
    estimated = similar._estimated_on_postgresql(words)
    assert estimated is not None  # read from the statistics, not counted
    assert estimated[:2] == [3, 3]  # their share of the 4 items
    assert all(count >= 1 for count in estimated[2:])  # rarer than the list: "a few"
    assert similar._in_how_many(words) == estimated
    assert [s.item for s in items_asked_before(asked, user=PUBLIC)] == found
    assert found[0] == earlier
    assert unrelated not in found
