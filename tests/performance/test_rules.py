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


WORSE, BETTER, SAME, NONE = (
    Direction.WORSENING,
    Direction.IMPROVING,
    Direction.UNCHANGED,
    Direction.NO_DATA,
)


@pytest.mark.parametrize(
    ("rag", "short_term", "long_term", "worsening", "expected"),
    [
        pytest.param(Rag.RED, BETTER, BETTER, False, True, id="red-improving"),
        pytest.param(Rag.GREEN, WORSE, BETTER, True, True, id="green-worse-than-last-quarter"),
        pytest.param(Rag.AMBER, SAME, WORSE, True, True, id="amber-worse-than-last-year"),
        pytest.param(Rag.AMBER, BETTER, SAME, False, False, id="amber-not-worse"),
        pytest.param(Rag.BLUE, NONE, NONE, False, False, id="not-rated-no-comparison"),
    ],
)
def test_only_a_red_or_worsening_indicator_is_for_scrutiny_to_take_up(
    rag, short_term, long_term, worsening, expected
):
    assert rules.worsening(short_term, long_term) is worsening
    assert rules.red_or_worsening(rag, short_term, long_term) is expected


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


# Monthly indicators: month 1 is April, 12 is March.

TWELVE = [float(n) for n in range(1, 13)]  # April 1, May 2, ... March 12


@pytest.mark.parametrize(
    ("measure_type", "history", "month", "expected"),
    [
        pytest.param("snapshot", [5, 6, 7], 3, 7, id="snapshot-latest-month"),
        pytest.param("snapshot", [5, 6, None], 3, None, id="snapshot-missing"),
        pytest.param("cumulative_ytd", [10, 20, 30], 3, 60, id="cumulative-june-is-q1"),
        pytest.param("cumulative_ytd", [99, 10], 1, 10, id="cumulative-april-ignores-march"),
        pytest.param("cumulative_ytd", [50, *TWELVE], 12, 78, id="cumulative-march-whole-year"),
        pytest.param("cumulative_ytd", [1, None, 3], 3, None, id="cumulative-gap"),
        pytest.param("cumulative_ytd", [2, 3], 3, None, id="cumulative-too-short"),
        pytest.param("rolling_12", [100, *TWELVE], 12, 78, id="rolling-last-twelve"),
        pytest.param("rolling_12", [*TWELVE, 13], 1, 90, id="rolling-across-year-end"),
        pytest.param("rolling_12", TWELVE[:11], 11, None, id="rolling-eleven-months"),
        pytest.param("rolling_12", [None, *TWELVE[1:]], 12, None, id="rolling-gap"),
        pytest.param("annual", [40], 12, 40, id="annual-march"),
        pytest.param("annual", [40], 9, None, id="annual-before-year-end"),
        pytest.param("snapshot", [], 1, None, id="nothing"),
    ],
)
def test_month_to_date(measure_type, history, month, expected):
    assert rules.month_to_date(measure_type, history, month) == expected


@pytest.mark.parametrize("month", [pytest.param(0, id="zero"), pytest.param(13, id="thirteen")])
def test_a_month_outside_1_to_12_is_refused(month):
    with pytest.raises(ValueError, match="month"):
        rules.month_to_date("snapshot", [1.0], month)


# 2023/24 and 2024/25 month by month: 2023/24 is 10 every month; 2024/25 counts 1, 2, 3...
MONTHS = {(2023, m): 10.0 for m in range(1, 13)} | {(2024, m): float(m) for m in range(1, 6)}


@pytest.mark.parametrize(
    ("measure_type", "year", "quarter", "expected"),
    [
        pytest.param("snapshot", 2024, 1, 3.0, id="snapshot-q1-is-june"),
        pytest.param("snapshot", 2024, 2, 5.0, id="snapshot-q2-in-progress-is-august"),
        pytest.param("snapshot", 2024, 3, None, id="snapshot-no-months-yet"),
        pytest.param("cumulative_ytd", 2024, 1, 6.0, id="cumulative-q1-april-to-june"),
        pytest.param("cumulative_ytd", 2024, 2, 15.0, id="cumulative-q2-so-far"),
        pytest.param("cumulative_ytd", 2023, 4, 120.0, id="cumulative-year-end"),
        pytest.param("rolling_12", 2024, 1, 96.0, id="rolling-q1-nine-old-months-and-three"),
        pytest.param("rolling_12", 2024, 2, 85.0, id="rolling-q2-seven-old-months-and-five"),
        pytest.param("rolling_12", 2023, 1, None, id="rolling-not-twelve-months-yet"),
        pytest.param("annual", 2023, 4, 10.0, id="annual-march"),
        pytest.param("annual", 2024, 1, None, id="annual-before-year-end"),
    ],
)
def test_a_monthly_indicator_stands_at_its_quarters_latest_month(
    measure_type, year, quarter, expected
):
    assert rules.quarter_value_from_months(measure_type, MONTHS, year, quarter) == expected


@pytest.mark.parametrize(
    ("measure_type", "month", "annual", "profiled", "previous", "expected"),
    [
        pytest.param("snapshot", 5, 90, None, None, 90, id="snapshot-annual"),
        pytest.param("snapshot", 5, 90, 85, None, 85, id="snapshot-quarter-profile"),
        pytest.param("rolling_12", 1, 8, None, None, 8, id="rolling-annual"),
        pytest.param("cumulative_ytd", 3, 1200, None, None, 300, id="cumulative-pro-rata-june"),
        pytest.param("cumulative_ytd", 10, 1200, None, None, 1000, id="cumulative-january"),
        pytest.param("cumulative_ytd", 12, 1200, None, None, 1200, id="cumulative-march"),
        pytest.param("cumulative_ytd", 6, 1200, 500, 200, 500, id="cumulative-profile-at-q-end"),
        pytest.param("cumulative_ytd", 4, 1200, 500, 200, 300, id="cumulative-profile-step-1"),
        pytest.param("cumulative_ytd", 5, 1200, 500, 200, 400, id="cumulative-profile-step-2"),
        pytest.param("cumulative_ytd", 1, None, 300, None, 100, id="cumulative-q1-from-zero"),
        pytest.param("cumulative_ytd", 5, 1200, 500, None, 500, id="cumulative-no-previous"),
        pytest.param("cumulative_ytd", 5, None, 500, None, None, id="cumulative-nothing-to-go-on"),
        pytest.param("annual", 12, 60, None, None, 60, id="annual-march"),
        pytest.param("annual", 11, 60, None, None, None, id="annual-february"),
        pytest.param("snapshot", 7, None, None, None, None, id="no-target"),
    ],
)
def test_month_target(measure_type, month, annual, profiled, previous, expected):
    assert rules.month_target(measure_type, month, annual, profiled, previous) == expected


@pytest.mark.parametrize(
    ("day", "period", "calendar"),
    [
        pytest.param(datetime.date(2024, 4, 1), (2024, 1), (2024, 4), id="april-is-1"),
        pytest.param(datetime.date(2024, 12, 31), (2024, 9), (2024, 12), id="december-is-9"),
        pytest.param(datetime.date(2025, 1, 1), (2024, 10), (2025, 1), id="january-is-10"),
        pytest.param(datetime.date(2025, 3, 31), (2024, 12), (2025, 3), id="march-is-12"),
    ],
)
def test_financial_year_months_start_in_april(day, period, calendar):
    assert rules.month_of(day) == period
    assert rules.calendar_month(*period) == calendar
    assert rules.quarter_of_month(period[1]) == rules.quarter_of(day)[1]


def test_months_back_cross_the_year_end():
    assert rules.months_back(2024, 2, 4) == [(2023, 11), (2023, 12), (2024, 1), (2024, 2)]
    assert list(rules.months_of_quarter(4)) == [10, 11, 12]
    assert rules.latest_month_in_quarter({(2024, 4): None}, 2024, 2) == 4


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
