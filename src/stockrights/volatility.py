"""Historical volatility from a daily closing-price series (clause (12)-5 of the resolution).

The rule, step by step (every step is recorded in :class:`VolatilityEstimate`):

1. **Observation dates.** The trading days in ``[start, end]`` (XTKS, or the caller's
   ``trading_days``) are grouped by period and the last one of each group is kept:

   - ``weekly`` (default): calendar weeks Monday to Sunday; the observation is the last day of the
     week on which the exchange traded (Thursday when Friday is a holiday);
   - ``daily``: every trading day;
   - ``monthly``: calendar months.

   A window that starts or ends inside a period keeps that period, with its last trading day
   within the window (a window ending on a Wednesday ends with that Wednesday's close).
2. **Closes.** The close on each observation date is read from the series. A missing close is
   never filled in silently: by default (``missing="error"``) it raises a :class:`SeriesError`
   listing the dates; ``missing="last_in_period"`` uses the last close available earlier in the
   same period instead (a period with no close at all is still an error); ``missing="skip"``
   drops the period, so the return spans two periods. Substitutions and skips are recorded.
   Closes dated inside the window on days that are not trading days are an error: they usually
   mean dates shifted by a time-zone conversion, which would move every observation by a day.
   Pass ``trading_days`` if the data follow another calendar.
3. **Splits.** Closes are restated on one share basis with the company's table of corporate
   actions (``actions``: each split or consolidation from its ex-rights date, derived from its
   record date by the TSE settlement cycle of the time), on the basis quoted on the window's
   last day, so that the last adjusted close is the close as traded (actions ex-rights after
   the window are left out: they would scale every close alike and change no return); or with
   the older ``splits`` pairs, every one of them (see
   :func:`stockrights.prices.adjust_for_splits`). The estimate lists each change of basis
   with its ex-rights date, last cum-rights day and settlement cycle (``basis_changes``).
4. **Returns.** ``r_i = ln(P_i / P_(i-1))`` of consecutive adjusted observations.
5. **Unadjusted-split check** (``detect_splits=True``). A return whose price ratio ``m`` (taken
   >= 1, i.e. ``m = max(P_i/P_(i-1), P_(i-1)/P_i)``) lies within 10 % of a whole number ``k``
   with ``2 <= k <= 1000`` (``|m - k| <= 0.1 k``, so ``|r| >= ln 1.8``) looks like a split or
   consolidation missing from ``splits``, and raises a :class:`SeriesError` naming its date.
   A weekly move of -50 % or +100 % is flagged too: if it is real, say so with
   ``detect_splits=False``. Splits by a fractional ratio (1:1.5, 1:1.1) are not detected.
6. **Volatility.** ``sigma = stdev(r, ddof) * sqrt(periods_per_year)``, the sample standard
   deviation with ``ddof`` (default 1), annualised with 52 (weekly), 252 (daily) or 12 (monthly)
   periods per year unless ``periods_per_year`` is given.

References
----------
Resolution (IIJ 7th series, 2017), clause (12)-5: "volatility of share price computed based on
the closing price ... for the last trading date of each week between December 2, 2005 to July 14,
2017". J. C. Hull, *Options, Futures, and Other Derivatives*, 10th ed., §15.4 (estimating
volatility from historical data). ASBJ Guidance No. 11, para. 11 (volatility for stock options).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from stockrights import _validate
from stockrights.adjustment import BasisChange, CorporateAction
from stockrights.errors import InputError, SeriesError
from stockrights.prices import (
    DateArray,
    Split,
    _basis_pairs,
    _day,
    _list_dates,
    _price_series,
    _sessions_between,
    _split_factors,
    _window,
)

__all__ = [
    "Frequency",
    "MissingClose",
    "VolatilityEstimate",
    "historical_volatility",
    "historical_volatility_estimate",
]

_SPLIT_TOLERANCE = 0.1
_MAX_SPLIT_RATIO = 1000


class Frequency(_validate.Option):
    """Which trading day of each period is observed."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"

    @property
    def periods_per_year(self) -> float:
        """Default annualisation factor: 252 daily, 52 weekly, 12 monthly."""
        return {"daily": 252.0, "weekly": 52.0, "monthly": 12.0}[self.value]


_PERIOD = {Frequency.DAILY: "day", Frequency.WEEKLY: "week", Frequency.MONTHLY: "month"}


class MissingClose(_validate.Option):
    """What to do when the series has no close on an observation date."""

    ERROR = "error"
    """Raise a SeriesError listing the missing dates (default)."""
    LAST_IN_PERIOD = "last_in_period"
    """Use the last close available earlier in the same period (week, month)."""
    SKIP = "skip"
    """Leave the period out; the next return spans two periods."""


@dataclass(frozen=True, kw_only=True, slots=True)
class VolatilityEstimate:
    """A historical volatility with everything it was computed from (the audit trail).

    Attributes
    ----------
    volatility : float
        sigma, decimal per year (0.27 for 27 %).
    frequency : Frequency
        Observation frequency.
    periods_per_year : float
        Annualisation factor applied as ``sqrt(periods_per_year)``.
    ddof : int
        Delta degrees of freedom of the standard deviation (1: sample standard deviation).
    start, end : datetime.date
        The window, both included.
    observation_dates : tuple of datetime.date
        Date of each close used, in order.
    closes : tuple of float
        Each close as given in the series, yen per share.
    adjusted_closes : tuple of float
        The same closes on one share basis: that of the window's last day with ``actions``,
        after every pair with ``splits``.
    log_returns : tuple of float
        ``ln(adjusted_closes[i] / adjusted_closes[i - 1])``, one fewer than the observations.
    splits : tuple of (datetime.date, float)
        The splits applied, ``(ex_rights_date, ratio)``, sorted (from ``actions`` or the pairs).
    basis_changes : tuple of BasisChange
        With ``actions``: each action that changes the share basis within the series, up to the
        window's last day, with its ex-rights date, last cum-rights day and settlement cycle
        (the audit trail of the dates). Empty with the pair form.
    missing_close : MissingClose
        The rule applied to missing closes.
    substitutions : tuple of (datetime.date, datetime.date)
        ``(period's last trading day, date of the close used instead)`` for each substitution.
    skipped : tuple of datetime.date
        Last trading days of the periods left out for want of a close.
    """

    volatility: float
    frequency: Frequency
    periods_per_year: float
    ddof: int
    start: dt.date
    end: dt.date
    observation_dates: tuple[dt.date, ...]
    closes: tuple[float, ...]
    adjusted_closes: tuple[float, ...]
    log_returns: tuple[float, ...]
    splits: tuple[Split, ...] = ()
    basis_changes: tuple[BasisChange, ...] = ()
    missing_close: MissingClose = MissingClose.ERROR
    substitutions: tuple[tuple[dt.date, dt.date], ...] = ()
    skipped: tuple[dt.date, ...] = ()

    def __post_init__(self) -> None:
        _validate.non_negative("volatility", self.volatility)
        _validate.positive("periods_per_year", self.periods_per_year)
        n = len(self.observation_dates)
        if len(self.closes) != n or len(self.adjusted_closes) != n:
            raise InputError(
                f"closes and adjusted_closes must have one value per observation ({n}), "
                f"got {len(self.closes)} and {len(self.adjusted_closes)}"
            )
        if len(self.log_returns) != n - 1:
            raise InputError(
                f"log_returns must have one value fewer than the observations ({n}), "
                f"got {len(self.log_returns)}"
            )

    @property
    def n_observations(self) -> int:
        """Number of closes used."""
        return len(self.observation_dates)

    @property
    def n_returns(self) -> int:
        """Number of log returns (observations - 1)."""
        return len(self.log_returns)


def _period_keys(days: DateArray, frequency: Frequency) -> np.ndarray[Any, np.dtype[np.int64]]:
    """An integer per day that is equal for days in the same period."""
    if frequency is Frequency.MONTHLY:
        return days.astype("datetime64[M]").astype(np.int64)
    count = days.astype(np.int64)  # days since 1970-01-01, a Thursday
    if frequency is Frequency.WEEKLY:
        return (count + 3) // 7  # weeks starting on Monday
    return count


def _last_of_each_period(sessions: DateArray, frequency: Frequency) -> DateArray:
    if frequency is Frequency.DAILY:
        return sessions
    keys = _period_keys(sessions, frequency)
    last = np.append(keys[1:] != keys[:-1], True)
    out: DateArray = sessions[last]
    return out


def _split_suspects(log_returns: np.ndarray[Any, np.dtype[np.float64]]) -> np.ndarray[Any, Any]:
    """Indices of returns whose price ratio is within 10 % of a whole number 2..1000 (or 1/k)."""
    ratio = np.exp(np.abs(log_returns))
    nearest = np.rint(ratio)
    return np.flatnonzero(
        (nearest >= 2)
        & (nearest <= _MAX_SPLIT_RATIO)
        & (np.abs(ratio - nearest) <= _SPLIT_TOLERANCE * nearest)
    )


def historical_volatility_estimate(
    *,
    dates: Any,
    closes: Any,
    start: object,
    end: object,
    frequency: Frequency | str = Frequency.WEEKLY,
    periods_per_year: float | None = None,
    ddof: int = 1,
    splits: Iterable[Any] | None = None,
    missing: MissingClose | str = MissingClose.ERROR,
    detect_splits: bool = True,
    trading_days: Any | None = None,
    actions: Iterable[CorporateAction] | None = None,
) -> VolatilityEstimate:
    """Annualised historical volatility of the closes, with the audit trail.

    ``sigma = stdev(ln(P_i / P_(i-1)), ddof) * sqrt(periods_per_year)`` over the closes on the
    last trading day of each period in ``[start, end]``; the module docstring states each step.

    Parameters
    ----------
    dates : sequence of dates or numpy datetime64 array
        Trading days of the series, strictly increasing (a numpy ``datetime64`` array is the
        fast path). Dates outside the window are ignored.
    closes : sequence of float
        Closing prices, yen per share, finite and > 0, one per date, as traded (not adjusted)
        unless no split is given.
    start, end : date, datetime, ISO text or Excel serial
        The window, both included; ``end`` on or after ``start``.
    frequency : Frequency or str
        ``weekly`` (default, clause (12)-5), ``daily`` or ``monthly``.
    periods_per_year : float, optional
        Annualisation factor; default 52 weekly, 252 daily, 12 monthly.
    ddof : int
        Delta degrees of freedom, >= 0; default 1 (sample standard deviation).
    splits : sequence of (ex_rights_date, ratio), optional
        The older form of the splits to adjust for, instead of ``actions``: each date the first
        day quoted on the new basis (ratio 2 for a 1:2 split, 0.5 for a 2:1 consolidation).
    missing : MissingClose or str
        ``error`` (default), ``last_in_period`` or ``skip``: see the module docstring.
    detect_splits : bool
        Raise on a return that looks like an unadjusted split (default True).
    trading_days : sequence of dates, optional
        The trading calendar; default the XTKS sessions of the shipped table (cached).
    actions : sequence of CorporateAction, optional
        The company's table of corporate actions (the one clause (3) reads): each split or
        consolidation restates the closes before its ex-rights date (derived from the record
        date by the TSE settlement cycle, or the action's ``ex_rights_date``). Not with
        ``splits``.

    Returns
    -------
    VolatilityEstimate
        The volatility (decimal per year) and the observations, returns and rules used.

    Raises
    ------
    InputError
        For a bad argument, ``end`` before ``start``.
    SeriesError
        For an unusable series; closes on non-trading days in the window; missing closes
        (unless ``missing`` says otherwise); a suspected unadjusted split; fewer than two
        observations or not more returns than ``ddof``.
    OutOfRangeError
        For a window outside the trading calendar.

    References
    ----------
    Resolution, clause (12)-5; Hull (10th ed.), §15.4.

    Examples
    --------
    Closes 100, 110, 99 on three consecutive Fridays: returns ln 1.1 and ln 0.9, whose sample
    standard deviation is 0.141896 (both deviate from their mean by 0.100335);
    times sqrt(52) = 7.2111:

    >>> est = historical_volatility_estimate(
    ...     dates=["2017-06-30", "2017-07-07", "2017-07-14"], closes=[100.0, 110.0, 99.0],
    ...     start="2017-06-26", end="2017-07-14")
    >>> round(est.volatility, 5), est.n_returns
    (1.02322, 2)
    """
    first, last = _window(start, end)
    freq = Frequency.parse(frequency, field="frequency")
    rule = MissingClose.parse(missing, field="missing")
    factor = (
        freq.periods_per_year
        if periods_per_year is None
        else _validate.positive("periods_per_year", periods_per_year)
    )
    dof = _validate.integer("ddof", ddof, minimum=0)
    if not isinstance(detect_splits, bool):
        raise InputError(f"detect_splits must be True or False, got {detect_splits!r}")
    days, prices = _price_series(dates, closes)
    split_list, changes = _basis_pairs(
        splits=splits, actions=actions, first_day=_day(days[0]), last_day=last
    )

    sessions = _sessions_between(first, last, trading_days)
    lo = np.searchsorted(days, np.datetime64(first, "D"))
    hi = np.searchsorted(days, np.datetime64(last, "D"), side="right")
    days, prices = days[lo:hi], prices[lo:hi]
    off_calendar = days[~np.isin(days, sessions)]
    if off_calendar.size:
        raise SeriesError(
            f"dates must be trading days of the calendar, got {off_calendar.size} that are not: "
            f"{_list_dates(off_calendar)} (pass trading_days= if the data follow another calendar)"
        )

    wanted = _last_of_each_period(sessions, freq)
    position = np.searchsorted(days, wanted)
    found = np.zeros(wanted.shape, dtype=bool)
    inside = position < days.size
    found[inside] = days[position[inside]] == wanted[inside]
    substitutions: list[tuple[dt.date, dt.date]] = []
    skipped: tuple[dt.date, ...] = ()
    if not found.all():
        missing_days = wanted[~found]
        if rule is MissingClose.ERROR:
            raise SeriesError(
                f"closes must include the last trading day of each {_PERIOD[freq]}, got none on "
                f"{missing_days.size} of them: {_list_dates(missing_days)} "
                "(or pass missing='last_in_period' or 'skip')"
            )
        if rule is MissingClose.SKIP:
            skipped = tuple(missing_days.astype(object))
            position = position[found]
        else:
            earlier = position - 1  # the last close before the wanted day, if any
            usable = ~found & (earlier >= 0)
            usable[usable] = _period_keys(days[earlier[usable]], freq) == _period_keys(
                wanted[usable], freq
            )
            if (~found & ~usable).any():
                empty = wanted[~found & ~usable]
                raise SeriesError(
                    f"closes must include at least one close in each {_PERIOD[freq]}, got none "
                    f"in the {_PERIOD[freq]} ending {_list_dates(empty)}"
                )
            substitutions = list(
                zip(
                    wanted[~found].astype(object), days[earlier[~found]].astype(object), strict=True
                )
            )
            position = np.where(found, position, earlier)

    observed_days = days[position]
    observed = prices[position]
    adjusted = observed / _split_factors(observed_days, split_list)
    what = f"{freq.value} observations between {first} and {last}"
    if adjusted.size < 2:
        raise SeriesError(f"closes must give at least 2 {what}, got {adjusted.size}")
    returns = np.log(adjusted[1:] / adjusted[:-1])
    if returns.size <= dof:
        raise SeriesError(
            f"closes must give more than ddof={dof} returns ({what}), got {returns.size}"
        )
    if detect_splits:
        suspects = _split_suspects(returns)
        if suspects.size:
            i = int(suspects[0])
            ratio = math.exp(abs(returns[i]))
            shown = f"1/{ratio:.0f}" if returns[i] < 0 else f"{ratio:.0f}"
            more = f" and {suspects.size - 1} more" if suspects.size > 1 else ""
            raise SeriesError(
                f"closes look unadjusted for a split: the log return to {observed_days[i + 1]} is "
                f"{returns[i]:.4f} (price ratio about {shown}){more}; pass the corporate actions "
                "(actions=, or splits=[(ex_rights_date, ratio)]), or detect_splits=False if the "
                "move is real"
            )
    sigma = float(np.std(returns, ddof=dof)) * math.sqrt(factor)
    return VolatilityEstimate(
        volatility=sigma,
        frequency=freq,
        periods_per_year=factor,
        ddof=dof,
        start=first,
        end=last,
        observation_dates=tuple(observed_days.astype(object)),
        closes=tuple(observed.tolist()),
        adjusted_closes=tuple(adjusted.tolist()),
        log_returns=tuple(returns.tolist()),
        splits=split_list,
        basis_changes=tuple(changes),
        missing_close=rule,
        substitutions=tuple(substitutions),
        skipped=skipped,
    )


def historical_volatility(
    *,
    dates: Any,
    closes: Any,
    start: object,
    end: object,
    frequency: Frequency | str = Frequency.WEEKLY,
    periods_per_year: float | None = None,
    ddof: int = 1,
    splits: Iterable[Any] | None = None,
    missing: MissingClose | str = MissingClose.ERROR,
    detect_splits: bool = True,
    trading_days: Any | None = None,
    actions: Iterable[CorporateAction] | None = None,
) -> float:
    """Annualised historical volatility sigma (decimal per year) of clause (12)-5.

    Shortcut for ``historical_volatility_estimate(...).volatility``; see
    :func:`historical_volatility_estimate` for the rule, the parameters and the errors.

    References
    ----------
    Resolution, clause (12)-5.

    Examples
    --------
    >>> round(historical_volatility(
    ...     dates=["2017-06-30", "2017-07-07", "2017-07-14"], closes=[100.0, 110.0, 99.0],
    ...     start="2017-06-26", end="2017-07-14"), 5)
    1.02322
    """
    return historical_volatility_estimate(
        dates=dates,
        closes=closes,
        start=start,
        end=end,
        frequency=frequency,
        periods_per_year=periods_per_year,
        ddof=ddof,
        splits=splits,
        missing=missing,
        detect_splits=detect_splits,
        trading_days=trading_days,
        actions=actions,
    ).volatility
