"""Every SAR_ worksheet function, called with Excel-shaped values, against independent numbers.

Shapes: numbers as floats (classic), ints (Lite), ``Decimal`` (Currency-formatted cells) or text;
rates as decimals or percent text; dates as datetimes (a date cell by reference), Excel serials
(a date passed by value) or ISO text; ranges as lists of rows (``ndim=2``); blanks as ``None``.
Expected values are published (../shared/cases, Hull) or worked out by hand in the test.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import statistics
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from stockrights.excel import udfs
from stockrights.excel.udfs import (
    SAR_ADJUSTED_CLOSES,
    SAR_ADJUSTMENT_STEPS,
    SAR_BS_PRICE,
    SAR_CAN_EXERCISE,
    SAR_CAPITAL_RESERVE,
    SAR_CAPITAL_SPLIT,
    SAR_CAPITAL_STOCK,
    SAR_DIVIDEND_YIELD,
    SAR_EX_RIGHTS_DATES,
    SAR_EXERCISE,
    SAR_EXERCISE_AMOUNT,
    SAR_EXERCISE_WINDOW,
    SAR_EXPLAIN,
    SAR_GREEKS,
    SAR_HIST_VOL,
    SAR_IMPLIED_VOL,
    SAR_JGB_RATE,
    SAR_MAX_RIGHTS,
    SAR_MAY_ACQUIRE,
    SAR_RESTATED_DIVIDEND,
    SAR_RESTRUCTURED,
    SAR_RIGHT_AMOUNT,
    SAR_RIGHT_VALUE,
    SAR_SHARE_PRICE,
    SAR_SHARES_PER_RIGHT,
    SAR_TRADING_DAYS,
    SAR_VOL_OBSERVATIONS,
)

CASES = Path(__file__).resolve().parents[2] / "shared" / "cases" / "published.csv"
EPOCH = dt.date(1899, 12, 30)  # Excel serial n (n >= 61) is EPOCH + n days (KB 214326)


def serial(day: dt.date) -> float:
    """The Excel 1900-system serial of a date after 1 March 1900, as Excel passes it by value."""
    return float((day - EPOCH).days)


def column(values: list[Any]) -> list[list[Any]]:
    """A vertical range as xlwings hands it over with ndim=2."""
    return [[v] for v in values]


with CASES.open(encoding="utf-8", newline="") as handle:
    ROWS = list(csv.DictReader(handle))
GEN_ROWS = [r for r in ROWS if r["id"].startswith("GEN-")]
GOGIN = next(r for r in ROWS if r["id"] == "JP-GOGIN-2014")


# --- pricing -------------------------------------------------------------------------------


@pytest.mark.parametrize("row", GEN_ROWS, ids=[r["id"] for r in GEN_ROWS])
def test_bs_price_reproduces_published_calls_from_excel_cells(row: dict[str, str]) -> None:
    """SAR_BS_PRICE matches Haug/NAG/Hull at the published precision, inputs as Excel sends them."""
    decimals = int(re.search(r"rounded to (\d+) decimals", row["published_as"]).group(1))
    price = SAR_BS_PRICE(
        Decimal(row["share_price"]),  # a Currency-formatted cell
        float(row["exercise_price"]),
        row["term_years"],  # numeric text
        f"{float(row['volatility']) * 100:g}%",  # percent typed as text
        float(row["risk_free_rate"]),  # a percent-formatted cell arrives as a decimal
        float(row["dividend_yield"]),
    )
    assert round(price, decimals) == float(row["published_value"])


def test_right_value_reproduces_the_published_one_yen_grant() -> None:
    """JP-GOGIN-2014: 677 yen per share, the BS value rounded up (published)."""
    r = GOGIN
    args = (716, 1, 3.6, float(r["volatility"]), float(r["risk_free_rate"]), 0.01536)
    assert SAR_RIGHT_VALUE(*args, 1.0) == int(r["published_value"]) == 677
    assert SAR_RIGHT_VALUE(*args, 1.0, None) == 677  # blank rounding cell: the default
    # per share rounded up, then x 200 shares: 677 x 200 by hand
    assert SAR_RIGHT_VALUE(*args, 200.0, "per_share_up") == 135_400
    # per share half-up: 676.486 -> 676 (cases README), x 200 = 135,200
    assert SAR_RIGHT_VALUE(*args, 200, "PER-SHARE-HALF-UP") == 135_200


def test_right_amount_does_not_charge_a_yen_for_float_noise() -> None:
    """128.02 x 200 is exactly 25,604 yen, though the float product is 25604.000000000004."""
    assert 128.02 * 200 > 25_604  # the trap a plain ceiling falls into
    assert SAR_RIGHT_AMOUNT(128.02, 200.0) == 25_604
    assert SAR_RIGHT_AMOUNT(Decimal("128.0200"), "200") == 25_604
    assert SAR_RIGHT_AMOUNT(1632.445, 200.0) == 326_489  # 1,632.445 x 200 by hand
    assert SAR_RIGHT_AMOUNT(1632.4451, 200.0) == 326_490  # a real fraction is rounded up
    assert SAR_RIGHT_AMOUNT(1632.445, 200.0, "bogus") == (
        "#VALUE! rounding must be one of per_right_up, per_share_up, per_share_half_up "
        "(got 'bogus')"
    )


def test_explain_spills_two_columns_ending_in_the_published_amount() -> None:
    """The explain table is name/value rows; C and the final amount agree with the other UDFs."""
    args = (716, 1, 3.6, 0.27034, 0.0009, 0.01536, 1)
    table = SAR_EXPLAIN(*args)
    assert {len(row) for row in table} == {2}
    rows = dict(table)
    assert rows["amount per right"] == 677
    assert rows["C option price per share"] == SAR_BS_PRICE(*args[:6])
    assert rows["rounding"] == "per_right_up"
    assert rows["S share price"] == 716.0
    detailed = SAR_EXPLAIN(*args, None, True)
    assert {len(row) for row in detailed} == {4}
    assert [row[0] for row in detailed] == [row[0] for row in table]


def test_greeks_match_hulls_worked_example() -> None:
    """Hull (10th ed.) Example 19.1-19.6: S=49, K=50, r=5%, sigma=20%, T=20 weeks, no dividend."""
    table = SAR_GREEKS(49.0, 50.0, 20 / 52, "20%", "5%", 0.0)
    greeks = dict(table)
    assert list(greeks) == ["delta", "gamma", "vega", "theta", "rho", "dividend_rho"]
    assert greeks["delta"] == pytest.approx(0.522, abs=5e-4)
    assert greeks["gamma"] == pytest.approx(0.066, abs=5e-4)
    assert greeks["vega"] == pytest.approx(12.1, abs=0.05)  # per 1.00 of volatility
    assert greeks["theta"] == pytest.approx(-4.31, abs=0.005)  # per year
    assert greeks["rho"] == pytest.approx(8.91, abs=0.005)


def test_implied_volatility_recovers_the_published_volatility() -> None:
    """Haug's 2.1334 (rounded to 4 decimals, price_tick 0.0001) comes from sigma = 0.30."""
    out = SAR_IMPLIED_VOL(2.1334, 60, 65, 0.25, 0.08, 0, 0.0001)
    assert isinstance(out, list)
    [[low, mid, high]] = out
    assert low < 0.30 < high
    assert high - low < 1e-3
    assert mid == pytest.approx(0.30, abs=1e-4)


def test_implied_volatility_of_a_price_to_the_yen_is_num_not_a_number() -> None:
    """Issue 8: a 1-yen right priced to the yen (the default tick) is #NUM! with the range."""
    out = SAR_IMPLIED_VOL(1632, 2000, 1, 15, 0.0035, 0.0135)
    assert isinstance(out, str)
    assert out.startswith("#NUM! option_price 1632.0 known to 1 yen (price_tick) is insensitive")
    # Haug's price read as whole yen is refused too: 2.1334 +/- 1 yen fits many volatilities.
    assert SAR_IMPLIED_VOL(2.1334, 60, 65, 0.25, 0.08, 0).startswith("#NUM! ")


def test_implied_volatility_of_a_one_yen_right_is_num() -> None:
    """A price below the discounted intrinsic value has no volatility: #NUM! with the reason."""
    out = SAR_IMPLIED_VOL(600.0, 716.0, 1.0, 3.6, 0.0009, 0.01536)
    assert out.startswith("#NUM! option_price must be >= the discounted intrinsic value")


def test_max_rights_within_budget() -> None:
    """3 x 326,489 = 979,467 <= 1,000,000 < 4 x 326,489 = 1,305,956."""
    assert SAR_MAX_RIGHTS(1_000_000, 326_489) == 3
    assert SAR_MAX_RIGHTS(979_467, 326_489.0) == 3
    assert SAR_MAX_RIGHTS(979_466, 326_489.0) == 2


# --- market inputs -------------------------------------------------------------------------

FRIDAYS = [dt.date(2017, 6, 30), dt.date(2017, 7, 7), dt.date(2017, 7, 14)]
CLOSES = [100.0, 110.0, 99.0]


def test_share_price_on_a_date_and_the_base_price_fallback() -> None:
    """The close on the day; on a Saturday, the base price for Tuesday 18 July 2017.

    Monday 17 July 2017 was Marine Day (海の日), so the next trading day is the 18th.
    """
    dates = column([dt.datetime.combine(d, dt.time()) for d in FRIDAYS])
    closes = column(CLOSES)
    assert SAR_SHARE_PRICE(dates, closes, serial(dt.date(2017, 7, 14))) == 99.0
    base = [["date", "base_price"], [serial(dt.date(2017, 7, 18)), 2025.0]]
    assert SAR_SHARE_PRICE(dates, closes, "2017-07-15", base) == 2025.0
    assert SAR_SHARE_PRICE(dates, closes, "2017-07-15", base, None, True) == [
        [2025.0, "next_day_base_price", dt.datetime(2017, 7, 18)]
    ]
    out = SAR_SHARE_PRICE(dates, closes, "2017-07-15")
    assert out.startswith("#N/A on must be within the price series 2017-06-30 to 2017-07-14")


def test_historical_volatility_by_hand() -> None:
    """Three Friday closes: sigma = stdev(ln 1.1, ln 0.9) x sqrt(52), as a row or a column."""
    expected = statistics.stdev([math.log(110 / 100), math.log(99 / 110)]) * math.sqrt(52)
    as_columns = SAR_HIST_VOL(column(FRIDAYS), column(CLOSES), "2017-06-26", "2017-07-14")
    as_rows = SAR_HIST_VOL([FRIDAYS], [CLOSES], serial(dt.date(2017, 6, 26)), 42930)
    assert as_columns == pytest.approx(expected, rel=1e-12)
    assert as_rows == pytest.approx(expected, rel=1e-12)
    # an explicit annualisation factor replaces sqrt(52)
    assert SAR_HIST_VOL(
        column(FRIDAYS), column(CLOSES), "2017-06-26", "2017-07-14", "weekly", None, None, 50
    ) == pytest.approx(expected / math.sqrt(52) * math.sqrt(50), rel=1e-12)


# IIJ split 1:200 effective 1 October 2012 (record date 30 September 2012, public notice).
SPLIT_FRIDAYS = [dt.date(2012, 9, 21), dt.date(2012, 9, 28), dt.date(2012, 10, 5)]
SPLIT_CLOSES = [300_000.0, 302_000.0, 1_520.0]
SPLIT_TABLE = [["effective_date", "ratio"], [dt.datetime(2012, 10, 1), 200.0]]


def test_volatility_across_a_split_uses_the_split_table() -> None:
    """Adjusted closes 1,500, 1,510, 1,520; without the table the jump is reported, not used."""
    expected = statistics.stdev([math.log(1510 / 1500), math.log(1520 / 1510)]) * math.sqrt(52)
    args = (column(SPLIT_FRIDAYS), column(SPLIT_CLOSES), "2012-09-17", "2012-10-05")
    assert SAR_HIST_VOL(*args, None, SPLIT_TABLE) == pytest.approx(expected, rel=1e-12)
    assert SAR_HIST_VOL(*args).startswith("#VALUE! closes look unadjusted for a split")
    table = SAR_VOL_OBSERVATIONS(*args, "weekly", SPLIT_TABLE)
    assert table[0] == ["date", "close", "adjusted_close", "log_return"]
    assert [row[0] for row in table[1:]] == [
        dt.datetime.combine(d, dt.time()) for d in SPLIT_FRIDAYS
    ]
    assert [row[2] for row in table[1:]] == pytest.approx([1500.0, 1510.0, 1520.0])
    assert table[1][3] == ""
    assert table[2][3] == pytest.approx(math.log(1510 / 1500))


def test_adjusted_closes_and_trading_days() -> None:
    """Closes before the split are divided by 200; the Vernal Equinox Day 2017 is no session."""
    adjusted = SAR_ADJUSTED_CLOSES(
        [["2012-09-28"], ["2012-10-01"]], [[300_000.0], [1_510.0]], SPLIT_TABLE
    )
    assert adjusted == [[1500.0], [1510.0]]
    assert SAR_TRADING_DAYS("2017-03-17", serial(dt.date(2017, 3, 21))) == [
        [dt.datetime(2017, 3, 17)],
        [dt.datetime(2017, 3, 21)],
    ]


def test_dividend_yield_and_restated_dividend() -> None:
    """27 / 2,000 = 1.35 %; 27 yen (FY March 2017) after two 1:2 splits is 27 / 4 = 6.75 yen."""
    assert SAR_DIVIDEND_YIELD(27, 2000) == pytest.approx(0.0135, rel=1e-15)
    splits = [[dt.datetime(2021, 1, 1), 2.0], [dt.datetime(2022, 10, 1), 2.0]]
    assert SAR_RESTATED_DIVIDEND(27.0, "2017-03-31", splits, "2024-03-31") == 6.75
    assert SAR_RESTATED_DIVIDEND(27.0, "2017-03-31", splits, "2021-06-30") == 13.5


# The company's table as SAR_SHARES_PER_RIGHT reads it (7 columns, header), the one table the
# workbook can point every function at.
ACTION_TABLE = [
    ["kind", "ratio", "record_date", "effective_date", "meeting_date", "order", "description"],
    ["split", 200.0, dt.datetime(2012, 9, 30), dt.datetime(2012, 10, 1), None, None, "1:200"],
    ["split", 2.0, dt.datetime(2020, 12, 31), dt.datetime(2021, 1, 1), None, None, "1:2"],
    ["split", 2.0, serial(dt.date(2022, 9, 30)), "2022-10-01", None, None, "1:2"],
]


def test_split_functions_read_the_whole_action_table() -> None:
    """The 7-column table drives prices (ex-rights dates), the dividend and clause (3) alike."""
    # Ex-rights dates by hand (T+3 / T+2, see test_corporate_actions): 2012-09-26, 2020-12-29,
    # 2022-09-29. A close of 2012-09-25 is cum all three: 400,000 / 800 = 500.
    dates = column(["2012-09-25", "2012-09-26", "2020-12-29", "2022-09-29"])
    closes = column([400_000.0, 2_000.0, 2_000.0, 1_000.0])
    assert SAR_ADJUSTED_CLOSES(dates, closes, ACTION_TABLE) == [
        [500.0],
        [500.0],
        [1000.0],
        [1000.0],
    ]
    # The dividend: per old share until the ex-rights date of each split.
    assert SAR_RESTATED_DIVIDEND(27.0, "2017-03-31", ACTION_TABLE, "2024-03-31") == 6.75
    assert SAR_RESTATED_DIVIDEND(27.0, "2017-03-31", ACTION_TABLE, "2020-12-28") == 27.0
    assert SAR_RESTATED_DIVIDEND(27.0, "2017-03-31", ACTION_TABLE, "2020-12-29") == 13.5
    # Clause (3) from the same range.
    assert SAR_SHARES_PER_RIGHT(200, ACTION_TABLE, "2022-10-01", "2017-07-14") == 800
    steps = SAR_ADJUSTMENT_STEPS(200, ACTION_TABLE, "2022-10-01", "2017-07-14")
    assert steps[1][7] == (
        "split: from the day after the record date 2020-12-31; ex-rights date 2020-12-29: last "
        "cum-rights day 2020-12-28 settles T+2 by 2020-12-30, the last TSE business day on or "
        "before the record date 2020-12-31"
    )


def test_ex_rights_dates_of_the_table() -> None:
    """SAR_EX_RIGHTS_DATES lists each split's derived dates; an undatable one says why."""
    rows = SAR_EX_RIGHTS_DATES(ACTION_TABLE)
    assert rows[0] == [
        "kind", "ratio", "record_date", "last_cum_rights_date", "ex_rights_date", "settlement",
        "note",
    ]  # fmt: skip
    assert [row[3:6] for row in rows[1:]] == [  # by hand: see test_corporate_actions.WORKED
        [dt.datetime(2012, 9, 25), dt.datetime(2012, 9, 26), "T+3"],
        [dt.datetime(2020, 12, 28), dt.datetime(2020, 12, 29), "T+2"],
        [dt.datetime(2022, 9, 28), dt.datetime(2022, 9, 29), "T+2"],
    ]
    old = [
        ["split", 2.0, "2006-03-31", None, None, None, "", None],
        ["split", 2.0, "2006-09-30", None, None, None, "", 38986.0],  # serial of 2006-09-26
    ]
    first, second = SAR_EX_RIGHTS_DATES(old)[1:]
    assert first[3:6] == ["", "", ""]
    assert first[6].startswith("no ex-rights date: ex_rights_date must be given for a record")
    assert second[4:7] == [dt.datetime(2006, 9, 26), "given", "ex-rights date 2006-09-26 (given)"]


def test_the_dividend_reproducer_in_excel() -> None:
    """Split and dividend both of record 2017-03-29: 13.5 from the table, 27 from reused dates."""
    table = [["split", 2.0, "2017-03-29"]]  # 3 columns: recognised as the action table
    assert SAR_RESTATED_DIVIDEND(27.0, "2017-03-29", table, "2017-07-14") == 13.5
    assert SAR_RESTATED_DIVIDEND(27.0, "2017-03-29", [["2017-03-29", 2.0]], "2017-07-14") == 27.0


def test_volatility_from_the_action_table_matches_hand_dated_pairs() -> None:
    """SAR_HIST_VOL with the table equals the 2-column form dated on the ex-rights dates."""
    fridays = [dt.date(2020, 12, 18), dt.date(2020, 12, 25), dt.date(2020, 12, 30)]
    closes = [2_020.0, 2_000.0, 1_010.0]  # 12-30 is ex-rights of the 1:2 split (12-29)
    args = (column(fridays), column(closes), "2020-12-14", "2020-12-30", "weekly")
    by_hand = SAR_HIST_VOL(*args, [[dt.datetime(2020, 12, 29), 2.0]])
    expected = statistics.stdev([math.log(1000 / 1010), math.log(1010 / 1000)]) * math.sqrt(52)
    assert by_hand == pytest.approx(expected, rel=1e-12)
    assert SAR_HIST_VOL(*args, ACTION_TABLE) == by_hand
    # On the basis of the window's last day: the last adjusted close is the close as traded,
    # 1,010 (the 2022 split, ex-rights after the window, is left out; the 2012 one is before).
    observations = SAR_VOL_OBSERVATIONS(*args, ACTION_TABLE)
    assert [row[2] for row in observations[1:]] == [1010.0, 1000.0, 1010.0]


def test_the_eighth_column_overrides_the_ex_rights_date() -> None:
    """ex_rights_date (8th column) is used as given; a record before 2009 needs it."""
    old = [["split", 2.0, "2006-03-31", None, None, None, "1:2", None]]
    out = SAR_ADJUSTED_CLOSES(column(["2006-03-27"]), column([1000.0]), old)
    assert out.startswith("#N/A ex_rights_date must be given for a record date before")
    given = [["split", 2.0, "2006-03-31", None, None, None, "1:2", "2006-03-28"]]
    assert SAR_ADJUSTED_CLOSES(column(["2006-03-27", "2006-03-28"]), column([1000.0, 500.0]),
                               given) == [[500.0], [500.0]]  # fmt: skip
    assert SAR_SHARES_PER_RIGHT(200, given, "2006-04-01", "2006-01-04") == 400
    bad = [["split", 2.0, "2020-12-31", None, None, None, "", "2021-01-04"]]
    assert SAR_RESTATED_DIVIDEND(27.0, "2017-03-31", bad, "2024-03-31") == (
        "#VALUE! splits row 1 ex_rights_date must be before record_date (2020-12-31: the market "
        "trades ex-rights before the record date) (got 2021-01-04)"
    )
    nine = [["split", 2.0, "2020-12-31", None, None, None, "", None, "extra"]]
    assert SAR_ADJUSTED_CLOSES(column(["2020-12-28"]), column([1.0]), nine).startswith(
        "#VALUE! splits must have at most 8 columns (kind, ratio, record_date"
    )


def test_jgb_rate_interpolates_and_refuses_to_extrapolate() -> None:
    """Halfway between 0.10 % (10 y) and 0.60 % (20 y) is 0.35 %; 25 y is outside: #N/A."""
    tenors, yields = column([10.0, 20.0]), column(["0.1%", "0.6%"])
    assert SAR_JGB_RATE(tenors, yields, 15) == pytest.approx(0.0035, abs=1e-15)
    assert SAR_JGB_RATE(tenors, yields, 15, "continuous") == pytest.approx(
        2 * math.log(1 + 0.0035 / 2), abs=1e-15
    )
    assert SAR_JGB_RATE(tenors, yields, 25).startswith("#N/A term_years must be within the curve")
    assert SAR_JGB_RATE(tenors, yields, 25, None, True) == pytest.approx(0.006, abs=1e-15)


# --- administration ------------------------------------------------------------------------

IIJ_ACTIONS = [
    ["kind", "ratio", "record_date"],  # a header row, skipped
    ["split", 200.0, dt.datetime(2012, 9, 30)],  # before the allotment: not applied
    ["split", 2.0, dt.datetime(2020, 12, 31)],
    ["split", 2.0, serial(dt.date(2022, 9, 30))],
]


@pytest.mark.parametrize(
    ("as_of", "shares"),
    [("2020-12-31", 200), ("2021-01-01", 400), ("2022-09-30", 400), ("2022-10-01", 800)],
)
def test_shares_per_right_through_iij_splits(as_of: str, shares: int) -> None:
    """200 shares at allotment; each 1:2 split applies from the day after its record date."""
    assert SAR_SHARES_PER_RIGHT(200, IIJ_ACTIONS, as_of, "2017-07-14") == shares


def test_adjustment_steps_round_down_at_each_step() -> None:
    """201 x 1.5 = 301.5 -> 301, then x 2/3 = 200.67 -> 200 (domain notes); one row per action."""
    actions = [
        ["split", 1.5, "2020-12-31", None],
        ["consolidation", 2 / 3, None, "2021-06-01"],
    ]
    assert SAR_SHARES_PER_RIGHT(201, actions, "2021-06-01", "2017-07-14") == 200
    table = SAR_ADJUSTMENT_STEPS(201, actions, "2021-06-01", "2017-07-14")
    assert table[0][0] == "status"
    assert [(row[0], row[4], row[6]) for row in table[1:]] == [
        ("applied", 201, 301),
        ("applied", 301, 200),
    ]
    assert table[1][5] == pytest.approx(301.5)


def test_a_bad_action_row_is_named() -> None:
    """A split ratio below 1 is reported with its row number."""
    out = SAR_SHARES_PER_RIGHT(200, [["split", 0.5, "2020-12-31"]], "2022-10-01", "2017-07-14")
    assert out.startswith("#VALUE! actions row 1 ratio must be > 1 for a split")


def test_exercise_by_hand() -> None:
    """3 rights x 800 shares, book value 326,489 per right.

    Cash 3 x 800 x 1 = 2,400; book 3 x 326,489 = 979,467; limit 981,867; capital stock
    ceil(981,867 / 2) = 490,934; capital reserve 981,867 - 490,934 = 490,933.
    """
    table = SAR_EXERCISE(3.0, 800.0, Decimal("326489"))
    assert [row[1] for row in table] == [2_400, 2_400, 981_867, 490_934, 490_933]
    assert SAR_CAPITAL_STOCK(3, 800, 326_489) == 490_934
    assert SAR_CAPITAL_RESERVE(3, 800, 326_489, None) == 490_933
    assert SAR_EXERCISE_AMOUNT(1, 800) == 800
    # the split alone, from an odd limit: ceil(1,000,001 / 2) = 500,001 and 500,000
    assert [row[1] for row in SAR_CAPITAL_SPLIT(1_000_001)] == [1_000_001, 500_001, 500_000]
    assert SAR_CAPITAL_SPLIT(1.5).startswith("#VALUE! upper_limit must be a whole number of yen")
    assert SAR_EXERCISE(2.5, 800, 326_489) == "#VALUE! rights must be a whole number (got 2.5)"


PERIOD = (dt.datetime(2017, 7, 15), dt.datetime(2047, 7, 14))


def test_exercise_window_of_a_holder_who_left() -> None:
    """Lost the position on 31 March 2030: from 1 April, 10 days, to 10 April (clause 11-2)."""
    rows = SAR_EXERCISE_WINDOW(*PERIOD, serial(dt.date(2030, 3, 31)))
    assert len(rows) == 1
    who, opens, closes, basis = rows[0]
    assert (who, opens, closes) == ("holder", dt.datetime(2030, 4, 1), dt.datetime(2030, 4, 10))
    assert "clause 11-2" in basis
    assert SAR_EXERCISE_WINDOW(*PERIOD).startswith("no window")


@pytest.mark.parametrize(
    ("day", "allowed"),
    [("2030-03-31", False), ("2030-04-01", True), ("2030-04-10", True), ("2030-04-11", False)],
)
def test_can_exercise_with_reason(day: str, allowed: bool) -> None:
    """Inside the holder's window TRUE, outside FALSE, each with a readable reason."""
    [[verdict, reason]] = SAR_CAN_EXERCISE(day, *PERIOD, "2030-03-31")
    assert verdict is allowed
    assert isinstance(reason, str)
    assert reason


def test_heir_window_in_excel_counts_as_the_civil_code_and_moves_off_a_sunday() -> None:
    """Inherited 28 Feb 2031: counted to Sun 31 Aug (arts. 140, 143), moved to Mon 1 Sep (142)."""
    died, inherited = "2031-02-20", "2031-02-28"
    [[who, _, closes, basis]] = SAR_EXERCISE_WINDOW(*PERIOD, None, died, inherited)
    assert (who, closes) == ("heir", dt.datetime(2031, 9, 1))
    assert "moved to 2031-09-01 (following business day, Civil Code art. 142)" in basis
    [[_, _, kept, _]] = SAR_EXERCISE_WINDOW(*PERIOD, None, died, inherited, None, "no_move")
    assert kept == dt.datetime(2031, 8, 31)
    [[verdict, reason]] = SAR_CAN_EXERCISE("2031-08-30", *PERIOD, None, died, inherited, None,
                                           "preceding")  # fmt: skip
    assert (verdict, reason[:37]) == (False, "the window closed on 2031-08-29 (6 mo")


def test_restructured_rights_by_hand() -> None:
    """800 x 0.37 = 296 shares per right, 296 yen per right, period from 1 April 2030."""
    rows = {
        k: v
        for k, v in SAR_RESTRUCTURED(5, 800, "share exchange", "2030-04-01", 0.37, *PERIOD)
        if not isinstance(v, str)
    }
    assert rows["rights"] == 5
    assert rows["shares per right"] == 296
    assert rows["exercise amount per right (yen)"] == 296
    assert rows["exercise period start"] == dt.datetime(2030, 4, 1)
    assert rows["exercise period end"] == dt.datetime(2047, 7, 14)


def test_may_acquire_for_nothing() -> None:
    """A merger approved before the date may be acquired for (clause 8); a demerger may not."""
    [[yes, _]] = SAR_MAY_ACQUIRE("absorption_type_merger", "2030-04-01", "2030-01-20", "2030-02-01")
    [[no, why]] = SAR_MAY_ACQUIRE("absorption_type_demerger", "2030-04-01", "2030-01-20", 47515)
    [[not_yet, _]] = SAR_MAY_ACQUIRE("share_transfer", "2030-04-01", None, "2030-02-01")
    assert yes is True
    assert no is False
    assert not_yet is False  # no approval resolved yet (a blank approved_on)
    assert "not in clause 8" in why


def test_the_sentence_functions_speak_japanese_when_asked() -> None:
    """A trailing "ja" gives the core's Japanese; "en", a blank or nothing give today's English.

    Expected texts by hand: the 10 days of clause (11)2) after a loss on 2030-03-31 end on
    2030-04-10 (day 1 is 04-01, art. 140); the 1:2 split with record date 2020-12-31 applies from
    the day after it (clause (3)); an absorption-type demerger is not in clause (8).
    """
    [[_, english]] = SAR_CAN_EXERCISE("2030-04-11", *PERIOD, "2030-03-31")
    for same in ("en", "EN", None, ""):
        assert SAR_CAN_EXERCISE("2030-04-11", *PERIOD, "2030-03-31", None, None, None,
                                "following", None, same) == [[False, english]]  # fmt: skip
    [[verdict, japanese]] = SAR_CAN_EXERCISE(
        "2030-04-11", *PERIOD, "2030-03-31", None, None, None, "following", None, "ja"
    )
    assert verdict is False
    assert japanese.startswith(
        "行使可能期間は2030年4月10日に終了しています。2030年3月31日の地位喪失"
    )
    assert "決議 (11)-2" in japanese
    assert "民法第142条" in japanese
    [[who, _, _, basis]] = SAR_EXERCISE_WINDOW(
        *PERIOD, "2030-03-31", None, None, None, "following", None, "ja"
    )
    assert who == "新株予約権者"
    assert basis.startswith("2030年3月31日の地位喪失の翌日から10日以内")
    assert SAR_EXERCISE_WINDOW(*PERIOD, None, None, None, None, "following", None, "ja") == (
        "行使可能期間なし：新株予約権者は在任中です（決議 (11)-2）"
    )
    steps = SAR_ADJUSTMENT_STEPS(200, ACTION_TABLE, "2022-10-01", "2017-07-14", None, "ja")
    assert steps[0] == [
        "状態", "種類", "比率", "適用開始日", "調整前", "端数処理前", "調整後", "注記"
    ]  # fmt: skip
    assert steps[1][:2] == ["適用", "株式分割"]
    assert steps[1][7].startswith(
        "株式分割：基準日（2020年12月31日）の翌日から適用。権利落日2020年"
    )
    assert steps[3][:2] == ["不適用", "株式分割"]  # the 2012 split, before the allotment
    dates = SAR_EX_RIGHTS_DATES(ACTION_TABLE, "ja")
    assert dates[0][:3] == ["種類", "比率", "基準日"]
    assert dates[2][6].startswith("権利落日2020年12月29日：権利付最終日2020年12月28日")
    [[_, why]] = SAR_MAY_ACQUIRE(
        "absorption_type_demerger", "2030-04-01", "2030-01-20", "2030-02-01", "ja"
    )
    assert why.startswith("吸収分割は決議 (8) の対象外です")
    table = SAR_RESTRUCTURED(5, 800, "share exchange", "2030-04-01", 0.37, *PERIOD, 1, "ja")
    rows = dict(table)
    assert rows["新株予約権1個当たりの株式の数"] == 296  # 800 x 0.37 = 296
    assert rows["効力発生日の定め"] == "株式交換がその効力を生ずる日"


@pytest.mark.parametrize(
    "call",
    [
        lambda: SAR_CAN_EXERCISE(
            "2030-04-11", *PERIOD, "2030-03-31", None, None, None, "following", None, "fr"
        ),
        lambda: SAR_EX_RIGHTS_DATES(ACTION_TABLE, "fr"),
        lambda: SAR_MAY_ACQUIRE("share_exchange", "2030-04-01", None, "2030-02-01", "fr"),
    ],
    ids=["can_exercise", "ex_rights_dates", "may_acquire"],
)
def test_an_unknown_language_is_a_one_line_error_naming_the_argument(call: Any) -> None:
    """language="fr" is refused with the usual cell message, naming language and the value."""
    assert call() == "#VALUE! language must be one of en, ja (got 'fr')"


# --- the error policy, function by function ------------------------------------------------


def test_bad_input_names_the_argument() -> None:
    """The cell text names the argument, the rule and the value (the issue's example)."""
    assert SAR_BS_PRICE(716, 1, 15, -0.2, 0.003, 0.01) == (
        "#VALUE! volatility must be >= 0 (got -0.2)"
    )
    assert SAR_BS_PRICE(716, 1, 15, "abc", 0.003, 0.01) == (
        "#VALUE! volatility must be a number (got 'abc')"
    )
    assert SAR_BS_PRICE(None, 1, 15, 0.2, 0.003, 0.01) == (
        "#VALUE! share_price must be a number (got a blank cell (or an error cell))"
    )


def test_an_error_cell_is_passed_on() -> None:
    """#N/A in an input gives #N/A out, with the argument's name (as Excel's own functions do)."""
    assert SAR_BS_PRICE(716, 1, 15, "#N/A", 0.003, 0.01) == (
        "#N/A volatility must not be an error cell (got #N/A)"
    )


def test_every_function_is_in_udfs_and_returns_text_for_garbage() -> None:
    """Each UDF, fed text where numbers belong, answers with an error text and never raises."""
    assert len(udfs.UDFS) == 27
    for function in udfs.UDFS:
        import inspect

        n = len(inspect.signature(function).parameters)
        out = function(*(["garbage"] * n))
        assert isinstance(out, str), function.__name__
        assert out.startswith(("#VALUE!", "#N/A", "#NUM!")), (function.__name__, out)
