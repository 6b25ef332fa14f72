"""The simulated users of ``make load`` (bench/load.py runs this; it is not run on its own).

Public readers (tracker pages, item and recommendation pages, the JSON API, Atom feeds),
searchers (``?q=`` on the tracker page), officers who sign in once and post progress
updates through the real form, and readers who ask for the large committee's tracker as a
Word file: a job for the task worker, followed on its status until the file is offered.
Each progress update carries a unique token; the tokens of the updates the server confirmed
(302 after the POST) are written to LOAD_RESULTS at the end, with the figures per kind of
request, so that load.py can report them and look for every confirmed update in the database.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from pathlib import Path

from locust import HttpUser, between, events, task
from locust.exception import StopUser

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text())
RESULTS = Path(os.environ["LOAD_RESULTS"])
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
API_LISTS = ["committees", "meetings", "items", "recommendations", "progress-updates", "people"]

confirmed: list[str] = []
attempted: list[str] = []
officer_logins = iter(PLAN["officers"])
update_numbers = itertools.count(1)


@events.quitting.add_listener
def results_write(environment, **_kwargs) -> None:
    """Figures per request kind and the tokens, once every user has stopped."""
    stats = environment.stats
    kinds = [*sorted(stats.entries.values(), key=lambda e: e.name), stats.total]
    RESULTS.write_text(
        json.dumps(
            {
                "kinds": [
                    {
                        "name": entry.name,
                        "requests": entry.num_requests,
                        "failures": entry.num_failures,
                        "rps": entry.total_rps,
                        "p50": entry.median_response_time,
                        "p95": entry.get_response_time_percentile(0.95),
                        "max": entry.max_response_time,
                    }
                    for entry in kinds
                ],
                "errors": [
                    f"{error.occurrences} x {error.method} {error.name}: {error.error}"
                    for error in stats.errors.values()
                ],
                "confirmed": confirmed,
                "attempted": attempted,
            }
        )
    )


def csrf_token(html: str) -> str | None:
    found = CSRF.search(html)
    return found.group(1) if found else None


class PublicReader(HttpUser):
    """Someone reading the published tracker, or a system reading the open data."""

    weight = 3
    wait_time = between(0.5, 2)

    @task(4)
    def tracker_page(self) -> None:
        slug = random.choice(PLAN["committees"])
        page = random.randint(1, PLAN["tracker_pages"]) if slug == "load" else 1
        self.client.get(f"/tracker/committees/{slug}/?page={page}", name="tracker page")

    @task(1)
    def tracker_open(self) -> None:
        self.client.get("/tracker/committees/load/?status=open", name="tracker page, open")

    @task(3)
    def item_page(self) -> None:
        self.client.get(f"/tracker/items/{random.choice(PLAN['items'])}/", name="item page")

    @task(2)
    def recommendation_page(self) -> None:
        pk = random.choice(PLAN["recommendations"])
        self.client.get(f"/tracker/recommendations/{pk}/", name="recommendation page")

    @task(3)
    def api_list(self) -> None:
        endpoint = random.choice(API_LISTS)
        self.client.get(f"/api/v1/{endpoint}?limit=50", name=f"API {endpoint}")

    @task(1)
    def committee_feed(self) -> None:
        slug = random.choice(PLAN["committees"])
        self.client.get(f"/api/feeds/committees/{slug}.atom", name="Atom committee feed")

    @task(1)
    def recommendation_feed(self) -> None:
        pk = random.choice(PLAN["recommendations"])
        self.client.get(f"/api/feeds/recommendations/{pk}.atom", name="Atom recommendation feed")


class Searcher(HttpUser):
    """Someone searching a committee's tracker."""

    weight = 1
    wait_time = between(0.5, 2)

    @task
    def search(self) -> None:
        words = random.sample(PLAN["words"], random.choice([1, 1, 2]))
        slug = random.choice(PLAN["committees"])
        self.client.get(
            f"/tracker/committees/{slug}/", params={"q": " ".join(words)}, name="tracker search"
        )


class Officer(HttpUser):
    """An officer who signs in once and posts progress on the recommendations assigned."""

    fixed_count = int(os.environ.get("LOAD_OFFICERS", "10"))
    wait_time = between(1, 3)

    def on_start(self) -> None:
        login = next(officer_logins, None)
        if login is None:
            raise StopUser
        self.username = login["username"]
        self.recommendations = login["recommendations"]
        page = self.client.get("/login/", name="sign-in form")
        with self.client.post(
            "/login/",
            data={
                "username": login["username"],
                "password": login["password"],
                "csrfmiddlewaretoken": csrf_token(page.text) or "",
            },
            name="sign in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in as {self.username} gave {response.status_code}")
                raise StopUser
            response.success()

    @task(4)
    def progress_update(self) -> None:
        pk = random.choice(self.recommendations)
        url = f"/tracker/recommendations/{pk}/progress/"
        form = self.client.get(url, name="progress form")
        token = csrf_token(form.text)
        if form.status_code != 200 or token is None:
            return
        marker = f"{PLAN['run_id']}-{self.username}-{next(update_numbers)}"
        attempted.append(marker)
        with self.client.post(
            url,
            data={
                "text": f"Met the service lead; the plan is on track ({marker}).",
                "csrfmiddlewaretoken": token,
            },
            name="progress update (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code == 302 and "/login/" not in location:
                confirmed.append(marker)
                response.success()
            else:
                response.failure(f"{response.status_code} to {location or 'nowhere'}")

    @task(1)
    def my_actions(self) -> None:
        self.client.get("/tracker/my-actions/", name="my actions (officer)")

    @task(1)
    def recommendation_page(self) -> None:
        pk = random.choice(self.recommendations)
        self.client.get(f"/tracker/recommendations/{pk}/", name="recommendation page (officer)")


class Downloader(HttpUser):
    """Someone downloading the large committee's tracker as Word: queued as a job, made by the
    worker beside gunicorn, followed on its status, then downloaded. A job that fails, or is
    not done within JOB_SECONDS, is a failed request."""

    fixed_count = int(os.environ.get("LOAD_DOWNLOADERS", "2"))
    wait_time = between(5, 10)
    JOB_SECONDS = 120

    @task
    def large_download(self) -> None:
        with self.client.get(
            "/exports/tracker/load/docx/",
            name="large download (queued as a job)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            job = response.headers.get("Location", "")
            if response.status_code != 302 or "/jobs/" not in job:
                response.failure(f"{response.status_code} to {job or 'nowhere'}, not a job")
                return
            response.success()
        deadline = time.monotonic() + self.JOB_SECONDS
        while time.monotonic() < deadline:
            state = self.client.get(f"{job}status/", name="job status").json()
            if state["finished"]:
                break
            time.sleep(1)
        with self.client.get(
            f"{job}download/", name="job download", catch_response=True
        ) as download:
            if download.status_code != 200 or not download.content.startswith(b"PK"):
                download.failure(f"{download.status_code}: the job gave no Word file")
            else:
                download.success()
