"""What a tracker's cells hold, read alike from the PDF's text and from spreadsheet tables.

Pure: a cell's text or HTML in; plain text, the recommendations in it, the people it names, or
sanitised HTML rejoined across page breaks out.
"""

import datetime
import re
import string
from dataclasses import dataclass

from scrutineer.core.sanitise import clean_html, plain_text


@dataclass(frozen=True)
class ParsedUpdate:
    """Progress on a recommendation as a council's tracker gives it: the text (sanitised
    HTML) and the date it was written, when the file says."""

    text_html: str
    date: datetime.date | None = None
    line: int = 0


@dataclass(frozen=True)
class ParsedRecommendation:
    """One recommendation in a tracker row's “O&S recommendations” cell."""

    number: str
    text: str
    preamble: str
    # A spreadsheet gives each recommendation its own row, status and assignees; the
    # published tracker gives them per item, and these stay empty.
    status: str = ""
    assignees: tuple[str, ...] = ()
    # A spreadsheet's "Target date" column (or a date in its "Timetable"); the published
    # tracker has none.
    due_date: datetime.date | None = None
    # What other councils' trackers also say of a recommendation, each as the file wrote it.
    status_wording: str = ""  # "Ongoing", "Green", "Still in progress"
    reference: str = ""  # "SR (25/26) 01", verbatim
    municipal_year: str = ""  # "25/26", read from the reference
    addressee: str = ""  # bodies and roles named as assignees: "Executive", "The Leader"
    lead_officers: tuple[str, ...] = ()  # also among the assignees
    due_text: str = ""  # the timetable cell, when it said more than a date
    response: str = ""  # the executive's response, as written
    response_suggestion: str = ""  # what the response's words suggest: see files.parsers.responses
    decision: str = ""  # the decision the file states in a column of its own
    reasons: str = ""  # the executive's reasons, in a column of their own
    executive_date: datetime.date | None = None  # sent to (or considered by) the executive
    response_date: datetime.date | None = None
    cabinet_member: str = ""
    area: str = ""
    updates: tuple[ParsedUpdate, ...] = ()
    closed_on: datetime.date | None = None  # when the file says it was closed
    line: int = 0  # the file's row it came from; 0 for the published tracker's text


# Bounded repeats keep hostile input (thousands of "<p" with no ">") from taking quadratic time.
_BLOCK_TAG = re.compile(r"<(/?)(p|ol|ul|li)\b[^<>]{0,2000}>", re.IGNORECASE)
_LI = re.compile(r"<li\b[^<>]{0,2000}>", re.IGNORECASE)
# plain_text glues the words either side of a block tag; a space before the tag keeps them apart
_BREAK = re.compile(r"<(?=/?(?:p|ol|ul|li|br|div|tr|td)\b)", re.IGNORECASE)
BULLET = re.compile("[•●▪◦‣∙]")
_MARK = re.compile(r"(?<!\S)(?:\(([0-9]{1,2}|[a-z])\)|([0-9]{1,2})[.)]|([a-z])\))(?=\s)")
_SEQUENCES = ([str(n) for n in range(1, 100)], list(string.ascii_lowercase))
SPACES = re.compile(r"\s+")
# The PDF's superscript ordinals come out as "24 th October"
ORDINAL = re.compile(r"\b([0-9]{1,2}) (st|nd|rd|th)\b")
ROW_NUMBER = re.compile(r"[0-9]+[A-Za-z]?")
_NAME = re.compile(r"[A-Z][\w'.&-]*(?: [A-Z][\w'.&-]*)+")


# Text that no HTML parser would change: no markup, no entity, no control character.
_NOT_PLAIN = re.compile(r"[<&\x00-\x08\x0b-\x1f\x7f-\x9f]")
_INLINE_SPACE = re.compile(r"[ \t\r\f\v]+")


def cell_text(fragment: str) -> str:
    """Plain text of an HTML fragment, with words either side of block tags kept apart."""
    if not _NOT_PLAIN.search(fragment):  # most cells of a spreadsheet: no need to parse
        return ORDINAL.sub(r"\1\2", _INLINE_SPACE.sub(" ", fragment).strip())
    return ORDINAL.sub(r"\1\2", plain_text(_BREAK.sub(" <", fragment)))


def _split_items(text: str, *, numbered: bool = True) -> tuple[str, list[tuple[str, str]]]:
    """The text before a list, and the list's items as (number, text); bullets count 1, 2, …"""
    found = [(m.start(), m.end(), m[1] or m[2] or m[3]) for m in _MARK.finditer(text)]
    marks: list[tuple[int, int, str]] = []
    # Only numbers in sequence (1, 2, 3 or a, b, c) mark items; “quarter 2.” in a sentence won't.
    for sequence in _SEQUENCES if numbered else ():
        for start, end, label in found:
            if len(marks) < len(sequence) and label == sequence[len(marks)]:
                marks.append((start, end, label))
        if marks:
            break
    if not marks:
        marks = [(m.start(), m.end(), str(n)) for n, m in enumerate(BULLET.finditer(text), 1)]
    if not marks:
        return text, []
    stops = [start for start, _, _ in marks[1:]] + [len(text)]
    return text[: marks[0][0]], [
        (label, text[end:stop].strip()) for (_, end, label), stop in zip(marks, stops, strict=True)
    ]


def split_recommendations(fragment: str) -> tuple[ParsedRecommendation, ...]:
    """One recommendation per list item of the cell, or the whole cell when it has no list."""
    text = cell_text(_LI.sub(" • ", fragment))
    head, items = _split_items(text)
    found = tuple(ParsedRecommendation(n, t, head.strip()) for n, t in items if t)
    if found or not text:
        return found
    return (ParsedRecommendation("", text, ""),)


def split_assignees(text: str) -> tuple[str, ...]:
    """Names split on “/”, “,” and “;”, and on “and” only between two people's names."""
    names: list[str] = []
    for part in re.split(r"\s*[/,;]\s*", text):
        pieces = re.split(r"\s+and\s+", part)
        names.extend(pieces if all(_NAME.fullmatch(p) for p in pieces) else [part])
    return tuple(name.strip() for name in names if name.strip())


@dataclass
class _Block:
    kind: str  # "p", "ul" or "ol"
    items: list[str]  # inner HTML: one paragraph, or the list items


def cell_html(fragments: list[str]) -> str:
    """Sanitised HTML of a column whose pieces may be cut mid-sentence by page breaks."""
    blocks: list[_Block] = []
    for fragment in fragments:
        blocks = _join(blocks, _blocks(fragment))
    return clean_html("".join(_render(block) for block in blocks))


def _blocks(fragment: str) -> list[_Block]:
    """The paragraphs and lists of one cell; lists left unclosed end at the next paragraph."""
    blocks: list[_Block] = []
    open_list: _Block | None = None
    in_item = False
    pos = 0
    for tag in [*_BLOCK_TAG.finditer(fragment), None]:
        chunk = fragment[pos : tag.start() if tag else len(fragment)]
        head, items = _split_items(chunk, numbered=open_list is not None)
        if open_list is None:
            if head.strip():
                blocks.append(_Block("p", [head]))
            if items:  # "•" bullets in plain text
                blocks.append(_Block("ul", [text for _, text in items]))
        else:
            if head.strip() and in_item and open_list.items:
                open_list.items[-1] += head
            elif head.strip():
                open_list.items.append(head)
            open_list.items.extend(text for _, text in items)
        if tag is None:
            break
        pos = tag.end()
        closing, name = tag[1] == "/", tag[2].lower()
        if name in ("ul", "ol"):
            open_list = None if closing else _Block(name, [])
            if open_list:
                blocks.append(open_list)
            in_item = False
        elif name == "li":
            if open_list is None and not closing:
                open_list = _Block("ul", [])
                blocks.append(open_list)
            if open_list is not None and not closing:
                open_list.items.append("")
            in_item = not closing
        elif not in_item:
            open_list = None
    return blocks


def _join(before: list[_Block], after: list[_Block]) -> list[_Block]:
    """The blocks of a cell and its continuation, rejoining a sentence cut by the page break."""
    if before and after and after[0].kind == "p" and before[-1].items:
        tail, head = cell_text(before[-1].items[-1]), cell_text(after[0].items[0])
        # a continuation starting in lower case, or after an unfinished sentence, carries it on
        if (
            tail
            and head
            and (
                head[0].islower()
                or (tail[-1] not in ".!?:;" and not head[0].isupper() and not _MARK.match(head))
            )
        ):
            before[-1].items[-1] += " " + after[0].items[0]
            after = after[1:]
    return before + after


def _render(block: _Block) -> str:
    """HTML for a block; empty paragraphs and list items are dropped."""
    items = [ORDINAL.sub(r"\1\2", SPACES.sub(" ", item)).strip() for item in block.items]
    items = [item for item in items if cell_text(item)]
    if not items:
        return ""
    if block.kind == "p":
        return "".join(f"<p>{item}</p>" for item in items)
    return f"<{block.kind}>{''.join(f'<li>{item}</li>' for item in items)}</{block.kind}>"
