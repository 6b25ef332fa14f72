"""Parse a briefing note to Cabinet (Markdown-like text) into frozen dataclasses.

Pure: text in, dataclasses out. Every problem found is reported at once by ``ImportRefused``.
"""

import datetime
import html
import re
from dataclasses import dataclass, field

from scrutineer.core.sanitise import plain_text
from scrutineer.files.parsers.dates import NotADate, parse_date
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused

NOT_A_BRIEFING_NOTE = "This file is not a briefing note: no “Briefing Note:” heading"


@dataclass(frozen=True)
class ParsedResponse:
    """An officer response to a comment, lettered a., b., …"""

    letter: str
    text: str


@dataclass(frozen=True)
class ParsedComment:
    """A numbered comment or question from the committee (1.1.1, …) with its responses."""

    number: str
    text: str
    responses: tuple[ParsedResponse, ...]


@dataclass(frozen=True)
class ParsedBriefingRecommendation:
    """A recommendation the committee agreed, numbered as printed."""

    number: str
    text: str


@dataclass(frozen=True)
class ParsedBriefingNote:
    """Everything a briefing note says; all text is plain (no HTML, no Markdown)."""

    addressee: str
    title: str
    report_title: str  # the title without a trailing " - … Comments and Recommendations"
    purpose: str
    meeting_date: datetime.date
    committee: str
    introduction: str
    comments: tuple[ParsedComment, ...]
    recommendations: tuple[ParsedBriefingRecommendation, ...]
    contact_name: str
    contact_role: str
    contact_email: str
    contact_phone: str


# Markup. A tag may not contain "<" (nor run on for ever), so hostile input takes linear time.
_RAW_TEXT_TAG = re.compile(r"(</?(?:script|style)\b[^<>]{0,2000}>)", re.I)
_TAG = re.compile(r"<[/!?]?([A-Za-z][\w-]*|-)[^<>]{0,2000}>")
_INLINE = {"sup", "sub", "b", "i", "u", "em", "strong", "span", "a", "font", "small"}
_TAG_START = re.compile(r"<+(?=[A-Za-z/!?])")
_LINK = re.compile(r"\[([^\[\]]{0,500})\]\([^()]{0,2000}\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!'\"|~<>])")
_EMPHASIS = re.compile(r"\*+|(?<![^\W_])_+|_+(?![^\W_])")

# Structure, matched against the plain text of one line.
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_LEAD = re.compile(r"^(?:(?:#{1,6}|[-+•])\s+)+")
_BRIEFING = re.compile(r"^Briefing Note\s*:\s*(.*)$", re.I)
_PURPOSE = re.compile(r"^Purpose(?: of (?:the|this) briefing note)?\s*:\s*(.*)$", re.I)
_SECTION = re.compile(r"^([0-9]+\.[0-9]+)\.?(?:\s+(.*))?$")
_COMMENT = re.compile(r"^([0-9]+\.[0-9]+\.[0-9]+)\.?(?:\s+(.*))?$")
_RESPONSE = re.compile(r"^\(?([a-z])[.)](?:\s+(.*))?$")
_NUMBERED = re.compile(r"^\(?([0-9]+)[.)](?:\s+(.*))?$")
_CONTACT_START = re.compile(r"^for any questions\b|\bplease contact\s*:?$", re.I)
_CONTACT_KEYS = {"name": "name", "e-mail": "email", "email": "email", "mobile": "phone"}
_CONTACT_KEYS |= dict.fromkeys(("job title", "title", "role", "position"), "role")
_CONTACT_KEYS |= dict.fromkeys(("telephone", "tel", "phone"), "phone")
_CONTACT_FIELD = re.compile(rf"^({'|'.join(_CONTACT_KEYS)})\s*:\s*(.*)$", re.I)
_EMAIL = re.compile(r"[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}", re.ASCII)

# Meaning, matched against whole paragraphs.
_DATE = re.compile(r"\b([0-9]{1,2})\s*(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+([0-9]{4})\b")
_COMMITTEE = re.compile(r"\bby (?:the )?([A-Z][^.;:]{0,120}?\bCommittee)\b")
_INFORM = re.compile(r"\bto inform (?:the )?([A-Z][\w ]{0,60}?) of\b")
_ABBREVIATION = re.compile(r"\s*\([A-Z&]{2,8}\)")
_OS = re.compile(r"\bO\s*&\s*S\b")
_DASH = re.compile(r"\s+[\u2013\u2014-]\s+")  # en dash, em dash or hyphen
_FEEDBACK = re.compile(r"\b(?:comments|recommendations)\b", re.I)


def _drop_markup(text: str) -> str:
    """``text`` without tags or script/style content; newlines stay so line numbers hold."""
    kept: list[str] = []
    hidden = False
    for index, piece in enumerate(_RAW_TEXT_TAG.split(text)):
        if index % 2:  # a <script> or <style> tag itself: what follows it is code, not text
            hidden = not piece.startswith("</")
        kept.append("\n" * piece.count("\n") if index % 2 or hidden else piece)
    return _TAG.sub(_blank_tag, "".join(kept))


def _blank_tag(match: re.Match[str]) -> str:
    # Inline tags vanish so "18<sup>th</sup>" reads "18th"; others leave a space between words.
    newlines = "\n" * match[0].count("\n")
    return newlines or ("" if match[1].lower() in _INLINE else " ")


def _plain(fragment: str) -> str:
    """Plain text of one line: HTML, Markdown links and emphasis removed, spaces collapsed."""
    # Entities are decoded first so an encoded tag ("&lt;script&gt;") is removed like a real one.
    text = plain_text(_drop_markup(html.unescape(fragment)))
    text = _EMPHASIS.sub("", _ESCAPE.sub(r"\1", _LINK.sub(r"\1", text)))
    # Last, so that no later step can turn a stray "<" back into the start of a tag.
    return " ".join(_TAG_START.sub("", text).split())


@dataclass
class _Item:
    """A numbered part still being read: where it starts and its text so far."""

    number: str
    row: int
    parts: list[str]
    responses: list["_Item"] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(part for part in self.parts if part)


class _Reader:
    """Reads the note line by line, remembering which part a continuation line belongs to."""

    def __init__(self) -> None:
        self.problems: list[ImportProblem] = []
        self.addressee = self.title = ""
        self.title_row: int | None = None
        self.purpose: _Item | None = None
        self.intro: _Item | None = None
        self.comments: list[_Item] = []
        self.numbers: set[str] = set()  # of the comments, to catch one numbered twice
        self.recommendations: list[_Item] = []
        self.contact = {"name": "", "role": "", "email": "", "phone": ""}
        self.in_contact = False
        self.recommendation_section = ""  # "1.2" once the recommendations have begun
        self.current: _Item | None = None

    def read(self, row: int, raw: str) -> None:
        line = _LEAD.sub("", _plain(raw)) if raw.strip() else ""
        if not line:
            return
        if self.title_row is None:
            if match := _BRIEFING.match(line):
                self.title_row, self.title = row, match[1].strip()
            elif _HEADING.match(raw):  # the last heading above the title says who it is for
                self.addressee = line
        elif self.in_contact:
            self.read_contact(row, line)
        elif _CONTACT_START.search(line):
            self.in_contact, self.current = True, None
        else:
            self.read_body(row, line)

    def read_body(self, row: int, line: str) -> None:
        if _BRIEFING.match(line):
            self.problem(row, "Title", "A second “Briefing Note:” heading: one note per file")
        elif self.purpose is None and (match := _PURPOSE.match(line)):
            self.purpose = self.current = _Item("", row, [match[1]])
        elif match := _COMMENT.match(line):
            item = _Item(match[1], row, [match[2] or ""])
            if item.number.startswith(f"{self.recommendation_section}."):  # numbered 1.2.1, …
                self.recommendations.append(item)
            elif item.number in self.numbers:
                self.problem(row, "Comments", f"Comment {item.number} appears twice")
            else:
                self.comments.append(item)
                self.numbers.add(item.number)
            self.current = item
        elif match := _SECTION.match(line):
            if self.intro is None:
                self.intro = self.current = _Item(match[1], row, [match[2] or ""])
            else:  # the later section (1.2) leads in to the recommendations agreed
                self.recommendation_section, self.current = match[1], None
        elif (match := _RESPONSE.match(line)) and not self.recommendation_section:
            if not self.comments:
                self.problem(row, "Responses", "A lettered response before any numbered comment")
                return
            self.current = _Item(match[1], row, [match[2] or ""])
            self.comments[-1].responses.append(self.current)
        elif self.recommendation_section and (match := _NUMBERED.match(line)):
            self.current = _Item(match[1], row, [match[2] or ""])
            self.recommendations.append(self.current)
        elif self.current is not None:  # a paragraph that carries on the part above it
            self.current.parts.append(line)

    def read_contact(self, row: int, line: str) -> None:
        match = _CONTACT_FIELD.match(line)
        # An unlabelled line counts only when it holds an e-mail address.
        key, value = (
            (_CONTACT_KEYS[match[1].lower()], match[2].strip()) if match else ("email", line)
        )
        if key == "email":
            email = _EMAIL.search(value)
            if match and not email:
                self.problem(row, "Contact e-mail", f"“{value}” is not an e-mail address")
            if not email or (self.contact["email"] and not match):
                return
            value = email[0]
        self.contact[key] = value

    def problem(self, row: int | None, column: str, message: str) -> None:
        self.problems.append(ImportProblem(message, row=row, column=column))

    def finish(self, filename: str) -> ParsedBriefingNote:
        if self.title_row is None:
            self.problem(1, "Title", NOT_A_BRIEFING_NOTE)  # nothing else is worth saying
            raise ImportRefused(self.problems, filename)
        top = self.title_row
        if not self.title:
            self.problem(top, "Title", "The “Briefing Note:” heading has no report title")
        purpose = self.purpose.text if self.purpose else ""
        if not purpose:
            self.problem(top, "Purpose", "No “Purpose of the briefing note:” under the heading")
        if not self.addressee and (match := _INFORM.search(purpose)):
            self.addressee = match[1]
        if not self.addressee:
            self.problem(top, "Addressee", "No heading (such as “## Cabinet”) naming the reader")
        meeting_date, committee = None, ""
        if self.intro is None:
            self.problem(top, "Introduction", "No section 1.1 giving meeting date and committee")
        else:
            meeting_date, why = _meeting_date(self.intro.text)
            if meeting_date is None:
                self.problem(self.intro.row, "Meeting date", why)
            committee = _committee(self.intro.text) or _committee(purpose)
            if not committee:
                self.problem(self.intro.row, "Committee", "Section 1.1 names no committee")
        if not self.comments:
            where = self.intro.row if self.intro else top
            self.problem(where, "Comments", "No numbered comments (1.1.1, 1.1.2, …)")
        empty = [(c, "Comments") for c in self.comments if not c.text]
        empty += [(r, "Responses") for c in self.comments for r in c.responses if not r.text]
        empty += [(r, "Recommendations") for r in self.recommendations if not r.text]
        for item, column in empty:
            self.problem(item.row, column, f"“{item.number}” has no text")
        if self.problems or meeting_date is None:
            raise ImportRefused(sorted(self.problems, key=lambda p: p.row or 0), filename)
        return ParsedBriefingNote(
            addressee=self.addressee,
            title=self.title,
            report_title=_report_title(self.title),
            purpose=purpose,
            meeting_date=meeting_date,
            committee=committee,
            introduction=self.intro.text if self.intro else "",
            comments=tuple(
                ParsedComment(
                    c.number, c.text, tuple(ParsedResponse(r.number, r.text) for r in c.responses)
                )
                for c in self.comments
            ),
            recommendations=tuple(
                ParsedBriefingRecommendation(r.number, r.text) for r in self.recommendations
            ),
            contact_name=self.contact["name"],
            contact_role=self.contact["role"],
            contact_email=self.contact["email"],
            contact_phone=self.contact["phone"],
        )


def _meeting_date(text: str) -> tuple[datetime.date | None, str]:
    """The first date written like "18th March 2025" in ``text``, or None and why not."""
    first: NotADate | None = None
    for match in _DATE.finditer(text):
        try:
            return parse_date(match[0]), ""
        except NotADate as exc:
            if exc.impossible:  # the month is real, so this is the date meant, mistyped
                return None, str(exc)
            first = first or exc
    if first is not None:
        return None, str(first)
    return None, "Section 1.1 gives no meeting date (such as “18th March 2025”)"


def _committee(text: str) -> str:
    """The committee named in ``text``, with "(O&S)" dropped and "O&S" written out in full."""
    if not (match := _COMMITTEE.search(text)):
        return ""
    return " ".join(_OS.sub("Overview and Scrutiny", _ABBREVIATION.sub("", match[1])).split())


def _report_title(title: str) -> str:
    """The title without a trailing " - Corporate O&S Comments and Recommendations"."""
    dashes = list(_DASH.finditer(title))
    if dashes and _FEEDBACK.search(title[dashes[-1].end() :]):
        return title[: dashes[-1].start()]
    return title


def parse_briefing_text(text: str, *, filename: str = "") -> ParsedBriefingNote:
    """The briefing note in ``text``; raises ImportRefused listing every problem found."""
    # A lone surrogate (from a badly decoded file) would make the HTML cleaner raise.
    text = text.encode("utf-8", "replace").decode("utf-8")
    reader = _Reader()
    for row, raw in enumerate(_drop_markup(text).split("\n"), start=1):
        reader.read(row, raw)
    return reader.finish(filename)
