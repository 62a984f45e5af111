"""Historical volatility (clause 12-5) against a plain standard-library computation; its rules."""

from __future__ import annotations

import datetime as dt
import doctest
import math
import random
import statistics
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stockrights import volatility
from stockrights.dates import date_to_excel_serial
from stockrights.errors import InputError, OutOfRangeError, SeriesError
from stockrights.prices import tse_trading_days
from stockrights.volatility import (
    Frequency,
    MissingClose,
    historical_volatility,
    historical_volatility_estimate,
)

D = dt.date

# A seeded synthetic daily series on real XTKS trading days, Aug 2017 to Jan 2018, with
# - a 1:2 split effective Monday 2 October 2017 (the data before it are on the old basis),
# - no close on Friday 8 December 2017 (a gap in the data),
# - Culture Day on Friday 3 November 2017, so that week ends on Thursday 2 November.
SPLIT_DATE = D(2017, 10, 2)
SPLIT = (SPLIT_DATE, 2.0)
GAP = D(2017, 12, 8)
START, END = D(2017, 9, 1), D(2017, 12, 29)


def _true_prices(seed: int = 20170714) -> dict[dt.date, float]:
    """Split-adjusted prices (today's basis) for every trading day, a seeded random walk."""
    rng = random.Random(seed)
    price, out = 2000.0, {}
    for day in tse_trading_days(start="2017-08-01", end="2018-01-31"):
        price *= math.exp(rng.gauss(0.0, 0.02))
        out[day] = price
    return out


TRUE = _true_prices()
RAW = {d: (p * 2.0 if d < SPLIT_DATE else p) for d, p in TRUE.items() if d != GAP}
RAW_DATES, RAW_CLOSES = list(RAW), list(RAW.values())

# The last trading day of each calendar week (Mon-Sun) from 1 Sep to 29 Dec 2017, picked by hand
# from a 2017 calendar and the holiday law: every Friday, except Thursday 2 Nov (3 Nov is Culture
# Day). 8 Dec has no close in the data; with missing="last_in_period", Thursday 7 Dec stands in.
FRIDAYS_BY_HAND = [
    D(2017, 9, 1), D(2017, 9, 8), D(2017, 9, 15), D(2017, 9, 22), D(2017, 9, 29),
    D(2017, 10, 6), D(2017, 10, 13), D(2017, 10, 20), D(2017, 10, 27),
    D(2017, 11, 2), D(2017, 11, 10), D(2017, 11, 17), D(2017, 11, 24),
    D(2017, 12, 1), D(2017, 12, 7), D(2017, 12, 15), D(2017, 12, 22), D(2017, 12, 29),
]  # fmt: skip


def plain_volatility(closes: list[float], periods_per_year: float, *, sample: bool = True) -> float:
    """The textbook estimator with the standard library only: stdev of log ratios x sqrt(factor)."""
    returns = [math.log(b / a) for a, b in pairwise(closes)]
    spread = statistics.stdev(returns) if sample else statistics.pstdev(returns)
    return spread * math.sqrt(periods_per_year)


def test_the_synthetic_calendar_has_the_holidays_the_law_says() -> None:
    """Independently of exchange_calendars: 3 Nov 2017 is a Friday (Culture Day, 3 November)."""
    assert D(2017, 11, 3).weekday() == 4
    assert D(2017, 11, 3) not in TRUE
    assert D(2017, 11, 2) in TRUE
    assert D(2017, 3, 20).weekday() == 0  # Vernal Equinox Day 2017, a Monday
    assert D(2017, 3, 20) not in tse_trading_days(start="2017-03-13", end="2017-03-24")


def test_weekly_volatility_matches_the_plain_computation() -> None:
    """Split, gap (filled from the same week) and Thursday week-end: equals stdev x sqrt(52)."""
    expected = plain_volatility([TRUE[d] for d in FRIDAYS_BY_HAND], 52)
    est = historical_volatility_estimate(
        dates=RAW_DATES,
        closes=RAW_CLOSES,
        start=START,
        end=END,
        splits=[SPLIT],
        missing="last_in_period",
    )
    assert est.volatility == pytest.approx(expected, rel=1e-12)
    assert list(est.observation_dates) == FRIDAYS_BY_HAND
    assert est.substitutions == ((GAP, D(2017, 12, 7)),)
    assert est.closes == tuple(RAW[d] for d in FRIDAYS_BY_HAND)
    assert est.adjusted_closes == pytest.approx([TRUE[d] for d in FRIDAYS_BY_HAND], rel=1e-15)
    assert (est.n_observations, est.n_returns) == (18, 17)
    assert (est.frequency, est.periods_per_year, est.ddof) == (Frequency.WEEKLY, 52.0, 1)
    assert (est.start, est.end, est.splits) == (START, END, (SPLIT,))
    assert est.missing_close is MissingClose.LAST_IN_PERIOD


def test_a_missing_week_end_close_is_reported_by_default() -> None:
    """Without an explicit rule, the gap on Fri 8 Dec is an error naming it."""
    with pytest.raises(
        SeriesError,
        match=r"^closes must include the last trading day of each week, got none on 1 of them: "
        r"2017-12-08 \(or pass missing='last_in_period' or 'skip'\)$",
    ):
        historical_volatility(
            dates=RAW_DATES, closes=RAW_CLOSES, start=START, end=END, splits=[SPLIT]
        )


def test_skipping_the_week_without_a_close() -> None:
    """missing='skip' drops the week of 8 Dec: the return runs from 1 Dec to 15 Dec."""
    weeks = [d for d in FRIDAYS_BY_HAND if d != D(2017, 12, 7)]
    est = historical_volatility_estimate(
        dates=RAW_DATES, closes=RAW_CLOSES, start=START, end=END, splits=[SPLIT], missing="skip"
    )
    assert est.volatility == pytest.approx(
        plain_volatility([TRUE[d] for d in weeks], 52), rel=1e-12
    )
    assert est.skipped == (GAP,)


def test_the_unadjusted_split_is_caught_with_its_date() -> None:
    """Forgetting splits= gives one return near ln(1/2), reported at the first week after it."""
    with pytest.raises(
        SeriesError,
        match=r"^closes look unadjusted for a split: the log return to 2017-10-06 is -0\.\d{4} "
        r"\(price ratio about 1/2\); pass the corporate actions \(actions=, or "
        r"splits=\[\(ex_rights_date, ratio\)\]\), or detect_splits=False if the move is real$",
    ):
        historical_volatility(
            dates=RAW_DATES, closes=RAW_CLOSES, start=START, end=END, missing="last_in_period"
        )


def test_daily_volatility_matches_the_plain_computation() -> None:
    """Daily: every trading day of September 2017 (split-free window), annualised with 252."""
    days = [d for d in TRUE if D(2017, 9, 1) <= d <= D(2017, 9, 29)]
    # 21 weekdays less Respect for the Aged Day (3rd Monday, 18 Sep); the equinox fell on Sat 23
    assert len(days) == 20
    est = historical_volatility_estimate(
        dates=RAW_DATES, closes=RAW_CLOSES, start="2017-09-01", end="2017-09-30", frequency="daily"
    )
    assert est.volatility == pytest.approx(
        plain_volatility([TRUE[d] for d in days], 252), rel=1e-12
    )
    assert est.periods_per_year == 252.0


def test_monthly_volatility_matches_the_plain_computation() -> None:
    """Monthly: last trading days 31 Aug, 29 Sep, 31 Oct, 30 Nov, 29 Dec 2017; factor 12."""
    month_ends = [D(2017, 8, 31), D(2017, 9, 29), D(2017, 10, 31), D(2017, 11, 30), D(2017, 12, 29)]
    value = historical_volatility(
        dates=RAW_DATES,
        closes=RAW_CLOSES,
        start="2017-08-01",
        end="2017-12-31",
        frequency=Frequency.MONTHLY,
        splits=[SPLIT],
    )
    assert value == pytest.approx(plain_volatility([TRUE[d] for d in month_ends], 12), rel=1e-12)


def test_periods_per_year_and_ddof_are_explicit() -> None:
    """periods_per_year replaces 52; ddof=0 gives the population standard deviation."""
    closes = [TRUE[d] for d in FRIDAYS_BY_HAND]
    common = dict(
        dates=RAW_DATES,
        closes=RAW_CLOSES,
        start=START,
        end=END,
        splits=[SPLIT],
        missing="last_in_period",
    )
    assert historical_volatility(**common, periods_per_year=50) == pytest.approx(
        plain_volatility(closes, 50), rel=1e-12
    )
    assert historical_volatility(**common, ddof=0) == pytest.approx(
        plain_volatility(closes, 52, sample=False), rel=1e-12
    )


def test_partial_weeks_at_both_ends_keep_their_last_trading_day_in_the_window() -> None:
    """A window from Wed 30 Aug to Wed 27 Dec observes Fri 1 Sep first and Wed 27 Dec last."""
    est = historical_volatility_estimate(
        dates=RAW_DATES,
        closes=RAW_CLOSES,
        start="2017-08-30",
        end="2017-12-27",
        splits=[SPLIT],
        missing="last_in_period",
    )
    assert est.observation_dates[0] == D(2017, 9, 1)
    assert est.observation_dates[-2:] == (D(2017, 12, 22), D(2017, 12, 27))


def test_numpy_dates_give_the_same_answer_as_python_dates() -> None:
    """The datetime64 fast path and Excel serials agree with date objects."""
    as_numpy = np.array(RAW_DATES, dtype="datetime64[D]")
    as_serials = [date_to_excel_serial(d) for d in RAW_DATES]
    values = {
        historical_volatility(
            dates=dates, closes=np.array(RAW_CLOSES), start=START, end=END, splits=[SPLIT],
            missing="last_in_period",
        )
        for dates in (RAW_DATES, as_numpy, as_serials)
    }  # fmt: skip
    assert len(values) == 1


def test_a_close_on_a_holiday_inside_the_window_is_an_error() -> None:
    """Data dated on Culture Day (e.g. shifted by a time zone) are refused, not ignored."""
    dates = sorted([*RAW_DATES, D(2017, 11, 3)])
    closes = [RAW.get(d, 1000.0) for d in dates]
    with pytest.raises(
        SeriesError,
        match=r"^dates must be trading days of the calendar, got 1 that are not: 2017-11-03 "
        r"\(pass trading_days= if the data follow another calendar\)$",
    ):
        historical_volatility(dates=dates, closes=closes, start=START, end=END, splits=[SPLIT])


def test_off_calendar_dates_outside_the_window_do_not_matter() -> None:
    """A Saturday close in August is outside a September window and is ignored."""
    dates = [D(2017, 8, 5), *[d for d in RAW_DATES if d >= D(2017, 9, 1)]]
    closes = [1.0, *[RAW[d] for d in dates[1:]]]
    assert historical_volatility(
        dates=dates, closes=closes, start="2017-09-01", end="2017-09-29"
    ) == pytest.approx(plain_volatility([TRUE[d] for d in FRIDAYS_BY_HAND[:5]], 52), rel=1e-12)


def test_a_week_without_any_close_cannot_be_filled() -> None:
    """last_in_period only looks inside the same week: an empty week is still an error."""
    dates = [d for d in RAW_DATES if not D(2017, 9, 11) <= d <= D(2017, 9, 15)]
    with pytest.raises(
        SeriesError,
        match=r"^closes must include at least one close in each week, got none in the week "
        r"ending 2017-09-15$",
    ):
        historical_volatility(
            dates=dates,
            closes=[RAW[d] for d in dates],
            start="2017-09-01",
            end="2017-09-29",
            missing="last_in_period",
        )


def test_the_resolution_window_with_iij_split_against_iso_weeks() -> None:
    """2 Dec 2005 to 14 Jul 2017 across the 1:200 split: equals a grouping by ISO week (Mon-Sun)."""
    days = tse_trading_days(start="2005-11-01", end="2017-07-31")
    rng = random.Random(3774)  # seeded; the walk is on today's share basis
    true, price = {}, 1500.0
    for day in days:
        price *= math.exp(rng.gauss(0.0, 0.025))
        true[day] = price
    raw = [p * 200 if d < D(2012, 10, 1) else p for d, p in true.items()]
    # Independent grouping: the last trading day of each ISO (year, week) inside the window.
    last_of_week: dict[tuple[int, int], dt.date] = {}
    for day in days:
        if D(2005, 12, 2) <= day <= D(2017, 7, 14):
            last_of_week[day.isocalendar()[:2]] = day
    weeks = sorted(last_of_week.values())
    est = historical_volatility_estimate(
        dates=days, closes=raw, start="2005-12-02", end="2017-07-14", splits=[("2012-10-01", 200)]
    )
    assert list(est.observation_dates) == weeks
    assert (weeks[0], weeks[-1]) == (D(2005, 12, 2), D(2017, 7, 14))
    assert est.volatility == pytest.approx(
        plain_volatility([true[d] for d in weeks], 52), rel=1e-12
    )


def test_a_series_that_ends_before_the_window_is_reported_not_filled() -> None:
    """Data ending in August cannot serve a September window: the missing weeks are listed."""
    dates = [d for d in RAW_DATES if d < D(2017, 9, 1)]
    closes = [RAW[d] for d in dates]
    window = dict(start="2017-09-01", end="2017-10-31")
    # Nine Fridays, 1 Sep to 27 Oct, and Tuesday 31 Oct (the window ends inside that week)
    with pytest.raises(
        SeriesError,
        match=r"got none on 10 of them: 2017-09-01, 2017-09-08, 2017-09-15, 2017-09-22, "
        r"2017-09-29 and 5 more ",
    ):
        historical_volatility(dates=dates, closes=closes, **window)
    with pytest.raises(SeriesError, match=r"got none in the week ending 2017-09-01, 2017-09-08"):
        historical_volatility(dates=dates, closes=closes, **window, missing="last_in_period")


# --- the unadjusted-split rule ------------------------------------------------------------------

FRIDAYS = [D(2012, 9, 7) + dt.timedelta(weeks=i) for i in range(8)]  # 7 Sep to 26 Oct 2012


def _weekly(closes: list[float], **options: object) -> float:
    return historical_volatility(
        dates=FRIDAYS,
        closes=closes,
        start=FRIDAYS[0],
        end=FRIDAYS[-1],
        trading_days=FRIDAYS,
        **options,
    )


def test_iij_split_of_2012_is_caught_when_unadjusted() -> None:
    """IIJ's 1:200 split (1 Oct 2012) left in raw closes: a return ~ ln(1/200) is reported."""
    raw = [300_000.0, 301_000.0, 299_000.0, 302_000.0, 1_520.0, 1_515.0, 1_530.0, 1_525.0]
    with pytest.raises(
        SeriesError,
        match=r"the log return to 2012-10-05 is -5\.29\d\d \(price ratio about 1/199\)",
    ):
        _weekly(raw)
    adjusted = [p / 200 if d < D(2012, 10, 1) else p for d, p in zip(FRIDAYS, raw, strict=True)]
    assert _weekly(raw, splits=[("2012-10-01", 200)]) == pytest.approx(
        plain_volatility(adjusted, 52), rel=1e-12
    )


def test_an_unadjusted_consolidation_is_caught() -> None:
    """A 10:1 consolidation left in the data (prices x 10) is reported with ratio 10."""
    raw = [100.0, 101.0, 99.0, 1000.0, 1010.0, 1005.0, 990.0, 995.0]
    with pytest.raises(SeriesError, match=r"to 2012-09-28 is 2\.3\d{3} \(price ratio about 10\)"):
        _weekly(raw)


@pytest.mark.parametrize(
    ("ratio", "flagged"),
    [(1.4, False), (1 / 1.6, False), (1.79, False), (1.81, True), (1 / 1.81, True), (2.0, True),
     (2.21, False), (2.6, False), (1 / 2.6, False), (2.75, True), (3.0, True), (50.0, True)],
)  # fmt: skip
def test_the_split_rule_boundaries(ratio: float, flagged: bool) -> None:
    """Flagged iff the weekly price ratio (or its inverse) is within 10 % of a whole k, 2..1000."""
    closes = [
        100.0,
        101.0,
        100.5,
        100.5 * ratio,
        100.5 * ratio * 1.01,
        100.0 * ratio,
        99.0 * ratio,
        99.5 * ratio,
    ]
    if flagged:
        with pytest.raises(SeriesError, match=r"^closes look unadjusted for a split"):
            _weekly(closes)
    else:
        assert _weekly(closes) > 0


def test_ordinary_large_moves_are_not_splits() -> None:
    """A crash of -35 % and a rally of +60 % in a week are used as they are."""
    closes = [1000.0, 650.0, 660.0, 1056.0, 1040.0, 1050.0, 1030.0, 1020.0]
    assert _weekly(closes) == pytest.approx(plain_volatility(closes, 52), rel=1e-12)


def test_a_real_halving_can_be_accepted_explicitly() -> None:
    """detect_splits=False lets a genuine -50 % week through, by the caller's decision."""
    closes = [1000.0, 1010.0, 505.0, 500.0, 510.0, 515.0, 520.0, 525.0]
    with pytest.raises(SeriesError, match=r"price ratio about 1/2"):
        _weekly(closes)
    assert _weekly(closes, detect_splits=False) == pytest.approx(plain_volatility(closes, 52))


# --- arguments ----------------------------------------------------------------------------------

BETWEEN = "between 2017-09-01 and 2017-09-0"
BAD_ARGUMENTS = [
    (dict(end="2017-08-31"), InputError,
     r"^end must be on or after start 2017-09-01, got 2017-08-31$"),
    (dict(frequency="fortnightly"), InputError,
     r"^frequency must be one of daily, weekly, monthly, got 'fortnightly'$"),
    (dict(missing="interpolate"), InputError,
     r"^missing must be one of error, last_in_period, skip, got 'interpolate'$"),
    (dict(ddof=-1), InputError, r"^ddof must be >= 0, got -1$"),
    (dict(ddof=0.5), InputError, r"^ddof must be a whole number, got 0\.5$"),
    (dict(periods_per_year=0), InputError, r"^periods_per_year must be > 0, got 0$"),
    (dict(periods_per_year="52"), InputError, r"^periods_per_year must be a number, got '52'$"),
    (dict(detect_splits="yes"), InputError, r"^detect_splits must be True or False, got 'yes'$"),
    (dict(start="1996-12-31"), OutOfRangeError,
     r"^start must be on or after the first day of the XTKS calendar"),
    (dict(end="2017-09-01"), SeriesError,
     rf"^closes must give at least 2 weekly observations {BETWEEN}1, got 1$"),
    (dict(end="2017-09-08"), SeriesError,
     rf"^closes must give more than ddof=1 returns \(weekly observations {BETWEEN}8\), got 1$"),
    (dict(start="2017-09-04", end="2017-09-08", frequency="monthly", ddof=0), SeriesError,
     r"^closes must give at least 2 monthly"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "error", "message"), BAD_ARGUMENTS)
def test_bad_arguments_are_named(
    change: dict[str, object], error: type[Exception], message: str
) -> None:
    """Each bad argument raises a one-line error naming the field, the rule and the value."""
    arguments: dict[str, object] = dict(
        dates=RAW_DATES, closes=RAW_CLOSES, start="2017-09-01", end="2017-09-29"
    )
    arguments.update(change)
    with pytest.raises(error, match=message) as caught:
        historical_volatility(**arguments)  # type: ignore[arg-type]
    assert "\n" not in str(caught.value)


def test_options_accept_their_text_in_any_case() -> None:
    """'Weekly', 'LAST-IN-PERIOD' are read as the enum members."""
    assert Frequency.parse("Weekly", field="frequency") is Frequency.WEEKLY
    assert MissingClose.parse("LAST-IN-PERIOD", field="missing") is MissingClose.LAST_IN_PERIOD


def test_one_return_with_ddof_zero_is_zero_volatility() -> None:
    """Two observations and ddof=0: the single return has zero spread, a legal 0.0."""
    assert (
        historical_volatility(
            dates=RAW_DATES, closes=RAW_CLOSES, start="2017-09-01", end="2017-09-08", ddof=0
        )
        == 0.0
    )


# --- invariants ---------------------------------------------------------------------------------

CALENDAR_2017 = tse_trading_days(start="2017-01-04", end="2017-12-29")


def _random_series(seed: int) -> np.ndarray[tuple[int], np.dtype[np.float64]]:
    steps = np.random.default_rng(seed).normal(0.0, 0.01, len(CALENDAR_2017))
    return 1000.0 * np.exp(np.cumsum(steps))


@given(seed=st.integers(0, 2**32 - 1), scale=st.floats(min_value=1e-3, max_value=1e4))
def test_volatility_is_scale_invariant(seed: int, scale: float) -> None:
    """Multiplying every close by a constant (a currency or unit change) changes nothing."""
    closes = _random_series(seed)
    common = dict(dates=CALENDAR_2017, start="2017-01-04", end="2017-12-29")
    assert historical_volatility(**common, closes=closes * scale) == pytest.approx(
        historical_volatility(**common, closes=closes), rel=1e-9
    )


@given(
    seed=st.integers(0, 2**32 - 1),
    cut=st.integers(1, len(CALENDAR_2017) - 1),
    ratio=st.sampled_from([2.0, 3.0, 1.5, 10.0, 200.0, 0.5, 0.1]),
    frequency=st.sampled_from(["daily", "weekly", "monthly"]),
)
def test_splits_argument_equals_a_pre_adjusted_series(
    seed: int, cut: int, ratio: float, frequency: str
) -> None:
    """Raw closes with splits= give the volatility of the closes adjusted beforehand."""
    adjusted = _random_series(seed)
    raw = adjusted.copy()
    raw[:cut] *= ratio
    common = dict(dates=CALENDAR_2017, start="2017-01-04", end="2017-12-29", frequency=frequency)
    with_splits = historical_volatility(**common, closes=raw, splits=[(CALENDAR_2017[cut], ratio)])
    assert with_splits == pytest.approx(historical_volatility(**common, closes=adjusted), rel=1e-12)


@given(seed=st.integers(0, 2**32 - 1))
def test_time_reversal_leaves_volatility_unchanged(seed: int) -> None:
    """Reversing the order of the weekly closes negates the returns: same standard deviation."""
    closes = _random_series(seed)
    est = historical_volatility_estimate(
        dates=CALENDAR_2017, closes=closes, start="2017-01-04", end="2017-12-29"
    )
    backwards = list(reversed(est.adjusted_closes))
    assert est.volatility == pytest.approx(plain_volatility(backwards, 52), rel=1e-9)


def test_the_docstring_examples_hold() -> None:
    """The examples in the module's docstrings run and give the printed results."""
    result = doctest.testmod(volatility)
    assert result.attempted > 0
    assert result.failed == 0
