"""The annual scrutiny report's figures as open data: JSON as given, and CSV in long form
(one row per figure: section, group, measure, value), which every spreadsheet pivots."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from scrutineer.files.formulas import neutralise

SECTIONS = ("by_committee", "by_directorate", "by_portfolio")


def annual_report_json(report: dict[str, Any]) -> bytes:
    return json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8")


def annual_report_csv(report: dict[str, Any]) -> bytes:
    """UTF-8 with a BOM: municipal year, section, group, measure, value."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["municipal_year", "committee", "section", "group", "measure", "value"])
    year, committee = report["municipal_year"], report["committee"]

    def rows(section: str, group: str, figures: dict[str, Any]) -> None:
        for measure, value in figures.items():
            if measure == "name":
                continue
            cell = "" if value is None else str(value)
            writer.writerow(
                [year, neutralise(committee), section, neutralise(group), measure, cell]
            )

    rows("all", "All recommendations", report["recommendations"])
    for section in SECTIONS:
        for group in report[section]:
            rows(section.removeprefix("by_"), group["name"], group)
    for review in report["task_and_finish_reviews"]:
        writer.writerow(
            [
                year,
                neutralise(committee),
                "task_and_finish",
                neutralise(review["name"]),
                "meetings",
                review["meetings"],
            ]
        )
    for story in report.get("impact_stories", []):
        writer.writerow(
            [
                year,
                neutralise(committee),
                "impact_story",
                neutralise(story["reference"]),
                "outcome",
                neutralise(story["outcome"]),
            ]
        )
    return buffer.getvalue().encode("utf-8")
