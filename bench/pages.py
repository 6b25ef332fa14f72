"""Server time and queries per request of the main pages, on a synthetic council's data.

Run with ``make bench`` (after the export figures). The size is set by BENCH_ITEMS (default
2,000 items, about 6,000 recommendations and 12,000 progress updates); the database is a
throwaway SQLite file, or PostgreSQL when BENCH_DATABASE_URL is set. Prints one table and
writes it to bench/latest.md.
"""

from __future__ import annotations

import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
WORK = Path(tempfile.mkdtemp(prefix="scrutineer-bench-"))
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{WORK / 'bench.sqlite3'}"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutineer.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
# Production settings (cached templates), without the HTTPS redirect a test client cannot follow.
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 40)
os.environ.setdefault("SCRUTINEER_HTTPS", "false")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from scrutineer.committees.models import Committee, Meeting  # noqa: E402
from scrutineer.core.models import Person  # noqa: E402
from scrutineer.core.services import demo_load  # noqa: E402
from scrutineer.tracker.models import Item, ProgressUpdate, Recommendation  # noqa: E402
from scrutineer.tracker.services import item_reindex  # noqa: E402

ITEMS = int(os.environ.get("BENCH_ITEMS", "2000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))
WORDS = [
    "budget",
    "savings",
    "digital",
    "workforce",
    "housing",
    "recycling",
    "enquiries",
    "contact",
    "centre",
    "agency",
    "highways",
    "procurement",
    "transformation",
    "schools",
    "placements",
    "council",
    "tax",
]


def build() -> tuple[Committee, Person]:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)
    demo_load(only_if_empty=False)
    committee = Committee.objects.create(name="Bench O&S Committee", short_name="BOS", slug="bench")
    officer = Person.objects.create(name="Sarah Brown", kind="officer", directorate="Resources")
    from django.contrib.auth import get_user_model

    officer.user = get_user_model().objects.get(username="officer")
    officer.save()
    others = Person.objects.bulk_create(
        Person(name=f"Officer {n}", kind="officer", directorate=f"Directorate {n % 5}")
        for n in range(50)
    )
    people = [officer, *others]
    start = datetime.date(2015, 5, 1)
    meetings = Meeting.objects.bulk_create(
        Meeting(committee=committee, date=start + datetime.timedelta(days=40 * n))
        for n in range(max(ITEMS // 10, 1))
    )
    items = Item.objects.bulk_create(
        Item(
            meeting=meetings[n // 10],
            number=n + 1,
            report_title=f"{WORDS[n % len(WORDS)].title()} report {n}",
            summary_html=f"<p>The committee discussed {WORDS[(n * 7) % len(WORDS)]}.</p>",
        )
        for n in range(ITEMS)
    )
    recs = Recommendation.objects.bulk_create(
        Recommendation(
            item=item,
            number=str(k + 1),
            reference=f"BOS {item.pk}-{k + 1}",
            text=f"Review the {WORDS[(item.pk + k) % len(WORDS)]} plan",
            status="open" if (item.pk + k) % 3 else "closed",
            closed_on=None if (item.pk + k) % 3 else item.meeting.date,
        )
        for item in items
        for k in range(3)
    )
    through = Recommendation.assignees.through
    through.objects.bulk_create(
        through(recommendation=rec, person=people[i % len(people)]) for i, rec in enumerate(recs)
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            item=rec.item,
            recommendation=rec,
            date=rec.item.meeting.date,
            text_html=f"<p>Progress on {rec.text}</p>",
        )
        for rec in recs
        for _ in range(2)
    )
    for item in Item.objects.all():
        item_reindex(item)
    return committee, officer


def measure(client: Client, url: str) -> tuple[float, float, int, int]:
    timings = []
    queries = 0
    size = 0
    for _ in range(REQUESTS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
        size = len(response.content)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return statistics.median(timings), p95, queries, size


def main() -> None:
    started = time.perf_counter()
    committee, _ = build()
    built = time.perf_counter() - started
    counts = (Item.objects.count(), Recommendation.objects.count(), ProgressUpdate.objects.count())
    officer_client, public = Client(), Client()
    from django.contrib.auth import get_user_model

    officer_client.force_login(get_user_model().objects.get(username="officer"))
    scrutiny = Client()
    scrutiny.force_login(get_user_model().objects.get(username="scrutiny"))
    item = Item.objects.order_by("pk").first()
    assert item is not None
    pages = [
        ("tracker page (public)", public, f"/tracker/committees/{committee.slug}/"),
        (
            "tracker, open, page 10",
            public,
            f"/tracker/committees/{committee.slug}/?status=open&page=10",
        ),
        ("my actions (officer)", officer_client, "/tracker/my-actions/"),
        ("item page (scrutiny)", scrutiny, f"/tracker/items/{item.pk}/"),
        ("search 'budget plan'", public, f"/tracker/committees/{committee.slug}/?q=budget+plan"),
        ("overdue dashboard", scrutiny, "/tracker/overdue/"),
        ("API recommendations", public, "/api/v1/recommendations?limit=50"),
    ]
    lines = [
        f"Scrutineer page benchmark, {connection.vendor}: {counts[0]:,} items, "
        f"{counts[1]:,} recommendations, {counts[2]:,} progress updates "
        f"(built in {built:.0f} s); {REQUESTS} requests each.",
        "",
        "| page | p50 ms | p95 ms | queries | KB |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, client, url in pages:
        p50, p95, queries, size = measure(client, url)
        lines.append(f"| {name} | {p50:.1f} | {p95:.1f} | {queries} | {size / 1024:.0f} |")
        print(lines[-1], flush=True)
    (ROOT / "bench" / "latest.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines[:1]))
    print(f"Written to {ROOT / 'bench' / 'latest.md'}")


if __name__ == "__main__":
    main()
