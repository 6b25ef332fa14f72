"""The CSV, XLSX and JSON writers: the real Corporate O&S seed, formula injection, random text."""

import csv
import dataclasses
import datetime
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutineer.core.calendar import long_date
from scrutineer.files.columns import (
    TRACKER_COLUMNS,
    TRACKER_EXTRA_COLUMNS,
    TRACKER_EXTRA_FIELDS,
    TRACKER_FIELDS,
)
from scrutineer.files.documents import (
    ExportForwardPlanItem,
    ExportItem,
    ExportRecommendation,
    HouseStyle,
    TrackerDocument,
)
from scrutineer.files.formulas import neutralise
from scrutineer.files.parsers.mapping import guess_mapping
from scrutineer.files.writers.tabular import (
    tracker_csv,
    tracker_csv_chunks,
    tracker_json,
    tracker_rows,
    tracker_xlsx,
)
from tests.files.seed import seed_tracker

FIXTURE = Path(__file__).parent.parent / "fixtures" / "corporate_os_tracker.txt"
AS_AT = datetime.date(2025, 2, 3)
FORMULAS = ["=SUM(A1)", "+44 1375 652 652", "@mention", "-5 days", "\tindented", "\rreturn"]
ASSIGNED = TRACKER_COLUMNS.index("Assigned to")
RECOMMENDATION = TRACKER_COLUMNS.index("O&S recommendations")


def seed_document() -> TrackerDocument:
    """The seed tracker as of the tabular tests' date, with no house style (CSV and XLSX
    carry none)."""
    return seed_tracker(as_at=AS_AT, style=HouseStyle(council_name=""))


def document(items: tuple[ExportItem, ...], plan: tuple[ExportForwardPlanItem, ...] = ()):
    return TrackerDocument(
        council="Thurrock Council",
        committee="Corporate Overview and Scrutiny Committee",
        committee_short="Corporate O&S",
        as_at=AS_AT,
        items=items,
        forward_plan=plan,
    )


def item(title: str = "A report", texts: tuple[str, ...] = ("Agreed.",), number: int = 1):
    """An item with one open recommendation per text."""
    return ExportItem(
        number=number,
        meeting_date=datetime.date(2024, 9, 17),
        title=title,
        summary_html="<p>Talked.</p>",
        status="open",
        assigned_to=("Dawn Calvert",),
        progress_html="<p>Done.</p>",
        recommendations=tuple(
            ExportRecommendation(str(n), text, "open", ("Dawn Calvert",))
            for n, text in enumerate(texts, start=1)
        ),
    )


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def xlsx_cells(data: bytes, sheet: str = "Tracker") -> list[list[str]]:
    """The sheet's cells as tracker_rows prints them: dates written out, numbers as text."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    rows = workbook[sheet].iter_rows(values_only=True)
    return [[_printed(value) for value in row] for row in rows]


def _printed(value: object) -> str:
    if isinstance(value, datetime.datetime):
        return long_date(value.date())
    return "" if value is None else str(value)


def test_csv_header_is_the_tracker_columns_then_what_the_importer_also_reads():
    header = read_csv(tracker_csv(seed_document()))[0]
    assert header == [*TRACKER_COLUMNS, *TRACKER_EXTRA_COLUMNS]
    # Every column an export adds is one the importer recognises by its header.
    assert set(guess_mapping(header).values()) == set(TRACKER_FIELDS) | set(TRACKER_EXTRA_FIELDS)


def test_one_row_per_recommendation():
    doc = seed_document()
    total = sum(len(i.recommendations) for i in doc.items)
    assert total == 27
    assert len(list(tracker_rows(doc))) == 1 + total


def test_item_without_recommendations_gives_one_row_with_an_empty_recommendation():
    rows = list(tracker_rows(document((item(texts=()),))))
    assert len(rows) == 2
    assert rows[1][RECOMMENDATION] == ""
    assert rows[1][5:7] == ["Open", "Dawn Calvert"]


def test_row_for_item_three_joins_its_assignees_with_slashes():
    row = next(r for r in tracker_rows(seed_document()) if r[0] == "3")
    assert row[ASSIGNED] == "Dawn Calvert / O&S Officers"
    assert row[1] == "17 September 2024"
    assert row[5] == "Closed"


def test_recommendation_is_numbered_under_its_preamble():
    rows = [r for r in tracker_rows(seed_document()) if r[0] == "9"]
    assert len(rows) == 6
    assert rows[0][RECOMMENDATION].startswith("Cabinet to:\n1. Present a report")
    assert rows[5][RECOMMENDATION].startswith("Cabinet to:\n6. Take into consideration")
    first = next(r for r in tracker_rows(seed_document()) if r[0] == "1")
    assert first[RECOMMENDATION].startswith("1. Agreed the inclusion")


def test_csv_starts_with_a_bom_and_reads_back_to_the_same_cells():
    doc = seed_document()
    data = tracker_csv(doc)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\xef\xbb\xbf") == 1
    assert data.endswith(b"\r\n")
    assert read_csv(data) == list(tracker_rows(doc))


def test_csv_streams_in_chunks_of_a_hundred_rows():
    doc = document((item(texts=tuple(f"Recommendation {n}" for n in range(250))),))
    chunks = list(tracker_csv_chunks(doc))
    assert len(chunks) == 3  # 251 rows with the header
    assert b"".join(chunks) == tracker_csv(doc)
    assert [c.startswith(b"\xef\xbb\xbf") for c in chunks] == [True, False, False]
    assert len(read_csv(b"".join(chunks))) == 251


def test_xlsx_reads_back_to_the_same_cells():
    doc = seed_document()
    assert xlsx_cells(tracker_xlsx(doc)) == list(tracker_rows(doc))


def test_xlsx_header_is_bold_and_frozen_with_column_widths():
    sheet = openpyxl.load_workbook(io.BytesIO(tracker_xlsx(seed_document())))["Tracker"]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["C2"].font.bold
    assert sheet.column_dimensions["D"].width == 60


def test_xlsx_dates_are_real_dates_written_out_in_full():
    sheet = openpyxl.load_workbook(io.BytesIO(tracker_xlsx(seed_document())))["Tracker"]
    assert sheet["B2"].value == datetime.datetime(2024, 7, 30)
    assert sheet["B2"].number_format == "d mmmm yyyy"
    assert sheet["A2"].value == 1


def test_xlsx_has_a_forward_plan_sheet_only_when_there_is_a_plan():
    doc = seed_document()
    workbook = openpyxl.load_workbook(io.BytesIO(tracker_xlsx(doc)))
    assert workbook.sheetnames == ["Tracker", "Forward plan"]
    plan = workbook["Forward plan"]
    assert [c.value for c in plan[1]] == [
        "No.",
        "Report Title",
        "Cabinet Date",
        "Information for Corporate O&S",
    ]
    assert plan.max_row == 9
    assert plan["C2"].value == datetime.datetime(2025, 3, 1)
    assert plan["C2"].number_format == "mmmm yyyy"
    bare = openpyxl.load_workbook(io.BytesIO(tracker_xlsx(document(doc.items))))
    assert bare.sheetnames == ["Tracker"]


def test_json_matches_the_schema():
    data = json.loads(tracker_json(seed_document()))
    assert list(data) == ["committee", "as_at", "items", "forward_plan"]
    assert data["committee"] == "Corporate Overview and Scrutiny Committee"
    assert data["as_at"] == "2025-02-03"
    assert len(data["items"]) == 14
    item_keys = ["number", "meeting_date", "title", "summary_html", "status", "assigned_to"]
    recommendation_keys = [
        "number", "reference", "preamble", "text", "kind", "status", "status_wording",
        "assigned_to", "addressee", "due_date", "area", "cabinet_member", "executive_response",
    ]  # fmt: skip
    for entry in data["items"]:
        assert list(entry) == [
            *item_keys, "lead_officer", "marking", "progress_html", "recommendations"
        ]  # fmt: skip
        assert entry["marking"] == ""  # the seed is all published
        assert isinstance(entry["number"], int)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["meeting_date"])
        assert entry["status"] in ("open", "closed")
        assert all(isinstance(name, str) for name in entry["assigned_to"])
        for recommendation in entry["recommendations"]:
            assert list(recommendation) == recommendation_keys
            assert isinstance(recommendation["number"], str)
            assert recommendation["status"] in ("open", "closed")
    third = data["items"][2]
    assert (third["number"], third["meeting_date"]) == (3, "2024-09-17")
    assert third["assigned_to"] == ["Dawn Calvert", "O&S Officers"]
    assert sum(len(entry["recommendations"]) for entry in data["items"]) == 27
    assert len(data["forward_plan"]) == 8
    for entry in data["forward_plan"]:
        assert list(entry) == ["number", "title", "decision_date", "scrutiny", "note"]
        assert isinstance(entry["number"], int)
        assert entry["decision_date"] == "2025-03"
    assert data["forward_plan"][7]["scrutiny"] == "other_committee"


def test_json_is_indented_utf8_without_escapes():
    title = "Café \N{EN DASH} £5m budget"
    data = tracker_json(document((item(title=title),)))
    assert title.encode() in data
    assert data.startswith(b'{\n  "committee"')


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_looking_text_is_neutralised_in_csv(text):
    doc = document((item(title=text, texts=(text,)),))
    row = read_csv(tracker_csv(doc))[1]
    assert row[2] == f"'{text}"
    assert row[RECOMMENDATION] == f"1. {text}"  # numbered, so already safe


@pytest.mark.parametrize("text", FORMULAS[:4])
def test_formula_looking_text_is_a_string_cell_in_xlsx(text):
    doc = document((item(title=text),))
    cell = openpyxl.load_workbook(io.BytesIO(tracker_xlsx(doc)))["Tracker"]["C2"]
    assert cell.data_type == "s"
    assert cell.value == text
    assert cell.quotePrefix


def test_xlsx_drops_characters_xml_cannot_hold():
    doc = document((item(title="A\x00 re\x0bpo\x1frt\ufffe", texts=("=Agreed\x08",)),))
    sheet = openpyxl.load_workbook(io.BytesIO(tracker_xlsx(doc)))["Tracker"]
    assert sheet["C2"].value == "A report"
    assert sheet["E2"].value == "1. =Agreed"


@given(st.text())
def test_neutralised_text_comes_back_exactly_when_the_importer_strips_one_quote(text):
    written = neutralise(text)
    assert not re.match(r"[=+\-@\t\r]", written)
    # The importer's rule, as documented in the writer
    read = written[1:] if re.match(r"'+[=+\-@\t\r]", written) else written
    assert read == text


@settings(max_examples=100, deadline=None)
@given(
    title=st.text(),
    texts=st.lists(st.text(), max_size=4),
    preamble=st.text(max_size=20),
    assignee=st.text(max_size=20),
)
def test_random_text_always_makes_readable_files(title, texts, preamble, assignee):
    recommendations = tuple(
        ExportRecommendation(str(n), text, "closed", (assignee, title), preamble)
        for n, text in enumerate(texts, start=1)
    )
    doc = document((dataclasses.replace(item(title=title), recommendations=recommendations),))
    rows = max(1, len(texts))
    assert len(read_csv(tracker_csv(doc))) == 1 + rows
    sheet = openpyxl.load_workbook(io.BytesIO(tracker_xlsx(doc)))["Tracker"]
    assert sheet.max_row == 1 + rows
    data = json.loads(tracker_json(doc))
    assert data["items"][0]["title"] == title
    assert [r["text"] for r in data["items"][0]["recommendations"]] == texts
