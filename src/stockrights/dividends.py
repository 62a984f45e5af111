"""Dividend yield q of clause (12)-7, and dividends per share restated for later splits.

The resolution defines ``q = D / S``: the dividend per share paid for the last fiscal year
divided by the share price S of clause (12)-2. D and S must be on the same share basis: a
dividend declared before a split is per old share and is divided by the split ratio to compare it
with a price after the split (the company's 2013 resolution says so explicitly).

References
----------
Resolution (IIJ 7th series, 2017), clause (12)-7: "Dividend per share (amount of dividend per
share paid for the fiscal year ended March, 2017) divided by the share price as set forth in 2)".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from stockrights import _validate
from stockrights.dates import as_date
from stockrights.errors import InputError
from stockrights.prices import _parse_splits, _split_factors

__all__ = ["dividend_yield", "restate_dividend_per_share"]


def dividend_yield(*, dividend_per_share: float, share_price: float) -> float:
    """Dividend yield q = D / S (clause (12)-7), a decimal per year.

    Parameters
    ----------
    dividend_per_share : float
        D, yen per share for the last fiscal year, >= 0, on the same share basis as
        ``share_price`` (see :func:`restate_dividend_per_share`).
    share_price : float
        S, yen per share, > 0.

    Returns
    -------
    float
        q, decimal per year (0.0135 for 1.35 %), used as a continuous yield by
        :func:`stockrights.bsm_call_price`.

    Raises
    ------
    InputError
        For a negative or non-finite dividend, or a share price that is not > 0.

    References
    ----------
    Resolution, clause (12)-7.

    Examples
    --------
    27 yen on a share price of 2,000 yen:

    >>> dividend_yield(dividend_per_share=27, share_price=2000)
    0.0135
    """
    dividend = _validate.non_negative("dividend_per_share", dividend_per_share)
    price = _validate.positive("share_price", share_price)
    return dividend / price


def restate_dividend_per_share(
    *,
    dividend_per_share: float,
    record_date: object,
    splits: Iterable[Any],
    as_of: object,
) -> float:
    """A dividend per share restated on the share basis in force on ``as_of``.

    ``D_restated = D / product(ratio of every split with record_date < effective_date <= as_of)``

    Parameters
    ----------
    dividend_per_share : float
        D as declared, yen per share at the record date, >= 0.
    record_date : date, datetime, ISO text or Excel serial
        The dividend's record date (the shares it is paid on are those of that date).
    splits : sequence of (effective_date, ratio)
        Ratio 2 for a 1:2 split, 0.5 for a 2:1 consolidation; distinct effective dates.
    as_of : date, datetime, ISO text or Excel serial
        The date whose share basis is wanted (typically the valuation date), on or after
        ``record_date``.

    Returns
    -------
    float
        Yen per share on the ``as_of`` basis (unrounded).

    Raises
    ------
    InputError
        For a bad amount, date or split, or ``as_of`` before ``record_date``.
    SeriesError
        For two splits on the same effective date.

    References
    ----------
    Resolution, clauses (3) (split ratio) and (12)-7.

    Examples
    --------
    IIJ's 27 yen for the fiscal year ended March 2017, after its 1:2 splits effective
    1 January 2021 and 1 October 2022:

    >>> restate_dividend_per_share(dividend_per_share=27, record_date="2017-03-31",
    ...     splits=[("2021-01-01", 2), ("2022-10-01", 2)], as_of="2024-03-31")
    6.75
    """
    dividend = _validate.non_negative("dividend_per_share", dividend_per_share)
    recorded = as_date(record_date, field="record_date")
    basis = as_date(as_of, field="as_of")
    if basis < recorded:
        raise InputError(f"as_of must be on or after record_date {recorded}, got {basis}")
    day = np.array([recorded], dtype="datetime64[D]")
    factor = float(_split_factors(day, _parse_splits(splits), through=basis)[0])
    return dividend / factor
