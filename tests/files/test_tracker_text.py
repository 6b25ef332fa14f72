"""The tracker-text parser: the real Corporate O&S seed file, validation, and hostile input."""

import dataclasses
import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.files.parsers.tracker_text import (
    ParsedTracker,
    parse_tracker_text,
)

FIXTURE = Path(__file__).parent.parent / "fixtures" / "corporate_os_tracker.txt"
HEADER = (
    "No\tMeeting Date\tReport Title\tSummary of O&S discussion\tO&S recommendations"
    "\tOpen / Closed\tAssigned to\tProgress of O&S recommendations"
)
PLAN_HEADER = "No.\tReport Title\tCabinet Date\tInformation for Corporate O&S"
GOOD_ROW = "1\t17 Sept 2024\tA report\t<p>Talked.</p>\t1. Agreed.\tOpen\tDawn Calvert\tDone."

JULY, SEPT, OCT, NOV, JAN = (
    datetime.date(2024, 7, 30),
    datetime.date(2024, 9, 17),
    datetime.date(2024, 10, 22),
    datetime.date(2024, 11, 20),
    datetime.date(2025, 1, 14),
)
# (line, number, date, title, status, assignees, [(number, first words)], preamble, progress)
EXPECTED_ROWS = [
    (6, "1", JULY, "Developing Thurrock Council's Communication and Engagement Strategy 2024-25",
     "closed", ("Louise Neilan",),
     [("1", "Agreed the inclusion of previous specific communications mistakes"),
      ("2", "Agreed that pre-intervention customer satisfaction is not the goal"),
      ("3", "Agreed a corporate approach is need across all communications")],
     "", "<p>Following engagement and feedback from Committee, the draft Communication"),
    (7, "2", JULY, "Workforce and Culture Task and Finish Group", "open", ("O&S Officers",),
     [("1", "Agreed not to establish a Task and Finish Group at this time")],
     "", "<p>Action remains open to allow Members to revisit"),
    (8, "3", SEPT, "Q1 Forecast Revenue and Capital Outturn Report", "closed",
     ("Dawn Calvert", "O&S Officers"),
     [("1", "Agreed to add the quarterly finance performance reports to the work programme")],
     "", "<p>Work programme updated. The quarterly reports will be reviewed by scrutiny"),
    (11, "4", SEPT, "Digital and Customer Progress Update", "closed", ("Marta Poczowska",),
     [("1", "Agreed time frames and milestones for the Digital Transformation Programme")],
     "", "<p>The time frames and milestones were sent to the Committee on 24th October."),
    (14, "5", SEPT, "Q & A Session: Members Enquiries Process", "closed",
     ("Tracie Heiser", "O&S Officers"),
     [("1", "Agreed to convene a Members Enquiries Working Group")],
     "", "<p>Following an email from O&amp;S Officers regarding the broadened scope"),
    (16, "6", OCT, "People Strategy", "closed", ("Tina Dempsey",),
     [("1", "Provided feedback on the development of the Council's People Strategy.")],
     "", ""),
    (17, "7", OCT, "Draft of Thurrock Council's Communication and Engagement Strategy", "closed",
     ("Louise Neilan",),
     [("1", "Progression on the Strategy was noted")],
     "", "<p>The report was presented to Cabinet on 13th November and comments from O&amp;S"),
    (20, "8", OCT, "Performance Management Assurance Framework (PMAF)", "closed",
     ("Patrick McDermott", "Sarah Brown"),
     [("1", "Endorsed the PMAF \u2013 there were no alternative recommendations made to Cabinet.")],
     "", "<p>Corporate O&amp;S will review performance data on a quarterly basis"),
    (23, "9", NOV, "2025/26 Budget Savings Proposals", "closed", ("Dawn Calvert",),
     [("1", "Present a report outlining in further detail the business case for CS02"),
      ("2", "Consider other revenue generating activities"),
      ("3", "Review PLA02 'Energy Management'"),
      ("4", "Review the feasibility of introducing a 50% reduction in brown bin charges"),
      ("5", "Review PLA18 'Reduction in Highways Operational Maintenance Budget'"),
      ("6", "Take into consideration the comments and suggestions of the O&S committees")],
     "Cabinet to:", "<p>The budget was presented to Cabinet on 11 December. A report has been"),
    (26, "10", JAN, "Budget scrutiny: Grangewaters Business Case", "closed", ("Michele Lucas",),
     [("1", "Reviewed and commented on the Grangewaters Business Case.")],
     "", "<p>As the business case is part of budget proposals"),
    (29, "11", JAN,
     "Corporate Plan Performance Management and Assurance Report, Quarter 2, 2024/25", "closed",
     ("Patrick McDermott", "Sarah Brown"),
     [("1", "Note the quarterly performance update report and progress made"),
      ("2", "Consider recommending any areas of concern within the remits of the Place and")],
     "The Committee reviewed and commented on the Cabinet recommendations:",
     "<p>The Q3 report is due to be presented to the Committee in March 2025.</p>"),
    (35, "12", JAN, "Q2 Forecast Revenue and Capital Outturn Report", "closed",
     ("Dawn Calvert", "Sima Khiroya"),
     [("1", "Noted and commented on the council's Service position"),
      ("2", "Noted and commented on the council's overall position"),
      ("3", "Noted the approval of the transfer of £1.381m reserves"),
      ("4", "Noted and commented on the progress made on delivery against the savings target"),
      ("5", "Further to an in-depth review and re-profiling of the General fund capital"),
      ("6", "Noted the approval of the addition of the DEFRA grant funding")],
     "The Committee:", ""),
    (38, "13", JAN,
     "Draft Revenue Budget 2025/26 and Draft Medium Term Financial Strategy (MTFS) "
     "2025/26 to 2028/29", "closed", ("Dawn Calvert",),
     [("1", "Noted and commented on the Draft Revenue Budget 2025/26 and MTFS 2025/26-2028/29, "
            "before submission to Cabinet on 12th February 2025.")],
     "", "<p>The report was presented to Cabinet on 12th February and comments"),
    (39, "14", JAN, "Fees and Charges 2025-26", "closed", ("Dawn Calvert",),
     [("1", "Noted and commented on the Fees and Charges 2025-26 report ahead of its")],
     "", "<p>The report was presented to Cabinet on 15th January, and O&amp;S comments"),
]  # fmt: skip

MARCH = datetime.date(2025, 3, 1)
NOT_ON = "not_on_work_programme"
# (line, number, title, disposition, scheduled_for, other committee)
EXPECTED_PLAN = [
    (47, "1", "Quarter 3 Corporate Performance Report", "scheduled", MARCH, ""),
    (48, "2", "Devolution", NOT_ON, None, ""),
    (49, "3", "Quarter 3 Revenue and Capital Report", "scheduled", MARCH, ""),
    (50, "4", "Asset Disposal Report", NOT_ON, None, ""),
    (51, "5", "South East Local Enterprise Partnership (SELEP) Accountable Body Transition "
              "Arrangements", NOT_ON, None, ""),
    (52, "6", "Digital Programme Business Case", NOT_ON, None, ""),
    (53, "7", "Thameside Proposal", NOT_ON, None, ""),
    (54, "8", "Corporate Risk Register", "other_committee", None, "Audit Committee"),
]  # fmt: skip


@pytest.fixture(scope="module")
def tracker() -> ParsedTracker:
    return parse_tracker_text(FIXTURE.read_text(encoding="utf-8"), filename=FIXTURE.name)


def row(tracker: ParsedTracker, number: str):
    return next(r for r in tracker.rows if r.number == number)


def refused(text: str) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        parse_tracker_text(text, filename="tracker.txt")
    assert caught.value.filename == "tracker.txt"
    return caught.value


def tracker_text(*lines: str) -> str:
    return "\n".join(["Corporate O&S Recommendations Tracker", "", HEADER, *lines])


# --- the real seed file -------------------------------------------------------------------------


def test_seed_file_title_and_counts(tracker):
    assert tracker.title == "Corporate O&S Recommendations Tracker"
    assert [r.number for r in tracker.rows] == [str(n) for n in range(1, 15)]
    assert len(tracker.forward_plan) == 8


@pytest.mark.parametrize(
    ("line", "number", "date", "title", "status", "assignees", "recs", "preamble", "progress"),
    EXPECTED_ROWS,
    ids=[f"row-{expected[1]}" for expected in EXPECTED_ROWS],
)
def test_seed_file_every_row(
    tracker, line, number, date, title, status, assignees, recs, preamble, progress
):
    parsed = row(tracker, number)
    assert parsed.line == line
    assert parsed.meeting_date == date
    assert parsed.report_title == title
    assert parsed.status == status
    assert parsed.assignees == assignees
    assert [r.number for r in parsed.recommendations] == [n for n, _ in recs]
    for rec, (_, start) in zip(parsed.recommendations, recs, strict=True):
        assert rec.text.startswith(start), rec.text
        assert rec.preamble == preamble
        assert "<" not in rec.text
        assert "  " not in rec.text
    assert parsed.progress_html.startswith(progress)
    assert parsed.summary_html.startswith("<p>")


def test_seed_file_title_rejoined_across_page_break(tracker):
    assert row(tracker, "3").report_title == "Q1 Forecast Revenue and Capital Outturn Report"
    assert row(tracker, "3").assignees == ("Dawn Calvert", "O&S Officers")


def test_seed_file_recommendation_cut_by_page_break_is_rejoined(tracker):
    assert row(tracker, "3").recommendations[0].text == (
        "Agreed to add the quarterly finance performance reports to the work programme "
        "for the remainder of the year."
    )
    assert row(tracker, "9").recommendations[0].text == (
        "Present a report outlining in further detail the business case for CS02 "
        "'Grangewaters: Business Opportunities' to the relevant O&S Committee for consideration."
    )
    assert row(tracker, "11").recommendations[1].text == (
        "Consider recommending any areas of concern within the remits of the Place and People "
        "Overview and Scrutiny Committees to the chairs of those respective committees."
    )


def test_seed_file_numbered_paragraph_after_page_break_continues_the_list(tracker):
    recs = row(tracker, "12").recommendations
    assert recs[4].text.endswith(
        "Capital Programme slippage of £30.627m and £10.157m HRA Capital Programme slippage "
        "projected in the report."
    )
    assert recs[5].text == (
        "Noted the approval of the addition of the DEFRA grant funding in the capital programme "
        "as approved at Cabinet 11th December 2024."
    )


def test_seed_file_prices_and_decimals_do_not_split_recommendations(tracker):
    assert "quarter 2 of £2.722m, representing a reduction of £0.348m" in (
        row(tracker, "12").recommendations[0].text
    )


def test_seed_file_progress_cut_mid_sentence_is_rejoined(tracker):
    assert row(tracker, "3").progress_html == (
        "<p>Work programme updated. The quarterly reports will be reviewed by scrutiny "
        "post-Cabinet.</p>"
    )
    assert row(tracker, "8").progress_html.endswith(
        "<p>The PMAF report was presented to Cabinet on 13th November, and O&amp;S comments were "
        "included as part of the agenda and discussion.</p>"
    )
    assert row(tracker, "9").progress_html == (
        "<p>The budget was presented to Cabinet on 11 December. A report has been written "
        "outlining Corporate O&amp;S discussions and recommendations.</p>"
    )


def test_seed_file_summary_paragraph_cut_mid_sentence_is_rejoined(tracker):
    assert "shows any slippage on projects and the direction of travel" in (
        row(tracker, "8").summary_html
    )
    assert (
        "<p>The report and presentation set out the proposed savings for the 2025/26, broken "
        "down by directorate and accompanied by risk management" in row(tracker, "9").summary_html
    )


def test_seed_file_summary_continuation_starting_a_sentence_is_a_new_paragraph(tracker):
    assert "do not use online services</p><p>The resident survey is completed" in (
        row(tracker, "7").summary_html
    )
    assert row(tracker, "4").summary_html.endswith(
        "<p>Best practice across other Councils has been explored, with digital sessions held for "
        "Thurrock staff with different Councils such as Westminster, Edinburgh, and Caerphilly. "
        "These sessions included demonstrations of AI, CRM, and Robotic Process Automation.</p>"
    )


def test_seed_file_short_continuation_lines_land_in_the_right_columns(tracker):
    # lines 31 and 41 lost a leading empty cell in the PDF extraction
    summary = row(tracker, "11").summary_html
    assert "<p>Some of the red metrics were highlighted and discussed" in summary
    assert summary.endswith(
        "<p>The Chairs for the People &amp; Place O&amp;S Committees may wish to look more in "
        "depth in certain areas but is not for Corporate O&amp;S to determine.</p>"
    )
    assert row(tracker, "11").report_title.endswith("Quarter 2, 2024/25")
    fees = row(tracker, "14").summary_html
    assert fees.startswith("<p>The report highlights the increases are based on CPI percentages.")
    assert "<p>The approach to setting fees and charges was welcomed" in fees
    assert row(tracker, "14").report_title == "Fees and Charges 2025-26"


def test_seed_file_bullets_become_list_items(tracker):
    summary = row(tracker, "10").summary_html
    assert summary.count("<li>") == 8
    assert "<ul><li>The potential entrance to the site from North Stifford.</li>" in summary
    assert "•" not in summary
    assert summary.endswith("<li>Discount for residents i.e. year pass to be considered.</li></ul>")


def test_seed_file_html_is_sanitised(tracker):
    for parsed in tracker.rows:
        for html in (parsed.summary_html, parsed.progress_html):
            assert "style=" not in html
            assert "<ol" not in html  # the tracker's lists of numbered text are not in these cells


def test_seed_file_empty_progress_is_empty_string(tracker):
    assert row(tracker, "6").progress_html == ""
    assert row(tracker, "12").progress_html == ""


@pytest.mark.parametrize(
    ("line", "number", "title", "disposition", "scheduled_for", "other"),
    EXPECTED_PLAN,
    ids=[f"item-{expected[1]}" for expected in EXPECTED_PLAN],
)
def test_seed_file_forward_plan(tracker, line, number, title, disposition, scheduled_for, other):
    item = tracker.forward_plan[int(number) - 1]
    assert (item.line, item.number, item.title) == (line, number, title)
    assert item.cabinet_date == MARCH
    assert item.disposition == disposition
    assert item.scheduled_for == scheduled_for
    assert item.other_committee == other


def test_seed_file_forward_plan_information_is_plain_text(tracker):
    assert tracker.forward_plan[0].information == "Scheduled for Corporate O&S in March 2025."
    assert tracker.forward_plan[7].information.startswith("Falls within Audit Committee remit.")


def test_seed_file_windows_line_endings_parse_the_same(tracker):
    text = FIXTURE.read_text(encoding="utf-8").replace("\n", "\r\n")
    assert parse_tracker_text(text) == tracker


# --- validation ---------------------------------------------------------------------------------

NOT_A_TRACKER = "This file is not a recommendations tracker"


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        pytest.param(
            tracker_text(GOOD_ROW, GOOD_ROW.replace("17 Sept 2024", "31 Sept 2024")),
            5, "Meeting Date", "“31 Sept 2024” is not a date; write it like “17 Sept 2024”",
            id="bad-date",
        ),
        pytest.param(
            tracker_text(GOOD_ROW.replace("17 Sept 2024", "")),
            4, "Meeting Date", "This cell is empty; write a date like “17 Sept 2024”",
            id="missing-date",
        ),
        pytest.param(
            tracker_text(GOOD_ROW.replace("A report", "")),
            4, "Report Title", "This cell is empty; every row needs a report title",
            id="missing-title",
        ),
        pytest.param(
            tracker_text(GOOD_ROW.replace("Open", "Pending")),
            4, "Open / Closed", "“Pending” is not a status; write “Open” or “Closed”",
            id="bad-status",
        ),
        pytest.param(
            tracker_text(GOOD_ROW.replace("Open", "")),
            4, "Open / Closed", "This cell is empty; write “Open” or “Closed”",
            id="missing-status",
        ),
        pytest.param(
            tracker_text("One\t17 Sept 2024\tA report\t\t\tOpen\t\t"),
            4, "No", "“One” is not a row number", id="bad-row-number",
        ),
        pytest.param(
            tracker_text("\t\tcontinues nothing\t\t\t\t\t"),
            4, None, "This line continues a row, but none starts above", id="orphan-continuation",
        ),
        pytest.param(
            tracker_text(GOOD_ROW + "\textra"),
            4, None, "This line has more cells than the header (8)", id="too-many-cells",
        ),
        pytest.param(
            tracker_text(GOOD_ROW, PLAN_HEADER, "1\tBudget\tSoon\tScheduled for March 2025."),
            6, "Cabinet Date", "“Soon” is not a date; write it like “March 2025”",
            id="bad-cabinet-date",
        ),
        pytest.param(
            tracker_text(GOOD_ROW, PLAN_HEADER, "1\tBudget\tMarch 2025\tTo be confirmed."),
            6, "Information for Corporate O&S", "“To be confirmed.” does not say whether",
            id="unclear-forward-plan-information",
        ),
        pytest.param(
            "No\tMeeting Date\tReport Title\tO&S recommendations\n1\t17 Sept 2024\tX\tY",
            1, "Open / Closed", "The header has no “Open / Closed” column",
            id="header-missing-status-column",
        ),
        pytest.param("Hello\tworld\n1\t2\t3", None, None, NOT_A_TRACKER, id="not-a-tracker"),
        pytest.param("", None, None, NOT_A_TRACKER, id="empty-string"),
        pytest.param(PLAN_HEADER + "\n1\tA\tMarch 2025\tX", None, None, NOT_A_TRACKER,
                     id="forward-plan-only"),
    ],
)  # fmt: skip
def test_validation_problem_names_row_and_column(text, line, column, message):
    problems = refused(text).problems
    assert len(problems) == 1, problems
    assert problems[0].row == line
    assert problems[0].column == column
    assert problems[0].message.startswith(message)


def test_not_a_tracker_message_names_the_columns_it_looked_for():
    assert str(refused("just some text")).startswith(
        "This file is not a recommendations tracker: no header row with “Meeting Date”, "
        "“Report Title”"
    )


def test_every_problem_is_reported_not_just_the_first():
    text = tracker_text(
        GOOD_ROW.replace("17 Sept 2024", "31 Sept 2024").replace("Open", "Maybe"),
        GOOD_ROW,
        GOOD_ROW.replace("A report", ""),
    )
    problems = refused(text).problems
    assert [(p.row, p.column) for p in problems] == [
        (4, "Meeting Date"),
        (4, "Open / Closed"),
        (6, "Report Title"),
    ]
    assert "row 4, column “Meeting Date”: “31 Sept 2024” is not a date" in str(refused(text))


def test_problem_row_is_where_the_row_starts_even_when_continued():
    text = tracker_text("1\t17 Sept 2024\tA report\t\t\tShut\t\t", "", "\t\t\tmore\t\t\t\t")
    assert refused(text).problems[0].row == 4


def test_missing_title_may_be_supplied_by_a_continuation_line():
    text = tracker_text("1\t17 Sept 2024\t\t\t\tOpen\t\t", "\t\tThe title\t\t\t\t\t")
    assert parse_tracker_text(text).rows[0].report_title == "The title"


# --- recommendations, assignees and HTML ---------------------------------------------------------


def recommendations(cell: str) -> list[tuple[str, str, str]]:
    parsed = parse_tracker_text(tracker_text(f"1\t17 Sept 2024\tT\t\t{cell}\tOpen\t\t"))
    return [(r.number, r.text, r.preamble) for r in parsed.rows[0].recommendations]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param("<ol><li>Do A.</li><li>Do B.</li></ol>",
                     [("1", "Do A.", ""), ("2", "Do B.", "")], id="ol-li"),
        pytest.param("Cabinet to: 1) Do A. 2) Do B.",
                     [("1", "Do A.", "Cabinet to:"), ("2", "Do B.", "Cabinet to:")],
                     id="numbers-with-brackets"),
        pytest.param("(a) Do A. (b) Do B.", [("a", "Do A.", ""), ("b", "Do B.", "")],
                     id="lettered"),
        pytest.param("• Do A. • Do B. • Do C.",
                     [("1", "Do A.", ""), ("2", "Do B.", ""), ("3", "Do C.", "")],
                     id="bullets-numbered-in-order"),
        pytest.param("Noted and commented on the report.",
                     [("", "Noted and commented on the report.", "")], id="single-unnumbered"),
        pytest.param("Agreed to look again in quarter 2. Then report back.",
                     [("", "Agreed to look again in quarter 2. Then report back.", "")],
                     id="stray-number-is-not-a-list"),
        pytest.param("1. Do A for 2024. 3. Not a third item.",
                     [("1", "Do A for 2024. 3. Not a third item.", "")],
                     id="numbers-out-of-sequence-are-text"),
        pytest.param("", [], id="empty-cell"),
    ],
)  # fmt: skip
def test_recommendations_are_split_as_printed(cell, expected):
    assert recommendations(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Dawn Calvert / O&S Officers", ("Dawn Calvert", "O&S Officers")),
        ("Dawn Calvert, Sima Khiroya", ("Dawn Calvert", "Sima Khiroya")),
        ("Dawn Calvert and Sima Khiroya", ("Dawn Calvert", "Sima Khiroya")),
        ("Place and People O&S", ("Place and People O&S",)),
        ("Head of Finance and Sima Khiroya", ("Head of Finance and Sima Khiroya",)),
        ("", ()),
    ],
)
def test_assignees_split_between_names_only(cell, expected):
    parsed = parse_tracker_text(tracker_text(f"1\t17 Sept 2024\tT\t\t\tClosed\t{cell}\t"))
    assert parsed.rows[0].assignees == expected


def test_plain_text_summary_is_wrapped_in_paragraphs_and_bullets_in_a_list():
    cell = "We talked about: • roads • bins"
    parsed = parse_tracker_text(tracker_text(f"1\t17 Sept 2024\tT\t{cell}\t\tOpen\t\t"))
    assert parsed.rows[0].summary_html == (
        "<p>We talked about:</p><ul><li>roads</li><li>bins</li></ul>"
    )


def test_hostile_html_is_removed():
    cell = '<p onclick="steal()">Hi <script>alert(1)</script><a href="javascript:x">there</a></p>'
    line = f"1\t17 Sept 2024\t<b onclick='x'>T</b>\t{cell}\t{cell}\tOpen\t\t{cell}"
    parsed = parse_tracker_text(tracker_text(line)).rows[0]
    assert parsed.summary_html == '<p>Hi <a rel="noopener noreferrer">there</a></p>'
    assert parsed.progress_html == parsed.summary_html
    assert parsed.report_title == "T"
    assert parsed.recommendations[0].text == "Hi there"


def test_repeated_header_and_separators_after_a_page_break_are_skipped():
    text = tracker_text(
        "1\t17 Sept 2024\tFirst half\t\t\tOpen\t\t", "--\t--\t--", "", HEADER,
        "\t\tsecond half\t\t\t\t\t",
    )  # fmt: skip
    assert parse_tracker_text(text).rows[0].report_title == "First half second half"


def test_forward_plan_dispositions_from_other_wording():
    text = tracker_text(
        GOOD_ROW,
        "Cabinet Forward Plan \u2013 Items for Corporate O&S",
        PLAN_HEADER,
        "1\tBudget\tFebruary 2025\tScheduled for Corporate O&S on 14 January 2025.",
        "2\tRisk\t12/03/2025\tFalls within the remit of the Place O&S Committee.",
        "3\tLand\tMarch 2025\tNot scheduled.",
    )
    plan = parse_tracker_text(text).forward_plan
    assert [(i.disposition, i.scheduled_for, i.other_committee) for i in plan] == [
        ("scheduled", datetime.date(2025, 1, 14), ""),
        ("other_committee", None, "Place O&S Committee"),
        ("not_on_work_programme", None, ""),
    ]
    assert plan[1].cabinet_date == datetime.date(2025, 3, 12)


# --- properties ---------------------------------------------------------------------------------


def strings(value) -> list[str]:
    """Every string inside a parse result."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value):
        value = [getattr(value, f.name) for f in dataclasses.fields(value)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in strings(item)]
    return []


def parse_or_refusal(text: str) -> ParsedTracker | ImportRefused:
    try:
        return parse_tracker_text(text)
    except ImportRefused as refusal:
        return refusal


def assert_only_tracker_or_refusal(text: str) -> None:
    parsed = parse_or_refusal(text)
    if isinstance(parsed, ImportRefused):
        assert parsed.problems
        assert all(str(problem) for problem in parsed.problems)
        return
    assert isinstance(parsed, ParsedTracker)
    for value in strings(parsed):
        assert "<script" not in value.lower()
        assert "onclick" not in value.lower()


FRAGMENTS = [
    "<script>alert(1)</script>", '<p onclick="steal()">x</p>', "<img src=x onerror=alert(1)>",
    "<scr<script>ipt>alert(1)</script>", '<a href="javascript:alert(1)" onclick="x">l</a>',
    "<p>Para</p> <p>graph", '<ol style="list-style-type: none"> 1. One 2. Two', "</ol></ul>",
    "<ul> • a • b", "<li>item", "• bullet", "1. Agreed", "Cabinet to: 1. Do", "(a) x (b) y",
    "17 Sept 2024", "31 Sept 2024", "March 2025", "Open", "closed", " Closed ", "Dawn / O&S",
    "--", "", "", "", "3", "No", "Meeting Date", "Report Title", "Open / Closed",
    "Scheduled for Corporate O&S in March 2025.", "Falls within Audit Committee remit.",
]  # fmt: skip
cells = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12))
lines = st.lists(cells, max_size=10).map("\t".join)
# a row that parses: good number, date, title and status around arbitrary cells
good_rows = st.tuples(
    st.integers(1, 99),
    st.sampled_from(["17 Sept 2024", "2024-09-17", "March 2025"]),
    cells,
    cells,
    cells,
    st.sampled_from(["Open", "closed "]),
    cells,
    cells,
).map(lambda row: "\t".join([str(row[0]), row[1], f"Title {row[2]}", *row[3:]]))
continuations = st.lists(cells, min_size=1, max_size=7).map(lambda cs: "\t" + "\t".join(cs))


@st.composite
def tracker_like(draw) -> str:
    extras = st.sampled_from(["", "--\t--\t--", PLAN_HEADER, HEADER])
    body = draw(st.lists(st.one_of(good_rows, continuations, lines, extras), max_size=12))
    return "\n".join([draw(st.sampled_from(["", "Tracker"])), HEADER, *body])


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_a_tracker_or_a_refusal(text):
    assert_only_tracker_or_refusal(text)


@settings(max_examples=200, deadline=None)
@given(tracker_like())
def test_tracker_like_text_gives_a_tracker_or_a_refusal_without_scripts(text):
    assert_only_tracker_or_refusal(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6).map(" ".join))
def test_well_formed_rows_with_hostile_cells_parse_and_stay_clean(cell):
    line = f"1\t17 Sept 2024\tTitle {cell}\t{cell}\t{cell}\tOpen\t{cell}\t{cell}"
    parsed = parse_tracker_text(tracker_text(line, "", f"\t\t{cell}\t{cell}\t{cell}\t\t{cell}\t"))
    assert len(parsed.rows) == 1
    for value in strings(parsed):
        assert "<script" not in value.lower()
        assert "onclick" not in value.lower()


def test_lone_surrogates_do_not_crash():
    assert parse_tracker_text(tracker_text("1\t17 Sept 2024\tT\ud800\t\t\tOpen\t\t")).rows
