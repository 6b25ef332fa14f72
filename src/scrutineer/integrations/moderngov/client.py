"""The client of a council's Modern.gov web service: HTTP GET of ``mgWebService.asmx``.

Each call names itself to the council (a User-Agent naming Scrutineer), waits a polite delay
after the one before, gives up after a timeout, and tries again with a growing pause when the
service cannot be reached or answers with a server error (5xx). Whatever goes wrong is a
:class:`ModernGovError` naming the operation and its parameters. The answers are read by the
pure parsers of ``files.parsers.moderngov``.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from http import HTTPStatus
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
from django.conf import settings

from scrutineer.files.parsers import moderngov as parse
from scrutineer.files.parsers.moderngov import ModernGovError, Params

# No answer of the service comes near this; a larger one is not what was asked for.
MAX_ANSWER_BYTES = 50 * 1024 * 1024
ATTEMPTS = 3


def service_url(url: str) -> str:
    """The web service's address as given ("https://democracy.example.gov.uk" or its
    ``mgWebService.asmx``), made whole; raises ModernGovError for one that is not a web
    address."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ModernGovError(
            "this is not a web address (it should be like "
            "https://democracy.example.gov.uk/mgWebService.asmx)",
            operation="The Modern.gov address",
            params={"url": url or "(empty)"},
        )
    if not parts.path.lower().endswith(".asmx"):
        url = f"{url}/mgWebService.asmx"
    return url


def _date(day: datetime.date) -> str:
    # The service reads dates as dd/mm/yyyy: an ISO date makes some installs ignore the range.
    return f"{day:%d/%m/%Y}"


class ModernGovClient:
    """One council's web service. Use it as a context manager, so its connections close."""

    def __init__(
        self,
        url: str,
        *,
        timeout: float | None = None,
        delay: float | None = None,
        retry_pause: float | None = None,
        attempts: int = ATTEMPTS,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.url = service_url(url)
        self.delay = settings.SCRUTINEER_MODERNGOV_DELAY_SECONDS if delay is None else delay
        self.retry_pause = (
            settings.SCRUTINEER_MODERNGOV_RETRY_SECONDS if retry_pause is None else retry_pause
        )
        self.attempts = max(1, attempts)
        self.sleep = sleep
        self.calls = 0
        self._last: float | None = None
        self._http = httpx.Client(
            timeout=settings.SCRUTINEER_MODERNGOV_TIMEOUT_SECONDS if timeout is None else timeout,
            headers={
                "User-Agent": f"Scrutineer/0.1 (committee sync; +{settings.SCRUTINEER_BASE_URL})",
                "Accept": "text/xml, application/xml",
            },
            follow_redirects=True,
        )

    def __enter__(self) -> ModernGovClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def agenda_url(self, committee_id: str, meeting_id: str) -> str:
        """The meeting's agenda page on the council's site, beside the web service."""
        return urljoin(self.url, f"ieListDocuments.aspx?CId={committee_id}&MId={meeting_id}")

    # --- The operations ------------------------------------------------------------------

    def committees(self) -> list[parse.Committee]:
        params = {"lDummy": 0}
        return parse.parse_committees(self.fetch("GetCommittees", params), params)

    def meetings(
        self, committee_id: str, date_from: datetime.date, date_to: datetime.date
    ) -> list[parse.MeetingSummary]:
        params = {
            "lCommitteeId": committee_id,
            "sFromDate": _date(date_from),
            "sToDate": _date(date_to),
        }
        return parse.parse_meetings(self.fetch("GetMeetings", params), params)

    def meeting(self, meeting_id: str) -> parse.Meeting:
        params = {"lMeetingId": meeting_id}
        return parse.parse_meeting(self.fetch("GetMeeting", params), params)

    def councillors_by_ward(self) -> list[parse.Councillor]:
        params = {"lDummy": 0}
        return parse.parse_councillors_by_ward(self.fetch("GetCouncillorsByWard", params), params)

    # --- HTTP ----------------------------------------------------------------------------

    def fetch(self, operation: str, params: Params) -> bytes:
        """The body of ``GET <service>/<operation>?<params>``, retried on a connection error
        or a server error; raises ModernGovError."""
        for attempt in range(1, self.attempts + 1):
            self._wait()
            try:
                return self._get(operation, params)
            except _Retry as retry:
                if attempt == self.attempts:
                    raise ModernGovError(
                        f"{retry.reason} (tried {self.attempts} times)",
                        operation=operation,
                        params=params,
                    ) from None
                self.sleep(self.retry_pause * 2 ** (attempt - 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait(self) -> None:
        if self._last is not None and self.delay > 0:
            pause = self.delay - (time.monotonic() - self._last)
            if pause > 0:
                self.sleep(pause)
        self._last = time.monotonic()
        self.calls += 1

    def _get(self, operation: str, params: Params) -> bytes:
        query: dict[str, Any] = {name: str(value) for name, value in params.items()}
        try:
            with self._http.stream("GET", f"{self.url}/{operation}", params=query) as response:
                status = response.status_code
                if status >= 500:
                    raise _Retry(f"the service answered {_status(status)}")
                if status >= 400:
                    raise ModernGovError(
                        f"the service answered {_status(status)}"
                        + (
                            " (the meeting does not exist, or is not public)"
                            if status == 404
                            else ""
                        ),
                        operation=operation,
                        params=params,
                    )
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > MAX_ANSWER_BYTES:
                        raise ModernGovError(
                            f"the answer is larger than {MAX_ANSWER_BYTES // 1024 // 1024} MB",
                            operation=operation,
                            params=params,
                        )
                if "html" in response.headers.get("content-type", "").lower():
                    raise ModernGovError(
                        "the service answered with a web page, not XML: the web service may be "
                        "switched off, or the council's site may be behind bot protection",
                        operation=operation,
                        params=params,
                    )
                return bytes(body)
        except httpx.TimeoutException:
            raise _Retry("the service did not answer in time") from None
        except httpx.TransportError as error:
            raise _Retry(f"the service could not be reached ({type(error).__name__})") from None
        except httpx.HTTPError as error:  # too many redirects, an undecodable answer
            raise ModernGovError(
                f"the answer could not be read ({type(error).__name__})",
                operation=operation,
                params=params,
            ) from None


class _Retry(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def _status(code: int) -> str:
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)
