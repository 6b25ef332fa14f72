"""A bounded load test on PostgreSQL: ``make load``.

Creates a throwaway database (``scrutineer_load``), migrates it, loads the demo data and a
synthetic committee (LOAD_ITEMS items, default 500), serves it with gunicorn (2 workers,
production settings) and one task worker (``db_worker``, for the large downloads) and runs
locust headless on loopback against it (LOAD_USERS simulated users, default 50, for
LOAD_DURATION, default 60s): public readers, searchers, officers posting progress updates
through the real form, and downloaders of a large Word tracker (a job). Prints
throughput, p95 and errors per kind of request, then checks that every progress update
locust saw saved is in the database.
Exits non-zero on any error or lost update. Needs PostgreSQL (LOAD_DATABASE_URL, default
``postgres://postgres@127.0.0.1:5432/scrutineer_load``); the database is dropped at the end.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DATABASE_URL = os.environ.get(
    "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/scrutineer_load"
)
ITEMS = int(os.environ.get("LOAD_ITEMS", "500"))
USERS = int(os.environ.get("LOAD_USERS", "50"))
DURATION = os.environ.get("LOAD_DURATION", "60s")
# Officers are a fixed number of the simulated users; each signs in once, with its own login.
OFFICERS = int(os.environ.get("LOAD_OFFICERS", "10"))
PASSWORD = "load-test-password-" + secrets.token_hex(8)
RUN_ID = "loadtoken" + secrets.token_hex(4)
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


def fail(message: str, code: int = 2) -> None:
    print(f"make load: {message}", file=sys.stderr, flush=True)
    sys.exit(code)


def admin_conninfo() -> tuple[str, str]:
    """The server's maintenance database (postgres) and the name of the throwaway one."""
    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    if parts.scheme not in {"postgres", "postgresql", "pgsql"} or not name:
        fail(f"LOAD_DATABASE_URL must be a postgres:// URL with a database name: {DATABASE_URL}")
    return urlunsplit(parts._replace(scheme="postgresql", path="/postgres")), name


def database_recreate() -> None:
    conninfo, name = admin_conninfo()
    try:
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as exc:
        parts = urlsplit(DATABASE_URL)
        fail(
            f"PostgreSQL does not answer at {parts.hostname}:{parts.port or 5432} "
            f"({str(exc).strip().splitlines()[0]}). make load needs a PostgreSQL server: "
            "start one, or point LOAD_DATABASE_URL at one (a user that may create databases)."
        )


def database_drop() -> None:
    conninfo, name = admin_conninfo()
    with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def server_environment() -> dict[str, str]:
    """Production settings, over plain HTTP on loopback."""
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SCRUTINEER_HTTPS": "false",
        # Every simulated reader comes from 127.0.0.1: the public API's per-address limit
        # (120/m in production) would turn the test into a test of the throttle.
        "SCRUTINEER_API_ANON_RATE": "1000000/m",
        "EMAIL_URL": "dummymail://",
        "SCRUTINEER_TASKS": "db",
        "LOG_LEVEL": "WARNING",
    }


def build() -> dict:
    """Migrate, load the demo data and a synthetic committee; return what locust needs."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from scrutineer.committees.models import Committee, Meeting
    from scrutineer.core.models import Person
    from scrutineer.core.roles import Role
    from scrutineer.core.services import role_group
    from scrutineer.tracker.models import Item, ProgressUpdate, Recommendation
    from scrutineer.tracker.services.search import item_reindex

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115

    user_model = get_user_model()
    password = make_password(PASSWORD)  # hashed once: the same password for every officer
    users = user_model.objects.bulk_create(
        user_model(username=f"load-officer-{n:02}", password=password) for n in range(OFFICERS)
    )
    officer_group = role_group(Role.OFFICER)
    user_model.groups.through.objects.bulk_create(
        user_model.groups.through(user_id=user.pk, group_id=officer_group.pk) for user in users
    )
    officers = Person.objects.bulk_create(
        Person(name=f"Load Officer {n}", kind="officer", directorate="Resources", user=user)
        for n, user in enumerate(users)
    )
    others = Person.objects.bulk_create(
        Person(name=f"Officer {n}", kind="officer", directorate=f"Directorate {n % 5}")
        for n in range(40)
    )
    # Officers first, round-robin over an item's three recommendations: several officers
    # share each item, so their updates to the same item's search text race.
    people = [*officers, *others]
    committee = Committee.objects.create(name="Load O&S Committee", short_name="LOS", slug="load")
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
            reference=f"LOS {item.pk}-{k + 1}",
            text=f"Review the {WORDS[(item.pk + k) % len(WORDS)]} plan",
            status="open" if (n + k) % 3 else "closed",
            closed_on=None if (n + k) % 3 else item.meeting.date,
        )
        for n, item in enumerate(items)
        for k in range(3)
    )
    through = Recommendation.assignees.through
    assigned: dict[int, list[int]] = {person.pk: [] for person in officers}
    links = []
    for i, rec in enumerate(recs):
        person = people[i % len(people)]
        links.append(through(recommendation=rec, person=person))
        if person.pk in assigned and rec.status == "open":
            assigned[person.pk].append(rec.pk)
    through.objects.bulk_create(links)
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
    for item in Item.objects.filter(meeting__committee=committee):
        item_reindex(item)

    plan = {
        "run_id": RUN_ID,
        "committees": ["load", "corporate-os"],
        "tracker_pages": max(1, (ITEMS + 24) // 25),
        "items": list(Item.objects.filter(is_exempt=False).values_list("pk", flat=True)),
        "recommendations": list(
            Recommendation.objects.filter(item__is_exempt=False).values_list("pk", flat=True)
        ),
        "words": WORDS,
        "officers": [
            {"username": user.username, "password": PASSWORD, "recommendations": assigned[p.pk]}
            for user, p in zip(users, officers, strict=True)
        ],
    }
    from django.db import connections

    connections.close_all()
    return plan


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            print(log.read_text(), file=sys.stderr)
            fail("gunicorn exited before it served a request (its log is above).")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    fail(f"gunicorn did not answer {url} within 60 s.")


def server_stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def report(results: dict) -> tuple[int, int]:
    """Print the figures per kind of request and the errors; return (failures, requests)."""
    lines = [
        "| request | requests | req/s | p50 ms | p95 ms | max ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind in results["kinds"]:
        name = "**all**" if kind["name"] == "Aggregated" else kind["name"]
        lines.append(
            f"| {name} | {kind['requests']} | {kind['rps']:.1f} | {kind['p50']:.0f} "
            f"| {kind['p95']:.0f} | {kind['max'] or 0:.0f} | {kind['failures']} |"
        )
    print("\n".join(lines))
    for error in results["errors"]:
        print(f"  {error}")
    total = results["kinds"][-1]
    return total["failures"], total["requests"]


def verify(results: dict) -> tuple[int, int, int, int]:
    """Updates locust saw saved vs. those in PostgreSQL: (confirmed, lost, stored, unindexed).

    An update is lost when the server confirmed it (302) but it is not in the database;
    unindexed when it is stored but its item's search text does not contain it."""
    confirmed = set(results["confirmed"])
    token = re.compile(re.escape(RUN_ID) + r"-[0-9a-z-]+")
    with psycopg.connect(DATABASE_URL.replace("postgres://", "postgresql://", 1)) as conn:
        stored = {
            match
            for (text,) in conn.execute(
                "SELECT text_html FROM tracker_progressupdate WHERE text_html LIKE %s",
                [f"%{RUN_ID}%"],
            )
            for match in token.findall(text)
        }
        indexed = {
            match
            for (text,) in conn.execute(
                "SELECT search_document FROM tracker_item WHERE search_document LIKE %s",
                [f"%{RUN_ID}%"],
            )
            for match in token.findall(text)
        }
    lost = confirmed - stored
    unindexed = stored - indexed
    for name in sorted(lost)[:10]:
        print(f"  lost: {name}")
    for name in sorted(unindexed)[:10]:
        print(f"  saved but missing from its item's search text: {name}")
    return len(confirmed), len(lost), len(stored), len(unindexed)


def locust_run(host: str, work: Path, plan_file: Path) -> dict:
    """Run locust headless; return the figures and tokens its locustfile wrote."""
    results_file = work / "results.json"
    log = work / "locust.log"
    with log.open("w") as output:
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                f"--locustfile={ROOT / 'bench' / 'locustfile.py'}",
                "--headless",
                f"--users={USERS}",
                f"--spawn-rate={USERS}",
                f"--run-time={DURATION}",
                # Let requests in flight at the end finish, so their outcome is known.
                "--stop-timeout=30",
                f"--host={host}",
                "--only-summary",
                "--loglevel=WARNING",
            ],
            env={**os.environ, "LOAD_PLAN": str(plan_file), "LOAD_RESULTS": str(results_file)},
            stdout=output,
            stderr=subprocess.STDOUT,
            check=False,
        )
    # Exit code 1 only says that some requests failed: the figures say which.
    if run.returncode not in (0, 1) or not results_file.exists():
        print(log.read_text(), file=sys.stderr)
        fail(f"locust exited with {run.returncode} (its output is above).", code=1)
    return json.loads(results_file.read_text())


def main() -> int:
    started = time.monotonic()
    database_recreate()
    os.environ.update(server_environment())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutineer.settings")
    work = Path(tempfile.mkdtemp(prefix="scrutineer-load-"))
    os.environ["MEDIA_ROOT"] = str(work / "media")  # the jobs' files, gone with the run
    server = collectstatic = worker = None
    try:
        # Production settings serve the collected (hashed, compressed) files: collect them
        # while the data is built, on the other core.
        collectstatic = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--no-input", "-v0"],
            env=os.environ.copy(),
        )
        plan = build()
        if collectstatic.wait() != 0:
            fail("manage.py collectstatic failed (its output is above).", code=1)
        plan_file = work / "plan.json"
        plan_file.write_text(json.dumps(plan))
        print(
            f"Built {DATABASE_URL.rsplit('/', 1)[-1]} in {time.monotonic() - started:.0f} s: "
            f"{len(plan['items']):,} items, {len(plan['recommendations']):,} recommendations "
            "(demo data and a synthetic committee).",
            flush=True,
        )
        port = free_port()
        host = f"http://127.0.0.1:{port}"
        log = work / "gunicorn.log"
        with log.open("w") as output:
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "scrutineer.wsgi",
                    "--workers=2",
                    f"--bind=127.0.0.1:{port}",
                    f"--chdir={ROOT}",
                    f"--pythonpath={ROOT / 'src'}",
                    "--timeout=60",
                    "--log-level=warning",
                ],
                stdout=output,
                stderr=subprocess.STDOUT,
                env=os.environ.copy(),
            )
        worker_log = work / "worker.log"
        with worker_log.open("w") as output:
            worker = subprocess.Popen(
                [sys.executable, str(ROOT / "manage.py"), "db_worker", "--no-reload"],
                stdout=output,
                stderr=subprocess.STDOUT,
                env=os.environ.copy(),
            )
        wait_until_up(f"{host}/healthz", server, log)
        print(
            f"gunicorn (2 sync workers, DEBUG=false) and one db_worker at {host}; "
            f"locust: {USERS} users "
            f"({OFFICERS} officers posting progress) for {DURATION}.\n",
            flush=True,
        )
        results = locust_run(host, work, plan_file)
        failures, total = report(results)
        confirmed, lost, stored, unindexed = verify(results)
        print(
            f"\nProgress updates: {confirmed} confirmed to locust, {stored} in PostgreSQL, "
            f"{lost} lost; {unindexed} missing from their item's search text."
        )
        server_stop(server)
        server_stop(worker)
        server_log = log.read_text() + worker_log.read_text()
        tracebacks = server_log.count("Traceback")
        if tracebacks:
            print(f"gunicorn and the worker logged {tracebacks} tracebacks; the first:\n")
            print(server_log[server_log.index("Traceback") :][:3000])
        problems = []
        if total == 0:
            problems.append("no requests were made")
        if failures:
            problems.append(f"{failures} of {total} requests failed")
        if confirmed == 0:
            problems.append("no progress update was saved")
        if lost:
            problems.append(f"{lost} progress updates were lost")
        if unindexed:
            problems.append(f"{unindexed} progress updates are missing from the search text")
        if tracebacks:
            problems.append(f"gunicorn logged {tracebacks} tracebacks")
        if problems:
            print("\nmake load FAILED: " + "; ".join(problems) + ".", file=sys.stderr)
            print(f"The logs are in {work}.", file=sys.stderr)
            return 1
        print("\nmake load passed: no errors, no lost updates.")
        shutil.rmtree(work)  # kept on failure: gunicorn.log and locust.log are there
        return 0
    finally:
        if collectstatic is not None and collectstatic.poll() is None:
            collectstatic.kill()
        if server is not None:
            server_stop(server)
        if worker is not None:
            server_stop(worker)
        database_drop()


if __name__ == "__main__":
    sys.exit(main())
