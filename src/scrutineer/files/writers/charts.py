"""Server-rendered SVG trend charts: a pure function from figures to markup.

The chart is an image with a text alternative (``role="img"``, ``<title>``, ``<desc>``
and ``aria-labelledby``); the page shows the same figures as a table under it. Colours
are presentation attributes, not inline styles, so the Content Security Policy holds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 44, 16, 64
VALUE_COLOUR = "#1d70b8"  # GOV.UK blue
TARGET_COLOUR = "#0b0c0c"
PREVIOUS_COLOUR = "#505a5f"
BAND_COLOUR = "#d2e2f1"
GRID_COLOUR = "#b1b4b6"
# At most this many labels on the time axis (two years of months get every other one).
MAX_LABELS = 12


@dataclass(frozen=True)
class ChartPoint:
    label: str
    value: float | None
    target: float | None = None
    band_low: float | None = None
    band_high: float | None = None
    previous_year: float | None = None


def nice_range(values: Sequence[float]) -> tuple[float, float, float]:
    """Axis minimum, maximum and tick step that enclose the values in round numbers."""
    low, high = min(values), max(values)
    if math.isclose(low, high):
        low, high = low - 1, high + 1
    raw = (high - low) / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _format(number: float) -> str:
    if abs(number) >= 100 or math.isclose(number, round(number)):
        return f"{number:,.0f}"
    return f"{number:,.1f}"


def _polyline(points: list[tuple[float, float]], colour: str, dash: str = "") -> str:
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2.5"{dashes}/>'


def _segments(xs: list[float], ys: list[float | None]) -> list[list[tuple[float, float]]]:
    """Unbroken runs of known values, so that a gap in the data is a gap in the line."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, y in zip(xs, ys, strict=True):
        if y is None:
            runs.append([])
        else:
            runs[-1].append((x, y))
    return [run for run in runs if run]


def _text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="13" '
        f'fill="{TARGET_COLOUR}"{extra}>{escape(text)}</text>'
    )


def _legend(has_band: bool, previous_label: str) -> list[str]:
    entries = [
        ("Value", VALUE_COLOUR, ""),
        ("Target", TARGET_COLOUR, "8 5"),
        (previous_label, PREVIOUS_COLOUR, "3 4"),
    ]
    y, x, parts = HEIGHT - 12, float(LEFT), []
    for name, colour, dash in entries:
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{x:.1f}" y1="{y - 4}" x2="{x + 28:.1f}" y2="{y - 4}" '
            f'stroke="{colour}" stroke-width="2.5"{dashes}/>'
        )
        parts.append(_text(x + 34, y, name))
        x += 48 + 7.5 * len(name)
    if has_band:
        parts.append(
            f'<rect x="{x:.1f}" y="{y - 11}" width="28" height="12" fill="{BAND_COLOUR}"/>'
        )
        parts.append(_text(x + 34, y, "Tolerance band"))
    return parts


def label_every(count: int, most: int = MAX_LABELS) -> int:
    """Label every n-th point so that no more than ``most`` labels share the axis."""
    return max(1, math.ceil(count / most))


def trend_chart(
    points: Sequence[ChartPoint],
    *,
    title: str,
    description: str,
    unit: str = "",
    chart_id: str,
    previous_label: str = "Same quarter last year",
) -> str:
    """An SVG line chart of values against targets, with the tolerance band and last year
    (``previous_label`` names that line: "Same month last year" for monthly figures)."""
    ident = escape(chart_id, quote=True)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'focusable="false" font-family="arial, sans-serif">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
    )
    known = [
        v
        for p in points
        for v in (p.value, p.target, p.band_low, p.band_high, p.previous_year)
        if v is not None
    ]
    if not known:
        return head + _text(WIDTH / 2, HEIGHT / 2, "No figures to chart", "middle") + "</svg>"
    low, high, step = nice_range(known)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    gap = plot_w / max(len(points) - 1, 1)
    xs = [LEFT + i * gap if len(points) > 1 else LEFT + plot_w / 2 for i in range(len(points))]

    def y_of(value: float) -> float:
        return TOP + plot_h - (value - low) / (high - low) * plot_h

    parts = [head]
    for index in range(round((high - low) / step) + 1):
        tick = low + index * step
        y = y_of(tick)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        parts.append(_text(LEFT - 8, y + 5, _format(tick), "end"))
    band = [
        (x, p.band_low, p.band_high)
        for x, p in zip(xs, points, strict=True)
        if p.band_low is not None and p.band_high is not None
    ]
    if len(band) > 1:
        upper = " ".join(f"{x:.1f},{y_of(h):.1f}" for x, _, h in band)
        lower = " ".join(f"{x:.1f},{y_of(lo):.1f}" for x, lo, _ in reversed(band))
        parts.append(f'<polygon points="{upper} {lower}" fill="{BAND_COLOUR}" stroke="none"/>')
    every = label_every(len(points))
    for index, (point, x) in enumerate(zip(points, xs, strict=True)):
        if index % every == 0:
            parts.append(_text(x, HEIGHT - BOTTOM + 22, point.label, "middle"))
    series = [
        ([p.previous_year for p in points], PREVIOUS_COLOUR, "3 4"),
        ([p.target for p in points], TARGET_COLOUR, "8 5"),
        ([p.value for p in points], VALUE_COLOUR, ""),
    ]
    for values, colour, dash in series:
        ys = [y_of(v) if v is not None else None for v in values]
        parts.extend(_polyline(run, colour, dash) for run in _segments(xs, ys))
    for point, x in zip(points, xs, strict=True):
        if point.value is not None:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y_of(point.value):.1f}" r="4.5" fill="{VALUE_COLOUR}"/>'
            )
    if unit:
        parts.append(_text(14, TOP, unit, "end", extra=f' transform="rotate(-90 14 {TOP})"'))
    parts.extend(_legend(len(band) > 1, previous_label))
    parts.append("</svg>")
    return "".join(parts)


# Narrower than the trend chart, so that its words stay legible beside a table in print.
BAR_WIDTH = 480
BAR_ROW = 30
BAR_LABEL_WIDTH = 215
BAR_VALUE_ROOM = 50


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def bar_chart(bars: Sequence[Bar], *, title: str, description: str, chart_id: str) -> str:
    """An SVG chart of horizontal bars, one a row, each labelled and with its number at its
    end: counts that read as well in grey print as on screen. Titled and described for a
    screen reader, as ``trend_chart`` is; the page gives the same numbers in a table."""
    ident = escape(chart_id, quote=True)
    height = TOP + BAR_ROW * max(len(bars), 1) + 8
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BAR_WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'focusable="false" font-family="arial, sans-serif">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
    )
    if not bars:
        return head + _text(BAR_WIDTH / 2, height / 2, "No figures to chart", "middle") + "</svg>"
    most = max(max(bar.value for bar in bars), 1)
    room = BAR_WIDTH - BAR_LABEL_WIDTH - BAR_VALUE_ROOM
    parts = [head]
    axis_x = BAR_LABEL_WIDTH
    for index, bar in enumerate(bars):
        top = TOP + index * BAR_ROW
        middle = top + BAR_ROW / 2
        label = bar.label if len(bar.label) <= 30 else bar.label[:29] + "\N{HORIZONTAL ELLIPSIS}"
        parts.append(_text(axis_x - 10, middle + 5, label, "end"))
        length = room * bar.value / most
        if bar.value:
            parts.append(
                f'<rect x="{axis_x}" y="{top + 5:.1f}" width="{max(length, 2):.1f}" '
                f'height="{BAR_ROW - 10}" fill="{VALUE_COLOUR}"/>'
            )
        parts.append(
            _text(axis_x + length + 8, middle + 5, f"{bar.value:,}", extra=' font-weight="bold"')
        )
    parts.append(
        f'<line x1="{axis_x}" y1="{TOP}" x2="{axis_x}" y2="{TOP + BAR_ROW * len(bars)}" '
        f'stroke="{TARGET_COLOUR}" stroke-width="1.5"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
