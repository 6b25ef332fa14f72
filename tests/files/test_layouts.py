"""Trackers in the layouts other councils keep, read with no mapping (issue #18): items,
recommendations, statuses and their wording, dates, references, assignees and responses."""

import datetime
import io
import string

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutineer.core.calendar import long_date, municipal_year
from scrutineer.files.parsers.dates import date_in_text
from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.files.parsers.mapping import guess_mapping, header_field
from scrutineer.files.parsers.people import name_kind, split_people
from scrutineer.files.parsers.responses import municipal_year_in, suggest_decision
from scrutineer.files.parsers.statuses import DEFAULT_SCALE, read_status, status_in_text
from scrutineer.files.parsers.tabular import read_tracker, read_tracker_tables, tracker_headers
from tests.files import layouts

D = datetime.date


def recommendations(parsed):
    return [rec for row in parsed.rows for rec in row.recommendations]


# 1. One row per recommendation, no title column.


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        pytest.param("recs.csv", layouts.recommendation_rows_csv(), id="csv"),
        pytest.param("recs.xlsx", layouts.recommendation_rows_xlsx(), id="xlsx"),
    ],
)
def test_rows_of_recommendations_are_grouped_by_meeting_and_origin(filename, data):
    parsed = read_tracker(data, filename=filename)
    assert parsed.title == "Scrutiny recommendations tracker 2025/26"
    assert [
        (r.line, r.number, r.meeting_date, r.committee, r.report_title, r.title_from)
        for r in parsed.rows
    ] == [
        (5, "", D(2025, 5, 12), "CRP", "Review the housing allocations policy with tenants",
         "recommendation"),
        (7, "", D(2025, 5, 12), "PPL", "Children", "area"),
        (8, "", D(2025, 6, 2), "PLC", "Planning", "area"),
    ]  # fmt: skip
    recs = recommendations(parsed)
    assert [(r.number, r.reference, r.municipal_year, r.area) for r in recs] == [
        ("1", "SR (25/26) 01", "25/26", "Housing"),
        ("2", "SR (25/26) 02", "25/26", "Finance"),
        ("", "SR (25/26) 03", "25/26", "Children"),
        ("", "SR (25/26) 04", "25/26", "Planning"),
    ]
    assert [(r.status, r.status_wording) for r in recs] == [
        ("closed", "Complete"), ("open", "Ongoing"), ("open", "e.g. Paused"), ("open", "Ongoing"),
    ]  # fmt: skip
    assert [(r.assignees, r.lead_officers, r.addressee) for r in recs] == [
        (("JG", "AW"), ("JG", "AW"), ""),
        (("SB",), ("SB",), ""),
        (("KM",), ("KM",), "Executive"),
        ((), (), ""),
    ]
    assert [r.executive_date for r in recs] == [D(2025, 6, 23), D(2025, 6, 23), None, None]
    (update,) = recs[0].updates
    assert update.date == D(2025, 7, 14)
    assert "three tenant panels" in update.text_html
    assert parsed.status_words == (
        ("Complete", "closed"), ("e.g. Paused", "open"), ("Ongoing", "open"),
    )  # fmt: skip


# 2. A Word table per item, with the meeting above it and note marks on the headers.


def test_a_word_table_per_item_takes_its_meeting_committee_and_topic_from_above():
    data = layouts.action_plan_docx()
    first, _ = read_tracker_tables(data, filename="plan.docx")
    assert first.headers == tuple(layouts.PLAN_HEADERS)  # the note marks are left out
    assert first.context[:2] == (
        ("Committee", "Health Scrutiny Panel"),
        ("Meeting Date", "1 March 2011"),
    )
    parsed = read_tracker(data, filename="plan.docx")
    assert [
        (r.sheet, r.meeting_date, r.committee, r.minute, r.report_title, r.title_from)
        for r in parsed.rows
    ] == [
        ("table 1", D(2011, 3, 1), "Health Scrutiny Panel", "109", "Dementia services", ""),
        ("table 2", D(2011, 7, 5), "Health Scrutiny Panel", "", "Carers", ""),
    ]
    recs = recommendations(parsed)
    assert [(r.number, r.text[:30]) for r in recs] == [
        ("a", "That a dementia adviser is app"),
        ("b", "That the number of actions in "),
        ("c", "That carers are told of the me"),
        ("d", "That the panel receives a repo"),
        ("", "That the carers' strategy is p"),
    ]
    assert [(r.due_date, r.due_text) for r in recs] == [
        (D(2014, 2, 28), "Meeting held by 28 February 2014"),
        (None, "Completed"),
        (D(2011, 9, 30), ""),  # a month: its last day
        (None, "End of May"),  # no year: flagged, not guessed
        (D(2011, 10, 12), "Cabinet \N{EN DASH} 12 October 2011"),
    ]
    assert [(r.status, r.status_wording) for r in recs] == [
        ("open", ""), ("closed", "Completed"), ("open", ""), ("open", ""), ("open", ""),
    ]  # fmt: skip
    assert [(r.response_suggestion, r.cabinet_member) for r in recs] == [
        ("accepted", "Cabinet Member for Health"),
        ("rejected", "Cabinet Member for Health"),
        ("partly_accepted", "Councillor Moss/ The Leader"),
        ("accepted", "Cabinet Member for Health"),
        ("accepted", "Cabinet Member for Health"),
    ]
    assert recs[1].response == (
        "It was agreed that the number of actions did not need to be reduced"
    )
    assert recs[0].assignees == ("James Gilchrist", "Becky Eades", "Cllr A Waller")
    assert (recs[1].assignees, recs[1].addressee) == ((), "Executive")
    assert [str(w) for w in parsed.warnings] == [
        "table 1, row 5, column “Timetable”: “End of May” names no year; no due date is "
        "recorded: add the year"
    ]


# 3. Merged cells and two sheets.


def test_a_workbook_with_merged_cells_and_an_older_sheet_is_read_sheet_by_sheet():
    parsed = read_tracker(layouts.actions_workbook_xlsx(), filename="actions.xlsx")
    assert parsed.title == "Full Council actions tracker"
    assert [
        (r.sheet, r.line, r.meeting_date, r.committee, r.minute, r.title_from) for r in parsed.rows
    ] == [
        ("2022-23", 4, D(2022, 4, 27), "Council Meeting", "45", "recommendation"),
        ("2022-23", 7, D(2022, 7, 13), "Council Meeting", "52", "recommendation"),
        ("Before 2022", 2, D(2021, 7, 13), "", "12", "recommendation"),
        ("Before 2022", 3, D(2021, 7, 13), "", "14", "recommendation"),
    ]
    climate, audit, housing, leisure = recommendations(parsed)
    # One resolution merged down over two actions: one recommendation with two updates.
    assert climate.text == "That the climate motion is referred to Cabinet"
    assert [(u.line, u.date) for u in climate.updates] == [
        (4, D(2022, 7, 12)),
        (5, D(2022, 8, 1)),
    ]
    assert (climate.status, climate.status_wording) == ("open", "Ongoing")
    assert climate.due_date == D(2022, 6, 30)  # typed as text
    assert climate.assignees == ("Councillor Moss", "Director of Place")
    assert climate.addressee == "The Leader"
    assert (audit.status, audit.status_wording) == ("closed", "")
    # The older sheet has no status column: the status is in the text.
    assert (housing.status, housing.status_wording) == ("open", "Still in progress")
    assert housing.assignees == ("Head of Housing", "Director of Finance")
    assert (leisure.status, leisure.closed_on) == ("closed", D(2021, 10, 1))


def test_the_columns_to_map_are_every_sheets_headers_once():
    tables = read_tracker_tables(layouts.actions_workbook_xlsx(), filename="a.xlsx")
    assert tracker_headers(tables) == (
        *layouts.ACTIONS_HEADERS, "Date", "Minute", "Officer", "Progress",
    )  # fmt: skip
    # Mapping the first sheet's "Resolution" maps the second sheet's too.
    headers = tracker_headers(tables)
    mapping = {i: f for i, f in guess_mapping(headers).items() if headers[i] != "Progress"}
    parsed = read_tracker(layouts.actions_workbook_xlsx(), filename="a.xlsx", mapping=mapping)
    housing = recommendations(parsed)[2]
    assert housing.updates == ()
    assert parsed.rows[2].progress_html == ""


# 4. Other status scales, and assignee cells.


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("Green", "closed"), ("Amber", "open"), ("Red", "open"), ("RED", "open"),
        ("Achieved", "closed"), ("On track", "open"), ("Slipped", "open"),
        ("Not achieved", "open"), ("Implemented", "closed"), ("Partly implemented", "open"),
        ("Not implemented", "open"), ("Accepted", "open"), ("Rejected", "closed"),
        ("Paused", "open"), ("e.g. Paused", "open"), ("Complete", "closed"),
        ("Ongoing", "open"), ("Closed 12/05/2023", "closed"),
        ("Green \N{EN DASH} achieved", "closed"),
    ],
)  # fmt: skip
def test_status_words_of_every_scale_are_read_keeping_the_files_wording(word, status):
    rows = [["1", "17/09/2024", "Parks", "Review the parks", word, "O&S Officers"]]
    (rec,) = recommendations(read_tracker(layouts.scales_csv(rows), filename="s.csv"))
    assert rec.status == status
    assert rec.status_wording == word
    if word == "Closed 12/05/2023":
        assert rec.closed_on == D(2023, 5, 12)


def test_a_committee_says_what_its_own_status_words_mean():
    rows = [["1", "17/09/2024", "Parks", "Review the parks", "Parked", ""]]
    with pytest.raises(ImportRefused, match="“Parked” is not a status Scrutineer knows"):
        read_tracker(layouts.scales_csv(rows), filename="s.csv")
    parsed = read_tracker(layouts.scales_csv(rows), filename="s.csv", statuses={"Parked": "open"})
    assert [(r.status, r.status_wording) for r in recommendations(parsed)] == [("open", "Parked")]
    # The committee's word overrides the default meaning too.
    rows[0][4] = "Green"
    parsed = read_tracker(layouts.scales_csv(rows), filename="s.csv", statuses={"green": "open"})
    assert recommendations(parsed)[0].status == "open"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Councillor Moss/ The Leader",
         [("Councillor Moss", "councillor"), ("The Leader", "body")]),
        ("James Gilchrist/\nBecky Eades\n\nCllr A Waller",
         [("James Gilchrist", "person"), ("Becky Eades", "person"),
          ("Cllr A Waller", "councillor")]),
        ("Executive", [("Executive", "body")]),
        ("Cabinet", [("Cabinet", "body")]),
        ("JG/AW; SB", [("JG", "initials"), ("AW", "initials"), ("SB", "initials")]),
        ("JG and AW", [("JG", "initials"), ("AW", "initials")]),
        ("Head of Housing and Director of Finance",
         [("Head of Housing", "person"), ("Director of Finance", "person")]),
        ("Cabinet Member for Environment and Housing",
         [("Cabinet Member for Environment and Housing", "body")]),
        ("Dawn Calvert / O&S Officers", [("Dawn Calvert", "person"), ("O&S Officers", "person")]),
        ("Planning and Regeneration Team", [("Planning and Regeneration Team", "person")]),
    ],
)  # fmt: skip
def test_assignee_cells_split_into_people_and_bodies(cell, expected):
    assert [(name, name_kind(name)) for name in split_people(cell)] == expected


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("Agreed \N{EN DASH} this will be provided", "accepted"),
        ("It was agreed that the number of actions did not need to be reduced", "rejected"),
        ("Partly agreed: the leaflet will be revised", "partly_accepted"),
        ("Not accepted: the budget does not allow it", "rejected"),
        ("Noted", ""),
        ("", ""),
    ],
)
def test_a_free_text_response_suggests_a_decision(text, suggestion):
    assert suggest_decision(text) == suggestion


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Lead Officer/EM", "lead_officer"), ("Recommendationi", "recommendations"),
        ("Responseiii", "response"), ("Timetable", "due_date"), ("Minute №", "minute"),
        ("Exec Date", "executive_date"), ("Origin", "committee"), ("Action taken", "progress"),
        ("RAG status", "status"), ("Officer responsible for the action", "assignees"),
        ("Date of update", "update_date"), ("Area", "area"), ("Reference", "reference"),
    ],
)  # fmt: skip
def test_headers_are_recognised_by_meaning(header, field):
    assert header_field(header)[0] == field


# Property tests.

origins = st.sampled_from(["CRP", "PPL", "PLC"])
days = st.dates(D(2011, 1, 1), D(2030, 12, 31))
status_words = st.sampled_from(sorted(DEFAULT_SCALE))
initials = st.text(string.ascii_uppercase, min_size=2, max_size=3)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(origins, days, status_words, st.lists(initials, min_size=1, max_size=3)),
        min_size=1,
        max_size=12,
    )
)
def test_any_rows_of_recommendations_give_one_recommendation_each(rows):
    cells = [
        [
            f"SR ({municipal_year(day)}) {n:02d}",
            origin,
            day.strftime("%d/%m/%y"),
            "",
            f"Recommendation {n}",
            "",
            "/".join(people),
            "",
            word.title(),
        ]
        for n, (origin, day, word, people) in enumerate(rows, 1)
    ]
    data = layouts.csv_bytes([layouts.RECOMMENDATION_ROWS_HEADERS, *cells])
    parsed = read_tracker(data, filename="recs.csv")
    recs = sorted(recommendations(parsed), key=lambda r: r.line)
    assert [r.text for r in recs] == [f"Recommendation {n}" for n in range(1, len(rows) + 1)]
    assert len(parsed.rows) == len({(day, origin) for origin, day, _, _ in rows})
    for rec, (origin, day, word, people) in zip(recs, rows, strict=True):
        assert rec.reference == f"SR ({municipal_year(day)}) {rec.line - 1:02d}"
        assert rec.municipal_year == municipal_year(day)
        assert rec.status == DEFAULT_SCALE[word]
        assert rec.assignees == tuple(dict.fromkeys(people))
        item = next(row for row in parsed.rows if rec in row.recommendations)
        assert (item.meeting_date, item.committee) == (day, origin)


@settings(max_examples=40, deadline=None)
@given(actions=st.lists(st.sampled_from(["Ongoing", "Complete"]), min_size=1, max_size=6))
def test_a_resolution_merged_over_its_actions_is_one_recommendation(actions):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(layouts.ACTIONS_HEADERS)
    sheet.append(["Council Meeting - 27/4/2022"])
    sheet.merge_cells("A2:G2")
    for n, word in enumerate(actions):
        first = n == 0
        sheet.append(["45" if first else None, "That it is done" if first else None,
                      f"Action {n}", "Director", "", f"Update {n}", word])  # fmt: skip
    if len(actions) > 1:
        sheet.merge_cells(f"B3:B{2 + len(actions)}")
    out = io.BytesIO()
    book.save(out)
    (row,) = read_tracker(out.getvalue(), filename="a.xlsx").rows
    (rec,) = row.recommendations
    assert [u.line for u in rec.updates] == list(range(3, 3 + len(actions)))
    assert rec.status == ("open" if "Ongoing" in actions else "closed")


@settings(max_examples=100, deadline=None)
@given(day=days, before=st.sampled_from(["Meeting held by", "Cabinet \N{EN DASH}", "By", ""]))
def test_a_date_is_found_inside_a_timetable_cell(day, before):
    found = date_in_text(f"{before} {long_date(day)}".strip())
    assert (found.date, found.precision, found.no_year) == (day, "day", False)
    month = date_in_text(f"{before} {day:%B %Y}".strip())
    assert (month.date, month.precision) == (day.replace(day=1), "month")
    no_year = date_in_text(f"{before} {day.day} {day:%B}".strip())
    assert (no_year.date, no_year.no_year) == (None, True)


@settings(max_examples=100, deadline=None)
@given(word=status_words, punctuation=st.sampled_from(["", ".", " ", "!"]), upper=st.booleans())
def test_any_known_status_word_reads_whatever_its_case_and_punctuation(word, punctuation, upper):
    written = (word.upper() if upper else word.title()) + punctuation
    found = read_status(written)
    assert found is not None
    assert (found.status, found.wording) == (DEFAULT_SCALE[word], written.strip())


@settings(max_examples=100, deadline=None)
@given(start=st.integers(2000, 2098), style=st.sampled_from(["SR ({}) 01", "{}-4", "Ref {} A"]))
def test_a_references_municipal_year_is_read(start, style):
    pair = f"{start % 100:02d}/{(start + 1) % 100:02d}"
    assert municipal_year_in(style.format(pair)) == pair


names = st.tuples(
    st.sampled_from(["Becky", "James", "Ann", "Raj"]),
    st.sampled_from(["Eades", "Gilchrist", "Waller", "Patel"]),
).map(" ".join)


@settings(max_examples=100, deadline=None)
@given(
    people=st.lists(names, min_size=1, max_size=4, unique=True),
    separators=st.lists(st.sampled_from(["/", "; ", "\n", " and ", "/\n\n"]), min_size=3),
)
def test_names_joined_by_any_separator_split_back(people, separators):
    cell = people[0] + "".join(
        separators[i % len(separators)] + name for i, name in enumerate(people[1:])
    )
    assert split_people(cell) == tuple(people)


def test_a_status_only_in_the_text_is_read_from_its_last_sentence():
    assert status_in_text("Work has started. Still in progress.").status == "open"
    assert status_in_text("Report received. Closed.").status == "closed"
    assert status_in_text("The report was agreed.") is None


def test_two_items_with_one_title_at_one_meeting_are_warned_of():
    rows = [
        ["1", "17/09/2024", "Parks", "Review the parks", "Open", "O&S Officers"],
        ["2", "17/09/2024", "Parks", "Review the parks again", "Open", "O&S Officers"],
        ["3", "18/09/2024", "Parks", "Review the parks", "Open", "O&S Officers"],
    ]
    parsed = read_tracker(layouts.scales_csv(rows), filename="s.csv")
    assert [str(w) for w in parsed.warnings] == [
        "row 3: Rows 2 and 3 have the same title at one meeting (“Parks”, 17 September 2024); "
        "they are imported as two items"
    ]


def test_a_date_without_a_year_in_a_timetable_is_flagged_not_guessed():
    rows = [["1", "17/09/2024", "Parks", "Review the parks", "Open", "End of March"]]
    headers = [*layouts.SCALES_HEADERS[:5], "Timetable"]
    parsed = read_tracker(layouts.csv_bytes([headers, *rows]), filename="s.csv")
    (rec,) = recommendations(parsed)
    assert (rec.due_date, rec.due_text) == (None, "End of March")
    assert [str(w) for w in parsed.warnings] == [
        "row 2, column “Timetable”: “End of March” names no year; no due date is recorded: "
        "add the year"
    ]
