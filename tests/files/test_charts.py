"""The SVG trend chart is pure: figures in, accessible markup out."""

import xml.etree.ElementTree as ET

import pytest

from scrutineer.files.writers.charts import ChartPoint, nice_range, trend_chart

SVG = "{http://www.w3.org/2000/svg}"


def chart(points):
    return trend_chart(
        points, title="Trend <chart>", description="Values & targets", unit="%", chart_id="c1"
    )


def test_the_chart_is_an_image_with_a_text_alternative():
    points = [
        ChartPoint("Q1 23/24", 80, 85, 83, 85, None),
        ChartPoint("Q2 23/24", 82, 85, 83, 85, None),
        ChartPoint("Q1 24/25", None, 86, 84, 86, 80),
        ChartPoint("Q2 24/25", 79, 86, 84, 86, 82),
    ]
    root = ET.fromstring(chart(points))  # noqa: S314 - our own output
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "Trend <chart>"
    assert root.find(f"{SVG}desc").text == "Values & targets"
    # The value line breaks at the missing quarter; the target line does not.
    lines = root.findall(f"{SVG}polyline")
    blue = [line for line in lines if line.get("stroke") == "#1d70b8"]
    assert len(blue) == 2
    assert len(root.findall(f"{SVG}circle")) == 3
    assert len(root.findall(f"{SVG}polygon")) == 1  # the tolerance band
    assert "style" not in chart(points)  # presentation attributes only (CSP)


def test_an_empty_chart_says_so():
    root = ET.fromstring(chart([]))  # noqa: S314 - our own output
    assert "No figures to chart" in "".join(root.itertext())


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param([0, 100], (0, 100, 20), id="percent"),
        pytest.param([81.3, 88.9], (80, 90, 2), id="narrow"),
        pytest.param([5, 5], (4, 6, 0.5), id="flat"),
    ],
)
def test_axis_ranges_are_round(values, expected):
    assert nice_range(values) == expected


@pytest.mark.parametrize(
    ("count", "every", "labels"),
    [
        pytest.param(8, 1, 8, id="eight-quarters-all-labelled"),
        pytest.param(12, 1, 12, id="a-year-of-months-all-labelled"),
        pytest.param(24, 2, 12, id="two-years-of-months-every-other"),
        pytest.param(25, 3, 9, id="twenty-five-every-third"),
    ],
)
def test_a_long_series_labels_every_nth_point(count, every, labels):
    from scrutineer.files.writers.charts import label_every

    assert label_every(count) == every
    points = [ChartPoint(f"M{n}", float(n)) for n in range(count)]
    svg = trend_chart(
        points, title="t", description="d", chart_id="m", previous_label="Same month last year"
    )
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert sum(1 for t in texts if t and t.startswith("M") and t[1:].isdigit()) == labels
    assert "Same month last year" in texts
