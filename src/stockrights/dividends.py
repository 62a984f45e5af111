"""Dividend yield q of clause (12)-7, and dividends per share restated for later splits.

The resolution defines ``q = D / S``: the dividend per share paid for the last fiscal year
divided by the share price S of clause (12)-2. D and S must be on the same share basis: a
dividend declared before a split is per old share and is divided by the split ratio to compare it
with a price after the split (the company's 2013 resolution says so explicitly).

With the company's table of corporate actions (``actions=``), an action restates the dividend
when both hold:

- the dividend is per old share: the action takes effect in law after the dividend's record
  date (its ``effective_date``, by default the day after its record date; so a split whose
  record date is on or after the dividend's record date);
- the price on ``as_of`` is per new share: the market quotes the new basis from the action's
  ex-rights date (derived from its record date by the TSE settlement cycle of the time, or
  given), on or before ``as_of``.

Record dates alone would misstate q for a split just around the dividend's record date, ex-rights
dates alone for one whose ex-rights date falls before the dividend's record date but whose record
date does not (e.g. a split with record date 2017-03-29, ex-rights 2017-03-27, and a dividend of
record 2017-03-29: the dividend is per old share, 27 yen is 13.5 per new share).

References
----------
Resolution (IIJ 7th series, 2017), clause (12)-7: "Dividend per share (amount of dividend per
share paid for the fiscal year ended March, 2017) divided by the share price as set forth in 2)".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from stockrights import _validate
from stockrights.adjustment import CorporateAction, _actions_tuple
from stockrights.dates import as_date
from stockrights.errors import InputError
from stockrights.prices import ExRightsDates, _parse_splits, _split_factors

__all__ = [
    "DividendRestatement",
    "RestatedDividend",
    "dividend_yield",
    "restate_dividend_per_share",
    "restated_dividend",
]

_MONTH = dt.timedelta(days=31)  # more than any gap between an ex-rights date and its record date


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


@dataclass(frozen=True, kw_only=True, slots=True)
class DividendRestatement:
    """One action of the table and what it did to the dividend.

    Attributes
    ----------
    action : CorporateAction
    applied : bool
        Whether the dividend was divided by the action's ratio.
    ex_rights : ExRightsDates or None
        The action's ex-rights date, last cum-rights day and settlement cycle, when they were
        needed (an action that took effect before the dividend's record date is not dated).
    reason : str
        Why it applied or not, with the dates compared.
    """

    action: CorporateAction
    applied: bool
    ex_rights: ExRightsDates | None
    reason: str


@dataclass(frozen=True, kw_only=True, slots=True)
class RestatedDividend:
    """A dividend per share restated on the share basis of a date, with the audit trail.

    Attributes
    ----------
    dividend_per_share : float
        D restated, yen per share on the ``as_of`` basis (unrounded).
    declared : float
        D as declared, yen per share at the dividend's record date.
    record_date, as_of : datetime.date
    factor : float
        The product of the ratios applied (``declared / dividend_per_share``).
    steps : tuple of DividendRestatement
        Each action of the table (that changes the share basis) with what it did; empty with
        the pair form.
    """

    dividend_per_share: float
    declared: float
    record_date: dt.date
    as_of: dt.date
    factor: float
    steps: tuple[DividendRestatement, ...] = ()


def _restatement_step(
    action: CorporateAction, recorded: dt.date, basis: dt.date
) -> DividendRestatement:
    effective = action.legal_effective_date
    what = f"{action.kind.value} x {action.ratio:g}"
    if effective <= recorded:
        return DividendRestatement(
            action=action,
            applied=False,
            ex_rights=None,
            reason=(
                f"{what} took effect on {effective.isoformat()}, on or before the dividend's "
                f"record date {recorded.isoformat()}: the dividend is already per new share"
            ),
        )
    if (
        action.ex_rights_date is None
        and action.record_date is not None
        and action.record_date > basis + _MONTH
    ):
        return DividendRestatement(
            action=action,
            applied=False,
            ex_rights=None,
            reason=(
                f"{what}: record date {action.record_date.isoformat()}, more than a month after "
                f"as_of {basis.isoformat()}, whose price is still per old share"
            ),
        )
    market = action.ex_rights()
    if market.ex_rights_date > basis:
        return DividendRestatement(
            action=action,
            applied=False,
            ex_rights=market,
            reason=(
                f"{what}: {market.note}; after as_of {basis.isoformat()}, whose price is still "
                "per old share"
            ),
        )
    return DividendRestatement(
        action=action,
        applied=True,
        ex_rights=market,
        reason=(
            f"{what} takes effect on {effective.isoformat()}, after the dividend's record date "
            f"{recorded.isoformat()} (the dividend is per old share); {market.note}, on or "
            f"before as_of {basis.isoformat()}: divided by {action.ratio:g}"
        ),
    )


def restated_dividend(
    *,
    dividend_per_share: float,
    record_date: object,
    as_of: object,
    actions: Iterable[CorporateAction] | None = None,
    splits: Iterable[Any] | None = None,
) -> RestatedDividend:
    """A dividend per share restated on the share basis of the price on ``as_of``, with the audit.

    ``D_restated = D / product(ratio of every action that restates it)``; with ``actions``, an
    action restates it when it takes effect after the dividend's record date and the market
    quotes the new basis (its ex-rights date) on or before ``as_of`` (module docstring). With
    the older pair form ``splits``, a pair restates it when ``record_date < date <= as_of``, the
    date being the action's effective date in law.

    Parameters
    ----------
    dividend_per_share : float
        D as declared, yen per share at the record date, >= 0.
    record_date : date, datetime, ISO text or Excel serial
        The dividend's record date (the shares it is paid on are those of that date).
    as_of : date, datetime, ISO text or Excel serial
        The date of the share price D is compared with (the valuation date), on or after
        ``record_date``.
    actions : sequence of CorporateAction, optional
        The company's table of corporate actions (the one clause (3) reads). ``other``
        adjustments are ignored (they change the rights, not the shares).
    splits : sequence of (effective_date, ratio), optional
        The older form, instead of ``actions``: ratio 2 for a 1:2 split, 0.5 for a 2:1
        consolidation; distinct effective dates.

    Returns
    -------
    RestatedDividend
        The restated amount (yen per share, unrounded), the factor and, with ``actions``, each
        action with its dates and the reason it applied or not.

    Raises
    ------
    InputError
        For a bad amount, date or split, ``as_of`` before ``record_date``, both or neither of
        ``actions`` and ``splits``.
    OutOfRangeError
        When an ex-rights date that is needed cannot be derived (give ``ex_rights_date``).
    SeriesError
        For two splits on the same effective date (pair form).

    References
    ----------
    Resolution, clauses (3) (split ratio) and (12)-7.

    Examples
    --------
    IIJ's 27 yen for the fiscal year ended March 2017 (record date 2017-03-31), on the basis of
    2024 after the 1:2 splits with record dates 2020-12-31 and 2022-09-30 (the 1:200 split of
    2012 came before the dividend):

    >>> from stockrights.example import COMPANY_ACTIONS
    >>> found = restated_dividend(dividend_per_share=27, record_date="2017-03-31",
    ...                           actions=COMPANY_ACTIONS, as_of="2024-03-31")
    >>> found.dividend_per_share, [step.applied for step in found.steps]
    (6.75, [False, True, True])
    >>> print(found.steps[1].reason)
    split x 2 takes effect on 2021-01-01, after the dividend's record date 2017-03-31 (the dividend is per old share); ex-rights date 2020-12-29: last cum-rights day 2020-12-28 settles T+2 by 2020-12-30, the last TSE business day on or before the record date 2020-12-31, on or before as_of 2024-03-31: divided by 2
    """  # noqa: E501 - a doctest output line cannot be wrapped
    dividend = _validate.non_negative("dividend_per_share", dividend_per_share)
    recorded = as_date(record_date, field="record_date")
    basis = as_date(as_of, field="as_of")
    if basis < recorded:
        raise InputError(f"as_of must be on or after record_date {recorded}, got {basis}")
    if (actions is None) == (splits is None):
        raise InputError(
            "actions (the table of corporate actions) or splits (the older pair form) must be "
            f"given, got {'both' if actions is not None else 'neither'}"
        )
    if splits is not None:
        day = np.array([recorded], dtype="datetime64[D]")
        factor = float(_split_factors(day, _parse_splits(splits), through=basis)[0])
        steps: tuple[DividendRestatement, ...] = ()
    else:
        steps = tuple(
            _restatement_step(action, recorded, basis)
            for action in _actions_tuple(actions if actions is not None else ())
            if action.changes_share_basis
        )
        factor = 1.0
        for step in steps:
            if step.applied:
                factor *= step.action.ratio
    return RestatedDividend(
        dividend_per_share=dividend / factor,
        declared=dividend,
        record_date=recorded,
        as_of=basis,
        factor=factor,
        steps=steps,
    )


def restate_dividend_per_share(
    *,
    dividend_per_share: float,
    record_date: object,
    as_of: object,
    actions: Iterable[CorporateAction] | None = None,
    splits: Iterable[Any] | None = None,
) -> float:
    """A dividend per share restated on the share basis of the price on ``as_of``, yen per share.

    Shortcut for ``restated_dividend(...).dividend_per_share``; see :func:`restated_dividend`
    for the rule, the parameters and the errors.

    References
    ----------
    Resolution, clauses (3) (split ratio) and (12)-7.

    Examples
    --------
    IIJ's 27 yen for the fiscal year ended March 2017, after its 1:2 splits effective
    1 January 2021 and 1 October 2022 (pair form: effective dates):

    >>> restate_dividend_per_share(dividend_per_share=27, record_date="2017-03-31",
    ...     splits=[("2021-01-01", 2), ("2022-10-01", 2)], as_of="2024-03-31")
    6.75
    """
    return restated_dividend(
        dividend_per_share=dividend_per_share,
        record_date=record_date,
        as_of=as_of,
        actions=actions,
        splits=splits,
    ).dividend_per_share
