"""Security and resilience: lockout, headers, passwords, sessions, a database that is down."""

import io
import zipfile

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.urls import reverse

from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.files.parsers.tabular import read_tracker
from tests.core.factories import PASSWORD


def test_five_wrong_passwords_lock_the_account_out_even_for_the_right_one(client, officer):
    for _ in range(5):
        client.post(reverse("login"), {"username": officer.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": officer.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_from_one_client_do_not_lock_the_user_out_from_another(client, officer, settings):
    """Behind the council's proxy every request comes from the proxy's address: the lockout
    keys on the client's address the proxy saw, with the username."""
    settings.SCRUTINEER_TRUSTED_PROXIES = 1
    attacker = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    owner = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.10"}
    for _ in range(6):
        client.post(
            reverse("login"), {"username": officer.username, "password": "wrong"}, **attacker
        )
    locked = client.post(
        reverse("login"), {"username": officer.username, "password": PASSWORD}, **attacker
    )
    assert locked.status_code == 429
    response = client.post(
        reverse("login"), {"username": officer.username, "password": PASSWORD}, **owner
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_a_forged_x_forwarded_for_does_not_escape_the_lockout(client, officer):
    for n in range(5):
        client.post(
            reverse("login"),
            {"username": officer.username, "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    response = client.post(
        reverse("login"),
        {"username": officer.username, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert response.status_code == 429


def test_a_lockout_cools_off(settings):
    assert 0 < settings.AXES_COOLOFF_TIME <= 24
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_security_headers_on_every_page(client, db):
    response = client.get(reverse("home:home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("/", id="page"),
        pytest.param("/api/v1/committees", id="api"),
        pytest.param("/no-such-page/", id="not-found"),
        pytest.param("/login/", id="login"),
    ],
)
def test_a_permissions_policy_switches_off_browser_features_on_every_response(client, db, url):
    policy = client.get(url)["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


@pytest.mark.parametrize(
    "password",
    [
        pytest.param("short1!", id="too-short"),
        pytest.param("password1234", id="common"),
        pytest.param("123456789012", id="numeric"),
    ],
)
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_sessions_end_with_the_working_day_and_the_browser(settings):
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_HTTPONLY


def test_a_database_that_is_down_gives_a_503_page_not_a_traceback(client, db, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("could not connect to server")

    with monkeypatch.context() as patched:
        patched.setattr(
            "scrutineer.tracker.selectors.tracker_page.committee_list_with_counts", down
        )
        response = client.get(reverse("tracker:index"))
    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in response.content.decode()
    assert response["Retry-After"] == "60"


def test_a_spreadsheet_with_an_external_entity_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    sheet = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://' + str(secret) + '">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    import openpyxl

    book = io.BytesIO()
    openpyxl.Workbook().save(book)
    patched = io.BytesIO()
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(patched, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet.encode()
            target.writestr(info, data)
    with pytest.raises(ImportRefused) as refused:
        read_tracker(patched.getvalue(), filename="evil.xlsx")
    assert "TOP-SECRET" not in str(refused.value)
