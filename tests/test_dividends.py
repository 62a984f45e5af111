"""Dividend yield q = D / S (clause 12-7) and dividends per share restated for splits."""

from __future__ import annotations

import datetime as dt
import doctest
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stockrights import dividends
from stockrights.dividends import dividend_yield, restate_dividend_per_share
from stockrights.errors import InputError, SeriesError

# IIJ's public corporate actions (../shared/cases/README.md).
IIJ_SPLITS = [
    ("2012-10-01", 200),  # 1:200, record date 30 Sep 2012 (before the FY2016 dividend)
    ("2021-01-01", 2),  # 1:2, record date 31 Dec 2020
    ("2022-10-01", 2),  # 1:2, record date 30 Sep 2022
]
FY2016_RECORD_DATE = "2017-03-31"  # fiscal year ended March 2017


def test_dividend_yield_is_dividend_over_price() -> None:
    """27 yen on 2,000 yen: q = 27 / 2000 = 0.0135."""
    assert dividend_yield(dividend_per_share=27, share_price=2000) == 0.0135
    assert dividend_yield(dividend_per_share=0, share_price=2000) == 0.0


def test_iij_dividend_on_todays_share_basis() -> None:
    """27 yen (FY to March 2017) / 2 / 2 for the 2021 and 2022 splits = 6.75; 2012 is earlier."""
    restated = restate_dividend_per_share(
        dividend_per_share=27, record_date=FY2016_RECORD_DATE, splits=IIJ_SPLITS, as_of="2024-07-01"
    )
    assert restated == 6.75


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2017-07-14", 27.0),  # the resolution's valuation date: no split since the record date
        ("2020-12-31", 27.0),  # the day before the first 1:2 split takes effect
        ("2021-01-01", 13.5),  # a split effective on as_of counts
        ("2022-09-30", 13.5),
        ("2022-10-01", 6.75),
    ],
)
def test_only_splits_up_to_as_of_are_applied(as_of: str, expected: float) -> None:
    """The basis is the one in force on as_of: splits effective after it are not applied."""
    got = restate_dividend_per_share(
        dividend_per_share=27, record_date=FY2016_RECORD_DATE, splits=IIJ_SPLITS, as_of=as_of
    )
    assert got == expected


def test_a_split_effective_on_the_record_date_is_already_in_the_dividend() -> None:
    """Only splits effective after the record date restate it; one on that date does not."""
    got = restate_dividend_per_share(
        dividend_per_share=10, record_date="2021-01-01", splits=IIJ_SPLITS, as_of="2021-06-30"
    )
    assert got == 10.0


def test_a_consolidation_raises_the_dividend_per_share() -> None:
    """A 2:1 consolidation (ratio 0.5) after the record date doubles the amount per share."""
    got = restate_dividend_per_share(
        dividend_per_share=15, record_date="2020-03-31", splits=[(dt.date(2020, 10, 1), 0.5)],
        as_of=44_287,  # the Excel serial of 2021-04-01 is read as that date
    )  # fmt: skip
    assert got == 30.0


YIELD, RESTATE = dividend_yield, restate_dividend_per_share
IIJ_FY2016 = dict(dividend_per_share=27, record_date="2017-03-31")
BAD = [
    (YIELD, dict(dividend_per_share=-1, share_price=2000),
     r"^dividend_per_share must be >= 0, got -1$"),
    (YIELD, dict(dividend_per_share=27, share_price=0), r"^share_price must be > 0, got 0$"),
    (YIELD, dict(dividend_per_share=math.nan, share_price=1),
     r"^dividend_per_share must be finite, got nan$"),
    (YIELD, dict(dividend_per_share="27", share_price=1),
     r"^dividend_per_share must be a number, got '27'$"),
    (RESTATE, dict(IIJ_FY2016, splits=[], as_of="2017-03-30"),
     r"^as_of must be on or after record_date 2017-03-31, got 2017-03-30$"),
    (RESTATE, dict(IIJ_FY2016, record_date="March 2017", splits=[], as_of="2017-03-30"),
     r"^record_date must be a date \(YYYY-MM-DD, YYYY/M/D or YYYY年M月D日\), got 'March 2017'$"),
    (RESTATE, dict(IIJ_FY2016, splits=[("2021-01-01", 0)], as_of="2024-01-01"),
     r"^splits\[0\] ratio must be > 0, got 0$"),
]  # fmt: skip


@pytest.mark.parametrize(("function", "arguments", "message"), BAD)
def test_bad_inputs_are_named(function: object, arguments: dict[str, object], message: str) -> None:
    """A negative or non-numeric dividend, a zero price, a date or a split ratio is refused."""
    with pytest.raises(InputError, match=message):
        function(**arguments)  # type: ignore[operator]


def test_repeated_split_dates_are_refused() -> None:
    """Two splits with one effective date are a data error, not a 1:4 split."""
    with pytest.raises(SeriesError, match=r"^splits must have distinct effective dates"):
        restate_dividend_per_share(
            dividend_per_share=27,
            record_date="2017-03-31",
            splits=[("2021-01-01", 2), ("2021-01-01", 2)],
            as_of="2024-01-01",
        )


@given(
    dividend=st.floats(min_value=0.0, max_value=1e4),
    price=st.floats(min_value=1.0, max_value=1e6),
    ratio=st.sampled_from([2.0, 3.0, 1.5, 10.0, 200.0, 0.5]),
)
def test_the_yield_does_not_depend_on_the_share_basis(
    dividend: float, price: float, ratio: float
) -> None:
    """Restating D and S for the same split leaves q = D / S unchanged."""
    restated = restate_dividend_per_share(
        dividend_per_share=dividend, record_date="2017-03-31", splits=[("2018-01-01", ratio)],
        as_of="2018-06-30",
    )  # fmt: skip
    q_old = dividend_yield(dividend_per_share=dividend, share_price=price)
    q_new = dividend_yield(dividend_per_share=restated, share_price=price / ratio)
    assert q_new == pytest.approx(q_old, rel=1e-12, abs=1e-300)


def test_the_docstring_examples_hold() -> None:
    """The examples in the module's docstrings run and give the printed results."""
    result = doctest.testmod(dividends)
    assert result.attempted > 0
    assert result.failed == 0
