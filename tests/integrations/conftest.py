"""A stand-in for a council's Modern.gov web service: an HTTP server on loopback serving the
recorded answers in tests/fixtures/moderngov by operation and parameters, which each test
may swap for a variant (a changed title, an answer cut short, a bot-protection page, a 404).
No test ever calls a real council: any request to another host fails the test."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "moderngov"
EMPTY_MEETINGS = b"""<?xml version="1.0" encoding="utf-8"?>
<getmeetings><meetingscount> 0</meetingscount><committeescount> 0</committeescount></getmeetings>
"""
BOT_PAGE = b"""<!DOCTYPE html><html><head><title>Just a moment...</title></head>
<body><p>Checking your browser before accessing democracy.example.gov.uk.</p></body></html>"""


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@dataclass
class Answer:
    body: bytes
    status: int = 200
    content_type: str = "text/xml; charset=utf-8"
    delay: float = 0.0


@dataclass
class StandIn:
    """The service at ``url``. ``files`` are the answers by name (``GetMeeting-4967.xml``);
    ``answers`` override an operation, or an operation with one parameter's value
    (``("GetMeeting", "4967")``), with an Answer or a list of them served in turn."""

    url: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    answers: dict[object, Answer | list[Answer]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str], dict[str, str]]] = field(default_factory=list)

    def use_variants(self) -> None:
        for path in (FIXTURES / "variants").glob("*.xml"):
            self.files[path.name] = path.read_bytes()

    def replace(self, name: str, old: str, new: str) -> None:
        text = self.files[name].decode()
        assert old in text, f"{old!r} is not in {name}"
        self.files[name] = text.replace(old, new).encode()

    def calls(self, operation: str) -> list[dict[str, str]]:
        return [params for op, params, _ in self.requests if op == operation]

    def answer(self, operation: str, params: dict[str, str]) -> Answer:
        key_value = next(iter(params.values()), "") if params else ""
        for key in ((operation, key_value), operation):
            if key in self.answers:
                found = self.answers[key]
                if isinstance(found, list):
                    return found.pop(0) if len(found) > 1 else found[0]
                return found
        if operation == "GetCommittees":
            return Answer(self.files["GetCommittees.xml"])
        if operation == "GetCouncillorsByWard":
            return Answer(self.files["GetCouncillorsByWard-excerpt.xml"])
        if operation == "GetMeetings":
            return Answer(
                self.files.get(f"GetMeetings-{params.get('lCommitteeId')}.xml", EMPTY_MEETINGS)
            )
        if operation == "GetMeeting":
            found = self.files.get(f"GetMeeting-{params.get('lMeetingId')}.xml")
            if found is None:
                return Answer(b"<html><body>Not found</body></html>", 404, "text/html")
            return Answer(found)
        return Answer(b"Unknown web method", 500, "text/plain")


def _handler(stand_in: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            assert parts.path.startswith("/mgWebService.asmx/"), parts.path
            operation = parts.path.rsplit("/", 1)[-1]
            params = {name: values[0] for name, values in parse_qs(parts.query).items()}
            stand_in.requests.append((operation, params, dict(self.headers.items())))
            answer = stand_in.answer(operation, params)
            if answer.delay:
                time.sleep(answer.delay)
            try:
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up first (a timeout test): nothing to tell it

        def log_message(self, *args: object) -> None:
            pass  # quiet

    return Handler


@pytest.fixture
def stand_in() -> Iterator[StandIn]:
    service = StandIn(files={path.name: path.read_bytes() for path in FIXTURES.glob("*.xml")})
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(service))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    service.url = f"http://127.0.0.1:{server.server_address[1]}/mgWebService.asmx"
    try:
        yield service
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def _only_loopback(monkeypatch):
    """The client may only reach the stand-in: a request anywhere else fails the test."""
    real = httpx.HTTPTransport.handle_request

    def guarded(self, request):
        assert request.url.host in {"127.0.0.1", "localhost"}, f"called {request.url}"
        return real(self, request)

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", guarded)


@pytest.fixture(autouse=True)
def _no_waiting(settings):
    settings.SCRUTINEER_MODERNGOV_DELAY_SECONDS = 0
    settings.SCRUTINEER_MODERNGOV_RETRY_SECONDS = 0
    settings.SCRUTINEER_MODERNGOV_TIMEOUT_SECONDS = 5


@pytest.fixture
def sync(stand_in) -> Callable[..., object]:
    """Run ``manage.py sync_moderngov`` against the stand-in; returns its output (and the
    CommandError, if it raised one, as ``.error``)."""
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    class Output(str):
        error: CommandError | None = None

    def run(*args: str) -> Output:
        out = StringIO()
        error = None
        try:
            call_command(
                "sync_moderngov",
                "--url",
                stand_in.url,
                "--from",
                "01/05/2025",
                "--to",
                "31/03/2027",
                *args,
                stdout=out,
            )
        except CommandError as raised:
            error = raised
        found = Output(out.getvalue())
        found.error = error
        return found

    return run
