"""The one page cache: public pages, and the fragments and values signed-in pages share,
kept until the records change; a whole page is never served to a signed-in user."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scrutineer.core import clock, page_cache
from scrutineer.core.page_cache import generation
from scrutineer.tracker import services
from tests.committees.factories import CommitteeFactory, MeetingFactory
from tests.tracker.factories import ExemptItemFactory, ItemFactory

# Real commits: the counter moves only when a change is committed, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cached(settings):
    """The cache on and empty."""
    settings.SCRUTINEER_PUBLIC_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tracker_url(db):
    committee = CommitteeFactory()
    ItemFactory(meeting=MeetingFactory(committee=committee), report_title="Libraries review")
    return reverse("tracker:committee_tracker", args=[committee.slug]), committee


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(captured)


def test_a_public_page_is_served_from_the_cache_the_second_time(client, cached, tracker_url):
    url, _ = tracker_url
    first, first_queries = _queries(client, url)
    second, second_queries = _queries(client, url)
    assert second.content == first.content
    assert second_queries == 1  # the change counter, nothing else
    assert first_queries > second_queries


def test_any_change_to_the_records_shows_at_once(client, cached, tracker_url):
    url, committee = tracker_url
    client.get(url)
    before = generation()
    item = ItemFactory(meeting=MeetingFactory(committee=committee), report_title="Parks plan")
    assert generation() > before
    assert "Parks plan" in client.get(url).content.decode()
    services.item_update(item=item, expected_version=None, report_title="Parks strategy")
    page = client.get(url).content.decode()
    assert "Parks strategy" in page
    assert "Parks plan" not in page


def test_one_transaction_bumps_the_counter_once_however_many_records_it_writes(cached, db):
    meeting = MeetingFactory()
    before = generation()
    with transaction.atomic():
        for number in range(3):
            ItemFactory(meeting=meeting, report_title=f"Item {number}")
        assert generation() == before  # not until the transaction commits
    assert generation() == before + 1


def test_a_change_that_is_rolled_back_leaves_the_cache_alone(cached, db):
    meeting = MeetingFactory()
    before = generation()

    def import_that_fails():
        with transaction.atomic():
            ItemFactory(meeting=meeting)
            raise RuntimeError("the import failed half-way")

    with pytest.raises(RuntimeError):
        import_that_fails()
    assert generation() == before


def test_signed_in_users_are_never_served_the_public_copy(
    client, cached, tracker_url, scrutiny_officer
):
    url, committee = tracker_url
    exempt = ExemptItemFactory(meeting=MeetingFactory(committee=committee))
    assert exempt.report_title not in client.get(url).content.decode()
    client.force_login(scrutiny_officer)
    assert exempt.report_title in client.get(url).content.decode()
    client.logout()
    assert exempt.report_title not in client.get(url).content.decode()


def test_each_filter_is_its_own_page(client, cached, tracker_url):
    url, _ = tracker_url
    assert "Libraries review" in client.get(url).content.decode()
    assert "Libraries review" not in client.get(url, {"q": "penguins"}).content.decode()


def test_visitors_with_a_session_or_messages_get_a_fresh_page(client, cached, tracker_url):
    url, _ = tracker_url
    client.get(url)
    client.cookies["messages"] = "something for this visitor only"
    _, with_messages = _queries(client, url)
    assert with_messages > 1


def test_the_cache_can_be_turned_off(client, cached, tracker_url, settings):
    settings.SCRUTINEER_PUBLIC_CACHE_SECONDS = 0
    url, _ = tracker_url
    client.get(url)
    _, queries = _queries(client, url)
    assert queries > 1


def test_the_public_api_is_cached_but_a_token_caller_gets_what_their_token_allows(
    client, cached, tracker_url, scrutiny_officer
):
    from scrutineer.api import services as api_services

    _, committee = tracker_url
    exempt = ExemptItemFactory(meeting=MeetingFactory(committee=committee))
    url = "/api/v1/items?limit=50"
    public, _ = _queries(client, url)
    again, queries = _queries(client, url)
    assert again.content == public.content
    assert queries == 1
    assert exempt.report_title not in public.content.decode()
    _, secret = api_services.api_token_create(user=scrutiny_officer, name="Finance system")
    with_token = client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert with_token.status_code == 200
    assert exempt.report_title in with_token.content.decode()
    assert exempt.report_title not in client.get(url).content.decode()


def test_a_cached_copy_still_answers_if_none_match_with_304(client, cached, tracker_url):
    url = "/api/v1/items?limit=50"
    etag = client.get(url)["ETag"]
    assert client.get(url).status_code == 200  # from the cache
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_filters_of_a_tracker_follow_a_newly_assigned_officer(client, cached, tracker_url):
    from tests.committees.factories import PersonFactory
    from tests.tracker.factories import RecommendationFactory

    url, committee = tracker_url
    client.get(url)
    newcomer = PersonFactory(name="Priya Newcomer")
    item = ItemFactory(meeting=MeetingFactory(committee=committee))
    RecommendationFactory(item=item, assignees=[newcomer])
    assert "Priya Newcomer" in client.get(url).content.decode()


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("tracker", id="tracker-page"),
        pytest.param("/exports/tracker/{slug}/print/", id="print-view"),
        pytest.param("/exports/tracker/{slug}/json/", id="download"),
        pytest.param("/api/v1/items", id="api"),
        pytest.param("/committees/", id="page-reading-no-parameters"),
    ],
)
def test_a_parameter_the_page_does_not_read_is_served_from_the_cache(
    client, cached, tracker_url, url
):
    """``?anything=N`` must not make the server lay the page (or the PDF) out again."""
    tracker, committee = tracker_url
    url = tracker if url == "tracker" else url.format(slug=committee.slug)
    first = client.get(url, {"anything": "1"})
    assert first.status_code == 200
    for n in range(2, 5):
        with CaptureQueriesContext(connection) as captured:
            again = client.get(url, {"anything": str(n), "utm_source": "x"})
        assert again.status_code == 200
        assert len(captured) == 1  # the change counter, nothing else
    assert client.get(url).status_code == 200


def test_a_parameter_the_page_reads_is_still_its_own_page(client, cached, tracker_url):
    tracker, committee = tracker_url
    url = f"/exports/tracker/{committee.slug}/json/"
    client.get(url)
    _, queries = _queries(client, url + "?status=closed")
    assert queries > 1
    # The order of the parameters does not make another copy either.
    client.get(tracker, {"q": "penguins", "status": "open"})
    _, reordered = _queries(client, tracker + "?status=open&q=penguins")
    assert reordered == 1


def test_a_parameter_the_page_does_not_read_does_not_reach_it(client, cached, tracker_url):
    tracker, _ = tracker_url
    page = client.get(tracker, {"q": "Libraries", "anything": "secret-marker"}).content.decode()
    assert "Libraries review" in page
    assert "secret-marker" not in page


@pytest.mark.parametrize(
    "junk",
    [
        pytest.param({"status": "nonsense"}, id="unknown-status"),
        pytest.param({"as_at": "not-a-date"}, id="bad-date"),
        pytest.param({"forward_plan": "yes-please"}, id="bad-flag"),
    ],
)
def test_a_value_the_download_does_not_understand_shares_the_plain_copy(
    client, cached, tracker_url, junk
):
    """Values the page treats as absent are absent from the key: no new PDF for each."""
    _, committee = tracker_url
    url = f"/exports/tracker/{committee.slug}/json/"
    plain = client.get(url)
    for n in range(3):
        name, value = next(iter(junk.items()))
        with CaptureQueriesContext(connection) as captured:
            again = client.get(url, {name: f"{value}{n}"})
        assert len(captured) == 1
        assert again.content == plain.content


def test_the_same_date_written_two_ways_shares_one_copy(client, cached, tracker_url):
    _, committee = tracker_url
    url = f"/exports/tracker/{committee.slug}/json/"
    client.get(url, {"as_at": "2024-12-01"})
    _, queries = _queries(client, url + "?as_at=20241201")
    assert queries == 1


# --- The same mechanism for fragments and values of signed-in pages ----------------------

FRAGMENT = Template(
    '{% load page_cache %}{% remembered "greeting" who %}{{ text }}{% endremembered %}'
)


def _render_fragment(rf, text, who="everyone"):
    """The fragment as one request renders it (each request reads the counter anew)."""
    return FRAGMENT.render(Context({"request": rf.get("/"), "text": text, "who": who}))


def test_a_fragment_is_kept_until_the_records_change(cached, rf, db):
    assert _render_fragment(rf, "first") == "first"
    assert _render_fragment(rf, "second") == "first"  # kept
    assert _render_fragment(rf, "second", who="someone else") == "second"  # its own copy
    ItemFactory(report_title="A change to the records")
    assert _render_fragment(rf, "third") == "third"


def test_a_fragment_is_kept_no_later_than_the_day(cached, rf, db, monkeypatch):
    assert _render_fragment(rf, "today") == "today"
    tomorrow = clock.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(clock, "today", lambda: tomorrow)
    assert _render_fragment(rf, "tomorrow") == "tomorrow"


def test_a_fragment_is_not_kept_when_the_cache_is_off(cached, rf, db, settings):
    settings.SCRUTINEER_PUBLIC_CACHE_SECONDS = 0
    assert _render_fragment(rf, "first") == "first"
    assert _render_fragment(rf, "second") == "second"


def test_a_value_is_kept_until_the_records_change(cached, rf, db):
    request = rf.get("/")
    assert page_cache.remembered(request, "answer", lambda: 1, "part") == 1
    assert page_cache.remembered(rf.get("/"), "answer", lambda: 2, "part") == 1
    assert page_cache.remembered(rf.get("/"), "answer", lambda: 3, "other part") == 3
    ItemFactory()
    assert page_cache.remembered(rf.get("/"), "answer", lambda: 4, "part") == 4


def test_a_signed_in_tracker_keeps_its_rows_until_the_records_change(
    client, cached, tracker_url, scrutiny_officer
):
    url, committee = tracker_url
    item = committee.meetings.get().items.get()
    client.force_login(scrutiny_officer)
    assert "Libraries review" in client.get(url).content.decode()
    # A write that bypasses the services (and so the history) is not a change the cache sees:
    # the row is the copy kept from the first page, which proves that it was kept.
    type(item).objects.filter(pk=item.pk).update(report_title="Unseen title")
    assert "Libraries review" in client.get(url).content.decode()
    services.item_update(item=item, expected_version=None, report_title="Libraries strategy")
    page = client.get(url).content.decode()
    assert "Libraries strategy" in page
    assert "Libraries review" not in page


def test_a_request_reads_the_change_counter_once(client, cached, tracker_url, scrutiny_officer):
    url, _ = tracker_url
    for _signed_in in (False, True):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counter = [q for q in captured.captured_queries if "core_changecounter" in q["sql"]]
        assert len(counter) == 1
        client.force_login(scrutiny_officer)


def test_rows_kept_for_an_officer_never_reach_the_public(
    client, cached, tracker_url, scrutiny_officer
):
    url, committee = tracker_url
    exempt = ExemptItemFactory(meeting=MeetingFactory(committee=committee))
    client.force_login(scrutiny_officer)
    assert exempt.report_title in client.get(url).content.decode()
    client.logout()
    page = client.get(url).content.decode()
    assert "Libraries review" in page
    assert exempt.report_title not in page


def test_filter_choices_kept_for_an_officer_never_reach_the_public(
    client, cached, tracker_url, scrutiny_officer
):
    from tests.committees.factories import PersonFactory
    from tests.tracker.factories import RecommendationFactory

    url, committee = tracker_url
    secret = PersonFactory(name="Only Assigned To Exempt Work")
    exempt = ExemptItemFactory(meeting=MeetingFactory(committee=committee))
    RecommendationFactory(item=exempt, assignees=[secret])
    client.force_login(scrutiny_officer)
    assert secret.name in client.get(url).content.decode()
    client.logout()
    assert secret.name not in client.get(url).content.decode()


def test_tracker_counts_kept_for_an_officer_never_reach_the_public(
    client, cached, tracker_url, scrutiny_officer
):
    from tests.tracker.factories import RecommendationFactory

    url, committee = tracker_url
    RecommendationFactory(item=ExemptItemFactory(meeting=MeetingFactory(committee=committee)))
    client.force_login(scrutiny_officer)
    assert client.get(url).context["counts"].open == 1
    client.logout()
    assert client.get(url).context["counts"].open == 0


def test_a_signed_in_tracker_counts_what_changed_at_once(
    client, cached, tracker_url, scrutiny_officer
):
    from tests.tracker.factories import RecommendationFactory

    url, committee = tracker_url
    item = committee.meetings.get().items.get()
    client.force_login(scrutiny_officer)
    assert client.get(url).context["counts"].open == 0
    RecommendationFactory(item=item)
    assert client.get(url).context["counts"].open == 1


def test_a_signed_in_tracker_works_out_no_row_it_has_kept(
    client, cached, tracker_url, scrutiny_officer
):
    from tests.tracker.factories import RecommendationFactory

    url, committee = tracker_url
    RecommendationFactory(item=committee.meetings.get().items.get())
    client.force_login(scrutiny_officer)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        again = client.get(url).content.decode()
    assert "Libraries review" in again
    row_tables = ("tracker_recommendation", "tracker_progressupdate")
    assert not [q for q in captured.captured_queries if any(t in q["sql"] for t in row_tables)]


def _dashboard(*, published_value, draft_value):
    """A framework with a published figure and, for another indicator, a draft one, in the
    same quarter: the public's dashboard shows the second indicator without a figure."""
    from tests.performance.factories import (
        FrameworkFactory,
        IndicatorFactory,
        MeasurementFactory,
        UnapprovedMeasurementFactory,
    )

    framework = FrameworkFactory()
    published = MeasurementFactory(
        indicator=IndicatorFactory(framework=framework), year=2024, quarter=1, value=published_value
    )
    draft = IndicatorFactory(framework=framework, name="Indicator with a draft figure")
    UnapprovedMeasurementFactory(indicator=draft, year=2024, quarter=1, value=draft_value)
    return f"/performance/?framework={framework.pk}&period=2024-1", published


def test_dashboard_rows_kept_for_the_council_side_never_reach_the_public(
    client, cached, db, scrutiny_officer
):
    url, _ = _dashboard(published_value=91.5, draft_value=61.7)
    client.force_login(scrutiny_officer)
    assert "61.7" in client.get(url).content.decode()
    client.logout()
    page = client.get(url).content.decode()
    assert "Indicator with a draft figure" in page
    assert "61.7" not in page
    assert "Unapproved" not in page


def test_a_kept_dashboard_is_not_worked_out_again(client, cached, db, scrutiny_officer):
    url, _ = _dashboard(published_value=91.5, draft_value=61.7)
    client.force_login(scrutiny_officer)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert "91.5%" in client.get(url).content.decode()
    assert not [q for q in captured.captured_queries if "performance_target" in q["sql"]]


def test_a_dashboard_shows_a_changed_figure_at_once(client, cached, db, scrutiny_officer):
    url, published = _dashboard(published_value=91.5, draft_value=61.7)
    client.force_login(scrutiny_officer)
    assert "91.5%" in client.get(url).content.decode()
    published.value = 42.5
    published.save()  # a change to a tracked record, in its history
    page = client.get(url).content.decode()
    assert "42.5%" in page
    assert "91.5%" not in page


def test_an_api_list_counts_what_each_caller_may_see(client, cached, tracker_url, scrutiny_officer):
    from tests.tracker.factories import RecommendationFactory

    _, committee = tracker_url
    RecommendationFactory(item=committee.meetings.get().items.get())
    exempt = ExemptItemFactory(meeting=MeetingFactory(committee=committee))
    RecommendationFactory(item=exempt)
    url = "/api/v1/recommendations?limit=1"
    client.force_login(scrutiny_officer)
    assert client.get(url).json()["count"] == 2
    assert client.get(url + "&offset=1").json()["count"] == 2  # the kept count
    client.logout()
    assert client.get(url).json()["count"] == 1
    client.force_login(scrutiny_officer)
    RecommendationFactory(item=exempt)
    assert client.get(url).json()["count"] == 3
