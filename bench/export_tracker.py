"""Time and peak memory of exporting a 2,000-row tracker in each format.

Run with ``make bench``. The document is built in memory from the seed's rows repeated, so
the figures measure the writers alone (no database).
"""

from __future__ import annotations

import datetime
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutineer.settings")

import django  # noqa: E402

django.setup()

from scrutineer.files.documents import (  # noqa: E402
    ExportForwardPlanItem,
    ExportItem,
    ExportRecommendation,
    HouseStyle,
    TrackerDocument,
)
from scrutineer.files.formats import tracker_chunks  # noqa: E402
from scrutineer.files.parsers.tracker_text import parse_tracker_text  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", "2000"))


def seed_document(rows: int) -> TrackerDocument:
    parsed = parse_tracker_text((ROOT / "tests/fixtures/corporate_os_tracker.txt").read_text())
    items = []
    for n in range(rows):
        row = parsed.rows[n % len(parsed.rows)]
        items.append(
            ExportItem(
                number=n + 1,
                meeting_date=row.meeting_date,
                title=row.report_title,
                summary_html=row.summary_html,
                status=row.status,
                assigned_to=row.assignees,
                progress_html=row.progress_html,
                recommendations=tuple(
                    ExportRecommendation(
                        r.number or "1", r.text, row.status, row.assignees, r.preamble
                    )
                    for r in row.recommendations
                ),
            )
        )
    plan = tuple(
        ExportForwardPlanItem(int(p.number), p.title, p.cabinet_date, p.disposition, p.information)
        for p in parsed.forward_plan
    )
    return TrackerDocument(
        council="Thurrock Council",
        committee="Corporate Overview and Scrutiny Committee",
        committee_short="Corporate O&S",
        as_at=datetime.date(2026, 11, 24),
        items=tuple(items),
        forward_plan=plan,
        style=HouseStyle(council_name="Thurrock Council"),
    )


def measure(name: str) -> None:
    """Child process: build the document, export it once, print seconds and peak RSS."""
    document = seed_document(ROWS)
    started = time.perf_counter()
    size = 0
    if name != "baseline":
        size = sum(len(chunk) for chunk in tracker_chunks(document, name, with_forward_plan=True))
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{elapsed} {peak} {size}")


def main() -> None:
    formats = sys.argv[1:] or ["baseline", "csv", "json", "xlsx", "docx", "html", "pdf"]
    print(f"Exporting a tracker of {ROWS} items (the seed's 14 rows repeated), one process each")
    print(f"{'format':<10}{'seconds':>10}{'peak RSS MB':>13}{'output MB':>11}")
    for name in formats:
        result = subprocess.run(
            [sys.executable, __file__, "--one", name],
            capture_output=True,
            text=True,
            check=True,
        )
        elapsed, peak, size = (float(x) for x in result.stdout.split()[-3:])
        print(f"{name:<10}{elapsed:>10.2f}{peak:>13.1f}{size / 2**20:>11.2f}", flush=True)
    print("baseline: Django and the document in memory, before any writer runs.")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        measure(sys.argv[2])
    else:
        main()
