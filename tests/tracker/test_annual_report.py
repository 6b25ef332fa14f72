"""The annual scrutiny report's figures: what was made in a municipal year, the executive's
responses and how late, closed and still open, medians; as the public may see them."""

from __future__ import annotations

import csv
import datetime
import io
import json
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.core.management.base import CommandError

from scrutineer.tracker import services
from scrutineer.tracker.models import ExecutiveResponse, Recommendation
from scrutineer.tracker.selectors.annual import municipal_year_span, scrutiny_year_report
from tests.committees.factories import CommitteeFactory, MeetingFactory
from tests.tracker.factories import ExemptItemFactory, ItemFactory, RecommendationFactory

SEED = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "corporate_os_tracker.txt"
TODAY = datetime.date(2025, 9, 1)
PUBLIC = AnonymousUser()


def test_the_municipal_year_runs_may_to_may_by_default_and_as_configured(settings):
    assert municipal_year_span(2024) == (datetime.date(2024, 5, 1), datetime.date(2025, 5, 1))
    settings.SCRUTINEER_MUNICIPAL_YEAR_START = "06-01"
    assert municipal_year_span(2024) == (datetime.date(2024, 6, 1), datetime.date(2025, 6, 1))


def _respond(rec, *, sent, decision, responded=None):
    services.recommendation_send_to_executive(recommendation=rec, sent_on=sent)
    ExecutiveResponse.objects.filter(recommendation=rec).update(
        decision=decision, responded_on=responded
    )


@pytest.fixture
def year(db):
    committee = CommitteeFactory(name="Place Overview and Scrutiny Committee", short_name="PL")
    item = ItemFactory(meeting=MeetingFactory(committee=committee, date=datetime.date(2024, 6, 10)))
    accepted = RecommendationFactory(item=item, area="Housing", cabinet_member="Cllr Smith")
    _respond(
        accepted,
        sent=datetime.date(2024, 6, 20),
        decision="accepted",
        responded=datetime.date(2024, 7, 20),
    )  # 30 days, on time
    late = RecommendationFactory(item=item, area="Housing")
    _respond(
        late,
        sent=datetime.date(2024, 6, 20),
        decision="rejected",
        responded=datetime.date(2024, 9, 30),
    )  # 102 days: after the two months
    waiting = RecommendationFactory(item=item, area="Resources")
    _respond(waiting, sent=datetime.date(2025, 3, 1), decision="pending")  # due 1 May: late now
    closed = RecommendationFactory(item=item, kind="noting")
    Recommendation.objects.filter(pk=closed.pk).update(
        status="closed", closed_on=datetime.date(2024, 6, 30)
    )
    closed_after = RecommendationFactory(item=item)
    Recommendation.objects.filter(pk=closed_after.pk).update(
        status="closed",
        closed_on=datetime.date(2025, 6, 9),  # after the year's end
    )
    # Not of the year, exempt, or withdrawn: never counted in the public's report.
    RecommendationFactory(
        item=ItemFactory(
            meeting=MeetingFactory(committee=committee, date=datetime.date(2025, 5, 1))
        )
    )
    RecommendationFactory(item=ExemptItemFactory(meeting=item.meeting))
    withdrawn = RecommendationFactory(item=item)
    Recommendation.objects.filter(pk=withdrawn.pk).update(
        withdrawn_at=datetime.datetime(2024, 7, 1, tzinfo=datetime.UTC), withdrawal_reason="x"
    )
    review = CommitteeFactory(
        name="Housing repairs review", kind="task_and_finish", parent=committee
    )
    MeetingFactory(committee=review, date=datetime.date(2024, 11, 5))
    MeetingFactory(committee=review, date=datetime.date(2025, 1, 7))
    return committee


def test_the_years_figures(year):
    report = scrutiny_year_report(user=PUBLIC, year=2024, committee=year, today=TODAY)
    figures = report.recommendations
    assert (figures.made, figures.actions, figures.notings) == (5, 4, 1)
    assert figures.sent_to_executive == 3
    assert (figures.accepted, figures.rejected, figures.awaiting_response) == (1, 1, 1)
    assert figures.responses_late == 2  # answered after its due day, and one still waiting
    assert (figures.closed, figures.open, figures.open_at_year_end) == (2, 3, 4)
    assert figures.median_days_to_response == 66.0  # of 30 and 102
    assert figures.median_days_to_close == (20 + 364) / 2
    assert report.label == "2024/25"
    assert report.task_and_finish == [("Housing repairs review", 2)]
    directorates = dict(report.by_directorate)
    assert directorates["Housing"].made == 2
    assert directorates["Not recorded"].made == 2
    assert dict(report.by_portfolio)["Cllr Smith"].accepted == 1


def test_the_council_counts_the_exempt_recommendation_it_may_see(year, user_with_role):
    from scrutineer.core.roles import Role

    council = scrutiny_year_report(
        user=user_with_role(Role.SCRUTINY_OFFICER), year=2024, committee=year, today=TODAY
    )
    assert council.recommendations.made == 6  # the exempt one too; never the withdrawn one


def test_the_seed_tracker_co_s_2024_25_made_27_closed_26_open_1(db, tmp_path):
    CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee", short_name="CO&S", slug="corporate-os"
    )
    call_command("import_tracker", str(SEED), "--committee", "CO&S", verbosity=0, stdout=StringIO())
    out = StringIO()
    call_command(
        "export_scrutiny_report",
        "--committee",
        "CO&S",
        "--year",
        "2024",
        "--format",
        "json",
        "--output",
        str(tmp_path / "r.json"),
        stdout=out,
    )
    data = json.loads((tmp_path / "r.json").read_text())
    counts = data["recommendations"]
    assert (counts["made"], counts["closed"], counts["open"]) == (27, 26, 1)
    for key in (
        "accepted",
        "partly_accepted",
        "rejected",
        "awaiting_response",
        "responses_late",
        "median_days_to_response",
        "median_days_to_close",
    ):
        assert key in counts
    assert "27 recommendations made, 26 closed, 1 open" in out.getvalue()
    call_command(
        "export_scrutiny_report",
        "--year",
        "2024",
        "--format",
        "csv",
        "--output",
        str(tmp_path / "r.csv"),
        stdout=StringIO(),
    )
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text("utf-8-sig"))))
    made = next(r for r in rows if r["section"] == "all" and r["measure"] == "made")
    assert made["value"] == "27"
    assert made["committee"] == "All committees"


def test_the_command_says_what_is_wrong(db, tmp_path):
    with pytest.raises(CommandError, match="No committee is called “Nope”"):
        call_command(
            "export_scrutiny_report",
            "--committee",
            "Nope",
            "--year",
            "2024",
            "--format",
            "json",
            "--output",
            str(tmp_path / "r.json"),
        )
    with pytest.raises(CommandError, match="first year"):
        call_command(
            "export_scrutiny_report",
            "--year",
            "24",
            "--format",
            "json",
            "--output",
            str(tmp_path / "r.json"),
        )
    with pytest.raises(CommandError, match="Cannot write"):
        call_command(
            "export_scrutiny_report",
            "--year",
            "2024",
            "--format",
            "json",
            "--output",
            str(tmp_path / "missing" / "r.json"),
        )
