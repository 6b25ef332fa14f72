"""The annual scrutiny report as its page, Word document and PDF print it: the headline
figures, the charts (each with a table of the numbers it draws), the tables by committee,
directorate and portfolio, the task-and-finish reviews and the impact stories.

Pure: the report's plain data (``AnnualReport.as_dict``, the open data's shape) in, plain
data out. Every chart is the same SVG on the page, in the PDF and (as a picture) in Word.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.safestring import SafeString

from scrutineer.core.calendar import long_date
from scrutineer.files.writers.charts import Bar, bar_chart

DASH = "\N{EM DASH}"

# The columns of the tables by committee, directorate and portfolio: (measure, heading).
GROUP_COLUMNS = (
    ("made", "Made"),
    ("sent_to_executive", "Sent to the executive"),
    ("accepted", "Accepted"),
    ("partly_accepted", "Partly accepted"),
    ("rejected", "Rejected"),
    ("awaiting_response", "Awaiting response"),
    ("responses_late", "Responses late"),
    ("closed", "Closed"),
    ("open", "Open"),
    ("median_days_to_response", "Median days to response"),
    ("median_days_to_close", "Median days to close"),
)
RESPONSES = (
    ("accepted", "Accepted"),
    ("partly_accepted", "Partly accepted"),
    ("rejected", "Rejected"),
    ("responded_unclassified", "Responded, not yet classified"),
    ("awaiting_response", "Awaiting response"),
)
KINDS = (("actions", "Actions"), ("agreements", "Agreements"), ("notings", "Notings"))


def days(value: float | None) -> str:
    """A median in days: "31", "30.5", or a dash when nothing was answered or closed."""
    if value is None:
        return DASH
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _chart(
    chart_id: str, title: str, description: str, heading: str, bars: list[Bar]
) -> dict[str, Any]:
    svg = bar_chart(bars, title=title, description=description, chart_id=chart_id)
    return {
        "id": chart_id,
        "title": title,
        "description": description,
        # bar_chart escapes every text it is given.
        "svg": SafeString(svg),  # nosec B703
        "heading": heading,
        "rows": [{"label": bar.label, "value": f"{bar.value:,}"} for bar in bars],
    }


def report_charts(report: dict[str, Any], *, prefix: str = "annual") -> list[dict[str, Any]]:
    """The charts of the report: where the year's recommendations stand, their kinds, the
    executive's responses and (for more than one committee) each committee's count."""
    figures = report["recommendations"]
    end = long_date(datetime.date.fromisoformat(report["to"]))
    made = figures["made"]
    charts = [
        _chart(
            f"{prefix}-standing",
            f"Where the {report['municipal_year']} recommendations stand",
            f"Of {_plural(made, 'recommendation')} made, {figures['closed']:,} "
            f"{'is' if figures['closed'] == 1 else 'are'} closed and {figures['open']:,} "
            f"still open; {figures['open_at_year_end']:,} "
            f"{'was' if figures['open_at_year_end'] == 1 else 'were'} open at the year's end "
            f"({end}). The table gives the same figures.",
            "Recommendations",
            [
                Bar("Made", made),
                Bar("Closed", figures["closed"]),
                Bar("Still open", figures["open"]),
                Bar("Open at the year's end", figures["open_at_year_end"]),
            ],
        ),
        _chart(
            f"{prefix}-kinds",
            "Recommendations by kind",
            f"{_plural(figures['actions'], 'action')} for someone to take, "
            f"{_plural(figures['agreements'], 'agreement')} and "
            f"{_plural(figures['notings'], 'noting')}. The table gives the same figures.",
            "Kind",
            [Bar(label, figures[key]) for key, label in KINDS],
        ),
        _chart(
            f"{prefix}-responses",
            "The executive's responses",
            f"{_plural(figures['sent_to_executive'], 'recommendation')} sent to the "
            "executive: "
            + ", ".join(f"{figures[key]:,} {label.lower()}" for key, label in RESPONSES)
            + f". {figures['responses_late']:,} answered late or overdue against the "
            "statutory two months. The table gives the same figures.",
            "Response",
            [Bar(label, figures[key]) for key, label in RESPONSES],
        ),
    ]
    if len(report["by_committee"]) > 1:
        charts.append(
            _chart(
                f"{prefix}-committees",
                "Recommendations made by committee",
                "; ".join(f"{group['name']}: {group['made']:,}" for group in report["by_committee"])
                + ". The table gives the same figures.",
                "Committee",
                [Bar(group["name"], group["made"]) for group in report["by_committee"]],
            )
        )
    return charts


def _group_rows(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "name": group["name"],
            "cells": [
                days(group[key]) if key.startswith("median") else f"{group[key]:,}"
                for key, _ in GROUP_COLUMNS
            ],
        }
        for group in groups
    ]


def report_context(report: dict[str, Any], *, prefix: str = "annual") -> dict[str, Any]:
    """What the report prints, shaped for the page's and the documents' templates."""
    figures = report["recommendations"]
    start = datetime.date.fromisoformat(report["from"])
    end = datetime.date.fromisoformat(report["to"])
    return {
        "year": report["municipal_year"],
        "committee": report["committee"],
        "period": f"{long_date(start)} to {long_date(end)}",
        "as_of": long_date(datetime.date.fromisoformat(report["as_of"])),
        "headline": [
            ("Recommendations made", f"{figures['made']:,}"),
            ("Sent to the executive", f"{figures['sent_to_executive']:,}"),
            (
                "Accepted or partly accepted",
                f"{figures['accepted'] + figures['partly_accepted']:,}",
            ),
            ("Responses late (two months, LGA 2000 s.9FE)", f"{figures['responses_late']:,}"),
            ("Closed", f"{figures['closed']:,}"),
            ("Still open", f"{figures['open']:,}"),
            ("Median days to the executive's response", days(figures["median_days_to_response"])),
            ("Median days from meeting to closure", days(figures["median_days_to_close"])),
        ],
        "charts": report_charts(report, prefix=prefix),
        "group_headings": [heading for _, heading in GROUP_COLUMNS],
        "groups": [
            {"caption": caption, "heading": heading, "rows": _group_rows(report[key])}
            for key, caption, heading in (
                ("by_committee", "By committee", "Committee"),
                ("by_directorate", "By directorate or service area", "Directorate"),
                ("by_portfolio", "By portfolio", "Portfolio"),
            )
        ],
        "reviews": [
            {"name": review["name"], "meetings": f"{review['meetings']:,}"}
            for review in report["task_and_finish_reviews"]
        ],
        "stories": [
            {
                **story,
                "meeting": long_date(datetime.date.fromisoformat(story["meeting_date"])),
            }
            for story in report.get("impact_stories", [])
        ],
    }
