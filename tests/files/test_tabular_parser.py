"""The CSV, XLSX and DOCX tracker readers: same rows as the seed, validation, hostile input."""

import csv
import dataclasses
import datetime
import io
import zipfile

import docx
import openpyxl
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutineer.files import limits
from scrutineer.files.parsers import tables
from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.files.parsers.mapping import FIELDS, guess_mapping
from scrutineer.files.parsers.tables import Table, read_csv, read_docx, read_xlsx
from scrutineer.files.parsers.tabular import parse_table, read_tracker
from scrutineer.files.parsers.tracker_text import ParsedTracker

HEADERS = [
    "No",
    "Meeting Date",
    "Report Title",
    "Summary of O&S discussion",
    "O&S recommendations",
    "Open / Closed",
    "Assigned to",
    "Progress of O&S recommendations",
]
JULY, SEPT = datetime.date(2024, 7, 30), datetime.date(2024, 9, 17)
# The first three rows of tests/fixtures/corporate_os_tracker.txt, as a spreadsheet holds them.
SEED_ROWS = [
    [
        "1",
        "30 July 2024",
        "Developing Thurrock Council's Communication and Engagement Strategy 2024-25",
        "The Committee's initial thoughts were sought as part of the consultation stage.\n"
        "Rebuilding trust with residents was a key theme.",
        "1. Agreed the inclusion of previous specific communications mistakes within the "
        "Strategy as part of systematically remedying this (where possible);\n"
        "2. Agreed that pre-intervention customer satisfaction is not the goal as this has "
        "always been relatively low and requires improvement;\n"
        "3. Agreed a corporate approach is need across all communications, i.e. standardising "
        "the tone of letters, posters, emails.",
        "Closed",
        "Louise Neilan",
        "Following engagement and feedback from Committee, the draft Communication and "
        "Engagement Strategy was presented in October 2024 (see recommendation 8).",
    ],
    [
        "2",
        "30 July 2024",
        "Workforce and Culture Task and Finish Group",
        "The changes in workforce planning were highlighted.",
        "1. Agreed not to establish a Task and Finish Group at this time as the remit would "
        "be too broad.",
        "Open",
        "O&S Officers",
        "Action remains open to allow Members to revisit the establishment of a Task and "
        "Finish Group in future if necessary.",
    ],
    [
        "3",
        "17 Sept 2024",
        "Q1 Forecast Revenue and Capital Outturn Report",
        "The overspend in Q1 was highlighted, which although not ideal, is manageable.",
        "1. Agreed to add the quarterly finance performance reports to the work programme for "
        "the remainder of the year.",
        "Closed",
        "Dawn Calvert / O&S Officers",
        "Work programme updated. The quarterly reports will be reviewed by scrutiny post-Cabinet.",
    ],
]
FRAGMENTS = [
    "<script>alert(1)</script>", '<p onclick="steal()">x</p>', "<img src=x onerror=alert(1)>",
    "<scr<script>ipt>alert(1)</script>", '<a href="javascript:alert(1)" onclick="x">l</a>',
    "=cmd|' /C calc'!A0", "<ol><li>One</li><li>Two", "1. Agreed\n2. Noted", "- a\n- b", "\x00",
    "17 Sept 2024", "31 Sept 2024", "Open", "closed", "Dawn / O&S", "", "3", "No",
]  # fmt: skip


def csv_bytes(rows, *, delimiter=",", encoding="utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(*sheets) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for rows in sheets:
        sheet = book.create_sheet()
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docx_bytes(rows, *, before=None) -> bytes:
    """A document with an optional table ``before`` and a table of ``rows``; "1. x" lines of
    the recommendations column become Word's own numbered paragraphs."""
    document = docx.Document()
    document.add_paragraph("Corporate O&S Recommendations Tracker")
    for table_rows in [before, rows] if before else [rows]:
        table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for r, row in enumerate(table_rows):
            for c, value in enumerate(row):
                cell = table.cell(r, c)
                lines = str(value).split("\n")
                numbered = (
                    r > 0 and c == 4 and all(line[:3] in ("1. ", "2. ", "3. ") for line in lines)
                )
                cell.paragraphs[0].text = lines[0][3:] if numbered else lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line[3:] if numbered else line)
                if numbered:
                    for paragraph in cell.paragraphs:
                        paragraph.style = document.styles["List Number"]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def no_table_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("No table here")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def number_paragraph(paragraph, num_id: int) -> None:
    """Give a paragraph Word's own list numbering (numPr), as Word's list buttons do."""
    xml = f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
    paragraph._p.get_or_add_pPr().append(parse_xml(xml))


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return out.getvalue()


def strings(value) -> list[str]:
    """Every string inside a parse result."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value):
        value = [getattr(value, f.name) for f in dataclasses.fields(value)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in strings(item)]
    return []


XLSX, DOCX = xlsx_bytes([HEADERS, *SEED_ROWS]), docx_bytes([HEADERS, *SEED_ROWS])


def refusal(data: bytes, filename: str) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        read_tracker(data, filename=filename)
    return caught.value


def test_csv_xlsx_and_docx_of_the_seed_rows_parse_to_the_same_rows():
    # Excel keeps numbers as numbers and dates as datetimes
    dates = [datetime.datetime(2024, 7, 30), datetime.date(2024, 7, 30), "17 Sept 2024"]
    xlsx_rows = [[float(r[0]), d, *r[2:]] for r, d in zip(SEED_ROWS, dates, strict=True)]
    parsed = [
        read_tracker(csv_bytes([HEADERS, *SEED_ROWS]), filename="tracker.csv"),
        read_tracker(xlsx_bytes([HEADERS, *xlsx_rows]), filename="tracker.XLSX"),
        read_tracker(docx_bytes([HEADERS, *SEED_ROWS]), filename="tracker.docx"),
    ]
    assert parsed[0].rows == parsed[1].rows == parsed[2].rows
    rows = parsed[0].rows
    assert [(r.line, r.number, r.meeting_date, r.status) for r in rows] == [
        (2, "1", JULY, "closed"),
        (3, "2", JULY, "open"),
        (4, "3", SEPT, "closed"),
    ]
    assert rows[2].report_title == "Q1 Forecast Revenue and Capital Outturn Report"
    assert [(rec.number, rec.text[:28]) for rec in rows[0].recommendations] == [
        ("1", "Agreed the inclusion of prev"),
        ("2", "Agreed that pre-intervention"),
        ("3", "Agreed a corporate approach "),
    ]
    assert rows[0].recommendations[2].text.endswith("letters, posters, emails.")
    assert [r.assignees for r in rows] == [
        ("Louise Neilan",),
        ("O&S Officers",),
        ("Dawn Calvert", "O&S Officers"),
    ]
    assert rows[0].summary_html.startswith("<p>The Committee's initial thoughts")
    assert rows[0].summary_html.endswith("<p>Rebuilding trust with residents was a key theme.</p>")
    assert rows[1].progress_html.startswith("<p>Action remains open")
    assert all(p.forward_plan == () for p in parsed)


def test_a_title_above_the_header_and_a_table_before_the_tracker_are_passed_over():
    notes = [["Notes", "Here"], ["a", "b"]]
    data = docx_bytes([HEADERS, *SEED_ROWS], before=notes)
    assert len(read_tracker(data, filename="t.docx").rows) == 3
    sheet = [["Corporate O&S Recommendations Tracker"], [], HEADERS, SEED_ROWS[1]]
    parsed = read_tracker(xlsx_bytes([["Cover sheet"]], sheet), filename="t.xlsx")
    assert parsed.title == "Corporate O&S Recommendations Tracker"
    assert [(r.line, r.number) for r in parsed.rows] == [(4, "2")]


def test_word_list_numbering_and_merged_cells_are_read_as_word_shows_them():
    document = docx.Document()
    numbering = document.part.numbering_part.element
    # python-docx's template has bullet lists (numId 1-4) and decimal ones (5-9), but no letters
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0">'
            '<w:numFmt w:val="lowerLetter"/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))  # fmt: skip
    table = document.add_table(rows=5, cols=3)
    for c, header in enumerate(["Date", "Title", "Recommendations"]):
        table.cell(0, c).text = header
    for r, num_id in enumerate([5, 5, 1, 90], start=1):
        table.cell(r, 0).text = "17 Sept 2024" if r == 1 else ""
        table.cell(r, 1).text = f"Report {r}"
        cell = table.cell(r, 2)
        cell.paragraphs[0].text = "First"
        cell.add_paragraph("Second")
        for paragraph in cell.paragraphs:
            number_paragraph(paragraph, num_id)
    table.cell(1, 0).merge(table.cell(4, 0))  # one meeting date for every row
    out = io.BytesIO()
    document.save(out)
    rows = read_tracker(out.getvalue(), filename="t.docx").rows
    assert {row.meeting_date for row in rows} == {SEPT}
    # each cell counts from 1; bullets count 1, 2 as in the seed; letters keep their letters
    assert [[(r.number, r.text) for r in row.recommendations] for row in rows] == [
        [("1", "First"), ("2", "Second")],
        [("1", "First"), ("2", "Second")],
        [("1", "First"), ("2", "Second")],
        [("a", "First"), ("b", "Second")],
    ]


def test_guess_mapping_reads_the_seed_headers():
    assert guess_mapping(HEADERS) == dict(enumerate(list(FIELDS)[:8]))
    assert guess_mapping(list(FIELDS.values())) == dict(enumerate(FIELDS))


def test_guess_mapping_knows_synonyms_whatever_their_case_and_punctuation():
    headers = ["#", "DATE", "Item", "Discussion", "Recommendation(s)", "status", "Owner",
               "Progress update", "Report author", "Deadline", "Something else"]  # fmt: skip
    assert guess_mapping(headers) == {
        0: "number", 1: "meeting_date", 2: "report_title", 3: "summary", 4: "recommendations",
        5: "status", 6: "assignees", 7: "progress", 8: "lead_officer", 9: "due_date",
    }  # fmt: skip
    assert guess_mapping(["No.", "Open/Closed", "responsible  officer", "Due date"]) == {
        0: "number", 1: "status", 2: "assignees", 3: "due_date",
    }  # fmt: skip


def test_guess_mapping_gives_a_field_the_column_named_most_like_it():
    assert guess_mapping(["Date", "Meeting date", "Report", "Title"]) == {
        1: "meeting_date",
        3: "report_title",
    }


def test_unknown_headers_parse_with_an_explicit_mapping():
    table = read_csv(csv_bytes([["When", "What", "Asks", "Where"], ["1/10/24", "A", "Do", "x"]]))
    with pytest.raises(ImportRefused):
        parse_table(table)
    mapping = {0: "meeting_date", 1: "report_title", 2: "recommendations", 3: ""}
    (row,) = parse_table(table, mapping=mapping).rows
    # No "No" column: the importer numbers the item after the committee's last one.
    assert (row.number, row.meeting_date, row.report_title) == (
        "",
        datetime.date(2024, 10, 1),
        "A",
    )
    assert [(r.number, r.text) for r in row.recommendations] == [("", "Do")]
    assert row.status == "open"


def test_lead_officer_and_target_date_are_on_each_recommendation():
    table = Table(
        headers=("Date", "Title", "Recommendations", "Lead officer", "Target date"),
        rows=((3, ("17 Sept 2024", "T", "Do", "Sarah Brown", "March 2025")),),
    )
    (row,) = parse_table(table).rows
    assert row.line == 3
    assert row.lead_officer == "Sarah Brown"
    (recommendation,) = row.recommendations
    assert recommendation.lead_officers == ("Sarah Brown",)
    assert recommendation.assignees == ("Sarah Brown",)
    # A deadline of a month is met until the month's end.
    assert recommendation.due_date == datetime.date(2025, 3, 31)


def test_blank_rows_are_skipped_and_unnumbered_rows_count_on_from_the_largest_number():
    rows = [
        HEADERS,
        ["", "17 Sept 2024", "A", "", "Do"],
        ["", "", ""],
        ["7", "17 Sept 2024", "B", "", "Do"],
        ["2", "17 Sept 2024", "C", "", "Do"],
        ["", "17 Sept 2024", "D", "", "Do"],
    ]
    parsed = read_tracker(csv_bytes(rows), filename="t.csv")
    assert [(r.line, r.number, r.report_title) for r in parsed.rows] == [
        (2, "8", "A"), (4, "7", "B"), (5, "2", "C"), (6, "9", "D"),
    ]  # fmt: skip


def test_typed_bullets_html_lists_and_word_bullets_split_into_recommendations():
    rows = [
        HEADERS,
        ["1", "17 Sept 2024", "A", "", "Cabinet to:\n- Do this\n- Do that", ""],
        ["2", "17 Sept 2024", "B", "", "<ol><li>One</li><li>Two</li></ol>", ""],
        ["3", "17 Sept 2024", "C", "", "a) First b) Second", ""],
    ]
    parsed = read_tracker(csv_bytes(rows), filename="t.csv")
    assert [
        [(r.number, r.text, r.preamble) for r in row.recommendations] for row in parsed.rows
    ] == [
        [("1", "Do this", "Cabinet to:"), ("2", "Do that", "Cabinet to:")],
        [("1", "One", ""), ("2", "Two", "")],
        [("a", "First", ""), ("b", "Second", "")],
    ]


def test_formulas_stay_text_and_scripts_are_sanitised_away():
    cell = "=cmd|' /C calc'!A0 <p onclick=\"x\">Hi</p><script>alert(1)</script>"
    rows = [HEADERS, ["1", "17 Sept 2024", "=cmd|' /C calc'!A0", cell, "1. Do", "", "", cell]]
    (row,) = read_tracker(csv_bytes(rows), filename="t.csv").rows
    assert row.report_title == "=cmd|' /C calc'!A0"
    assert row.summary_html == "<p>=cmd|' /C calc'!A0</p><p>Hi</p>"
    assert "script" not in row.progress_html
    assert "onclick" not in row.progress_html


def test_csv_in_any_usual_encoding_and_separator_is_read_below_a_title_line():
    rows = [HEADERS, ["1", "17 Sept 2024", "Caf\u00e9 \u2013 budget", "", "1. Do"]]
    for data in (
        csv_bytes(rows, delimiter=";", encoding="cp1252"),
        csv_bytes(rows, delimiter="\t", encoding="utf-8-sig"),
        csv_bytes(rows, delimiter="\t", encoding="utf-16"),
        b"Corporate O&S tracker\r\n"
        + csv_bytes([*rows[:1], [*rows[1][:4], "Do, then report"]], delimiter=";"),
    ):
        assert read_tracker(data, filename="t.csv").rows[0].report_title == rows[1][2]


def test_problems_name_the_spreadsheet_row_and_the_files_own_header():
    sheet = [["Tracker"], [], ["Ref", "Date", "Title", "Recommendations", "Status", "Due date"],
             ["1", "17 Sept 2024", "A", "Do", "Open", ""],
             ["2", "31 Sept 2024", "", "", "Maybe", "31/09/2024"]]  # fmt: skip
    problems = refusal(xlsx_bytes(sheet), "t.xlsx").problems
    assert [(p.sheet, p.row, p.column, p.message) for p in problems] == [
        ("Sheet", 5, "Date", "“31 Sept 2024” is not a date; write it like “17 Sept 2024”"),
        ("Sheet", 5, "Title", "This cell is empty; every row needs a report title"),
        ("Sheet", 5, "Status", "“Maybe” is not a status Scrutineer knows; write “Open” or "
         "“Closed”, or say whether “Maybe” means open or closed"),
        ("Sheet", 5, "Due date", "“31/09/2024” is not a date; write it like “17 Sept 2024”"),
        ("Sheet", 5, "Recommendations",
         "This cell is empty; every row needs at least one recommendation"),
    ]  # fmt: skip


GOOD = ["1", "17 Sept 2024", "A", "", "1. Do", "Open"]


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        pytest.param("t.csv", csv_bytes([HEADERS[:2], GOOD[:2]]),
                     ["The file has no column for “O&S recommendations”; map one of its "
                      "columns to it"], id="missing-required-columns"),
        pytest.param("t.csv", csv_bytes([HEADERS, ["1", "30/02/2024", *GOOD[2:]]]),
                     ["row 2, column “Meeting Date”: “30/02/2024” is not a date; write it like "
                      "“17 Sept 2024”"], id="bad-date"),
        pytest.param("t.csv", csv_bytes([HEADERS, [*GOOD[:5], "Perhaps"]]),
                     ["row 2, column “Open / Closed”: “Perhaps” is not a status Scrutineer "
                      "knows; write “Open” or “Closed”, or say whether “Perhaps” means open or "
                      "closed"], id="bad-status"),
        pytest.param("t.csv", csv_bytes([HEADERS, ["x1", *GOOD[1:]]]),
                     ["row 2, column “No”: “x1” is not a row number"], id="bad-number"),
        pytest.param("t.csv", b"", ["The file is empty"], id="empty-csv"),
        pytest.param("t.csv", csv_bytes([HEADERS]), ["The file has no rows below its header"],
                     id="header-only"),
        pytest.param("t.xlsx", xlsx_bytes([]), ["The workbook has no rows"], id="empty-xlsx"),
        pytest.param("t.xlsx", b"PK\x03\x04 not really", ["The file is not a valid XLSX file; "
                     "open it in Excel, save it as XLSX and retry"], id="xlsx-not-a-zip"),
        pytest.param("t.docx", b"%PDF-1.4", ["The file is not a valid DOCX file; open "
                     "it in Word, save it as DOCX and retry"], id="docx-not-a-zip"),
        pytest.param("t.xlsx", zip_bytes(), ["The XLSX file is damaged or is not an Excel "
                     "workbook"], id="zip-not-a-workbook"),
        pytest.param("t.docx", zip_bytes(), ["The DOCX file is damaged or is not a Word "
                     "document"], id="zip-not-a-document"),
        pytest.param("t.docx", no_table_docx(), ["The document has no table"],
                     id="docx-without-a-table"),
        pytest.param("minutes.pdf", b"%PDF", ["“minutes.pdf” is not a CSV, XLSX or DOCX file"],
                     id="wrong-extension"),
        pytest.param("t.csv", b"No,Date\n\x81\x8d\x8f\x90\x9d", ["The file is not text in UTF-8 or "
                     "Windows-1252; save it as “CSV UTF-8” and try again"], id="undecodable-csv"),
        pytest.param("t.csv", b'No,Date\n1,2\n3,"' + b"x" * 200_000 + b'"', ["row 3: A cell in "
                     "this row is longer than 131,072 characters, more than can be imported; "
                     "shorten it"], id="huge-cell"),
    ],
)  # fmt: skip
def test_files_that_cannot_be_imported_are_refused_with_reasons(filename, data, expected):
    assert [str(p) for p in refusal(data, filename).problems] == expected


def test_a_field_mapped_from_two_columns_is_refused():
    table = Table(("Date", "Title", "Asks", "Other"), ((2, ("17 Sept 2024", "T", "Do", "x")),))
    with pytest.raises(ImportRefused) as caught:
        parse_table(table, mapping={0: "meeting_date", 1: "report_title", 2: "recommendations",
                                    3: "report_title"})  # fmt: skip
    assert str(caught.value) == "Both “Title” and “Other” are mapped to “Report Title”"


def test_files_over_the_limit_are_refused_before_they_are_read(monkeypatch):
    monkeypatch.setattr(limits, "MAX_BYTES", 1536 * 1024)
    too_big = b"PK" * 1024 * 1024  # would be a refused zip, were it read at all
    for name in ("t.csv", "t.xlsx", "t.docx", "t.pdf"):
        assert str(refusal(too_big, name)) == (
            "The file is 2.0 MB; the largest file that can be imported is 1.5 MB"
        )
    for reader in (read_csv, read_xlsx, read_docx):
        with pytest.raises(ImportRefused, match="largest file"):
            reader(too_big)


def test_the_size_limit_is_ten_megabytes():
    big = b"x" * (10 * 1024 * 1024 + 1)
    assert str(refusal(big, "t.csv")) == (
        "The file is 10.0 MB; the largest file that can be imported is 10 MB"
    )


def test_a_zip_that_would_unpack_too_far_is_refused(monkeypatch):
    monkeypatch.setattr(tables, "MAX_UNZIPPED_BYTES", 1000)
    assert str(refusal(XLSX, "t.xlsx")) == "The XLSX file unpacks to more than can be imported"


def result(data: bytes, filename: str) -> ParsedTracker | ImportRefused:
    try:
        return read_tracker(data, filename=filename)
    except ImportRefused as refused:
        return refused


def assert_clean(outcome: ParsedTracker | ImportRefused) -> None:
    """Only a tracker or a refusal with reasons, and nothing a browser would run."""
    if isinstance(outcome, ImportRefused):
        assert outcome.problems
        assert all(str(problem) for problem in outcome.problems)
        return
    assert isinstance(outcome, ParsedTracker)
    for value in strings(outcome):
        assert "<script" not in value.lower()
        assert "onclick" not in value.lower()


@pytest.mark.parametrize("filename", ["t.csv", "t.xlsx", "t.docx", "T.CSV"])
@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=2000))
def test_any_bytes_give_a_tracker_or_a_refusal(filename, data):
    assert_clean(result(data, filename))


@pytest.mark.parametrize("filename", ["t.xlsx", "t.docx"])
@settings(max_examples=150, deadline=None)
@given(cut=st.integers(0, 10_000), flips=st.lists(st.integers(0, 10_000), max_size=5))
def test_damaged_workbooks_and_documents_give_a_tracker_or_a_refusal(filename, cut, flips):
    good = bytearray(XLSX if filename.endswith("xlsx") else DOCX)
    for flip in flips:
        good[flip % len(good)] ^= 0xFF
    assert_clean(result(bytes(good[: len(good) - cut % len(good)]), filename))


cells = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20))
good_rows = st.tuples(
    st.sampled_from(["1", "", "2.", "3a"]),
    st.sampled_from(["17 Sept 2024", "2024-09-17", "March 2025", "17/09/24"]),
    cells.map(lambda c: f"Title {c}"),
    cells,
    cells.map(lambda c: f"1. Do {c}"),
    st.sampled_from(["Open", "closed ", ""]),
    cells,
    cells,
).map(list)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.one_of(good_rows, st.lists(cells, max_size=10)), max_size=8),
       delimiter=st.sampled_from([",", ";", "\t"]))  # fmt: skip
def test_csv_with_random_cells_gives_a_tracker_or_a_refusal_without_scripts(rows, delimiter):
    assert_clean(result(csv_bytes([HEADERS, *rows], delimiter=delimiter), "t.csv"))


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(good_rows, min_size=1, max_size=5))
def test_well_formed_rows_with_hostile_cells_parse_and_stay_clean(rows):
    # Rows sharing a No are one item (see the merge test), so give each row its own number,
    # keeping the number's style: "1", "2.", "3a" or blank.
    styles = {"1": "{}", "2.": "{}.", "3a": "{}a", "": ""}
    rows = [[styles[row[0]].format(i + 1), *row[1:]] for i, row in enumerate(rows)]
    outcome = result(csv_bytes([HEADERS, *rows]), "t.csv")
    assert isinstance(outcome, ParsedTracker)
    assert len(outcome.rows) == len(rows)
    assert_clean(outcome)


def test_rows_sharing_a_number_are_one_item_with_a_recommendation_each():
    rows = [
        HEADERS,
        [
            "9",
            "20 Nov 2024",
            "Budget",
            "<p>Summary</p>",
            "Cabinet to:\n1. Present a report",
            "Closed",
            "Dawn Calvert",
            "Done",
        ],
        [
            "9",
            "20 Nov 2024",
            "Budget",
            "<p>Summary</p>",
            "Cabinet to:\n2. Consider income",
            "Open",
            "Sima Khiroya",
            "",
        ],
    ]
    (item,) = result(csv_bytes(rows), "t.csv").rows
    assert [(r.number, r.preamble, r.status, r.assignees) for r in item.recommendations] == [
        ("1", "Cabinet to:", "closed", ("Dawn Calvert",)),
        ("2", "Cabinet to:", "open", ("Sima Khiroya",)),
    ]
    assert item.status == "open"
    assert item.assignees == ("Dawn Calvert", "Sima Khiroya")


def test_two_different_items_with_one_number_are_refused():
    rows = [
        HEADERS,
        ["4", "20 Nov 2024", "Budget", "", "1. Do it", "Open", "", ""],
        ["4", "20 Nov 2024", "Fees", "", "1. Do that", "Open", "", ""],
    ]
    outcome = result(csv_bytes(rows), "t.csv")
    assert isinstance(outcome, ImportRefused)
    assert "No 4 is also row 2" in str(outcome.problems[0])
    assert outcome.problems[0].row == 3


def _marked(cell: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Meeting Date", "Report Title", "O&S recommendations", "Exempt"])
    writer.writerow(["3 March 2025", "Sale of the depot", "1. Sell it", cell])
    return out.getvalue().encode()


@pytest.mark.parametrize(
    ("cell", "exempt", "draft"),
    [
        ("", False, False),
        ("No", False, False),
        ("Yes", True, False),
        ("Exempt: not for publication", True, False),
        ("Confidential (Part II)", True, False),
        ("Draft: not yet published", False, True),
        ("Exempt: not for publication; Draft: not yet published", True, True),
    ],
)
def test_a_not_for_publication_column_marks_items_exempt_or_draft(cell, exempt, draft):
    (row,) = read_tracker(_marked(cell), filename="tracker.csv").rows
    assert (row.exempt, row.draft) == (exempt, draft)


def test_a_not_for_publication_cell_that_says_neither_is_refused_where_it_is():
    with pytest.raises(ImportRefused) as refused:
        read_tracker(_marked("maybe later"), filename="tracker.csv")
    assert str(refused.value.problems[0]) == (
        "row 2, column “Exempt”: “maybe later” does not say whether the item may be published; "
        "write “Exempt: not for publication”, “Draft: not yet published”, or leave it empty"
    )
