"""Time and peak memory of importing a 2,000-row tracker from CSV and from XLSX, and of
exporting a 2,000-row tracker in each format, one process each, printed as a Markdown table.

Each import reads a file written by our own exporter from the seed's rows repeated (so it is
a file a council would really upload) into an empty committee in a throwaway SQLite
database, through the same reader and service as the upload page, history (back-dated to
the file's meetings) and search index included. Its CPU seconds are printed beside the
elapsed ones: on a machine busy with other work the elapsed time says more about the
machine. The exports are measured by ``bench/export_tracker.py`` (writers alone), and the
PDF beside Chromium printing the web-page export of the same tracker, its yardstick (issue
#17: at most a quarter of Chromium's time, and under 300 MB).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROWS = int(os.environ.get("BENCH_ROWS", "2000"))
# Targets (issue #10), seconds; None: no target, the figure is for information.
TARGETS: dict[str, float | None] = {
    "import csv": 5,
    "import xlsx": 5,
    "csv": None,
    "json": None,
    "xlsx": None,
    "docx": 5,
    "html": None,
    "pdf": 30,
    "chromium": None,
}
# The PDF against Chromium printing the same tracker (issue #17).
PDF_SHARE_OF_CHROMIUM = 0.25
PDF_PEAK_MB = 300


def measure_import(format_name: str) -> None:
    """Child process: write the file, then time reading and applying it; print the figures."""
    work = Path(tempfile.mkdtemp(prefix="scrutineer-bench-import-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'import.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutineer.settings")
    os.environ.setdefault("DEBUG", "false")  # production settings: no query log
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 40)
    sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]
    import django

    django.setup()
    from django.core.management import call_command
    from export_tracker import seed_document

    from scrutineer.committees.models import Committee
    from scrutineer.files.formats import tracker_chunks
    from scrutineer.files.readers import read_tracker_file
    from scrutineer.imports.services import tracker_import
    from scrutineer.tracker.models import Recommendation

    call_command("migrate", verbosity=0)
    data = b"".join(tracker_chunks(seed_document(ROWS), format_name, with_forward_plan=False))
    committee = Committee.objects.create(name="Import O&S", short_name="IOS", slug="import")
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    filename = f"tracker.{format_name}"
    started, cpu = time.perf_counter(), time.process_time()
    parsed = read_tracker_file(data, filename=filename)
    report = tracker_import(parsed=parsed, committee=committee, filename=filename)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    created = report.count("create")
    if created != ROWS:
        raise SystemExit(f"imported {created} rows of {ROWS}")
    if not Recommendation.objects.filter(item__meeting__committee=committee).exists():
        raise SystemExit("the import stored no recommendations")
    print(f"{cpu} {elapsed} {peak - baseline} {len(data)}")


def _run(args: list[str], figures: int = 3) -> list[float]:
    result = subprocess.run([sys.executable, *args], capture_output=True, text=True, check=False)
    if result.returncode:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"{' '.join(args)} failed")
    return [float(x) for x in result.stdout.split()[-figures:]]


def _verdict(name: str, seconds: float) -> str:
    target = TARGETS[name]
    if target is None:
        return "none"
    return f"≤ {target:.0f} {'met' if seconds <= target else '**not met**'}"


def main() -> None:
    print(f"## Import and export of {ROWS:,} rows (the seed's 14 rows repeated), one process each")
    print("")
    print("| operation | seconds | target | peak RSS MB | file MB |")
    print("| --- | ---: | --- | ---: | ---: |")
    cpu_seconds = []
    for format_name in ("csv", "xlsx"):
        cpu, elapsed, peak, size = _run([__file__, "--import", format_name], figures=4)
        name = f"import {format_name}"
        cpu_seconds.append(f"{format_name.upper()} {cpu:.2f} s")
        print(
            f"| {name} | {elapsed:.2f} | {_verdict(name, elapsed)} | +{peak:.0f} over Django | "
            f"{size / 2**20:.2f} |",
            flush=True,
        )
    exporter = str(ROOT / "bench" / "export_tracker.py")
    _, baseline, _ = _run([exporter, "--one", "baseline"])
    measured: dict[str, list[float]] = {}
    for name in ("csv", "json", "xlsx", "docx", "html", "pdf", "chromium"):
        elapsed, peak, size = _run([exporter, "--one", name])
        measured[name] = [elapsed, peak, size]
        label = "Chromium prints the html" if name == "chromium" else f"export {name}"
        print(
            f"| {label} | {elapsed:.2f} | {_verdict(name, elapsed)} | {peak:.0f} | "
            f"{size / 2**20:.2f} |",
            flush=True,
        )
    print("")
    print(
        f"Peak RSS includes Django and the document in memory: {baseline:.0f} MB before any "
        "writer runs; Chromium's is the sum over its processes. The imports took "
        + " and ".join(cpu_seconds)
        + f" of CPU time; the load average was {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} CPUs."
    )
    (pdf_seconds, pdf_peak, _), (chromium_seconds, chromium_peak, _) = (
        measured["pdf"],
        measured["chromium"],
    )
    share = pdf_seconds / chromium_seconds
    print("")
    print(
        f"PDF side by side, {ROWS:,} items: Typst {pdf_seconds:.2f} s and {pdf_peak:.0f} MB, "
        f"Chromium printing the same tracker's web page {chromium_seconds:.2f} s and "
        f"{chromium_peak:.0f} MB: {share:.0%} of Chromium's time (target ≤ "
        f"{PDF_SHARE_OF_CHROMIUM:.0%} {'met' if share <= PDF_SHARE_OF_CHROMIUM else '**not met**'})"
        f", peak ≤ {PDF_PEAK_MB} MB {'met' if pdf_peak <= PDF_PEAK_MB else '**not met**'}."
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--import"]:
        measure_import(sys.argv[2])
    else:
        main()
