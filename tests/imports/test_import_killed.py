"""An import whose process is killed half-way leaves nothing behind: the whole file is one
transaction, and SQLite discards an uncommitted transaction when it next opens the file."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from scrutineer.files.documents import ExportItem, ExportRecommendation, TrackerDocument
from scrutineer.files.formats import tracker_chunks
from scrutineer.files.parsers.tracker_text import parse_tracker_text

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "fixtures" / "corporate_os_tracker.txt"


def _big_spreadsheet(rows: int) -> bytes:
    parsed = parse_tracker_text(SEED.read_text())
    items = []
    for n in range(rows):
        row = parsed.rows[n % len(parsed.rows)]
        recommendations = tuple(
            ExportRecommendation(r.number or "1", r.text, row.status, row.assignees, r.preamble)
            for r in row.recommendations
        )
        items.append(
            ExportItem(
                number=n + 1,
                meeting_date=row.meeting_date,
                title=row.report_title,
                summary_html=row.summary_html,
                status=row.status,
                assigned_to=row.assignees,
                progress_html=row.progress_html,
                recommendations=recommendations,
            )
        )
    document = TrackerDocument(
        council="Thurrock Council",
        committee="Corporate Overview and Scrutiny Committee",
        committee_short="Corporate O&S",
        as_at=parsed.rows[0].meeting_date,
        items=tuple(items),
        forward_plan=(),
    )
    return b"".join(tracker_chunks(document, "xlsx", with_forward_plan=False))


def _manage(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _import_is_writing(path: Path) -> bool:
    """True while another connection holds the write lock (the import's transaction)."""
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


def test_an_import_killed_half_way_leaves_nothing_behind(tmp_path):
    database = tmp_path / "killed.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    setup = _manage(env, "migrate", "--no-input")
    assert setup.wait(timeout=300) == 0, setup.stderr.read() if setup.stderr else ""
    committee = _manage(
        env,
        "shell",
        "-c",
        "from scrutineer.committees.models import Committee; "
        "Committee.objects.create(name='Corporate O&S', short_name='CO&S', slug='cos')",
    )
    assert committee.wait(timeout=120) == 0
    spreadsheet = tmp_path / "tracker.xlsx"
    # Enough rows that the bulk write lasts a while even on a fast machine.
    spreadsheet.write_bytes(_big_spreadsheet(4000))

    importing = _manage(env, "import_tracker", str(spreadsheet), "--committee", "CO&S")
    deadline = time.monotonic() + 120
    while not _import_is_writing(database):
        assert importing.poll() is None, "the import ended before it could be killed"
        assert time.monotonic() < deadline, "the import never began writing"
        time.sleep(0.05)
    time.sleep(0.2)  # let it write a good many rows
    assert importing.poll() is None, "the import finished before it could be killed"
    importing.send_signal(signal.SIGKILL)
    importing.wait(timeout=30)

    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT COUNT(*) FROM tracker_item").fetchone() == (0,)
        assert db.execute("SELECT COUNT(*) FROM tracker_recommendation").fetchone() == (0,)
        assert db.execute("SELECT COUNT(*) FROM committees_meeting").fetchone() == (0,)
        assert db.execute("SELECT COUNT(*) FROM tracker_historicalitem").fetchone() == (0,)
        assert db.execute("SELECT name FROM committees_committee").fetchall() == [
            ("Corporate O&S",)
        ]
