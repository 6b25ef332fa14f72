"""Real worker processes run a queued job end to end: ``db_worker`` always, and ``rqworker``
when a Redis answers (nothing else needs one).

A worker is a separate process, so it cannot see the test's in-memory database: everything
here runs against a throwaway SQLite file that the subprocesses migrate and share.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 60
# A database of its own on the Redis, emptied afterwards; the test is skipped if it holds keys.
TEST_REDIS_URL = os.environ.get("SCRUTINEER_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def environment(database: Path, tasks: str = "db") -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO")}
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        SCRUTINEER_TASKS=tasks,
        REDIS_URL=TEST_REDIS_URL,
        EMAIL_URL="consolemail://",
        MEDIA_ROOT=str(database.parent / "media"),
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    """Run a command to its end and return what it printed."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def task_rows(database: Path) -> list[tuple[str, str | None]]:
    with sqlite3.connect(database, timeout=5) as connection:
        return connection.execute(
            "SELECT status, return_value FROM django_tasks_database_dbtaskresult"
        ).fetchall()


QUEUE_DOCUMENT = """
from scrutineer.committees.models import Committee
from scrutineer.exports.tasks import make_tracker_document
from scrutineer.jobs.services import job_request
committee = Committee.objects.order_by("pk").first()
job_request(task=make_tracker_document, kind="tracker-document", title="Tracker", user=None,
            params={"committee": committee.pk, "format": "docx"}, audience="public")
"""


def job_row(database: Path) -> tuple[str, str, int, int]:
    with sqlite3.connect(database, timeout=5) as connection:
        return connection.execute("SELECT status, result, done, total FROM jobs_job").fetchone()


def test_a_worker_process_runs_a_queued_job_and_stops_on_ctrl_c(tmp_path):
    database = tmp_path / "worker.sqlite3"
    env = environment(database)
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo", "--if-empty")  # before the worker: it is the document's data
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=ROOT,
        start_new_session=True,  # a signal meant for the test run never reaches it
    )
    try:
        assert "Queued the alerts as task" in manage(env, "send_alerts", "--queue")
        deadline = time.monotonic() + WAIT_SECONDS
        while not (rows := task_rows(database)) or rows[0][0] in {"READY", "RUNNING"}:
            assert worker.poll() is None, "the worker died"
            assert time.monotonic() < deadline, f"the job did not finish: {rows}"
            time.sleep(0.2)
        ((status, return_value),) = rows
        assert status == "SUCCESSFUL"
        assert json.loads(return_value) == 0  # no subscribers yet: nothing to send

        # A document asked for as a job: the worker makes it and the job offers the file.
        manage(env, "shell", "-c", QUEUE_DOCUMENT)
        deadline = time.monotonic() + WAIT_SECONDS
        while (job := job_row(database))[0] in {"queued", "running"}:
            assert worker.poll() is None, "the worker died"
            assert time.monotonic() < deadline, f"the document was not made: {job}"
            time.sleep(0.2)
        status, result, done, total = job
        assert (status, done) == ("done", total)
        assert (tmp_path / "media" / result).read_bytes().startswith(b"PK")  # a Word file
        worker.send_signal(signal.SIGINT)
        assert worker.wait(timeout=20) == 0
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=10)
        log.close()
    assert "state=SUCCESSFUL" in (tmp_path / "worker.log").read_text()


@pytest.fixture
def empty_redis():
    connection = redis.Redis.from_url(TEST_REDIS_URL)
    try:
        if connection.dbsize():
            pytest.skip(f"{TEST_REDIS_URL} is not empty")
    except redis.ConnectionError:
        pytest.skip(f"no Redis answers at {TEST_REDIS_URL}")
    yield
    connection.flushdb()


def test_an_rq_worker_runs_a_queued_job_with_only_configuration_changed(tmp_path, empty_redis):
    env = environment(tmp_path / "rq.sqlite3", tasks="rq")
    manage(env, "migrate", "--no-input")
    assert "Queued the alerts as task" in manage(env, "send_alerts", "--queue")
    log_path = tmp_path / "rqworker.log"
    log = log_path.open("w")
    worker = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "rqworker",
            "--job-class",
            "django_tasks_rq.Job",
            "default",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        done = "path=scrutineer.alerts.tasks.send_alerts state=SUCCESSFUL"
        while done not in log_path.read_text():
            assert worker.poll() is None, log_path.read_text()
            assert time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.2)
    finally:
        # RQ's own shutdown may wait up to a minute on its Redis subscription (rq 3.0), so
        # once the job is seen done the worker is simply stopped.
        worker.kill()
        worker.wait(timeout=10)
        log.close()
