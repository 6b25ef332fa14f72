"""Open data: each published dataset, whole, as CSV and JSON, as the public sees it."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from scrutineer.api import open_data
from tests.performance.factories import MeasurementFactory, UnapprovedMeasurementFactory
from tests.tracker.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


def _download(client, name: str, fmt: str, **headers):
    response = client.get(reverse("api:open_data_download", args=[name, fmt]), **headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def _csv(body: bytes) -> list[dict[str, str]]:
    assert body.startswith("\ufeff".encode())  # Excel reads UTF-8 only with the BOM
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_recommendations_csv_holds_what_the_public_sees_even_for_the_scrutiny_team(
    client, published, caller
):
    w = published.world
    user, _ = caller("scrutiny_officer")
    client.force_login(user)
    response, body = _download(client, "recommendations", "csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="recommendations.csv"' in response["Content-Disposition"]
    assert "open-government-licence" in response["Link"]
    rows = _csv(body)
    references = {row["reference"] for row in rows}
    assert w.recommendation.reference in references
    assert w.closed_recommendation.reference in references
    assert w.exempt_recommendation.reference not in references  # exempt: never open data
    sent = next(row for row in rows if row["reference"] == w.sent_recommendation.reference)
    # The executive's response is flattened into columns named after it.
    assert sent["executive_response_sent_on"] == "2024-09-20"
    assert sent["executive_response_due_on"]
    mine = next(row for row in rows if row["reference"] == w.recommendation.reference)
    assert mine["assignees"] == "Sarah Brown"
    assert mine["committee"] == w.committee.slug


def test_csv_neutralises_formulas_and_gives_html_as_text(client, world):
    RecommendationFactory(item=world.item, text='=HYPERLINK("http://evil")')
    world.item.summary_html = "<p>Members <strong>asked</strong> about reserves.</p>"
    world.item.save()
    _, body = _download(client, "recommendations", "csv")
    texts = [row["text"] for row in _csv(body)]
    assert '\'=HYPERLINK("http://evil")' in texts
    _, body = _download(client, "items", "csv")
    summaries = [row["summary_html"] for row in _csv(body)]
    assert "Members asked about reserves." in summaries
    assert not any("<p>" in s for s in summaries)


def test_json_says_its_licence_and_streams_every_record_across_chunks(client, world, monkeypatch):
    monkeypatch.setattr(open_data, "CHUNK", 2)  # several chunks from a handful of rows
    for n in range(5):
        RecommendationFactory(item=world.item, text=f"Extra recommendation {n}")
    response, body = _download(client, "recommendations", "json")
    assert response["Content-Type"] == "application/json"
    data = json.loads(body)
    assert data["licence"] == "Open Government Licence v3.0"
    assert data["dataset"] == "Recommendations"
    references = [r["reference"] for r in data["records"]]
    assert len(references) == len(set(references))  # no chunk twice
    public = {world.recommendation, world.closed_recommendation, world.sent_recommendation}
    assert len(references) == len(public) + 5
    assert world.exempt_recommendation.reference not in references
    sent = next(r for r in data["records"] if r["reference"] == world.sent_recommendation.reference)
    assert sent["executive_response"]["sent_on"] == "2024-09-20"


def test_progress_updates_of_exempt_items_are_left_out(client, published):
    _, body = _download(client, "progress-updates", "json")
    texts = [r["text_html"] for r in json.loads(body)["records"]]
    assert any("The review has begun." in t for t in texts)
    assert not any("confidential bidder" in t for t in texts)


def test_briefing_notes_are_the_issued_public_ones(client, published):
    _, body = _download(client, "briefing-notes", "csv")
    ids = {int(row["id"]) for row in _csv(body)}
    assert ids == {published.issued_note.pk}


def test_work_programmes_and_forward_plan(client, published):
    _, body = _download(client, "work-programmes", "json")
    titles = {r["title"] for r in json.loads(body)["records"]}
    assert "Quarterly finance report" in titles
    assert "Follow-up on the confidential disposal" not in titles
    _, body = _download(client, "forward-plan", "csv")
    rows = _csv(body)
    assert [row["title"] for row in rows] == ["Medium Term Financial Strategy"]
    # Dispositions (a list of objects) travel as JSON in their cell.
    assert json.loads(rows[0]["dispositions"])[0]["choice"] == "scheduled"


def test_performance_figures_are_approved_ones_only(client):
    approved = MeasurementFactory(value=42.0)
    UnapprovedMeasurementFactory(indicator=approved.indicator, quarter=2, value=99.0)
    _, body = _download(client, "performance-figures", "csv")
    rows = _csv(body)
    assert [(row["indicator_code"], row["value"]) for row in rows] == [
        (approved.indicator.code, "42.0")
    ]


def test_every_dataset_downloads_in_both_formats_with_a_header_row(client, published):
    for name in open_data.DATASETS:
        _, body = _download(client, name, "csv")
        header = next(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert "id" in header or "indicator_id" in header, name
        _, body = _download(client, name, "json")
        assert isinstance(json.loads(body)["records"], list), name


def test_an_unknown_dataset_or_format_is_not_found(client, db):
    assert client.get("/api/open-data/secrets.csv").status_code == 404
    assert client.get("/api/open-data/recommendations.xml").status_code == 404


def test_a_copy_still_current_is_not_sent_again(client, world):
    response, _ = _download(client, "recommendations", "csv")
    modified = response["Last-Modified"]
    again, _ = _download(client, "recommendations", "csv", HTTP_IF_MODIFIED_SINCE=modified)
    assert again.status_code == 304
    older = "Mon, 01 Jan 2001 00:00:00 GMT"  # a copy from before the records last changed
    changed, body = _download(client, "recommendations", "csv", HTTP_IF_MODIFIED_SINCE=older)
    assert changed.status_code == 200
    assert world.recommendation.reference in body.decode("utf-8-sig")


def test_the_open_data_page_lists_every_dataset(client, db):
    page = client.get(reverse("api:open_data")).content.decode()
    for dataset in open_data.DATASETS.values():
        assert reverse("api:open_data_download", args=[dataset.name, "csv"]) in page
        assert reverse("api:open_data_download", args=[dataset.name, "json"]) in page
