"""Share price on a date (clause 12-2), split adjustment and the Tokyo Stock Exchange calendar."""

from __future__ import annotations

import datetime as dt
import doctest
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stockrights import prices
from stockrights.dates import date_to_excel_serial
from stockrights.errors import InputError, OutOfRangeError, SeriesError
from stockrights.prices import (
    PriceSource,
    SharePriceLookup,
    adjust_for_splits,
    share_price_lookup,
    share_price_on,
    tse_trading_days,
)

D = dt.date

# Weekday holidays fixed by the Act on National Holidays (国民の祝日に関する法律, art. 2) and the
# exchange's year-end closure (31 December to 3 January, JPX trading calendar), written here
# from the law, not read from exchange_calendars.
HOLIDAYS_FROM_THE_LAW = [
    (D(2017, 1, 2), "Year-end closure (1-3 January)"),
    (D(2017, 1, 9), "Coming of Age Day: 2nd Monday of January"),
    (D(2017, 3, 20), "Vernal Equinox Day 2017 (Monday)"),
    (D(2017, 7, 17), "Marine Day: 3rd Monday of July"),
    (D(2017, 11, 3), "Culture Day: 3 November (a Friday in 2017)"),
    (D(2017, 11, 23), "Labour Thanksgiving Day: 23 November (a Thursday in 2017)"),
    (D(2005, 12, 23), "Emperor's Birthday until 2018: 23 December (a Friday in 2005)"),
]


@pytest.mark.parametrize(("day", "why"), HOLIDAYS_FROM_THE_LAW, ids=lambda v: str(v)[:10])
def test_calendar_closes_on_the_holidays_of_the_law(day: dt.date, why: str) -> None:
    """Each weekday holiday written from the law is not a trading day, and its week is."""
    assert day.weekday() < 5, why
    week = tse_trading_days(start=day - dt.timedelta(days=7), end=day + dt.timedelta(days=7))
    assert day not in week, why
    assert len(week) >= 8  # the rest of the fortnight around it trades


def test_calendar_covers_the_resolution_window_from_2005() -> None:
    """The window of clause 12-5 starts 2 Dec 2005: the table starts in 1997, not 20 years back."""
    days = tse_trading_days(start="2005-12-01", end="2005-12-02")
    assert days == (D(2005, 12, 1), D(2005, 12, 2))


def test_calendar_rejects_a_window_it_does_not_cover() -> None:
    """Dates before 1997 or far in the future are outside the calendar: an error, not a guess."""
    with pytest.raises(
        OutOfRangeError, match=r"start must be on or after the first day of the XTKS"
    ):
        tse_trading_days(start="1990-01-01", end="1990-02-01")
    with pytest.raises(OutOfRangeError, match=r"end must be on or before the last day of the XTKS"):
        tse_trading_days(start="2020-01-01", end="2199-01-01")


def test_calendar_rejects_end_before_start() -> None:
    """A window ending before it starts is an input error naming both dates."""
    with pytest.raises(
        InputError, match=r"^end must be on or after start 2017-03-21, got 2017-03-20$"
    ):
        tse_trading_days(start="2017-03-21", end="2017-03-20")


def test_calendar_accepts_excel_serials() -> None:
    """Excel serials and real dates give the same trading days (1900 system)."""
    serials = tse_trading_days(start=42811.0, end=42815)  # 2017-03-17 .. 2017-03-21
    assert serials == (D(2017, 3, 17), D(2017, 3, 21))


# --- the share price on a date ---------------------------------------------------------------

DATES = ["2017-07-12", "2017-07-13", "2017-07-14"]
CLOSES = [2001.0, 2010.0, 2030.0]


def test_close_on_the_day_is_the_share_price() -> None:
    """With a close on the valuation date, S is that close and the trail says so."""
    found = share_price_lookup(dates=DATES, closes=CLOSES, on="2017-07-14")
    assert found == SharePriceLookup(
        share_price=2030.0, on=D(2017, 7, 14), source=PriceSource.CLOSE, source_date=D(2017, 7, 14)
    )
    assert share_price_on(dates=DATES, closes=CLOSES, on=D(2017, 7, 13)) == 2010.0


def test_no_close_uses_the_base_price_of_the_next_trading_day() -> None:
    """No close on Fri 14 Jul 2017: the base price for Tue 18 Jul (Mon 17 is Marine Day) is used."""
    base = {"2017-07-18": 2025.0, D(2017, 7, 19): 1.0}
    found = share_price_lookup(
        dates=DATES[:2], closes=CLOSES[:2], on="2017-07-14", base_prices=base
    )
    assert found.share_price == 2025.0
    assert found.source is PriceSource.NEXT_DAY_BASE_PRICE
    assert found.source_date == D(2017, 7, 18)


def test_a_close_wins_over_a_base_price() -> None:
    """Base prices are consulted only when the day has no close."""
    base = {"2017-07-18": 9999.0}
    assert share_price_on(dates=DATES, closes=CLOSES, on="2017-07-14", base_prices=base) == 2030.0


def test_base_price_missing_for_the_next_trading_day() -> None:
    """A base price for the wrong day is not used: the message names the day needed."""
    with pytest.raises(
        SeriesError,
        match=r"^base_prices must hold the base price for the next trading day 2017-07-18",
    ):
        share_price_on(
            dates=DATES[:2], closes=CLOSES[:2], on="2017-07-14", base_prices={"2017-07-17": 1.0}
        )


def test_no_close_and_no_base_prices_inside_the_series() -> None:
    """A gap in the series without base prices is an error that points to clause 12-2."""
    with pytest.raises(
        SeriesError, match=r"^closes must include 2017-07-13 or base_prices must be given"
    ):
        share_price_on(dates=[DATES[0], DATES[2]], closes=[1.0, 2.0], on="2017-07-13")


def test_date_outside_the_series() -> None:
    """A date beyond the series is out of range, with the series' span in the message."""
    with pytest.raises(
        OutOfRangeError,
        match=r"^on must be within the price series 2017-07-12 to 2017-07-14 "
        r"\(or give base_prices\), got 2017-08-01$",
    ):
        share_price_on(dates=DATES, closes=CLOSES, on="2017-08-01")


def test_explicit_calendar_replaces_xtks(monkeypatch: pytest.MonkeyPatch) -> None:
    """With trading_days given, the shipped XTKS table is not consulted at all."""

    def no_calendar() -> None:
        raise AssertionError("XTKS must not be loaded")

    monkeypatch.setattr(prices, "_xtks_sessions", no_calendar)
    found = share_price_lookup(
        dates=DATES[:2],
        closes=CLOSES[:2],
        on="2017-07-14",
        base_prices={"2017-07-17": 2020.0},
        trading_days=["2017-07-13", "2017-07-14", "2017-07-17"],  # a calendar without Marine Day
    )
    assert (found.share_price, found.source_date) == (2020.0, D(2017, 7, 17))


def test_base_prices_are_validated() -> None:
    """A base price that is not a positive number is named with its date."""
    with pytest.raises(InputError, match=r"^base_prices\[2017-07-18\] must be > 0, got -5$"):
        share_price_on(
            dates=DATES[:2], closes=CLOSES[:2], on="2017-07-14", base_prices={"2017-07-18": -5}
        )
    with pytest.raises(InputError, match=r"^base_prices must be a mapping"):
        share_price_on(dates=DATES[:2], closes=CLOSES[:2], on="2017-07-14", base_prices=[2025.0])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "dates",
    [
        DATES,
        [D(2017, 7, 12), D(2017, 7, 13), D(2017, 7, 14)],
        [dt.datetime(2017, 7, 12, 15), dt.datetime(2017, 7, 13), dt.datetime(2017, 7, 14, 9)],
        [date_to_excel_serial(D(2017, 7, d)) for d in (12, 13, 14)],
        np.array(DATES, dtype="datetime64[D]"),
        np.array(DATES, dtype="datetime64[ns]"),
    ],
    ids=["iso-text", "date", "datetime", "excel-serial", "datetime64-day", "datetime64-ns"],
)
def test_every_date_form_gives_the_same_price(dates: object) -> None:
    """ISO text, dates, datetimes, Excel serials and numpy datetimes are read alike."""
    assert share_price_on(dates=dates, closes=CLOSES, on=42930) == 2030.0  # serial of 2017-07-14


# --- validation of a series ------------------------------------------------------------------

BAD_SERIES = [
    ([], [], SeriesError, r"^dates must not be empty, got 0 dates$"),
    (
        DATES,
        CLOSES[:2],
        SeriesError,
        r"^closes must have one value per date \(3 dates\), got 2 values$",
    ),
    (
        ["2017-07-12", "2017-07-14", "2017-07-13"],
        CLOSES,
        SeriesError,
        r"^dates must be in increasing order, got 2017-07-13 after 2017-07-14 \(index 2\)$",
    ),
    (
        ["2017-07-12", "2017-07-12", "2017-07-13"],
        CLOSES,
        SeriesError,
        r"^dates must be unique, got 2017-07-12 twice \(index 0 and 1\)$",
    ),
    (
        DATES,
        [1.0, 0.0, 2.0],
        SeriesError,
        r"closes must be finite and > 0 .*got 0\.0 on 2017-07-13 \(index 1\)$",
    ),
    (DATES, [1.0, -3.0, 2.0], SeriesError, r"got -3\.0 on 2017-07-13"),
    (DATES, [1.0, math.nan, 2.0], SeriesError, r"got nan on 2017-07-13"),
    (DATES, [1.0, None, 2.0], SeriesError, r"got nan on 2017-07-13"),
    (DATES, [1.0, math.inf, 2.0], SeriesError, r"got inf on 2017-07-13"),
    (DATES, ["a", "b", "c"], InputError, r"^closes must be numbers, got \['a', 'b', 'c'\]$"),
    (DATES, "2030", InputError, r"^closes must be numbers, got '2030'$"),
    ("2017-07-14", [1.0], InputError, r"^dates must be a sequence of dates, got '2017-07-14'$"),
    (
        ["2017-07-12", "tomorrow"],
        [1.0, 2.0],
        InputError,
        r"^dates\[1\] must be a date .*got 'tomorrow'$",
    ),
    (
        np.array(["2017-07-12", "NaT"], dtype="datetime64[D]"),
        [1.0, 2.0],
        InputError,
        r"^dates\[1\] must be a date, got NaT$",
    ),
]


@pytest.mark.parametrize(("dates", "closes", "error", "message"), BAD_SERIES)
def test_a_bad_series_is_rejected_with_a_one_line_message(
    dates: object, closes: object, error: type[Exception], message: str
) -> None:
    """Empty, mismatched, unsorted, duplicated or non-positive series raise and name the problem."""
    with pytest.raises(error, match=message) as caught:
        share_price_on(dates=dates, closes=closes, on="2017-07-14")
    assert "\n" not in str(caught.value)


# --- split adjustment -------------------------------------------------------------------------


def test_iij_split_of_2012_divides_the_earlier_prices_by_200() -> None:
    """1:200 effective 1 Oct 2012: prices up to 28 Sep are divided by 200, from 1 Oct unchanged."""
    adjusted = adjust_for_splits(
        dates=["2012-09-27", "2012-09-28", "2012-10-01", "2012-10-02"],
        closes=[299_000.0, 300_000.0, 1510.0, 1520.0],
        splits=[("2012-10-01", 200)],
    )
    assert adjusted.tolist() == [1495.0, 1500.0, 1510.0, 1520.0]


def test_two_splits_and_a_consolidation_compound() -> None:
    """Each price is divided by the product of the ratios of the splits after its date."""
    adjusted = adjust_for_splits(
        dates=["2020-12-30", "2021-01-04", "2022-09-30", "2022-10-03", "2023-04-03"],
        closes=[4000.0, 2000.0, 5000.0, 2500.0, 2400.0],
        # listed out of order on purpose; 2:1 consolidation effective 2023-04-01
        splits=[("2022-10-01", 2), ("2021-01-01", 2), ("2023-04-01", 0.5)],
    )
    # 4000 / (2 * 2 * 0.5) = 2000; 2000 / (2 * 0.5) = 2000; 5000 / (2 * 0.5); 2500 / 0.5; 2400
    assert adjusted.tolist() == [2000.0, 2000.0, 5000.0, 5000.0, 2400.0]


BAD_SPLITS = [
    ([("2012-10-01", 0)], InputError, r"^splits\[0\] ratio must be > 0, got 0$"),
    ([("2012-10-01", -2)], InputError, r"^splits\[0\] ratio must be > 0, got -2$"),
    ([("2012-10-01", math.nan)], InputError, r"^splits\[0\] ratio must be finite, got nan$"),
    ([("someday", 2)], InputError, r"^splits\[0\] effective_date must be a date"),
    ([("2012-10-01",)], InputError, r"^splits\[0\] must be an \(effective_date, ratio\) pair"),
    (["2012-10-01"], InputError, r"^splits\[0\] must be an \(effective_date, ratio\) pair"),
    (
        {"2012-10-01": 200},
        InputError,
        r"^splits must be a sequence of \(effective_date, ratio\) pairs",
    ),
    (
        [("2012-10-01", 2), (D(2012, 10, 1), 100)],
        SeriesError,
        r"^splits must have distinct effective dates, got 2012-10-01 twice$",
    ),
]


@pytest.mark.parametrize(("splits", "error", "message"), BAD_SPLITS)
def test_bad_splits_are_rejected(splits: object, error: type[Exception], message: str) -> None:
    """A split with a bad date, a ratio that is not > 0, or a repeated date is named."""
    with pytest.raises(error, match=message):
        adjust_for_splits(dates=DATES, closes=CLOSES, splits=splits)  # type: ignore[arg-type]


@given(
    ratio=st.sampled_from([2.0, 3.0, 10.0, 200.0, 0.5, 1.5]),
    cut=st.integers(min_value=0, max_value=5),
    prices_=st.lists(st.floats(min_value=1.0, max_value=1e6), min_size=5, max_size=5),
)
def test_adjusted_prices_are_the_unadjusted_ones_restated(
    ratio: float, cut: int, prices_: list[float]
) -> None:
    """Dividing the pre-split prices by the ratio undoes a split multiplied into them."""
    days = [D(2017, 1, 2) + dt.timedelta(days=i) for i in range(5)]
    raw = [p * ratio if i < cut else p for i, p in enumerate(prices_)]
    effective = D(2017, 1, 2) + dt.timedelta(days=cut)
    adjusted = adjust_for_splits(dates=days, closes=raw, splits=[(effective, ratio)])
    assert adjusted == pytest.approx(prices_, rel=1e-12)


def test_lookup_record_is_validated_on_construction() -> None:
    """A hand-built SharePriceLookup with inconsistent dates is refused."""
    with pytest.raises(
        InputError, match=r"^source_date must equal on for a close, got 2017-07-13$"
    ):
        SharePriceLookup(
            share_price=1.0, on=D(2017, 7, 14), source="close", source_date=D(2017, 7, 13)
        )  # type: ignore[arg-type]
    with pytest.raises(
        InputError, match=r"^source must be one of close, next_day_base_price, got 'guess'$"
    ):
        SharePriceLookup(
            share_price=1.0, on=D(2017, 7, 14), source="guess", source_date=D(2017, 7, 14)
        )  # type: ignore[arg-type]


def test_the_docstring_examples_hold() -> None:
    """The examples in the module's docstrings run and give the printed results."""
    result = doctest.testmod(prices, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
