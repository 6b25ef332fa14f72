import datetime

import pytest
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django_tasks_db.models import DBTaskResult, get_date_max

from scrutineer.core.roles import Role
from tests.core.factories import PASSWORD


def test_home_page_is_public_and_names_the_council(client, db, settings):
    settings.SCRUTINEER_COUNCIL_NAME = "Borsetshire County Council"
    response = client.get(reverse("home:home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Borsetshire County Council" in content
    assert 'class="govuk-skip-link"' in content
    assert "Sign in" in content


def test_healthz_answers_200_when_the_database_answers(client, db, settings):
    settings.SCRUTINEER_TASKS = "db"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "queue": {"backend": "db", "status": "ok", "waiting": 0, "oldest_waiting_seconds": 0},
    }


def test_healthz_reports_a_queue_that_no_worker_keeps_up_with(client, db, settings):
    settings.SCRUTINEER_TASKS = "db"
    waiting = DBTaskResult.objects.create(
        task_path="scrutineer.alerts.tasks.send_alerts",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=waiting.pk).update(
        enqueued_at=timezone.now() - datetime.timedelta(hours=1)
    )
    response = client.get("/healthz")
    # Pages are still served without a worker: reported, not a failure.
    assert response.status_code == 200
    queue = response.json()["queue"]
    assert (queue["status"], queue["waiting"]) == ("backlog", 1)
    assert queue["oldest_waiting_seconds"] >= 3600


def test_healthz_answers_over_plain_http_when_https_is_required(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301  # everything else goes to HTTPS


def test_healthz_answers_503_when_redis_does_not_on_rq(client, db, settings):
    settings.SCRUTINEER_TASKS = "rq"
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0"}}  # nothing listens
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["queue"] == {"backend": "rq", "status": "unreachable"}


def test_healthz_answers_503_when_the_database_does_not(client, db, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    with monkeypatch.context() as patched:
        patched.setattr("scrutineer.core.views.connection.cursor", broken_cursor)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_login_with_the_right_password_signs_in_and_shows_the_name(client, officer):
    response = client.post(
        reverse("login"), {"username": officer.username, "password": PASSWORD}, follow=True
    )
    assert response.context["user"] == officer
    # The page escapes what it prints, so compare with the name as HTML writes it: Faker's
    # en_GB names include "O'Donnell".
    assert escape(officer.get_full_name()) in response.content.decode()
    assert Role.OFFICER.value in response.content.decode()


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        pytest.param("", "", "Enter your username", id="nothing"),
        pytest.param("someone", "", "Enter your password", id="no-password"),
        pytest.param("someone", "wrong", "Enter a correct username and password", id="wrong"),
    ],
)
def test_login_errors_are_summarised_and_linked_to_the_field(
    client, officer, username, password, message
):
    response = client.post(reverse("login"), {"username": username, "password": password})
    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert message in content
    assert "<title>Error: Sign in" in content


def test_logout_needs_post_and_signs_out(client, officer):
    client.force_login(officer)
    response = client.post(reverse("logout"), follow=True)
    assert not response.context["user"].is_authenticated


def test_pages_send_a_content_security_policy_without_inline_scripts(client, db):
    response = client.get(reverse("home:home"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()
