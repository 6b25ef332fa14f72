"""Trackers in the layouts other councils keep, built here so the importer is tested on files
like theirs without carrying their files (issue #18):

1. one row per recommendation and no title column (CSV or XLSX);
2. a Word table per item, its meeting in the paragraphs above it and a note mark on each
   header (DOCX);
3. a workbook with merged cells, meeting headings merged across, a resolution merged down over
   its actions, dates typed as text, and an older second sheet with no status column (XLSX);
4. other status scales and assignee cells (CSV).
"""

from __future__ import annotations

import csv
import io

import docx
import openpyxl

# 1. One row per recommendation: the item is the meeting (and origin); a RAG key above.
RECOMMENDATION_ROWS_HEADERS = [
    "Reference", "Origin", "Date", "Area", "Recommendation", "Exec Date", "Lead Officer/EM",
    "Action taken", "Status",
]  # fmt: skip
RECOMMENDATION_ROWS = [
    ["SR (25/26) 01", "CRP", "12/05/25", "Housing",
     "Review the housing allocations policy with tenants", "23/06/25", "JG/AW",
     "14/07/25: the review started with three tenant panels", "Complete"],
    ["SR (25/26) 02", "CRP", "12/05/25", "Finance",
     "Publish the savings tracker every quarter", "23/06/25", "SB", "", "Ongoing"],
    ["SR (25/26) 03", "PPL", "12/05/25", "Children",
     "Report on the waiting times for assessments", "", "KM / Executive", "", "e.g. Paused"],
    ["SR (25/26) 04", "PLC", "02/06/25", "Planning",
     "Consult parish councils on the local plan", "", "", "", "Ongoing"],
]  # fmt: skip
RAG_KEY = [
    ["Scrutiny recommendations tracker 2025/26"],
    [
        "Key: Green \N{EN DASH} achieved; Amber \N{EN DASH} acceptable progress; "
        "Red \N{EN DASH} unacceptable progress"
    ],
    [],
]


def csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def recommendation_rows_csv() -> bytes:
    return csv_bytes([*RAG_KEY, RECOMMENDATION_ROWS_HEADERS, *RECOMMENDATION_ROWS])


def recommendation_rows_xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Recommendations"
    for row in [*RAG_KEY, RECOMMENDATION_ROWS_HEADERS, *RECOMMENDATION_ROWS]:
        sheet.append(row)
    return _saved(book)


# 2. An action and implementation plan: a Word table per item.
PLAN_HEADERS = ["Recommendation", "Cabinet Member", "Response", "Timetable", "Lead Officer"]
PLAN_ITEMS = [
    (
        [
            "Committee: Health Scrutiny Panel",
            "Meeting Date: 1 March 2011",
            "Minute №: 109",
            "Topic: Dementia services",
        ],
        [
            ["a) That a dementia adviser is appointed in every locality",
             "Cabinet Member for Health", "Agreed \N{EN DASH} this will be provided",
             "Meeting held by 28 February 2014", "James Gilchrist/\nBecky Eades\n\nCllr A Waller"],
            ["b) That the number of actions in the strategy is reduced",
             "Cabinet Member for Health",
             "It was agreed that the number of actions did not need to be reduced", "Completed",
             "Executive"],
            ["c) That carers are told of the memory clinic", "Councillor Moss/ The Leader",
             "Partly agreed: the leaflet will be revised", "September 2011", "JG"],
            ["d) That the panel receives a report on respite care", "Cabinet Member for Health",
             "Agreed", "End of May", "Becky Eades"],
        ],
    ),
    (
        ["Committee: Health Scrutiny Panel", "Meeting Date: 5 July 2011", "Topic: Carers"],
        [
            ["That the carers' strategy is published", "Cabinet Member for Health", "Agreed",
             "Cabinet \N{EN DASH} 12 October 2011", "James Gilchrist"],
        ],
    ),
]  # fmt: skip


def action_plan_docx() -> bytes:
    """Each item's key-value paragraphs, then its table, each header with a superscript note
    mark ("Recommendationⁱ")."""
    document = docx.Document()
    document.add_paragraph("Action and implementation plan")
    marks = ["i", "ii", "iii", "iv", "v"]
    for paragraphs, rows in PLAN_ITEMS:
        for text in paragraphs:
            document.add_paragraph(text)
        table = document.add_table(rows=len(rows) + 1, cols=len(PLAN_HEADERS))
        for column, (header, mark) in enumerate(zip(PLAN_HEADERS, marks, strict=True)):
            paragraph = table.cell(0, column).paragraphs[0]
            paragraph.add_run(header)
            paragraph.add_run(mark).font.superscript = True
        for r, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                cell = table.cell(r, column)
                lines = value.split("\n")
                cell.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
        document.add_paragraph("")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# 3. A council's actions workbook: merged headings and resolutions, and an older sheet.
ACTIONS_HEADERS = [
    "Minute No", "Resolution", "Action", "Responsible Officer", "Target Date", "Update", "Status",
]  # fmt: skip
OLDER_HEADERS = ["Date", "Minute", "Resolution", "Officer", "Progress"]
OLDER_ROWS = [
    ["13/7/2021", "12", "That the housing strategy is refreshed",
     "Head of Housing and Director of Finance", "Work has started. Still in progress."],
    ["13/7/2021", "14", "That the leisure contract is re-tendered", "Director of Place",
     "The contract was awarded on 01/10/2021. Closed."],
]  # fmt: skip


def actions_workbook_xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2022-23"
    sheet.append(["Full Council actions tracker"])
    sheet.merge_cells("A1:G1")
    sheet.append(ACTIONS_HEADERS)
    sheet.append(["Council Meeting - 27/4/2022"])  # row 3
    sheet.merge_cells("A3:G3")
    sheet.append(["45", "That the climate motion is referred to Cabinet", "Report to Cabinet",
                  "Councillor Moss/ The Leader", "30/6/2022",
                  "12/07/2022 Cabinet considered the motion", "Ongoing"])  # fmt: skip
    sheet.append([None, None, "Write to the Secretary of State", "Director of Place",
                  "31/8/2022", "01/08/2022 Letter sent", "Complete"])  # fmt: skip
    sheet.merge_cells("A4:A5")
    sheet.merge_cells("B4:B5")
    sheet.append(["Council Meeting - 13/7/2022"])  # row 6
    sheet.merge_cells("A6:G6")
    sheet.append(["52", "That the audit report is noted", "", "Chief Executive", "",
                  "", "Closed"])  # fmt: skip
    older = book.create_sheet("Before 2022")
    older.append(OLDER_HEADERS)
    for row in OLDER_ROWS:
        older.append(row)
    return _saved(book)


# 4. Other status scales and assignee cells.
SCALES_HEADERS = ["No", "Meeting date", "Title", "Recommendation", "RAG status", "Owner"]


def scales_csv(rows: list[list[str]]) -> bytes:
    return csv_bytes([SCALES_HEADERS, *rows])


def _saved(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
