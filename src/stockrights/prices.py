"""Share prices on a date, split-adjusted price series, and the Tokyo Stock Exchange calendar.

Conventions (all functions in this module):

- A price series is two parallel sequences, ``dates`` and ``closes``: one closing price in yen per
  share for each date, dates strictly increasing, closes finite and > 0. A day without a close is
  left out of the series (a blank or NaN close is an error, so that a gap is never read as a
  price). ``dates`` may be :class:`datetime.date` objects, ISO texts, Excel serial numbers or a
  ``numpy.datetime64`` array (the fast path); scalar dates take the same forms.
- Splits come either as the company's table of corporate actions (``actions=``, a sequence of
  :class:`stockrights.adjustment.CorporateAction`, the same table clause (3) and the dividend
  restatement read) or, the older form, as ``(effective_date, ratio)`` pairs (``splits=``).
  Ratio 2 means one share became two (a 1:2 split), 0.5 a 2:1 consolidation. A price dated
  before the first day quoted on the new basis is on the old share basis and is divided by the
  ratio to restate it on the new basis; a price dated on or after it is unchanged. That first
  day is the ex-rights date (権利落ち日): from the table, derived from each action's record date
  by :func:`ex_rights_dates` (or the action's own ``ex_rights_date``); in the pair form, the
  pair's date must BE the ex-rights date, not the record date nor the day clause (3) adjusts
  from (the day after the record date).
- Ex-rights dates: a buyer receives the new shares only if the trade settles by the record
  date (a record date that is not a business day counts as the business day before it, B). The
  last cum-rights day (権利付最終日) is the latest trade date that settles on or before B, with
  the settlement cycle in force on that trade date: T+3 (the 4th business day counting the
  trade day) for trades up to 2019-07-12, T+2 for trades from 2019-07-16. The ex-rights date is
  the next business day. Business days are the XTKS sessions.
- Trading days are the sessions of the Tokyo Stock Exchange (XTKS) from 1997-01-01 to
  2040-12-31, read from a table shipped with the package, ``stockrights/data/xtks_holidays.txt``:
  the weekdays on which the exchange is closed, one per line with its name, which an auditor can
  read. It is generated from the maintained ``exchange_calendars`` package (calendar ``XTKS``)
  by ``scripts/regenerate_xtks.py`` and a test compares it with that package session by
  session; nothing imports exchange_calendars or pandas at run time. The trade-off: a holiday
  declared after the table was generated is not in it until the table is regenerated and the
  package released; until then, pass the calendar as ``trading_days`` (any sequence of dates;
  also for another market), which replaces the table.

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
from stockrights.sentences import Sentence, say

__all__ = [
    "T2_SETTLEMENT_FROM",
    "ExRightsDates",
    "ExRightsSource",
    "PriceSource",
    "SharePriceLookup",
    "adjust_for_splits",
    "ex_rights_dates",
    "share_price_lookup",
    "share_price_on",
    "tse_calendar_range",
    "tse_trading_days",
]

DateArray = npt.NDArray[np.datetime64]
FloatArray = npt.NDArray[np.float64]
Split = tuple[dt.date, float]

_DAY = "datetime64[D]"
_UNIX_ORDINAL = dt.date(1970, 1, 1).toordinal()  # datetime64[D] counts days from this date
_SHOWN = 5  # dates named in a message before "and N more"

T2_SETTLEMENT_FROM = dt.date(2019, 7, 16)
"""First trade date settled T+2 on the TSE; trades up to 2019-07-12 settled T+3 (data_sources 4)."""

_EX_DATE_RULE_FROM = dt.date(2009, 11, 16)
"""Before this date ex-rights trades of some actions settled a day later and the ex-date fell a
day earlier (data_sources §4, [S: T4]): an ex-rights date derived before it is not trusted."""


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


class ExRightsSource(_validate.Option):
    """Where an ex-rights date came from."""

    DERIVED = "derived"
    """Derived from the record date by the TSE settlement cycle of the time."""
    GIVEN = "given"
    """Given with the action (``ex_rights_date``), overriding the derivation."""


@dataclass(frozen=True, kw_only=True, slots=True)
class ExRightsDates:
    """The market's dates of one corporate action: when the share is first quoted ex-rights.

    Attributes
    ----------
    ex_rights_date : datetime.date
        The first trading day quoted on the new share basis (権利落ち日).
    source : ExRightsSource
        ``derived`` (from the record date) or ``given`` (the action's ``ex_rights_date``).
    record_date : datetime.date or None
        The action's record date (基準日), when it has one.
    base_date : datetime.date or None
        B, the last TSE business day on or before the record date (derived only).
    last_cum_rights_date : datetime.date or None
        The last trade date that still carries the new shares (権利付最終日, derived only).
    settlement_cycle : int or None
        Business days from trade to settlement that applied to the last cum-rights day: 3 (T+3,
        trades up to 2019-07-12) or 2 (T+2, from 2019-07-16); derived only.
    """

    ex_rights_date: dt.date
    source: ExRightsSource
    record_date: dt.date | None = None
    base_date: dt.date | None = None
    last_cum_rights_date: dt.date | None = None
    settlement_cycle: int | None = None

    @property
    def explained(self) -> Sentence:
        """The dates in words, for an audit trail (``explained("ja")`` in Japanese)."""
        if self.source is ExRightsSource.GIVEN or self.last_cum_rights_date is None:
            return say("action.ex_rights.given", ex=self.ex_rights_date)
        return say(
            "action.ex_rights.derived",
            ex=self.ex_rights_date,
            last=self.last_cum_rights_date,
            cycle=self.settlement_cycle,
            base=self.base_date,
            record=self.record_date,
        )

    @property
    def note(self) -> str:
        """The dates in words, for an audit trail (English: ``str(explained)``)."""
        return str(self.explained)


def _settlement_cycle(trade_day: np.datetime64) -> int:
    """Business days from trade to settlement on the TSE for a trade on ``trade_day``."""
    return 2 if trade_day >= np.datetime64(T2_SETTLEMENT_FROM, "D") else 3


def ex_rights_dates(*, record_date: object) -> ExRightsDates:
    """The ex-rights date of a corporate action, derived from its record date (TSE rules).

    With B the last TSE business day on or before the record date (a record date on a holiday
    is in substance the business day before it), the last cum-rights day is the latest trade
    date whose settlement falls on or before B, under the settlement cycle in force on that
    trade date (T+3 up to trades of 2019-07-12, T+2 from 2019-07-16); the ex-rights date is the
    next business day. This "settles by B" form also covers July 2019, where the shortcuts
    "B - 2" (T+3) and "B - 1" (T+2) disagree: for a record date of 2019-07-18 the trades of
    07-12 (T+3) and 07-16 (T+2) both settled on 07-18, so the last cum-rights day is 07-16 and
    the ex-rights date 07-17. Business days: the XTKS sessions (the shipped table, see the
    module docstring). Derived once per record date (cached: the result is immutable), because a
    register asks for the same few actions at every row.

    Parameters
    ----------
    record_date : date, datetime, ISO text or Excel serial
        The action's record date (基準日).

    Returns
    -------
    ExRightsDates
        With ``source`` ``derived``, ``base_date``, ``last_cum_rights_date`` and the
        ``settlement_cycle`` applied.

    Raises
    ------
    InputError
        For a date that cannot be read.
    OutOfRangeError
        For a record date outside the XTKS calendar, or one whose derived ex-rights date falls
        before 2009-11-16, when some actions' ex-rights trades settled a day later and the rule
        differed: give the action's ``ex_rights_date`` instead.

    References
    ----------
    ``data_sources.md`` §4 (settlement cycle; record date to ex-rights date; IIJ 2012 worked
    example). JPX, shortening of the settlement cycle to T+2 (trades from 16 July 2019).

    Examples
    --------
    IIJ's 1:200 split, record date Sunday 2012-09-30: B = Friday 09-28; under T+3 a trade on
    Tuesday 09-25 settles on 09-28, so the ex-rights date is Wednesday 2012-09-26:

    >>> found = ex_rights_dates(record_date="2012-09-30")
    >>> str(found.last_cum_rights_date), str(found.ex_rights_date), found.settlement_cycle
    ('2012-09-25', '2012-09-26', 3)
    """
    found = _derived_ex_rights(as_date(record_date, field="record_date"))
    if isinstance(found, str):
        raise OutOfRangeError(found)
    return found


@functools.lru_cache(maxsize=1024)
def _derived_ex_rights(record: dt.date) -> ExRightsDates | str:
    """:func:`ex_rights_dates` of a read date: the dates, or the message of the error to raise.

    Cached (a pure function of the date and the shipped calendar; the result is immutable): a
    register of 2,000 rows over the same actions asks for the same few record dates 2,000
    times. An error is returned as its message, so that it is cached too and each caller
    raises a fresh exception.
    """
    sessions = _xtks_sessions()
    target = np.datetime64(record, "D")
    if target < sessions[0] or target > sessions[-1]:
        return (
            f"record_date must be within the XTKS calendar {sessions[0]} to {sessions[-1]} to "
            f"derive the ex-rights date (or give ex_rights_date), got {record}"
        )
    b = int(np.searchsorted(sessions, target, side="right")) - 1
    t = b
    while t >= 0 and t + _settlement_cycle(sessions[t]) > b:
        t -= 1
    ex_day = _day(sessions[t + 1])  # t >= -1, so t + 1 is a real index (never wraps)
    if t < 0 or ex_day < _EX_DATE_RULE_FROM:
        return (
            f"ex_rights_date must be given for a record date before the TSE's ex-date rule of "
            f"{_EX_DATE_RULE_FROM} (the derivation would give {ex_day}), got record_date {record}"
        )
    return ExRightsDates(
        ex_rights_date=ex_day,
        source=ExRightsSource.DERIVED,
        record_date=record,
        base_date=_day(sessions[b]),
        last_cum_rights_date=_day(sessions[t]),
        settlement_cycle=_settlement_cycle(sessions[t]),
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


@functools.lru_cache(maxsize=1)
def _xtks_sessions() -> DateArray:
    """Every XTKS session of the shipped table, as a read-only ``datetime64[D]`` array.

    The sessions are the weekdays from 1997-01-01 to 2040-12-31 minus the non-session weekdays
    listed in ``stockrights/data/xtks_holidays.txt`` (see :mod:`stockrights._xtks`), a table
    generated from exchange_calendars' calendar ``XTKS`` by ``scripts/regenerate_xtks.py`` and
    checked against it session by session by the tests. Reading it costs about a millisecond
    and imports neither pandas nor exchange_calendars; cached all the same (one read-only
    array, built on first use, never at import), because a volatility asks for it at every
    call. The range starts at the first day exchange_calendars supports for XTKS (a window such
    as the resolution's starts in 2005) and ends with the last year whose equinox holidays the
    release lists (2040 in release 4.13): beyond about a year ahead the sessions are a
    projection of the Holidays Act as it stands, which is what a window's last day can be
    checked against today.
    """
    from stockrights import _xtks  # the table is read on the first trading-day question only

    return _xtks.load_sessions()


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


def tse_calendar_range() -> tuple[dt.date, dt.date]:
    """The first and the last session of the XTKS calendar (the shipped table).

    The one place a caller learns how far the calendar reaches: a window outside it is an
    :class:`~stockrights.errors.OutOfRangeError` of :func:`tse_trading_days`.

    Examples
    --------
    The table starts on Wednesday 1 January 1997; 1 to 3 January are the year-end closure and
    4-5 January a weekend, so the first session is Monday 6 January 1997:

    >>> tse_calendar_range()[0]
    datetime.date(1997, 1, 6)
    """
    sessions = _xtks_sessions()
    first: dt.date = sessions[0].astype(object)
    last: dt.date = sessions[-1].astype(object)
    return first, last


def tse_trading_days(*, start: object, end: object) -> tuple[dt.date, ...]:
    """Trading days of the Tokyo Stock Exchange from ``start`` to ``end``, both included.

    Parameters
    ----------
    start, end : date, datetime, ISO text or Excel serial
        The window; ``end`` on or after ``start``.

    Returns
    -------
    tuple of datetime.date
        The XTKS sessions in the window, in order (the shipped table: see the module docstring).

    Raises
    ------
    InputError
        For a value that is not a date, or ``end`` before ``start``.
    OutOfRangeError
        For a window outside the calendar (before 1997, or after the last year whose equinox
        holidays exchange_calendars listed when the table was generated, 2040 with release 4.13;
        beyond about one year ahead the sessions are projected from the Holidays Act as it
        stands).

    References
    ----------
    Resolution, clause (12)-5 ("the last trading date of each week"); exchange_calendars,
    calendar XTKS (the source of the shipped table).

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


def _basis_pairs(
    *,
    splits: Iterable[Any] | None,
    actions: Iterable[Any] | None,
    first_day: dt.date,
    last_day: dt.date | None = None,
) -> tuple[tuple[Split, ...], tuple[Any, ...]]:
    """``(ex_rights_date, ratio)`` pairs from either form, and the BasisChange records (actions).

    Exactly one of ``splits`` (the pair form, dates taken as ex-rights dates) and ``actions``
    (the corporate-action table) may be given; neither means no split. With ``last_day``, the
    actions quoted ex-rights after it are left out (the basis of ``last_day``).
    """
    if splits is not None and actions is not None:
        raise InputError(
            "splits must be left out when actions is given (one table of corporate actions), "
            "got both"
        )
    if actions is None:
        return _parse_splits(() if splits is None else splits), ()
    # Imported here: adjustment imports this module for the calendar and the ex-rights dates.
    from stockrights.adjustment import share_basis_changes

    changes = share_basis_changes(actions, quoted_after=first_day, quoted_until=last_day)
    return tuple((c.ex_rights_date, c.ratio) for c in changes), changes


def adjust_for_splits(
    *,
    dates: Any,
    closes: Any,
    splits: Iterable[Any] | None = None,
    actions: Iterable[Any] | None = None,
) -> FloatArray:
    """Restate a price series on the share basis after every split in the table.

    ``adjusted[i] = closes[i] / product(ratio of every action with ex_rights_date > dates[i])``

    Parameters
    ----------
    dates : sequence of dates or numpy datetime64 array
        Strictly increasing.
    closes : sequence of float
        Yen per share, finite and > 0, one per date.
    actions : sequence of CorporateAction, optional
        The company's table of corporate actions (the one clause (3) reads). Each split,
        conditional split or consolidation changes the basis on its ex-rights date, derived from
        its record date (see the module docstring) or given as ``ex_rights_date``; ``other``
        adjustments are ignored (they change the rights, not the shares). Actions with a record
        date on or before the first date of the series change nothing and are not dated.
    splits : sequence of (ex_rights_date, ratio), optional
        The older pair form, instead of ``actions``: each date must be the ex-rights date (the
        first day quoted on the new basis). ``ratio`` > 0: 2 for a 1:2 split, 0.5 for a 2:1
        consolidation. Distinct dates.

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
        For a date or ratio that cannot be read, or both ``splits`` and ``actions``.
    OutOfRangeError
        When an ex-rights date cannot be derived (give the action's ``ex_rights_date``).

    References
    ----------
    Resolution, clause (3) (split ratio); clause (12)-5 (volatility from closing prices, which
    must be on one share basis). IIJ split 1:200, record date 30 September 2012.

    Examples
    --------
    IIJ's 1:200 split, record date Sunday 2012-09-30, was quoted ex-rights from Wednesday
    2012-09-26 (T+3):

    >>> from stockrights.adjustment import CorporateAction
    >>> split = CorporateAction(kind="split", ratio=200, record_date="2012-09-30")
    >>> adjust_for_splits(dates=["2012-09-25", "2012-09-26"], closes=[300000.0, 1510.0],
    ...                   actions=[split]).tolist()
    [1500.0, 1510.0]
    """
    days, prices = _price_series(dates, closes)
    pairs, _ = _basis_pairs(splits=splits, actions=actions, first_day=_day(days[0]))
    return prices / _split_factors(days, pairs)


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
        shipped table (read only when a base price is needed).

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
