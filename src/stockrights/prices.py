"""Share prices on a date, split-adjusted price series, and the Tokyo Stock Exchange calendar.

Conventions (all functions in this module):

- A price series is two parallel sequences, ``dates`` and ``closes``: one closing price in yen per
  share for each date, dates strictly increasing, closes finite and > 0. A day without a close is
  left out of the series (a blank or NaN close is an error, so that a gap is never read as a
  price). ``dates`` may be :class:`datetime.date` objects, ISO texts, Excel serial numbers or a
  ``numpy.datetime64`` array (the fast path); scalar dates take the same forms.
- Splits are ``(effective_date, ratio)`` pairs: ratio 2 means one share became two (a 1:2 split),
  0.5 a 2:1 consolidation. A price dated before the effective date is on the old share basis and is
  divided by the ratio to restate it on the new basis; a price dated on or after it is unchanged.
  For a price series the "effective date" is the first trading day QUOTED on the new basis (the
  ex-rights date, 権利落ち日), which precedes the record date by the settlement lag; it is not the
  day from which clause (3) adjusts shares per right (the day after the record date).
- Trading days are the sessions of the Tokyo Stock Exchange from the maintained
  ``exchange_calendars`` package (calendar ``XTKS``), or a calendar the caller passes as
  ``trading_days`` (any sequence of dates; useful where exchange_calendars is not installed, or
  for another market).

References
----------
Resolution (IIJ 7th series, 2017), clause (12)-2: "the closing price (base price for the next
trading day when there is no closing price) ... on the Tokyo Stock Exchange". Japan Exchange
Group, "基準値段" (base price: normally the previous trading day's close, set by the exchange
for each trading day).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from stockrights import _validate
from stockrights.dates import as_date
from stockrights.errors import InputError, OutOfRangeError, SeriesError

__all__ = [
    "PriceSource",
    "SharePriceLookup",
    "adjust_for_splits",
    "share_price_lookup",
    "share_price_on",
    "tse_trading_days",
]

DateArray = npt.NDArray[np.datetime64]
FloatArray = npt.NDArray[np.float64]
Split = tuple[dt.date, float]

_DAY = "datetime64[D]"
_UNIX_ORDINAL = dt.date(1970, 1, 1).toordinal()  # datetime64[D] counts days from this date
_SHOWN = 5  # dates named in a message before "and N more"


class PriceSource(_validate.Option):
    """Where the share price of :func:`share_price_lookup` came from."""

    CLOSE = "close"
    """The closing price on the requested date."""
    NEXT_DAY_BASE_PRICE = "next_day_base_price"
    """No close that day: the base price (基準値段) for the next trading day (clause (12)-2)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class SharePriceLookup:
    """A share price with the audit trail of where it came from.

    Attributes
    ----------
    share_price : float
        S, yen per share, > 0.
    on : datetime.date
        The date the price was asked for (the valuation date).
    source : PriceSource
        ``close`` (the close on ``on``) or ``next_day_base_price``.
    source_date : datetime.date
        The date of the figure used: ``on`` for a close, the next trading day for a base price.
    """

    share_price: float
    on: dt.date
    source: PriceSource
    source_date: dt.date

    def __post_init__(self) -> None:
        object.__setattr__(self, "share_price", _validate.positive("share_price", self.share_price))
        object.__setattr__(self, "source", PriceSource.parse(self.source, field="source"))
        object.__setattr__(self, "on", as_date(self.on, field="on"))
        object.__setattr__(self, "source_date", as_date(self.source_date, field="source_date"))
        if self.source is PriceSource.CLOSE and self.source_date != self.on:
            raise InputError(f"source_date must equal on for a close, got {self.source_date}")
        if self.source is PriceSource.NEXT_DAY_BASE_PRICE and self.source_date <= self.on:
            raise InputError(
                f"source_date must be after on {self.on} for a base price, got {self.source_date}"
            )


# --- dates and series ---------------------------------------------------------------------------


def _day(value: np.datetime64) -> dt.date:
    """A numpy day as a real date."""
    out: dt.date = value.astype(_DAY).item()
    return out


def _list_dates(values: DateArray) -> str:
    """``2017-03-20, 2017-03-21 and 3 more`` for a message."""
    shown = ", ".join(str(v) for v in values[:_SHOWN])
    rest = len(values) - _SHOWN
    return f"{shown} and {rest} more" if rest > 0 else shown


def _as_date_array(field: str, values: Any) -> DateArray:
    """Dates as a ``datetime64[D]`` array; numpy datetime input is converted without a loop."""
    if isinstance(values, str | bytes) or values is None:
        raise InputError(f"{field} must be a sequence of dates, got {_validate.describe(values)}")
    dtype = getattr(values, "dtype", None)
    if dtype is not None and np.dtype(dtype).kind == "M":
        out = np.asarray(values).astype(_DAY).ravel()
        if np.isnat(out).any():
            index = int(np.flatnonzero(np.isnat(out))[0])
            raise InputError(f"{field}[{index}] must be a date, got NaT")
        return out
    try:
        items = list(values)
    except TypeError:
        raise InputError(
            f"{field} must be a sequence of dates, got {_validate.describe(values)}"
        ) from None
    if all(isinstance(v, dt.date) for v in items):  # dates and datetimes (the time is dropped)
        ordinals = np.fromiter((v.toordinal() for v in items), dtype=np.int64, count=len(items))
        return (ordinals - _UNIX_ORDINAL).astype(_DAY)
    return np.array([as_date(v, field=f"{field}[{i}]") for i, v in enumerate(items)], dtype=_DAY)


def _increasing_dates(field: str, values: Any) -> DateArray:
    """Dates that must be non-empty, unique and in increasing order."""
    days = _as_date_array(field, values)
    if days.size == 0:
        raise SeriesError(f"{field} must not be empty, got 0 dates")
    steps = np.diff(days.astype(np.int64))
    if (steps <= 0).any():
        i = int(np.flatnonzero(steps <= 0)[0])
        if steps[i] == 0:
            raise SeriesError(
                f"{field} must be unique, got {days[i]} twice (index {i} and {i + 1})"
            )
        raise SeriesError(
            f"{field} must be in increasing order, got {days[i + 1]} after {days[i]} "
            f"(index {i + 1})"
        )
    return days


def _price_series(dates: Any, closes: Any) -> tuple[DateArray, FloatArray]:
    """Validate a price series: see the module docstring for the rules."""
    days = _increasing_dates("dates", dates)
    if isinstance(closes, str | bytes):
        raise InputError(f"closes must be numbers, got {_validate.describe(closes)}")
    try:
        prices = np.asarray(closes, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        raise InputError(f"closes must be numbers, got {_validate.describe(closes)}") from None
    if prices.size != days.size:
        raise SeriesError(
            f"closes must have one value per date ({days.size} dates), got {prices.size} values"
        )
    bad = ~(np.isfinite(prices) & (prices > 0.0))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise SeriesError(
            f"closes must be finite and > 0 (leave a day without a close out of the series), "
            f"got {_validate.describe(prices[i])} on {days[i]} (index {i})"
        )
    return days, prices


def _parse_splits(splits: Iterable[Any]) -> tuple[Split, ...]:
    """``(effective_date, ratio)`` pairs, validated and sorted by effective date."""
    if isinstance(splits, str | bytes | Mapping) or splits is None:
        raise InputError(
            "splits must be a sequence of (effective_date, ratio) pairs, "
            f"got {_validate.describe(splits)}"
        )
    out: list[Split] = []
    for i, pair in enumerate(splits):
        try:
            if isinstance(pair, str | bytes):
                raise TypeError
            raw_date, raw_ratio = pair
        except (TypeError, ValueError):
            raise InputError(
                f"splits[{i}] must be an (effective_date, ratio) pair, got {pair!r}"
            ) from None
        effective = as_date(raw_date, field=f"splits[{i}] effective_date")
        out.append((effective, _validate.positive(f"splits[{i}] ratio", raw_ratio)))
    out.sort(key=lambda s: s[0])
    for (first, _), (second, _) in itertools.pairwise(out):
        if first == second:
            raise SeriesError(f"splits must have distinct effective dates, got {first} twice")
    return tuple(out)


def _split_factors(
    days: DateArray, splits: tuple[Split, ...], *, through: dt.date | None = None
) -> FloatArray:
    """Product of the ratios of the splits effective after each day (and on or before ``through``).

    Dividing a per-share amount dated ``day`` by its factor restates it on the share basis in
    force after the last split counted.
    """
    factors = np.ones(days.shape, dtype=np.float64)
    for effective, ratio in splits:
        if through is not None and effective > through:
            break
        factors[days < np.datetime64(effective, "D")] *= ratio
    return factors


# --- the calendar ---------------------------------------------------------------------------------


def _xtks_horizon() -> str | None:
    """Last day to build XTKS to: the end of the last year whose equinox days are listed.

    exchange_calendars schedules about one year ahead by default, because Japan fixes the
    equinox holidays (春分の日, 秋分の日) only in February of the year before; it lists projected
    equinox days further ahead (through 2040 in release 4.13), and every other holiday follows
    the Holidays Act's rules. Building to that year lets an exercise window that ends years from
    now be checked against the holidays as the law stands today. None (the package's default
    horizon) when the release does not expose the lists.
    """
    try:
        from exchange_calendars.xtks_holidays import AutumnalEquinoxes, VernalEquinoxes
    except ImportError:  # pragma: no cover - a release that moved the lists
        return None
    year = min(max(VernalEquinoxes).year, max(AutumnalEquinoxes).year)
    return f"{year}-12-31"


@functools.lru_cache(maxsize=1)
def _xtks_sessions() -> DateArray:
    """Every XTKS session exchange_calendars knows, as a read-only ``datetime64[D]`` array.

    Cached because building the calendar costs about 0.1 s (plus about 0.5 s to import
    pandas and exchange_calendars the first time), while a volatility must take milliseconds.
    The cache holds one read-only array, built on first use, never at import; its input is
    the installed exchange_calendars release. The calendar is built from the earliest date
    exchange_calendars supports for XTKS (1997), because by default it covers only the last 20
    years and a window such as the resolution's (from 2005) would fall outside it, and up to the
    last year whose equinox holidays the release lists (:func:`_xtks_horizon`; 2040 in release
    4.13): beyond about a year ahead the sessions are a projection of the Holidays Act as it
    stands, which is what a window's last day can be checked against today.
    """
    import exchange_calendars as xc  # lazy: only where trading days matter
    from exchange_calendars.exchange_calendar_xtks import XTKSExchangeCalendar

    horizon = _xtks_horizon()
    if horizon is None:  # pragma: no cover - see _xtks_horizon
        calendar = xc.get_calendar("XTKS", start=XTKSExchangeCalendar.bound_min())
    else:
        calendar = xc.get_calendar("XTKS", start=XTKSExchangeCalendar.bound_min(), end=horizon)
    sessions = np.asarray(calendar.sessions.to_numpy(), dtype="datetime64[ns]").astype(_DAY)
    sessions.flags.writeable = False
    return sessions


def _sessions(trading_days: Any | None) -> DateArray:
    """The calendar to use: the caller's ``trading_days`` or the cached XTKS sessions."""
    if trading_days is None:
        return _xtks_sessions()
    return _increasing_dates("trading_days", trading_days)


def _sessions_between(start: dt.date, end: dt.date, trading_days: Any | None) -> DateArray:
    """Trading days in ``[start, end]``; an error if the calendar does not cover the window."""
    sessions = _sessions(trading_days)
    first, last = sessions[0], sessions[-1]
    lo, hi = np.datetime64(start, "D"), np.datetime64(end, "D")
    name = "the XTKS calendar" if trading_days is None else "trading_days"
    if lo < first:
        raise OutOfRangeError(
            f"start must be on or after the first day of {name} {first}, got {start}"
        )
    if hi > last:
        raise OutOfRangeError(f"end must be on or before the last day of {name} {last}, got {end}")
    return sessions[np.searchsorted(sessions, lo) : np.searchsorted(sessions, hi, side="right")]


def tse_trading_days(*, start: object, end: object) -> tuple[dt.date, ...]:
    """Trading days of the Tokyo Stock Exchange from ``start`` to ``end``, both included.

    Parameters
    ----------
    start, end : date, datetime, ISO text or Excel serial
        The window; ``end`` on or after ``start``.

    Returns
    -------
    tuple of datetime.date
        The XTKS sessions of exchange_calendars in the window, in order.

    Raises
    ------
    InputError
        For a value that is not a date, or ``end`` before ``start``.
    OutOfRangeError
        For a window outside the calendar (before 1997, or after the last year whose equinox
        holidays exchange_calendars lists, 2040 in release 4.13; beyond about one year ahead the
        sessions are projected from the Holidays Act as it stands).

    References
    ----------
    Resolution, clause (12)-5 ("the last trading date of each week"); exchange_calendars, XTKS.

    Examples
    --------
    The Vernal Equinox Day (春分の日) fell on Monday 20 March 2017:

    >>> [str(d) for d in tse_trading_days(start="2017-03-17", end="2017-03-21")]
    ['2017-03-17', '2017-03-21']
    """
    first, last = _window(start, end)
    return tuple(_sessions_between(first, last, None).astype(object))


def _window(start: object, end: object) -> tuple[dt.date, dt.date]:
    """``start`` and ``end`` as dates, ``end`` not before ``start``."""
    first = as_date(start, field="start")
    last = as_date(end, field="end")
    if last < first:
        raise InputError(f"end must be on or after start {first}, got {last}")
    return first, last


# --- split adjustment ---------------------------------------------------------------------------


def adjust_for_splits(*, dates: Any, closes: Any, splits: Iterable[Any]) -> FloatArray:
    """Restate a price series on the share basis after every split in ``splits``.

    ``adjusted[i] = closes[i] / product(ratio of every split with effective_date > dates[i])``

    Parameters
    ----------
    dates : sequence of dates or numpy datetime64 array
        Strictly increasing.
    closes : sequence of float
        Yen per share, finite and > 0, one per date.
    splits : sequence of (effective_date, ratio)
        ``ratio`` > 0: 2 for a 1:2 split, 0.5 for a 2:1 consolidation. Distinct effective dates.

    Returns
    -------
    numpy.ndarray
        Adjusted closes, yen per share on the latest share basis, one per date.

    Raises
    ------
    SeriesError
        For an empty, unsorted or duplicated series, a length mismatch, a close that is not
        finite and > 0, or two splits on the same date.
    InputError
        For a date or ratio that cannot be read.

    References
    ----------
    Resolution, clause (3) (split ratio); clause (12)-5 (volatility from closing prices, which
    must be on one share basis). IIJ split 1:200 effective 1 October 2012.

    Examples
    --------
    >>> adjust_for_splits(dates=["2012-09-28", "2012-10-01"], closes=[300000.0, 1510.0],
    ...                   splits=[("2012-10-01", 200)]).tolist()
    [1500.0, 1510.0]
    """
    days, prices = _price_series(dates, closes)
    return prices / _split_factors(days, _parse_splits(splits))


# --- the share price on a date --------------------------------------------------------------------


def _base_price_table(base_prices: Mapping[Any, Any]) -> dict[dt.date, float]:
    if not isinstance(base_prices, Mapping):
        raise InputError(
            "base_prices must be a mapping of trading day to base price, "
            f"got {_validate.describe(base_prices)}"
        )
    table: dict[dt.date, float] = {}
    for key, value in base_prices.items():
        day = as_date(key, field="base_prices date")
        table[day] = _validate.positive(f"base_prices[{day}]", value)
    return table


def share_price_lookup(
    *,
    dates: Any,
    closes: Any,
    on: object,
    base_prices: Mapping[Any, Any] | None = None,
    trading_days: Any | None = None,
) -> SharePriceLookup:
    """The share price S of clause (12)-2 on a date, and where it came from.

    Rule: the close on ``on`` if the series has one; otherwise the base price (基準値段) for the
    next trading day after ``on``, taken from ``base_prices``; otherwise an error. The series is
    used as given (no split adjustment: S is the price on the day).

    Parameters
    ----------
    dates : sequence of dates or numpy datetime64 array
        Strictly increasing trading days with a close.
    closes : sequence of float
        Closing prices, yen per share, finite and > 0, one per date.
    on : date, datetime, ISO text or Excel serial
        The valuation date (the allotment date of clause (13)).
    base_prices : mapping of date to float, optional
        Base prices in yen per share keyed by the trading day they are set for (any date form).
        Only consulted when there is no close on ``on``.
    trading_days : sequence of dates, optional
        The calendar that defines "the next trading day"; default the XTKS sessions of
        exchange_calendars (loaded only when a base price is needed).

    Returns
    -------
    SharePriceLookup
        ``share_price``, ``on``, ``source`` (``close`` or ``next_day_base_price``) and
        ``source_date``.

    Raises
    ------
    SeriesError
        For an unusable series (see :func:`adjust_for_splits`), or when there is no close on
        ``on`` and no base price for the next trading day.
    OutOfRangeError
        When ``on`` lies outside the series and no base price is given, or there is no trading
        day after ``on`` in the calendar.
    InputError
        For a value that cannot be read (the message names it).

    References
    ----------
    Resolution, clause (12)-2.

    Examples
    --------
    >>> share_price_lookup(dates=["2017-07-13", "2017-07-14"], closes=[2010.0, 2030.0],
    ...                    on="2017-07-14").share_price
    2030.0
    >>> found = share_price_lookup(dates=["2017-07-13"], closes=[2010.0], on="2017-07-14",
    ...                            base_prices={"2017-07-18": 2025.0})
    >>> found.share_price, found.source.value, str(found.source_date)
    (2025.0, 'next_day_base_price', '2017-07-18')
    """
    days, prices = _price_series(dates, closes)
    day = as_date(on, field="on")
    target = np.datetime64(day, "D")
    i = int(np.searchsorted(days, target))
    if i < days.size and days[i] == target:
        return SharePriceLookup(
            share_price=float(prices[i]), on=day, source=PriceSource.CLOSE, source_date=day
        )
    if base_prices is None:
        if target < days[0] or target > days[-1]:
            raise OutOfRangeError(
                f"on must be within the price series {days[0]} to {days[-1]} "
                f"(or give base_prices), got {day}"
            )
        raise SeriesError(
            f"closes must include {day} or base_prices must be given (clause 12-2: the base "
            f"price for the next trading day), got no close on {day}"
        )
    table = _base_price_table(base_prices)
    sessions = _sessions(trading_days)
    j = int(np.searchsorted(sessions, target, side="right"))
    if j >= sessions.size:
        raise OutOfRangeError(
            f"on must be before the last day of the trading calendar {sessions[-1]}, got {day}"
        )
    next_day = _day(sessions[j])
    if next_day not in table:
        raise SeriesError(
            f"base_prices must hold the base price for the next trading day {next_day} "
            f"(no close on {day}), got dates {sorted(str(d) for d in table)[:_SHOWN]}"
        )
    return SharePriceLookup(
        share_price=table[next_day],
        on=day,
        source=PriceSource.NEXT_DAY_BASE_PRICE,
        source_date=next_day,
    )


def share_price_on(
    *,
    dates: Any,
    closes: Any,
    on: object,
    base_prices: Mapping[Any, Any] | None = None,
    trading_days: Any | None = None,
) -> float:
    """The share price S of clause (12)-2 on a date, in yen per share.

    Shortcut for ``share_price_lookup(...).share_price``; see :func:`share_price_lookup` for the
    rule, the parameters and the errors.

    References
    ----------
    Resolution, clause (12)-2.

    Examples
    --------
    >>> share_price_on(dates=["2017-07-13", "2017-07-14"], closes=[2010.0, 2030.0],
    ...                on="2017-07-14")
    2030.0
    """
    return share_price_lookup(
        dates=dates, closes=closes, on=on, base_prices=base_prices, trading_days=trading_days
    ).share_price
