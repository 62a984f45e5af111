"""The built-in example: the resolution's 7th series (IIJ, 2017), with illustrative market data.

The terms are the resolution's. The market inputs are NOT: we do not have the close of 14 July
2017, the JGB yield of that day or the volatility the company computed. Share price, volatility and
risk-free rate below are illustrative round numbers of a plausible size, and
``MarketInputs.illustrative`` is set so that every output says so. The dividend, 27 yen per share
for the fiscal year ended March 2017 (pre-2021 share basis), is the company's public figure.
"""

from __future__ import annotations

import datetime as dt

from stockrights.adjustment import ActionKind, CorporateAction
from stockrights.dividends import dividend_yield
from stockrights.terms import Allotment, GrantTerms, MarketInputs

__all__ = [
    "COMPANY_ACTIONS",
    "DIVIDEND_RECORD_DATE",
    "EXAMPLE_DIVIDEND_PER_SHARE",
    "VOLATILITY_WINDOW_START",
    "example_market_inputs",
    "seventh_series_terms",
]

EXAMPLE_DIVIDEND_PER_SHARE = 27.0
"""Yen per share paid for the fiscal year ended March 2017 (public dividend notice)."""

VOLATILITY_WINDOW_START = dt.date(2005, 12, 2)
"""First day of the volatility window (resolution, clause (12)-5: "between December 2, 2005")."""

DIVIDEND_RECORD_DATE = dt.date(2017, 3, 31)
"""End of the fiscal year ended March 2017, the year of the 27-yen dividend (clause (12)-7)."""

COMPANY_ACTIONS = (
    CorporateAction(
        kind=ActionKind.SPLIT,
        ratio=200,
        record_date=dt.date(2012, 9, 30),
        effective_date=dt.date(2012, 10, 1),
        description="1:200 share split (public notice)",
    ),
    CorporateAction(
        kind=ActionKind.SPLIT,
        ratio=2,
        record_date=dt.date(2020, 12, 31),
        effective_date=dt.date(2021, 1, 1),
        description="1:2 share split (public notice)",
    ),
    CorporateAction(
        kind=ActionKind.SPLIT,
        ratio=2,
        record_date=dt.date(2022, 9, 30),
        effective_date=dt.date(2022, 10, 1),
        description="1:2 share split (public notice)",
    ),
)
"""The company's share splits (``../shared/cases/README.md``), in date order."""

_ILLUSTRATIVE_SHARE_PRICE = 2000.0
_ILLUSTRATIVE_VOLATILITY = 0.35
_ILLUSTRATIVE_RATE = 0.0035


def seventh_series_terms() -> GrantTerms:
    """Terms of the 7th series (resolution of 28 June 2017, clauses (1)-(5), (12)-(15))."""
    return GrantTerms(
        series_name="Internet Initiative Japan Inc. Stock Acquisition Rights (7th series)",
        allotment_date=dt.date(2017, 7, 14),
        payment_date=dt.date(2017, 7, 14),
        exercise_period_start=dt.date(2017, 7, 15),
        exercise_period_end=dt.date(2047, 7, 14),
        maximum_rights=245,
        allotments=(
            Allotment(category="Directors", persons=7, rights=168),
            Allotment(category="Executive Officers", persons=11, rights=77),
        ),
        shares_per_right=200,
        exercise_price=1.0,
        term_years=15.0,
    )


def example_market_inputs() -> MarketInputs:
    """Illustrative market inputs for the 7th series; q from the real 27-yen dividend."""
    return MarketInputs(
        share_price=_ILLUSTRATIVE_SHARE_PRICE,
        volatility=_ILLUSTRATIVE_VOLATILITY,
        risk_free_rate=_ILLUSTRATIVE_RATE,
        dividend_yield=dividend_yield(
            dividend_per_share=EXAMPLE_DIVIDEND_PER_SHARE, share_price=_ILLUSTRATIVE_SHARE_PRICE
        ),
        dividend_per_share=EXAMPLE_DIVIDEND_PER_SHARE,
        share_price_source="ILLUSTRATIVE (the close of 2017-07-14 is not in this example)",
        volatility_source="ILLUSTRATIVE (weekly closes from 2005-12-02 are not in this example)",
        risk_free_rate_source="ILLUSTRATIVE (15-year JGB yield of 2017-07-14 not included)",
        dividend_yield_source="27 yen (FY ended March 2017, public notice) / S",
        illustrative=True,
    )
