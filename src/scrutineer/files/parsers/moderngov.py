"""The answers of Modern.gov's web service (``mgWebService.asmx``), read into dataclasses.

Pure: the bytes of one answer in, plain dataclasses out, or a :class:`ModernGovError` that
names the operation and its parameters and says what was wrong in plain words. The XML is
read by defusedxml with DTDs forbidden, so an answer cannot expand entities or reach for
other files. What the service sends and its quirks are described in
``tests/fixtures/moderngov/README.md``: dates ``dd/mm/yyyy``, times "10.00 am", flags
``True``/``False``, titles that come HTML-encoded once or twice, and agenda text and minutes
as HTML escaped inside the XML (sanitised here, as every outside HTML is).
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

# Only the types: every answer is parsed by defusedxml.
from xml.etree.ElementTree import Element, ParseError  # nosec B405

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from scrutineer.core.sanitise import clean_html, plain_text

Params = Mapping[str, object]


class ModernGovError(Exception):
    """The service could not be asked, or its answer could not be read. The message names
    the operation and its parameters, for the person who must find out why."""

    def __init__(self, message: str, *, operation: str, params: Params | None = None) -> None:
        self.operation = operation
        self.params = dict(params or {})
        self.reason = message
        super().__init__(f"{describe(operation, self.params)}: {message}")


def describe(operation: str, params: Params | None = None) -> str:
    """An operation as a person reads it in an error: "GetMeeting (lMeetingId=4967)"."""
    shown = ", ".join(f"{name}={value}" for name, value in (params or {}).items())
    return f"{operation} ({shown})" if shown else operation


@dataclass(frozen=True)
class Committee:
    """One committee of ``GetCommittees``."""

    id: str
    title: str
    deleted: bool
    expired: bool
    category: str


@dataclass(frozen=True)
class MeetingSummary:
    """One meeting of ``GetMeetings``: enough to know which to ask for in full."""

    id: str
    committee_id: str
    date: datetime.date
    time: datetime.time | None
    status: str


@dataclass(frozen=True)
class Document:
    """A public document linked to an agenda item (restricted ones are never read)."""

    title: str
    url: str


@dataclass(frozen=True)
class AgendaItem:
    id: str
    number: str  # as the agenda prints it: "9.", "4a"
    title: str
    agenda_html: str  # sanitised
    minutes_html: str  # sanitised; empty until the minutes are published
    is_restricted: bool  # exempt business (LGA 1972 Sch. 12A)
    documents: tuple[Document, ...]


@dataclass(frozen=True)
class Attendee:
    """Someone expected at (or present at) a meeting; councillors have a member id."""

    member_id: str
    name: str
    role: str  # "Committee Member", "Chair", "Officer", …
    attendance: str
    party: str
    ward: str
    key_posts: str


@dataclass(frozen=True)
class Meeting:
    """One meeting of ``GetMeeting``, with its agenda and attendees."""

    id: str
    date: datetime.date
    time: datetime.time | None
    status: str
    location: str
    agenda_published: bool
    minutes_published: bool
    items: tuple[AgendaItem, ...]
    attendees: tuple[Attendee, ...]


@dataclass(frozen=True)
class Councillor:
    """One councillor of ``GetCouncillorsByWard``: the public facts only. Home addresses,
    telephone numbers and surgery details are never read."""

    id: str
    name: str
    party: str
    ward: str
    key_posts: str


# --- Reading the XML ----------------------------------------------------------------------

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_ID = re.compile(r"[0-9]{1,12}")
_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_TIME = re.compile(r"([0-9]{1,2})(?:[.:]([0-9]{2}))?\s*([ap])\.?m\.?", re.I)
_TIME_24 = re.compile(r"([0-9]{1,2})[.:]([0-9]{2})")
_SPACES = re.compile(r"\s+")


class _Reader:
    """Reads one answer, raising ModernGovError that names its operation and parameters."""

    def __init__(self, operation: str, params: Params | None) -> None:
        self.operation = operation
        self.params = params

    def error(self, message: str) -> ModernGovError:
        return ModernGovError(message, operation=self.operation, params=self.params)

    def root(self, data: bytes, expected: str) -> Element:
        if not data.strip():
            raise self.error("the service answered with nothing")
        if _HTML_START.match(data[:2000]):
            raise self.error(
                "the service answered with a web page, not XML: the web service may be "
                "switched off, or the council's site may be behind bot protection"
            )
        try:
            root = fromstring(data, forbid_dtd=True)
        except ParseError as error:
            line, column = getattr(error, "position", (0, 0))
            raise self.error(
                "the answer is not well-formed XML, or was cut short "
                f"(line {line}, column {column})"
            ) from None
        except DefusedXmlException:
            raise self.error(
                "the answer declares a document type or entities, which are not accepted"
            ) from None
        except (ValueError, UnicodeError, LookupError):
            raise self.error("the answer is not text in a known encoding") from None
        if root.tag != expected:
            raise self.error(f"expected <{expected}> but the answer is <{_shown(root.tag)}>")
        return root

    def text(self, element: Element, tag: str) -> str:
        """The element's text with spaces collapsed; "" when missing or empty."""
        found = element.find(tag)
        if found is None:
            return ""
        return _SPACES.sub(" ", "".join(found.itertext())).strip()

    def required(self, element: Element, tag: str, where: str) -> str:
        value = self.text(element, tag)
        if not value:
            raise self.error(f"{where} has no <{tag}>")
        return value

    def id(self, element: Element, tag: str, where: str) -> str:
        value = self.required(element, tag, where)
        if not _ID.fullmatch(value):
            raise self.error(f"{where} has <{tag}> “{_shown(value)}”, which is not a number")
        return str(int(value))

    def date(self, element: Element, tag: str, where: str) -> datetime.date:
        value = self.required(element, tag, where)
        found = _DATE.fullmatch(value)
        if found is None:
            raise self.error(f"{where} has <{tag}> “{_shown(value)}”, not a date as dd/mm/yyyy")
        day, month, year = (int(part) for part in found.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise self.error(f"{where} has <{tag}> “{value}”, which is not a real date") from None

    def flag(self, element: Element, tag: str) -> bool:
        return self.text(element, tag).lower() in {"true", "1", "yes"}

    def title(self, element: Element, tag: str) -> str:
        return decoded_title(self.text(element, tag))

    def rich(self, element: Element, tag: str) -> str:
        found = element.find(tag)
        return decoded_html("".join(found.itertext())) if found is not None else ""


def _shown(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "…"


def decoded_title(text: str) -> str:
    """A title as plain text: the service sometimes encodes it twice ("Chair&amp;#39;s", read
    from the XML as "Chair&#39;s"), so it is decoded once more, and any tags are dropped."""
    once = html.unescape(text)
    return _SPACES.sub(" ", plain_text(once.replace("<", " <"))).strip()


def decoded_html(text: str) -> str:
    """Agenda text or minutes, sanitised. The HTML arrives escaped inside the XML, so the XML
    reader has already decoded it once; where it was escaped twice (no tags, but "&lt;p&gt;"),
    it is decoded once more."""
    if "<" not in text and "&lt;" in text:
        text = html.unescape(text)
    cleaned = clean_html(text)
    return cleaned if plain_text(cleaned) else ""


def parse_time(text: str) -> datetime.time | None:
    """ "10.00 am", "2 pm", "12.30 pm", "14:00"; None for anything else (the time is optional
    and a meeting is still worth having without it)."""
    text = text.strip()
    if found := _TIME.fullmatch(text):
        hour, minute = int(found[1]), int(found[2] or 0)
        if not (1 <= hour <= 12 and minute < 60):
            return None
        hour = hour % 12 + (12 if found[3].lower() == "p" else 0)
        return datetime.time(hour, minute)
    if found := _TIME_24.fullmatch(text):
        hour, minute = int(found[1]), int(found[2])
        return datetime.time(hour, minute) if hour < 24 and minute < 60 else None
    return None


# --- The operations ----------------------------------------------------------------------


def parse_committees(data: bytes, params: Params | None = None) -> list[Committee]:
    """``GetCommittees``: every committee, deleted and expired ones included (the caller
    chooses)."""
    read = _Reader("GetCommittees", params)
    root = read.root(data, "committees")
    committees: list[Committee] = []
    for element in root.findall("committee"):
        where = f"committee {len(committees) + 1}"
        committees.append(
            Committee(
                id=read.id(element, "committeeid", where),
                title=read.title(element, "committeetitle")
                or read.required(element, "committeetitle", where),
                deleted=read.flag(element, "committeedeleted"),
                expired=read.flag(element, "committeeexpired"),
                category=read.title(element, "committeecategory"),
            )
        )
    return committees


def _meeting_summary(read: _Reader, element: Element, committee_id: str) -> MeetingSummary:
    where = f"meeting {read.text(element, 'meetingid') or '(no id)'}"
    return MeetingSummary(
        id=read.id(element, "meetingid", where),
        committee_id=(
            read.id(element, "committeeid", where)
            if read.text(element, "committeeid")
            else committee_id
        ),
        date=read.date(element, "meetingdate", where),
        time=parse_time(read.text(element, "meetingtime")),
        status=read.text(element, "meetingstatus"),
    )


def parse_meetings(data: bytes, params: Params | None = None) -> list[MeetingSummary]:
    """``GetMeetings``: the meetings nested under each committee."""
    read = _Reader("GetMeetings", params)
    root = read.root(data, "getmeetings")
    meetings = []
    for committee in root.findall("committee"):
        committee_id = read.id(committee, "committeeid", "a committee")
        for element in committee.findall("committeemeetings/meeting"):
            meetings.append(_meeting_summary(read, element, committee_id))
    return meetings


def parse_all_meetings_by_date(data: bytes, params: Params | None = None) -> list[MeetingSummary]:
    """``GetAllMeetingsByDate``: the same meetings as one flat list."""
    read = _Reader("GetAllMeetingsByDate", params)
    root = read.root(data, "meetings")
    return [_meeting_summary(read, element, "") for element in root.findall("meeting")]


def _documents(read: _Reader, element: Element) -> tuple[Document, ...]:
    documents = []
    for doc in element.findall("linkeddocuments/linkeddoc"):
        url = read.text(doc, "url")
        if read.flag(doc, "isrestricted") or not url.lower().startswith(("https://", "http://")):
            continue  # a restricted document is never linked, nor a link that is not the web
        documents.append(Document(title=read.title(doc, "title") or url, url=url))
    return tuple(documents)


def _agenda_item(read: _Reader, element: Element) -> AgendaItem:
    where = f"agenda item {read.text(element, 'agendaitemid') or '(no id)'}"
    number = read.text(element, "fulldisplaynumberformat") or read.text(element, "agendaitemnumber")
    return AgendaItem(
        id=read.id(element, "agendaitemid", where),
        number=number[:20],
        title=read.title(element, "agendaitemtitle") or "Untitled item",
        agenda_html=read.rich(element, "agendatext"),
        minutes_html=read.rich(element, "minutesnonemptyhtmlbody"),
        is_restricted=read.flag(element, "isrestricted"),
        documents=_documents(read, element),
    )


def _attendee(read: _Reader, element: Element) -> Attendee | None:
    member_id = element.get("memberid", "").strip()
    name = decoded_title(element.get("name", ""))
    if not name:
        return None
    if member_id and not _ID.fullmatch(member_id):
        raise read.error(f"attendee “{_shown(name)}” has memberid “{_shown(member_id)}”")
    return Attendee(
        member_id=str(int(member_id)) if member_id else "",
        name=name,
        role=decoded_title(element.get("roledescription", "")),
        attendance=decoded_title(element.get("attendance", "")),
        party=decoded_title(element.get("politicalparty", "")),
        ward=decoded_title(element.get("ward", "")),
        key_posts=decoded_title(element.get("keyposts", "")),
    )


def parse_meeting(data: bytes, params: Params | None = None) -> Meeting:
    """``GetMeeting``: one meeting with its agenda items and attendees."""
    read = _Reader("GetMeeting", params)
    root = read.root(data, "meeting")
    where = f"meeting {read.text(root, 'meetingid') or '(no id)'}"
    attendees = [_attendee(read, element) for element in root.findall("attendees/attendee")]
    return Meeting(
        id=read.id(root, "meetingid", where),
        date=read.date(root, "meetingdate", where),
        time=parse_time(read.text(root, "meetingtime")),
        status=read.text(root, "meetingstatus"),
        location=read.title(root, "meetinglocation"),
        agenda_published=read.flag(root, "agendapublished"),
        minutes_published=read.flag(root, "minutepublished"),
        items=tuple(
            _agenda_item(read, element) for element in root.findall("agendaitems/agendaitem")
        ),
        attendees=tuple(found for found in attendees if found is not None),
    )


def parse_councillors_by_ward(data: bytes, params: Params | None = None) -> list[Councillor]:
    """``GetCouncillorsByWard``: each ward's councillors, by the public facts only."""
    read = _Reader("GetCouncillorsByWard", params)
    root = read.root(data, "councillorsbyward")
    councillors = []
    for ward in root.findall("wards/ward"):
        ward_title = read.title(ward, "wardtitle")
        for element in ward.findall("councillors/councillor"):
            name = read.title(element, "fullusername")
            where = f"councillor “{_shown(name)}” of {ward_title or 'a ward'}"
            councillors.append(
                Councillor(
                    id=read.id(element, "councillorid", where),
                    name=name or read.required(element, "fullusername", where),
                    party=read.title(element, "politicalpartytitle"),
                    ward=ward_title,
                    key_posts=read.title(element, "keyposts"),
                )
            )
    return councillors
