"""Time and peak memory of exporting a 2,000-row tracker in each format.

Run with ``make bench``. The document is built in memory from the seed's rows repeated, so
the figures measure the writers alone (no database). ``chromium`` is the yardstick for the
PDF: Chromium printing Scrutineer's own web-page export of the same tracker (written first,
untimed) with ``--print-to-pdf``; its peak memory is the sum over Chromium's processes of
each one's proportional share (PSS: shared pages counted once in all).
"""

from __future__ import annotations

import datetime
import os
import resource
import shutil
import subprocess
import sys
import tempfile
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
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"


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
    if name == "chromium":
        measure_chromium(document)
        return
    started = time.perf_counter()
    size = 0
    if name != "baseline":
        size = sum(len(chunk) for chunk in tracker_chunks(document, name, with_forward_plan=True))
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{elapsed} {peak} {size}")


def measure_chromium(document: TrackerDocument) -> None:
    """Chromium printing the web-page export of ``document``: seconds, the peak of its
    processes' summed PSS in MB (sampled every 50 ms) and the PDF's size."""
    work = Path(tempfile.mkdtemp(prefix="scrutineer-bench-chromium-"))
    page, pdf = work / "tracker.html", work / "tracker.pdf"
    page.write_bytes(b"".join(tracker_chunks(document, "html", with_forward_plan=True)))
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-pdf-header-footer",
        f"--user-data-dir={work / 'profile'}",
        f"--print-to-pdf={pdf}",
        page.as_uri(),
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_pss(process.pid))
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    if process.returncode or not pdf.exists():
        raise SystemExit(f"Chromium failed ({process.returncode})")
    size = pdf.stat().st_size
    shutil.rmtree(work, ignore_errors=True)
    print(f"{elapsed} {peak / 1024} {size}")


def _tree_pss(root: int) -> int:
    """The proportional set size of ``root`` and all its descendants, in kB (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        pending += children.get(pid, [])
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1])
    return total


def main() -> None:
    formats = sys.argv[1:] or [
        "baseline",
        "csv",
        "json",
        "xlsx",
        "docx",
        "html",
        "pdf",
        "chromium",
    ]
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
    print("chromium: Chromium printing the html export to PDF, for comparison with pdf.")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        measure(sys.argv[2])
    else:
        main()
