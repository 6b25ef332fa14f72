"""The quarterly performance report as HTML, and the context its PDF is laid out from too.

Pure: a PerformanceReportDocument in, str out. Each red indicator's trend is the indicator
page's own SVG chart, followed by the figures it plots.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.template import Context
from django.utils.safestring import SafeString

from scrutineer.core import calendar
from scrutineer.files.documents import (
    PerformanceReportDocument,
    ReportBreakdown,
    ReportIndicator,
    ReportTrend,
)
from scrutineer.files.labels import DIRECTION_LABELS, RAG_LABELS, RAG_ORDER, figure
from scrutineer.files.writers import charts
from scrutineer.files.writers.html import _ENGINE, _document, _logo, _page_css


def performance_report_html(document: PerformanceReportDocument, *, standalone: bool = True) -> str:
    """The report as HTML: a whole document, or the fragment a web page includes."""
    body = _ENGINE.get_template("files/performance_report_print.html").render(
        Context(report_context(document))
    )
    if not standalone:
        return body
    council = document.council or document.style.council_name
    page = _page_css(
        document.style,
        top_left=council,
        top_center=document.framework,
        top_right=document.period,
    )
    return _document(f"{document.framework}: {document.title}", body, page, document.style)


def rag_label(rag: str) -> str:
    return RAG_LABELS.get(rag, rag.title())


def direction_label(direction: str) -> str:
    return DIRECTION_LABELS.get(direction, direction.replace("_", " ").capitalize())


def chart_label(period: str) -> str:
    """ "2024/25 Q3" → "Q3 24/25", short enough for eight labels along the axis."""
    return f"{period[-2:]} {period[2:7]}" if len(period) == 10 else period


def report_context(document: PerformanceReportDocument) -> dict[str, Any]:
    """What the report prints, shaped for its templates: the web page's and the PDF's."""
    return {
        "logo": _logo(document.style),
        "council": document.council or document.style.council_name,
        "title": document.title,
        "framework": document.framework,
        "period": document.period,
        "scope": document.scope,
        "as_at": calendar.long_date(document.as_at),
        "is_demo": document.is_demo,
        "includes_unapproved": document.includes_unapproved,
        # Strings, not ints: the template engine localises numbers, which needs settings.
        "total": str(document.overall.total),
        "rag_names": [RAG_LABELS[rag] for rag in RAG_ORDER],
        "overall": _breakdown(document.overall),
        "overall_list": [_breakdown(document.overall)],
        "by_theme": [_breakdown(group) for group in document.by_theme],
        "by_directorate": [_breakdown(group) for group in document.by_directorate],
        "red": [_indicator(row) for row in document.red],
        "worsening": [_indicator(row) for row in document.worsening],
        "indicators": [_indicator(row) for row in document.indicators],
        "trends": [_trend(trend, index) for index, trend in enumerate(document.trends, 1)],
        "milestones": [
            {
                "name": m.name,
                "commentary": m.commentary,
                "directorate": m.directorate,
                "planned": short_date(m.planned_date),
                "forecast": short_date(m.forecast_date),
                "actual": short_date(m.actual_date),
                "status": m.status,
                "slippage": str(m.slippage),
                "rag": m.rag,
                "rag_label": rag_label(m.rag),
            }
            for m in document.milestones
        ],
    }


def _breakdown(group: ReportBreakdown) -> dict[str, Any]:
    return {
        "name": group.name,
        "cells": [
            {"rag": rag, "label": rag_label(rag), "count": str(count), "share": str(share)}
            for rag, count, share in group.counts
        ],
        "total": str(group.total),
    }


def _indicator(row: ReportIndicator) -> dict[str, Any]:
    flags = [
        flag
        for flag, on in (("Unapproved", row.unapproved), ("Provisional", row.provisional))
        if on
    ]
    return {
        "code": row.code,
        "name": row.name,
        "directorate": row.directorate,
        "value": figure(row.value, row.unit),
        "target": figure(row.target, row.unit),
        "flags": flags,
        "rag": row.rag,
        "rag_label": rag_label(row.rag),
        "short_term": direction_label(row.short_term),
        "long_term": direction_label(row.long_term),
        "commentary": row.commentary,
        # Green needs no route to green, as on the dashboard.
        "route_to_green": row.route_to_green if row.rag != "green" else "",
    }


def trend_chart_svg(trend: ReportTrend, index: int) -> str:
    """The trend's chart as SVG, titled and described (``trend_description``) for a screen
    reader; every text in it escaped."""
    points = [
        charts.ChartPoint(
            label=chart_label(p.label),
            value=p.value,
            target=p.target,
            band_low=p.band_low,
            band_high=p.band_high,
            previous_year=p.previous_year,
        )
        for p in trend.points
    ]
    return charts.trend_chart(
        points,
        title=f"Trend chart: {trend.code} {trend.name}",
        description=trend_description(trend, "The table beside the chart gives every figure."),
        unit=trend.unit_name,
        chart_id=f"trend-{index}",
    )


def _trend(trend: ReportTrend, index: int) -> dict[str, Any]:
    svg = trend_chart_svg(trend, index)
    return {
        "code": trend.code,
        "name": trend.name,
        # trend_chart escapes every text it is given.
        "chart": SafeString(svg),  # nosec B703
        "description": trend_description(trend, "The table beside the chart gives every figure."),
        "rows": [
            {
                "label": p.label,
                "value": figure(p.value, trend.unit),
                "target": figure(p.target, trend.unit),
                "band": (
                    f"{figure(p.band_low, trend.unit)} to {figure(p.band_high, trend.unit)}"
                    if p.band_low is not None and p.band_high is not None
                    else "\N{EM DASH}"
                ),
                "previous_year": figure(p.previous_year, trend.unit),
                "rag": p.rag,
                "rag_label": rag_label(p.rag),
            }
            for p in trend.points
        ],
    }


def trend_description(trend: ReportTrend, table_note: str) -> str:
    """The chart's text alternative: what it shows, and where the report stood."""
    if not trend.points:
        return "No figures yet."
    first, last = trend.points[0], trend.points[-1]
    return (
        f"Quarterly figures from {first.label} to {last.label}, with the target, the tolerance "
        f"band and the same quarter last year. In {last.label} the value was "
        f"{figure(last.value, trend.unit)} against a target of {figure(last.target, trend.unit)}: "
        f"{rag_label(last.rag)}. {table_note}"
    )


def short_date(day: datetime.date | None) -> str:
    """3 Mar 2025, or a dash when there is no date."""
    return calendar.short_date(day) if day else "\N{EM DASH}"
