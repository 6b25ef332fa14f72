import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from scrutineer.core.roles import Role
from scrutineer.tracker import services
from scrutineer.tracker.models import ReminderLog
from tests.committees.factories import (
    CommitteeFactory,
    MeetingFactory,
    PersonFactory,
    TeamFactory,
)
from tests.core.email_parts import assert_same_facts, html_part
from tests.core.factories import UserFactory
from tests.tracker.factories import ItemFactory, RecommendationFactory

TODAY = datetime.date(2025, 3, 3)  # a Monday


@pytest.fixture
def people(db):
    sarah = PersonFactory(name="Sarah Brown", email="sarah.brown@example.org")
    team = TeamFactory(name="O&S Officers")
    lucy = PersonFactory(name="Lucy Smith", email="lucy.smith@example.org")
    lucy.teams.add(team)
    return sarah, team, lucy


def run(*args):
    out = StringIO()
    call_command("send_reminders", "--date", TODAY.isoformat(), *args, stdout=out)
    return out.getvalue()


def test_the_digest_says_what_is_needed_and_links_to_the_update_page(people, settings):
    settings.SCRUTINEER_BASE_URL = "https://scrutiny.example.gov.uk"
    sarah, _, _ = people
    meeting = MeetingFactory(date=datetime.date(2025, 1, 14))
    overdue = RecommendationFactory(
        item=ItemFactory(meeting=meeting), assignees=[sarah], due_date=datetime.date(2025, 2, 1)
    )
    services.progress_add(item=overdue.item, text="Started", date=datetime.date(2025, 2, 20))
    run()
    to_sarah = [m for m in mail.outbox if m.to == ["sarah.brown@example.org"]]
    assert len(to_sarah) == 1
    body = to_sarah[0].body
    assert overdue.reference in body
    assert "It was due on 1 February 2025 and is overdue." in body
    assert f"https://scrutiny.example.gov.uk/tracker/recommendations/{overdue.pk}/progress/" in body
    assert to_sarah[0].subject == "Scrutineer: 1 recommendation needs your update"


def test_team_assignments_reach_the_teams_members_and_meetings_prompt_an_update(people):
    _, team, _ = people
    meeting = MeetingFactory(date=datetime.date(2025, 1, 14))
    rec = RecommendationFactory(item=ItemFactory(meeting=meeting), assignees=[team])
    services.progress_add(item=rec.item, text="Began", date=datetime.date(2025, 1, 10))
    MeetingFactory(committee=meeting.committee, date=datetime.date(2025, 3, 11))
    run()
    (message,) = [m for m in mail.outbox if m.to == ["lucy.smith@example.org"]]
    assert "meets on 11 March 2025: please report progress before then." in message.body


def test_running_twice_in_a_day_sends_nothing_new_and_a_dry_run_sends_nothing(people):
    sarah, _, _ = people
    RecommendationFactory(assignees=[sarah], due_date=datetime.date(2025, 1, 1))
    UserFactory(role=Role.SCRUTINY_OFFICER, email="officer@example.org")
    dry = run("--dry-run")
    assert "Would send 2 messages." in dry
    assert mail.outbox == []
    first = run()
    assert "Sent 2 messages." in first
    assert len(mail.outbox) == 2
    assert "Sent 0 messages." in run()
    assert len(mail.outbox) == 2
    assert ReminderLog.objects.count() == 2
    weekly = next(m for m in mail.outbox if m.to == ["officer@example.org"])
    assert "1 open, 1 overdue" in weekly.body


def test_nothing_is_sent_for_closed_or_fresh_recommendations(people, scrutiny_officer):
    sarah, _, _ = people
    rec = RecommendationFactory(assignees=[sarah], due_date=datetime.date(2025, 1, 1))
    services.recommendation_close(
        recommendation=rec, closed_by=scrutiny_officer, agreed_at=None, reason="Done"
    )
    fresh = RecommendationFactory(
        item=ItemFactory(meeting=MeetingFactory(date=datetime.date(2025, 2, 25))),
        assignees=[sarah],
    )
    del fresh
    run("--weekly")
    assert [m for m in mail.outbox if m.to == ["sarah.brown@example.org"]] == []


def test_the_digest_carries_no_markup_from_a_recommendation(people):
    sarah, _, _ = people
    rec = RecommendationFactory(
        assignees=[sarah],
        due_date=datetime.date(2025, 2, 1),
        text="Review <img src=x onerror=alert(1)><b>the</b> plan",
    )
    run()
    (message,) = [m for m in mail.outbox if m.to == ["sarah.brown@example.org"]]
    # The HTML part is our own simple markup (html_part checks the tags); the recommendation's
    # markup arrives in neither part.
    html = html_part(message).source
    assert "<img" not in html, html
    assert "<b>" not in html, html
    assert "<" not in message.body, message.body
    assert ">" not in message.body, message.body
    assert f"{rec.reference}: Review the plan" in message.body


def test_both_parts_of_the_digests_carry_the_same_facts(people, settings):
    settings.SCRUTINEER_BASE_URL = "https://scrutiny.example.gov.uk"
    sarah, _, _ = people
    overdue = RecommendationFactory(
        assignees=[sarah], due_date=datetime.date(2025, 2, 1), text="Publish the plan"
    )
    stale = RecommendationFactory(
        item=ItemFactory(meeting=MeetingFactory(date=datetime.date(2024, 6, 4))),
        assignees=[sarah],
        text="Consult residents",
    )
    UserFactory(role=Role.SCRUTINY_OFFICER, email="officer@example.org")
    run()
    (digest,) = [m for m in mail.outbox if m.to == ["sarah.brown@example.org"]]
    update = "https://scrutiny.example.gov.uk/tracker/recommendations/{}/progress/".format
    part = assert_same_facts(
        digest,
        [
            "Dear Sarah Brown,",
            f"{overdue.reference}: Publish the plan",
            "It was due on 1 February 2025 and is overdue.",
            update(overdue.pk),
            f"{stale.reference}: Consult residents",
            "There has been no progress update since 4 June 2024.",
            update(stale.pk),
        ],
    )
    assert (update(stale.pk), f"Update {stale.reference}") in part.links
    # Each reason keeps its own lines in the text.
    assert (
        f"* {overdue.reference}: Publish the plan\n"
        "  It was due on 1 February 2025 and is overdue.\n"
        f"  Update it here: {update(overdue.pk)}\n\n"
    ) in digest.body

    (weekly,) = [m for m in mail.outbox if m.to == ["officer@example.org"]]
    committees = sorted({overdue.item.meeting.committee.name, stale.item.meeting.committee.name})
    assert_same_facts(
        weekly,
        [
            "Outstanding scrutiny recommendations, week of 3 March 2025",
            *(f"{name}: 1 open, " for name in committees),
            "https://scrutiny.example.gov.uk/tracker/overdue/",
        ],
    )


def test_the_html_part_escapes_what_people_typed(people):
    sarah, _, _ = people
    committee = CommitteeFactory(name="Parks & <script>alert(1)</script> Committee")
    meeting = MeetingFactory(committee=committee, date=datetime.date(2025, 1, 14))
    rec = RecommendationFactory(
        item=ItemFactory(meeting=meeting), assignees=[sarah], text="Roads & paths"
    )
    services.progress_add(item=rec.item, text="Began", date=datetime.date(2025, 1, 10))
    MeetingFactory(committee=committee, date=datetime.date(2025, 3, 11))
    UserFactory(role=Role.SCRUTINY_OFFICER, email="officer@example.org")
    run()
    (digest,) = [m for m in mail.outbox if m.to == ["sarah.brown@example.org"]]
    html = html_part(digest).source
    assert "<script" not in html
    assert f"{rec.reference}: Roads &amp; paths" in html
    assert "The Parks &amp; &lt;script&gt;alert(1)&lt;/script&gt; Committee meets on" in html
    assert f"{rec.reference}: Roads & paths" in digest.body  # plain text is not HTML-escaped
    assert "&amp;" not in digest.body
    (weekly,) = [m for m in mail.outbox if m.to == ["officer@example.org"]]
    assert "<script" not in html_part(weekly).source
    assert "Parks &amp; &lt;script&gt;alert(1)&lt;/script&gt; Committee: 1 open" in (
        html_part(weekly).source
    )
    assert "&amp;" not in weekly.body
