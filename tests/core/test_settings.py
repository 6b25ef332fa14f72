"""The production configuration passes Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        check=False,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        ALLOWED_HOSTS="scrutiny.example.gov.uk",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    environment = {"DEBUG": "false", "DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}"}
    result = run_manage("check", **environment)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_the_rq_backend_is_chosen_by_configuration_and_checks_without_redis(tmp_path):
    # Nothing connects to Redis until a job is queued: the checks pass with none listening.
    result = run_manage(
        "check",
        "--fail-level",
        "WARNING",
        SCRUTINEER_TASKS="rq",
        REDIS_URL="redis://127.0.0.1:1/0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'rq.sqlite3'}",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_unknown_task_backend_is_refused_by_name(tmp_path):
    result = run_manage(
        "check", SCRUTINEER_TASKS="celery", DATABASE_URL=f"sqlite:///{tmp_path / 't.sqlite3'}"
    )
    assert result.returncode != 0
    assert "SCRUTINEER_TASKS is 'celery'; it must be one of db, rq, immediate." in result.stderr


def test_collectstatic_succeeds_with_the_production_storage(tmp_path):
    # The manifest storage follows every file a script or stylesheet names (a source map,
    # say): one missing file makes a deployment's collectstatic fail.
    result = run_manage(
        "collectstatic",
        "--no-input",
        DEBUG="false",
        SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        ALLOWED_HOSTS="scrutiny.example.gov.uk",
        DATABASE_URL=f"sqlite:///{tmp_path / 'static.sqlite3'}",
        SCRUTINEER_STATIC_ROOT=str(tmp_path / "static"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "scrutineer/accessible-autocomplete.min.js" in manifest
    assert "scrutineer/scrutineer.css" in manifest
