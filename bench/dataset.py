"""A synthetic council-and-beyond dataset for the benchmarks, built in bulk.

20 committees x 10 municipal years (10 meetings a year), 100,000 recommendations on
25,000 items with 300,000 progress updates, and a framework of 400 indicators with 40
quarters of figures each. The size scales with BENCH_SCALE (1.0 = the figures above). Rows
go in with ``bulk_create`` (no history: the benchmark reads, it does not audit) and the
search index is filled directly, with the same text ``item_reindex`` would write.
"""

from __future__ import annotations

import datetime
import itertools
import os
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from scrutineer.committees.models import Committee, Meeting, Membership
from scrutineer.core.models import Person
from scrutineer.performance.models import Framework, Indicator, Measurement, Target
from scrutineer.tracker.models import Item, ProgressUpdate, Recommendation

SCALE = float(os.environ.get("BENCH_SCALE", "1.0"))
COMMITTEES = 20
YEARS = 10
MEETINGS_PER_YEAR = 10
ITEMS = int(25_000 * SCALE)
RECOMMENDATIONS_PER_ITEM = 4
UPDATES_PER_RECOMMENDATION = 3
INDICATORS = int(400 * SCALE)
QUARTERS = 40
OFFICERS = 500
BATCH = 5_000
# The words of council business, most common first, then a long tail of rarer ones; drawn
# with Zipf's law (the n-th word 1/n as often as the first), as in real minutes.
COMMON = [
    "council",
    "budget",
    "report",
    "committee",
    "officers",
    "members",
    "services",
    "plan",
    "review",
    "savings",
    "housing",
    "residents",
    "contact",
    "centre",
    "agency",
    "staff",
    "digital",
    "workforce",
    "recycling",
    "waste",
    "highways",
    "schools",
    "children",
    "adult",
    "social",
    "care",
    "enquiries",
    "procurement",
    "transformation",
    "placements",
    "tax",
    "libraries",
    "parks",
    "planning",
    "licensing",
    "safeguarding",
    "regeneration",
    "performance",
    "target",
    "quarter",
]
_SYLLABLES = [
    "ba",
    "ce",
    "di",
    "fo",
    "gu",
    "ha",
    "ke",
    "li",
    "mo",
    "nu",
    "pa",
    "re",
    "si",
    "to",
    "vu",
    "wa",
    "ye",
    "zo",
]
WORDS = COMMON + [a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES]
_CUMULATIVE = list(itertools.accumulate(1 / rank for rank in range(1, len(WORDS) + 1)))
DIRECTORATES = [
    "Resources and Place Delivery",
    "Adults, Housing and Health",
    "Children's Services",
    "Public Realm",
    "Strategy, Engagement and Growth",
]


@dataclass
class Dataset:
    committee: Committee
    officer: Person
    item: Item
    counts: dict[str, int]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(WORDS, cum_weights=_CUMULATIVE, k=words))


def _published(day: datetime.date, today: datetime.date) -> datetime.datetime | None:
    """When an item of a meeting on ``day`` was published: a week after, once that has come."""
    published = day + datetime.timedelta(days=7)
    if published > today:
        return None
    return datetime.datetime.combine(published, datetime.time(9), tzinfo=datetime.UTC)


def build_tracker(rng: random.Random) -> tuple[Committee, Person, Item]:
    """Committees, meetings, items, recommendations with assignees, progress updates."""
    committees = Committee.objects.bulk_create(
        Committee(
            name=f"Bench Committee {n:02d}",
            short_name=f"B{n:02d}",
            slug=f"bench-{n:02d}",
            remit=_text(rng, 12),
        )
        for n in range(COMMITTEES)
    )
    users = get_user_model().objects
    officer = Person.objects.create(
        name="Sarah Brown", kind="officer", directorate=DIRECTORATES[0], user=None
    )
    demo_officer = Person.objects.filter(user__username="officer").first()
    if demo_officer is None:
        officer.user = users.get(username="officer")
        officer.save()
    else:
        officer = demo_officer
    officers = Person.objects.bulk_create(
        Person(
            name=f"Officer {n:03d} {rng.choice(WORDS).title()}",
            kind="officer",
            directorate=DIRECTORATES[n % len(DIRECTORATES)],
        )
        for n in range(OFFICERS)
    )
    people = [officer, *officers]
    councillors = Person.objects.bulk_create(
        Person(name=f"Councillor {n:03d}", kind="councillor") for n in range(COMMITTEES * 8)
    )
    Membership.objects.bulk_create(
        Membership(committee=committees[n // 8], person=person)
        for n, person in enumerate(councillors)
    )
    first_year = datetime.date.today().year - YEARS
    today = datetime.date.today()
    dates = [
        datetime.date(first_year + year, 5, 20) + datetime.timedelta(days=33 * m)
        for year in range(YEARS)
        for m in range(MEETINGS_PER_YEAR)
    ]
    # As a council's record stands: minutes published a month after each meeting, and
    # until then each item published by the scrutiny team a week after; later ones drafts.
    meetings = Meeting.objects.bulk_create(
        Meeting(
            committee=committee,
            date=day,
            minutes_published_on=day + datetime.timedelta(days=30)
            if day + datetime.timedelta(days=30) <= today
            else None,
        )
        for committee in committees
        for day in dates
    )
    per_meeting = max(ITEMS // len(meetings), 1)
    numbers: dict[int, int] = {}
    items: list[Item] = []
    for n in range(ITEMS):
        meeting = meetings[min(n // per_meeting, len(meetings) - 1)]
        numbers[meeting.committee_id] = numbers.get(meeting.committee_id, 0) + 1
        items.append(
            Item(
                meeting=meeting,
                number=numbers[meeting.committee_id],
                report_title=f"{rng.choice(WORDS).title()} {_text(rng, 4)} report",
                summary_html=f"<p>The committee discussed {_text(rng, 40)}.</p>"
                f"<ul><li>{_text(rng, 12)}</li><li>{_text(rng, 12)}</li></ul>",
                lead_officer=rng.choice(people),
                is_exempt=n % 97 == 0,
                published_at=_published(meeting.date, today),
            )
        )
    items = Item.objects.bulk_create(items, batch_size=BATCH)
    recommendations: list[Recommendation] = []
    for item in items:
        for k in range(RECOMMENDATIONS_PER_ITEM):
            age = (today - item.meeting.date).days
            is_open = (age < 400 and rng.random() < 0.7) or rng.random() < 0.05
            recommendations.append(
                Recommendation(
                    item=item,
                    number=str(k + 1),
                    reference=f"R{item.pk}-{k + 1}",
                    text=f"Review the {_text(rng, 10)}",
                    status="open" if is_open else "closed",
                    closed_on=None if is_open else item.meeting.date + datetime.timedelta(90),
                    due_date=item.meeting.date + datetime.timedelta(days=120) if k % 2 else None,
                )
            )
    recommendations = Recommendation.objects.bulk_create(recommendations, batch_size=BATCH)
    through = Recommendation.assignees.through
    links = []
    for n, rec in enumerate(recommendations):
        # The demo officer carries a realistic load: about 150 open actions.
        person = officer if n % 600 == 0 else people[1 + n % OFFICERS]
        links.append(through(recommendation_id=rec.pk, person_id=person.pk))
    through.objects.bulk_create(links, batch_size=BATCH)
    updates = [
        ProgressUpdate(
            item_id=rec.item_id,
            recommendation=rec,
            date=rec.item.meeting.date + datetime.timedelta(days=30 * (u + 1)),
            text_html=f"<p>{_text(rng, 25)}</p>",
        )
        for rec in recommendations
        for u in range(UPDATES_PER_RECOMMENDATION)
    ]
    ProgressUpdate.objects.bulk_create(updates, batch_size=BATCH)
    _index(items, recommendations, updates, people)
    return committees[0], officer, items[len(items) // 2]


def _index(
    items: list[Item],
    recommendations: list[Recommendation],
    updates: list[ProgressUpdate],
    people: list[Person],
) -> None:
    """The search text of every item, as ``item_reindex`` composes it, written in bulk."""
    parts: dict[int, list[str]] = {
        item.pk: [item.report_title, item.summary_html] for item in items
    }
    for rec in recommendations:
        parts[rec.item_id] += [rec.reference, rec.text]
    for update in updates:
        parts[update.item_id].append(update.text_html)
    documents = [(pk, "\n".join(text)) for pk, text in parts.items()]
    by_pk = {item.pk: item for item in items}
    for pk, document in documents:
        by_pk[pk].search_document = document
    # On SQLite the full-text index follows through its triggers.
    Item.objects.bulk_update(items, ["search_document"], batch_size=BATCH)


def build_performance(rng: random.Random) -> Framework:
    """One framework of INDICATORS indicators with QUARTERS quarters of approved figures."""
    framework = Framework.objects.create(name="Bench PMAF", year="2025/26", is_demo=True)
    indicators = Indicator.objects.bulk_create(
        Indicator(
            framework=framework,
            code=f"B{n:04d}",
            name=f"{_text(rng, 5).capitalize()}",
            directorate=DIRECTORATES[n % len(DIRECTORATES)],
            theme=f"Priority {n % 6 + 1}",
            polarity="higher" if n % 2 else "lower",
            unit="%",
            tolerance=5,
        )
        for n in range(INDICATORS)
    )
    last_year = datetime.date.today().year - 1
    first_year = last_year - QUARTERS // 4 + 1
    now = datetime.datetime.now(datetime.UTC)
    Target.objects.bulk_create(
        (
            Target(indicator=indicator, year=year, value=50 + rng.random() * 20)
            for indicator in indicators
            for year in range(first_year, last_year + 1)
        ),
        batch_size=BATCH,
    )
    Measurement.objects.bulk_create(
        (
            Measurement(
                indicator=indicator,
                year=first_year + q // 4,
                quarter=q % 4 + 1,
                value=40 + rng.random() * 40,
                commentary=_text(rng, 20),
                approved=True,
                approved_at=now,
            )
            for indicator in indicators
            for q in range(QUARTERS)
        ),
        batch_size=BATCH,
    )
    return framework


def build() -> Dataset:
    rng = random.Random(2026)  # the same data every run
    committee, officer, item = build_tracker(rng)
    build_performance(rng)
    counts = {
        "committees": Committee.objects.count(),
        "items": Item.objects.count(),
        "recommendations": Recommendation.objects.count(),
        "progress updates": ProgressUpdate.objects.count(),
        "indicators": Indicator.objects.count(),
        "measurements": Measurement.objects.count(),
    }
    return Dataset(committee=committee, officer=officer, item=item, counts=counts)
