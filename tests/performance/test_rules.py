"""Known answers for the pure performance rules, for every rule and polarity."""

import datetime

import pytest

from scrutineer.performance import rules
from scrutineer.performance.rules import Direction, Rag


@pytest.mark.parametrize(
    ("value", "target", "polarity", "tolerance", "kind", "rule", "last_year", "expected"),
    [
        pytest.param(95, 90, "higher", 2, "absolute", "tolerance", None, Rag.GREEN, id="h-above"),
        pytest.param(90, 90, "higher", 2, "absolute", "tolerance", None, Rag.GREEN, id="h-on"),
        pytest.param(88, 90, "higher", 2, "absolute", "tolerance", None, Rag.AMBER, id="h-edge"),
        pytest.param(87.9, 90, "higher", 2, "absolute", "tolerance", None, Rag.RED, id="h-red"),
        pytest.param(85, 90, "higher", 10, "percentage", "tolerance", None, Rag.AMBER, id="h-pc"),
        pytest.param(80, 90, "higher", 10, "percentage", "tolerance", None, Rag.RED, id="h-pc-r"),
        pytest.param(4, 5, "lower", 1, "absolute", "tolerance", None, Rag.GREEN, id="l-below"),
        pytest.param(6, 5, "lower", 1, "absolute", "tolerance", None, Rag.AMBER, id="l-edge"),
        pytest.param(6.5, 5, "lower", 1, "absolute", "tolerance", None, Rag.RED, id="l-red"),
        pytest.param(110, 100, "lower", 10, "percentage", "tolerance", None, Rag.AMBER, id="l-pc"),
        pytest.param(None, 90, "higher", 2, "absolute", "tolerance", None, Rag.BLUE, id="no-val"),
        pytest.param(80, None, "higher", 2, "absolute", "tolerance", None, Rag.BLUE, id="no-tgt"),
        # Tolerance and trend: beyond tolerance is red unless improved on last year.
        pytest.param(
            80, 90, "higher", 2, "absolute", "tolerance_and_trend", 75, Rag.AMBER, id="ht-improved"
        ),
        pytest.param(
            80, 90, "higher", 2, "absolute", "tolerance_and_trend", 85, Rag.RED, id="ht-worse"
        ),
        pytest.param(
            80, 90, "higher", 2, "absolute", "tolerance_and_trend", 80, Rag.RED, id="ht-same"
        ),
        pytest.param(
            80, 90, "higher", 2, "absolute", "tolerance_and_trend", None, Rag.RED, id="ht-nodata"
        ),
        pytest.param(
            89, 90, "higher", 2, "absolute", "tolerance_and_trend", 95, Rag.AMBER, id="ht-amber"
        ),
        pytest.param(
            8, 5, "lower", 1, "absolute", "tolerance_and_trend", 9, Rag.AMBER, id="lt-improved"
        ),
        pytest.param(
            8, 5, "lower", 1, "absolute", "tolerance_and_trend", 7, Rag.RED, id="lt-worse"
        ),
        pytest.param(
            4, 5, "lower", 1, "absolute", "tolerance_and_trend", 3, Rag.GREEN, id="lt-green"
        ),
    ],
)
def test_rag(value, target, polarity, tolerance, kind, rule, last_year, expected):
    assert rules.rag(value, target, polarity, tolerance, kind, rule, last_year) == expected


def test_an_unknown_rule_is_refused():
    with pytest.raises(ValueError, match="RAG rule"):
        rules.rag(1, 2, "higher", 0, "absolute", "vibes")


@pytest.mark.parametrize(
    ("current", "comparison", "polarity", "expected"),
    [
        pytest.param(90, 85, "higher", Direction.IMPROVING, id="higher-up"),
        pytest.param(80, 85, "higher", Direction.WORSENING, id="higher-down"),
        pytest.param(85, 85, "higher", Direction.UNCHANGED, id="higher-same"),
        pytest.param(4, 5, "lower", Direction.IMPROVING, id="lower-down"),
        pytest.param(6, 5, "lower", Direction.WORSENING, id="lower-up"),
        pytest.param(5, 5, "lower", Direction.UNCHANGED, id="lower-same"),
        pytest.param(None, 5, "lower", Direction.NO_DATA, id="no-current"),
        pytest.param(5, None, "higher", Direction.NO_DATA, id="no-comparison"),
    ],
)
def test_direction_of_travel(current, comparison, polarity, expected):
    assert rules.direction_of_travel(current, comparison, polarity) == expected


@pytest.mark.parametrize(
    ("measure_type", "history", "quarter", "expected"),
    [
        pytest.param("snapshot", [1, 2, 3], 3, 3, id="snapshot-latest"),
        pytest.param("snapshot", [1, 2, None], 3, None, id="snapshot-missing"),
        pytest.param("cumulative_ytd", [10, 20, 30], 3, 60, id="cumulative-q3"),
        pytest.param("cumulative_ytd", [99, 10], 1, 10, id="cumulative-q1-ignores-last-year"),
        pytest.param("cumulative_ytd", [7, 1, 2, 3, 4], 4, 10, id="cumulative-q4"),
        pytest.param("cumulative_ytd", [None, 20], 2, None, id="cumulative-gap"),
        pytest.param("rolling_12", [1, 2, 3, 4, 5], 2, 14, id="rolling-last-four"),
        pytest.param("rolling_12", [2, 3], 2, None, id="rolling-too-short"),
        pytest.param("annual", [40], 4, 40, id="annual-q4"),
        pytest.param("annual", [40], 3, None, id="annual-before-year-end"),
        pytest.param("snapshot", [], 1, None, id="nothing"),
    ],
)
def test_year_to_date(measure_type, history, quarter, expected):
    assert rules.year_to_date(measure_type, history, quarter) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(datetime.date(2024, 4, 1), (2024, 1), id="april-q1"),
        pytest.param(datetime.date(2024, 6, 30), (2024, 1), id="june-q1"),
        pytest.param(datetime.date(2024, 7, 1), (2024, 2), id="july-q2"),
        pytest.param(datetime.date(2024, 12, 31), (2024, 3), id="december-q3"),
        pytest.param(datetime.date(2025, 3, 31), (2024, 4), id="march-q4"),
    ],
)
def test_financial_year_quarters_start_in_april(day, expected):
    assert rules.quarter_of(day) == expected


def test_reported_value_takes_the_year_so_far_across_the_year_boundary():
    values = {(2023, 3): 5.0, (2023, 4): 6.0, (2024, 1): 1.0, (2024, 2): 2.0}
    assert rules.reported_value("cumulative_ytd", values, 2024, 2) == 3.0
    assert rules.reported_value("rolling_12", values, 2024, 2) == 14.0
    assert rules.reported_value("snapshot", values, 2024, 3) is None


TODAY = datetime.date(2025, 3, 1)
PLANNED = datetime.date(2025, 1, 31)


@pytest.mark.parametrize(
    ("forecast", "actual", "days", "rag"),
    [
        pytest.param(None, datetime.date(2025, 1, 20), -11, Rag.GREEN, id="done-early"),
        pytest.param(None, PLANNED, 0, Rag.GREEN, id="done-on-time"),
        pytest.param(datetime.date(2025, 3, 2), None, 30, Rag.AMBER, id="forecast-30-late"),
        pytest.param(datetime.date(2025, 3, 3), None, 31, Rag.RED, id="forecast-31-late"),
        pytest.param(None, None, 29, Rag.AMBER, id="overdue-no-forecast"),
        pytest.param(
            datetime.date(2025, 6, 30), datetime.date(2025, 2, 5), 5, Rag.AMBER, id="actual-wins"
        ),
    ],
)
def test_milestone_slippage_and_rag(forecast, actual, days, rag):
    slippage = rules.milestone_slippage(PLANNED, forecast, actual, TODAY)
    assert slippage == days
    assert rules.milestone_rag(slippage) == rag


def test_a_future_milestone_without_forecast_has_not_slipped():
    assert rules.milestone_slippage(PLANNED, None, None, datetime.date(2024, 12, 1)) == 0
    assert rules.milestone_rag(400, cancelled=True) == Rag.BLUE


@pytest.mark.parametrize(
    ("target", "outturn", "polarity", "flagged"),
    [
        pytest.param(90, 91, "higher", True, id="higher-below"),
        pytest.param(91, 91, "higher", True, id="higher-equal"),
        pytest.param(92, 91, "higher", False, id="higher-stretch"),
        pytest.param(6, 5, "lower", True, id="lower-above"),
        pytest.param(5, 5, "lower", True, id="lower-equal"),
        pytest.param(4, 5, "lower", False, id="lower-stretch"),
        pytest.param(None, 5, "lower", False, id="no-target"),
        pytest.param(5, None, "lower", False, id="no-outturn"),
    ],
)
def test_target_at_or_below_outturn(target, outturn, polarity, flagged):
    assert rules.target_at_or_below_outturn(target, outturn, polarity) is flagged


@pytest.mark.parametrize(
    ("targets", "flagged"),
    [
        pytest.param([50, 50, 50], True, id="three-years"),
        pytest.param([40, 50, 50, 50], True, id="last-three"),
        pytest.param([50, 50], False, id="two-years"),
        pytest.param([50, 51, 50], False, id="changed"),
        pytest.param([50, None, 50], False, id="gap"),
    ],
)
def test_target_unchanged(targets, flagged):
    assert rules.target_unchanged(targets) is flagged


@pytest.mark.parametrize(
    ("counts", "flagged"),
    [
        pytest.param({"green": 47, "amber": 2, "red": 1, "blue": 9}, True, id="94-percent"),
        pytest.param({"green": 9, "amber": 1}, True, id="exactly-90"),
        pytest.param({"green": 8, "amber": 1, "red": 1}, False, id="80-percent"),
        pytest.param({"blue": 4}, False, id="nothing-rated"),
    ],
)
def test_mostly_green(counts, flagged):
    assert rules.mostly_green(counts) is flagged


@pytest.mark.parametrize(
    ("value", "polarity", "quartile"),
    [
        pytest.param(10, "higher", 1, id="higher-top"),
        pytest.param(1, "higher", 4, id="higher-bottom"),
        pytest.param(6, "higher", 2, id="higher-second"),
        pytest.param(1, "lower", 1, id="lower-top"),
        pytest.param(10, "lower", 4, id="lower-bottom"),
        pytest.param(None, "lower", None, id="no-value"),
    ],
)
def test_benchmark_quartile(value, polarity, quartile):
    boundaries = rules.quartile_boundaries([2, 3, 4, 5, 6, 7, 8])
    assert boundaries == (3.5, 5.0, 6.5)
    assert rules.benchmark_quartile(value, boundaries, polarity) == quartile
