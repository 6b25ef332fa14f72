"""Demo data for a newcomer: one login per role, the council's committees, and the seed
tracker loaded through the same importer a scrutiny officer would use."""

from __future__ import annotations

import datetime
from importlib import resources
from typing import Any

from django.db import transaction
from django.utils import timezone

from scrutineer.briefings.services import briefing_import
from scrutineer.committees.models import Committee, Membership
from scrutineer.committees.services import meeting_create
from scrutineer.core import clock
from scrutineer.core.models import Person
from scrutineer.core.services import DEMO_USERS, demo_load
from scrutineer.files.parsers.briefing_text import parse_briefing_text
from scrutineer.files.parsers.report import ImportReport
from scrutineer.files.parsers.tracker_text import parse_tracker_text
from scrutineer.imports.services import tracker_import
from scrutineer.performance.demo import performance_demo_load
from scrutineer.programme.services.executive_decisions import call_in_record, decision_create
from scrutineer.tracker import services as tracker

COMMITTEES = [
    (
        "Corporate Overview and Scrutiny Committee",
        "CO&S",
        "corporate-os",
        Committee.Kind.SCRUTINY,
        "Corporate strategy, finance, performance, workforce, digital and customer services.",
    ),
    (
        "Place Overview and Scrutiny Committee",
        "PO&S",
        "place-os",
        Committee.Kind.SCRUTINY,
        "Highways, regeneration, planning, environment and housing growth.",
    ),
    (
        "People Overview and Scrutiny Committee",
        "PeO&S",
        "people-os",
        Committee.Kind.SCRUTINY,
        "Children's services, adult social care, health and education.",
    ),
    (
        "Audit Committee",
        "AC",
        "audit",
        Committee.Kind.AUDIT,
        "Risk management, internal control, the annual governance statement and the accounts.",
    ),
    ("Cabinet", "Cab", "cabinet", Committee.Kind.EXECUTIVE, "The council's executive."),
]

# The demo logins, as people in the tracker (Sarah Brown is an assignee in the seed).
PEOPLE = {
    "scrutiny": ("Lucy Smith", "Senior Democratic Services Officer", "Resources"),
    "officer": ("Sarah Brown", "Strategic Lead, Finance", "Resources"),
    "member": ("Cllr Jane Doe", "", ""),
}


def demo_text(name: str) -> str:
    return (resources.files("scrutineer.imports") / "demo" / name).read_text(encoding="utf-8")


def demo_tracker_text() -> str:
    return demo_text("corporate_os_tracker.txt")


@transaction.atomic
def demo_load_all(*, only_if_empty: bool) -> ImportReport | None:
    """Users, committees, people and the seed tracker; None when the database had users."""
    users = demo_load(only_if_empty=only_if_empty)
    if users is None:
        return None
    committees = {}
    for name, short, slug, kind, remit in COMMITTEES:
        committees[slug], _ = Committee.objects.update_or_create(
            slug=slug, defaults={"name": name, "short_name": short, "kind": kind, "remit": remit}
        )
    from django.contrib.auth import get_user_model

    accounts = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=[d.username for d in DEMO_USERS])
    }
    people = {}
    for username, (name, title, directorate) in PEOPLE.items():
        person_kind = Person.Kind.COUNCILLOR if username == "member" else Person.Kind.OFFICER
        people[username], _ = Person.objects.update_or_create(
            name=name,
            kind=person_kind,
            defaults={"job_title": title, "directorate": directorate, "user": accounts[username]},
        )
    team, _ = Person.objects.get_or_create(name="O&S Officers", kind=Person.Kind.TEAM)
    people["scrutiny"].teams.add(team)
    Membership.objects.get_or_create(
        committee=committees["corporate-os"],
        person=people["member"],
        defaults={"role": Membership.Role.MEMBER},
    )
    parsed = parse_tracker_text(demo_tracker_text(), filename="corporate_os_tracker.txt")
    report = tracker_import(
        parsed=parsed,
        committee=committees["corporate-os"],
        filename="corporate_os_tracker.txt",
        by=accounts["scrutiny"],
    )
    briefing_import(
        parsed=parse_briefing_text(
            demo_text("briefing_note_cabinet.txt"), filename="briefing_note_cabinet.txt"
        ),
        by=accounts["scrutiny"],
    )
    _demo_open_work(committees["corporate-os"], people, team, accounts["scrutiny"])
    _demo_decisions(people, accounts["scrutiny"])
    performance_demo_load()
    return report


def _demo_open_work(committee: Committee, people: dict, team: Person, by: Any) -> None:
    """The seed is almost all closed; one clearly labelled sample item, dated from today,
    shows My actions, the overdue dashboard and a pending executive response at work."""
    today = clock.today()
    meeting = meeting_create(
        committee=committee,
        date=today - datetime.timedelta(days=75),
        venue="Council Chamber",
        by=by,
    )
    item = tracker.item_create(
        meeting=meeting,
        report_title="Customer Contact Improvement Plan (sample data)",
        summary="Sample data for the demonstration, not a real council record.\n\n"
        "The Committee asked how call answer times would be brought back to target.",
        published=True,
        by=by,
    )
    overdue = tracker.recommendation_create(
        item=item,
        text="Report the contact centre's recovery plan and its monthly answer times.",
        assignees=[people["officer"]],
        due_date=today - datetime.timedelta(days=14),
        by=by,
    )
    tracker.recommendation_create(
        item=item,
        text="Add the customer contact dashboard to the work programme.",
        assignees=[team],
        due_date=today + datetime.timedelta(days=60),
        by=by,
    )
    tracker.recommendation_send_to_executive(
        recommendation=overdue, sent_on=today - datetime.timedelta(days=70), by=by
    )


def _demo_decisions(people: dict, by: Any) -> None:
    """A few executive decisions dated from today (sample data): one in its call-in period,
    one that may be implemented, one called in and one urgent."""
    today = clock.today()
    second, _ = Person.objects.get_or_create(
        name="Cllr Sam Sample (sample data)", defaults={"kind": Person.Kind.COUNCILLOR}
    )

    def decision(title: str, days_ago: int, **fields: Any) -> Any:
        return decision_create(
            title=f"{title} (sample data)",
            decided_on=today - datetime.timedelta(days=days_ago + 1),
            published_at=timezone.make_aware(
                datetime.datetime.combine(
                    today - datetime.timedelta(days=days_ago), datetime.time(10)
                )
            ),
            summary="Sample data for the demonstration, not a real council decision.",
            by=by,
            **fields,
        )

    decision("Fees and charges 2026/27", 1, is_key_decision=True)
    decision("Library opening hours", 30, decision_maker="Portfolio holder for Communities")
    called = decision("Disposal of the Civic Offices annexe", 3, is_key_decision=True)
    call_in_record(
        decision=called,
        received_on=clock.today(),
        signatories=[people["member"], second],
        reasons="The options appraisal did not consider community use of the building.",
        by=by,
    )
    decision(
        "Emergency repairs to the sea wall",
        2,
        exempt_from_call_in=True,
        urgency_reason="Delay would leave homes at risk of flooding before the spring tides.",
    )
