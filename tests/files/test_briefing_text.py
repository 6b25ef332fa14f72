"""The briefing-note parser: the real seed note, refusals that name the line, and fuzzing."""

import dataclasses
import datetime
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutineer.files.parsers.briefing_text import (
    NOT_A_BRIEFING_NOTE,
    ParsedBriefingNote,
    ParsedBriefingRecommendation,
    parse_briefing_text,
)
from scrutineer.files.parsers.errors import ImportRefused

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "briefing_note_cabinet.txt"

# A small note in the seed's shape; the refusal cases below each break one part of it.
SMALL_NOTE = """## Cabinet

### **Briefing Note: Budget Monitoring (Quarter 2) \N{EN DASH} Corporate O&S Comments and Recommendations**

**Purpose of the briefing note:** To inform Cabinet of the comments of the committee.

- 1.1 This report was considered by the Corporate O&S Committee at their meeting on 18<sup>th</sup> March 2025. The following comments were raised:
  - 1.1.1 Members asked about *agency* spend.
    - a. Officers explained the **campaign**.
- 1.2 The Corporate O&S Committee agreed the recommendations:

*1. Corporate O&S reviewed the report.*

**For any questions regarding this briefing note, please contact:**

**Name:** Sam Jones

**Job Title:** Senior Democratic Services Officer

**E-mail:** [sam.jones@thurrock.gov.uk](mailto:sam.jones@thurrock.gov.uk)

**Telephone:** 01375 652 000
"""  # noqa: E501 - one line of the note, as the council writes it


def line_of(text: str, fragment: str) -> int:
    """The 1-based number of the first line of ``text`` containing ``fragment``."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if fragment in line)


def strings_in(value: object) -> Iterator[str]:
    """Every string inside a parsed note, or inside a refusal's problems."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from strings_in(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for each in dataclasses.fields(value):
            yield from strings_in(getattr(value, each.name))


def parse_or_refusal(text: str) -> ParsedBriefingNote | ImportRefused:
    """What the parser gives back for ``text``: a note, or the refusal it raised."""
    try:
        return parse_briefing_text(text, filename="note.txt")
    except ImportRefused as refused:
        return refused


def assert_nothing_hostile(outcome: ParsedBriefingNote | ImportRefused) -> None:
    if isinstance(outcome, ImportRefused):
        assert outcome.filename == "note.txt"
        assert outcome.problems, "a refusal always says why"
    for text in strings_in(outcome.problems if isinstance(outcome, ImportRefused) else outcome):
        assert "<script" not in text.lower()
        assert "onclick" not in text.lower()


@pytest.fixture(scope="module")
def seed() -> ParsedBriefingNote:
    return parse_briefing_text(FIXTURE.read_text(encoding="utf-8"), filename=FIXTURE.name)


def test_the_seed_note_gives_its_reader_title_and_purpose(seed):
    assert seed.addressee == "Cabinet"
    assert seed.title == (
        "Corporate Plan Performance Management and Assurance Report (Quarter 3 2024/25) "
        "\N{EN DASH} Corporate Overview and Scrutiny Comments and Recommendations"
    )
    assert seed.report_title == (
        "Corporate Plan Performance Management and Assurance Report (Quarter 3 2024/25)"
    )
    assert seed.purpose == (
        "To inform Cabinet of the discussions and recommendations agreed by the Corporate "
        "Overview and Scrutiny (O&S) Committee in relation to the Corporate Plan Performance "
        "Management and Assurance (PMAF) Report (Quarter 3 2024/25)."
    )


def test_the_seed_note_gives_the_meeting_and_committee_from_section_1_1(seed):
    assert seed.meeting_date == datetime.date(2025, 3, 18)
    assert seed.committee == "Corporate Overview and Scrutiny Committee"
    assert seed.introduction == (
        "This report was considered by the Corporate O&S Committee at their meeting on "
        "18th March 2025. The following comments and questions were raised:"
    )


SEED_COMMENTS = [
    ("1.1.1", "Members questioned the metrics regarding time taken", ["a", "b"]),
    ("1.1.2", "Members questioned the metric on agency staff spend", ["a"]),
    ("1.1.3", "Members discussed the metric regarding report writing training", ["a"]),
    ("1.1.4", "Members discussed the structure of the report", []),
    ("1.1.5", "Members queried the metric regarding developing the operating model", ["a"]),
    ("1.1.6", "Members raised a concern regarding targets", ["a"]),
]
SEED_RESPONSES = {
    ("1.1.1", "a"): "Officers highlighted that the effectiveness of AI will be reviewed",
    ("1.1.1", "b"): "Officers confirmed they would provide additional narrative",
    ("1.1.2", "a"): "Officers explained that a campaign was underway",
    ("1.1.3", "a"): "Officers confirmed that staff were signing up to attend the training",
    ("1.1.5", "a"): "Officers confirmed that this metric was currently reporting as red",
    ("1.1.6", "a"): "Officers outlined that the Officer Insight Performance Board",
}


def test_the_seed_note_gives_each_comment_in_order_whatever_its_list_depth(seed):
    # 1.1.4 to 1.1.6 and their responses sit one list level higher than 1.1.1 to 1.1.3.
    assert [c.number for c in seed.comments] == [number for number, _, _ in SEED_COMMENTS]
    for comment, (number, first_words, letters) in zip(seed.comments, SEED_COMMENTS, strict=True):
        assert comment.text.startswith(first_words), number
        assert [r.letter for r in comment.responses] == letters, number


def test_the_seed_note_gives_each_response_under_its_own_comment(seed):
    found = {(c.number, r.letter): r.text for c in seed.comments for r in c.responses}
    assert found.keys() == SEED_RESPONSES.keys()
    for key, first_words in SEED_RESPONSES.items():
        assert found[key].startswith(first_words), key
    assert found[("1.1.6", "a")].endswith("rather than with individual services.")


def test_the_seed_note_gives_the_recommendation_agreed(seed):
    assert seed.recommendations == (
        ParsedBriefingRecommendation(
            "1", "Corporate O&S reviewed the report and made comments for Cabinet to consider."
        ),
    )


def test_the_seed_note_gives_the_contact_it_prints(seed):
    assert seed.contact_name == "Lucy Smith"
    assert seed.contact_email == "lucy.smith@thurrock.gov.uk"
    assert seed.contact_role == ""  # the seed gives no job title or telephone
    assert seed.contact_phone == ""


def test_the_seed_note_comes_out_as_plain_text(seed):
    for text in strings_in(seed):
        for mark in ("<", ">", "*", "](", "mailto:", "  "):
            assert mark not in text


def test_a_contact_with_job_title_and_telephone_gives_all_four_fields():
    note = parse_briefing_text(SMALL_NOTE)
    assert note.contact_name == "Sam Jones"
    assert note.contact_role == "Senior Democratic Services Officer"
    assert note.contact_email == "sam.jones@thurrock.gov.uk"
    assert note.contact_phone == "01375 652 000"
    assert note.comments[0].text == "Members asked about agency spend."
    assert note.comments[0].responses[0].text == "Officers explained the campaign."


@pytest.mark.parametrize(
    "written",
    ["18<sup>th</sup> March 2025", "18th March 2025", "18 March 2025", "18th Mar 2025"],
)
def test_the_meeting_date_may_be_written_several_ways(written):
    text = SMALL_NOTE.replace("18<sup>th</sup> March 2025", written)
    assert parse_briefing_text(text).meeting_date == datetime.date(2025, 3, 18)


INTRO = "- 1.1 This report was considered"
REFUSALS = [
    pytest.param(
        "Cabinet\n\nSome notes about the budget.\n",
        "",
        "Title",
        NOT_A_BRIEFING_NOTE,
        id="not a briefing note",
    ),
    pytest.param("", "", "Title", NOT_A_BRIEFING_NOTE, id="empty string"),
    pytest.param(
        SMALL_NOTE.replace(" on 18<sup>th</sup> March 2025", ""),
        INTRO,
        "Meeting date",
        "Section 1.1 gives no meeting date",
        id="missing date",
    ),
    pytest.param(
        SMALL_NOTE.replace("18<sup>th</sup> March", "31st February"),
        INTRO,
        "Meeting date",
        "“31st February 2025” is not a real date",
        id="bad date",
    ),
    pytest.param(
        SMALL_NOTE.replace("18<sup>th</sup> March", "18th Marchember"),
        INTRO,
        "Meeting date",
        "“Marchember” is not a month",
        id="not a month",
    ),
    pytest.param(
        SMALL_NOTE.replace("  - 1.1.1 Members asked about *agency* spend.\n", "").replace(
            "    - a. Officers explained the **campaign**.\n", ""
        ),
        INTRO,
        "Comments",
        "No numbered comments",
        id="no comments",
    ),
    pytest.param(
        SMALL_NOTE.replace("**Purpose of the briefing note:**", "**Aim:**"),
        "Briefing Note:",
        "Purpose",
        "No “Purpose of the briefing note:”",
        id="no purpose",
    ),
    pytest.param(
        SMALL_NOTE.replace("  - 1.1.1", "  - a. A stray answer.\n  - 1.1.1"),
        "a. A stray answer",
        "Responses",
        "before any numbered comment",
        id="response without a comment",
    ),
    pytest.param(
        SMALL_NOTE.replace("- 1.2", "  - 1.1.1 Members asked again.\n- 1.2"),
        "Members asked again",
        "Comments",
        "Comment 1.1.1 appears twice",
        id="comment number twice",
    ),
    pytest.param(
        SMALL_NOTE.replace("[sam.jones@thurrock.gov.uk](mailto:", "sam.jones at (").replace(
            "sam.jones@thurrock.gov.uk)", "thurrock)"
        ),
        "E-mail:",
        "Contact e-mail",
        "is not an e-mail address",
        id="contact e-mail not an address",
    ),
]


@pytest.mark.parametrize(("text", "on_line_with", "part", "message"), REFUSALS)
def test_a_broken_note_is_refused_naming_the_line_and_part(text, on_line_with, part, message):
    with pytest.raises(ImportRefused) as refused:
        parse_briefing_text(text, filename="note.txt")
    assert refused.value.filename == "note.txt"
    assert len(refused.value.problems) == 1, refused.value.problems
    (problem,) = refused.value.problems
    assert problem.column == part
    assert message in problem.message
    # A file that is not a briefing note at all is reported against its first line.
    assert problem.row == (line_of(text, on_line_with) if on_line_with else 1)


def test_a_refusal_lists_every_problem_at_once_in_line_order():
    text = SMALL_NOTE.replace("**Purpose of the briefing note:**", "**Aim:**").replace(
        "18<sup>th</sup> March", "31st February"
    )
    with pytest.raises(ImportRefused) as refused:
        parse_briefing_text(text)
    assert [p.column for p in refused.value.problems] == ["Purpose", "Meeting date"]
    assert "row 3, column “Purpose”" in str(refused.value)


def test_hostile_html_is_removed_but_the_words_around_it_are_kept():
    text = (
        SMALL_NOTE.replace("agency", '<b onclick="steal()">agency</b><script>alert(1)</script>')
        .replace(" spend.", " <img src=x\nonclick=y onerror=z>spend.")  # a tag over two lines
        .replace("campaign", "&lt;script&gt;alert(2)&lt;/script&gt;campaign")
        .replace("Sam Jones", "Sam <i onclick=x>Jones</i>")
    )
    note = parse_briefing_text(text)
    assert_nothing_hostile(note)
    assert note.comments[0].text == "Members asked about agency spend."
    assert note.comments[0].responses[0].text == "Officers explained the campaign."
    assert note.contact_name == "Sam Jones"


def test_please_contact_inside_a_response_does_not_start_the_contact_details():
    text = SMALL_NOTE.replace(
        "the **campaign**.", "the campaign; please contact them.\n  - 1.1.2 Members asked again."
    )
    comments = parse_briefing_text(text).comments
    assert [c.number for c in comments] == ["1.1.1", "1.1.2"]
    assert comments[0].responses[0].text == "Officers explained the campaign; please contact them."


def test_recommendations_may_be_numbered_under_their_section():
    text = SMALL_NOTE.replace(
        "*1. Corporate O&S reviewed the report.*", "- 1.2.1 Noted the report.\n- 1.2.2 Asked more."
    )
    assert parse_briefing_text(text).recommendations == (
        ParsedBriefingRecommendation("1.2.1", "Noted the report."),
        ParsedBriefingRecommendation("1.2.2", "Asked more."),
    )


@pytest.mark.parametrize(
    "hostile",
    [
        pytest.param("[" * 100_000, id="unclosed links"),
        pytest.param("<a" * 100_000, id="unclosed tags"),
        pytest.param("<script>" * 20_000, id="unclosed scripts"),
        pytest.param("\n" * 200_000, id="blank lines"),
    ],
)
def test_pathological_input_is_refused_in_linear_time(hostile):
    # A quadratic pattern takes most of a minute here; linear ones take well under a second.
    started = time.perf_counter()
    with pytest.raises(ImportRefused):
        parse_briefing_text(hostile)
    assert time.perf_counter() - started < 5


HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        '<b onclick="steal()">bold</b>',
        "<img src=x onerror=alert(1) onclick=alert(2)>",
        "<svg/onload=alert(1) onclick=1>",
        '<a href="javascript:alert(1)" onclick="x">link</a>',
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;i onclick=x&gt;",
        "&amp;lt;script&amp;gt;",
        "<scr<script>ipt>alert(1)</script>",
        "<<script>script></script>",
        "<*script>",
        "<p\nonclick=x>",
        "<style>p{}</style>",
        "<!-- comment -->",
        "<b onclick=x",
    ]
)
# Mostly real dates, written the ways councils write them; some impossible or unreadable.
DATES = st.sampled_from(
    ["18<sup>th</sup> March 2025", "18 Sept 2025", "31st February 2025", "18 Marchember 2025", ""]
) | st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 12, 31)).map("{0.day} {0:%B %Y}".format)


TITLE = "Budget Report \N{EN DASH} O&S Comments"


@st.composite
def dirty(draw: st.DrawFn, words: str) -> str:
    """``words`` with hostile markup and random text around and among them."""
    pieces = [words, draw(st.text(max_size=12)), *draw(st.lists(HOSTILE, max_size=3))]
    return " ".join(draw(st.permutations(pieces)))


@st.composite
def briefing_like(draw: st.DrawFn) -> str:
    """Text shaped like a briefing note, with parts left out, dirtied or out of order."""
    parts = [
        "## Cabinet",
        f"### **Briefing Note: {draw(dirty(TITLE))}**",
        f"**Purpose of the briefing note:** {draw(dirty('To inform Cabinet of the comments'))}",
        f"- 1.1 Considered by the Corporate O&S Committee on {draw(DATES)}. {draw(dirty(''))}",
    ]
    for number in range(1, draw(st.sampled_from([2, 1, 3, 0])) + 1):
        parts.append(f"  - 1.1.{number} {draw(dirty('Members asked'))}")
        for letter in "abc"[: draw(st.sampled_from([1, 0, 2, 3]))]:
            parts.append(f"    - {letter}. {draw(dirty('Officers said'))}")
    parts += [
        "- 1.2 The committee agreed the recommendations:",
        f"*1. {draw(dirty('Noted the report'))}*",
        "**For any questions regarding this briefing note, please contact:**",
        f"**Name:** {draw(dirty('Lucy Smith'))}",
        f"**E-mail:** {draw(dirty('[lucy.smith@thurrock.gov.uk](mailto:x)'))}",
    ]
    # Hypothesis starts from the simplest draws: no part dropped, nothing out of order.
    dropped = draw(st.sets(st.integers(0, len(parts) - 1), max_size=2))
    parts = [part for index, part in enumerate(parts) if index not in dropped]
    if draw(st.sampled_from([False, False, False, True])):
        parts = draw(st.permutations(parts))
    return draw(st.sampled_from(["\n", "\r\n", "\n\n"])).join(parts)


# database=None: the examples are not saved, so running the tests writes no files.
@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet=st.characters(exclude_categories=())))
def test_any_text_gives_a_note_or_a_refusal_and_nothing_hostile(text):
    assert_nothing_hostile(parse_or_refusal(text))


@settings(max_examples=200, deadline=None, database=None)
@given(briefing_like())
def test_briefing_like_text_with_hostile_html_gives_a_note_or_a_refusal(text):
    assert_nothing_hostile(parse_or_refusal(text))
