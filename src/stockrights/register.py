"""The register: every series of rights, their events, and one table of corporate actions.

A company that grants stock-compensation options every year holds many live series at once. The
register keeps each series in its **original terms** (rights allotted, shares per right and
exercise price at allotment, fair value per share at grant) plus the **events** that changed the
number of rights (exercise, lapse, forfeiture, acquisition for nothing and cancellation), the
company's **corporate actions** (one table shared by every series, :class:`CorporateAction`) and
its **restructurings** (:class:`Restructuring`). Anything restated (shares per right after a
split, counts in shares, per-share prices) is computed when asked for, never stored
(``../shared/docs/disclosure.md`` §2.2: "keep the register in original terms plus an event
list, and restate at print time").

Events are held column-wise in an :class:`EventTable` (numpy arrays), so that a register of tens
of thousands of events is counted with array operations; :class:`Event` is the one-row view.

:func:`reconcile` lists every breach of the rules a register must keep, each as a one-line
message naming the series, the date and the rule:

- ``outstanding``: no more rights exercised, lapsed, forfeited or cancelled than were
  outstanding on the day;
- ``exercise period``: an exercise inside the exercise period; any other event on or after the
  allotment and not after the period's end;
- ``vesting``: no exercise before the vesting date;
- ``holder window``: an exercise by a holder whose status is given falls inside one of that
  holder's windows (clause (11)2)-3), :func:`stockrights.windows.exercise_windows`);
- ``shares delivered``: where the register records the shares delivered on an exercise, they are
  the rights x the shares per right on the exercise date (clause (3));
- ``treasury shares``: the treasury shares delivered on an exercise are no more than the
  shares it delivers;
- ``control total``: where a series carries the registry's outstanding balance on a date, the
  allotment less the events up to that date equals it;
- ``lapse not recorded`` (only with ``as_of``): no rights left outstanding once the exercise
  period has ended.

References
----------
Resolution (IIJ 7th series, 2017), clauses (3), (5), (8), (9), (11), (12).
``../shared/docs/disclosure.md`` §2.2, §2.5.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from stockrights import _validate
from stockrights.adjustment import ActionKind, CorporateAction, adjusted_shares_per_right
from stockrights.dates import as_date
from stockrights.errors import InputError
from stockrights.restructuring import Restructuring, map_to_restructured_company
from stockrights.rounding import Rounding, per_right_amount
from stockrights.windows import (
    ExerciseRules,
    HolderStatus,
    LastDayRule,
    WindowUnit,
    exercise_windows,
)

__all__ = [
    "DEFAULT_EXPENSE_LINE",
    "Event",
    "EventKind",
    "EventTable",
    "ExpenseLine",
    "GrantYear",
    "Holder",
    "Problem",
    "ReconcileError",
    "Register",
    "Series",
    "check_register",
    "expense_lines_text",
    "parse_expense_lines",
    "reconcile",
    "share_basis_factor",
    "shares_per_right_at",
    "shares_per_right_on",
    "split_expense",
]

_ONE_DAY = dt.timedelta(days=1)
_EPOCH = dt.date(1970, 1, 1)
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def day_number(day: dt.date) -> int:
    """Days since 1970-01-01 (the integer the event table stores)."""
    return (day - _EPOCH).days


def day_from_number(number: int) -> dt.date:
    """The date of a day number."""
    return _EPOCH + dt.timedelta(days=int(number))


class GrantYear(_validate.Option):
    """How the grant year of a series without a vesting condition is shown (disclosure.md §2.5).

    Later years sit wholly in the post-vesting block either way.
    """

    UNVESTED = "unvested"
    """Variant A (seen in filings, the default): the grant goes into 付与 and stays in 未確定残 at
    the year end; the post-vesting block is '-' (E02970, E36368)."""
    VESTED = "vested"
    """Variant B (unconfirmed): the grant date is the vesting date: 付与 N and 権利確定 N, and
    権利確定 N in the post-vesting block (ASBJ Guidance No. 11, example 2-1)."""


class EventKind(_validate.Option):
    """What happened to some rights of a series."""

    EXERCISE = "exercise"
    """Exercised: shares delivered."""
    LAPSE = "lapse"
    """Lapsed unexercised (the holder's window closed, or the exercise period ended)."""
    FORFEIT = "forfeit"
    """Forfeited (a vesting or service condition failed, or the holder gave them up)."""
    CANCEL = "cancel"
    """Acquired by the company for nothing and cancelled (clause (8))."""


_KIND_CODES = {kind: code for code, kind in enumerate(EventKind)}
_KINDS = tuple(EventKind)
_EXERCISE = _KIND_CODES[EventKind.EXERCISE]
_NONE: IntArray = np.full(0, -1, dtype=np.int64)
"""Sentinel: an optional event column not given (filled with -1 per row)."""
_EVENT_ARRAYS = (
    "day",
    "series",
    "kind",
    "rights",
    "share_price",
    "shares",
    "holder",
    "treasury_shares",
    "treasury_cost",
)


@dataclass(frozen=True, kw_only=True, slots=True)
class Series:
    """One series of stock acquisition rights in its original terms (one board resolution).

    Attributes
    ----------
    name : str
        The series' name as printed (第7回新株予約権); unique in the register.
    allotment_date : date
        割当日 (the grant date of the note).
    rights_allotted : int
        Rights allotted, >= 1.
    shares_per_right : int
        Shares per right at allotment, >= 1 (200 for the 7th series).
    exercise_price : float
        Yen per share, > 0 (1 for a 1-yen plan).
    exercise_period_start, exercise_period_end : date
        The exercise period, both days included (start on or after the allotment).
    fair_value_per_share : float or None
        Fair value per share at grant, yen (the option price C of clause (12)); None for a grant
        with no fair value booked (before May 2006, or valued at intrinsic value before listing:
        printed '-', disclosure.md §2.3).
    resolution_date : date, optional
        決議年月日.
    vesting_date : date, optional
        The day the rights vest (end of the service period); None for no vesting condition.
    grant_year : GrantYear
        How the grant year is shown when there is no vesting date (default ``unvested``).
    rounding : Rounding
        How the amount paid per right is rounded (default ``per_right_up``, clause (12)).
    volatility, term_years, dividend_per_share, risk_free_rate : float, optional
        The valuation inputs printed in the note for the grant year (decimal, years, yen per
        share, decimal).
    persons : str
        付与対象者の区分及び人数 as printed ("当社取締役 7名、当社執行役員 11名").
    conditions : str
        新株予約権の行使の条件, as printed.
    rights_outstanding, outstanding_as_of : int and date, optional
        A control total from the share registry: rights outstanding at the end of that day.
    illustrative : bool
        True for a made-up series (every output says so).
    holder_window, holder_window_unit, heir_window, heir_window_unit, last_day_rule : optional
        The series' own window rules for the holder check (clause (11)2)-3), as in
        :class:`stockrights.windows.ExerciseRules`): the holder's window after losing the
        position (a whole number >= 1 of ``days``, ``months`` or ``years``), the heir's window
        after inheriting, and how a last day that is not a business day moves (``following``,
        ``preceding``, ``no_move``). None: the register's ``window_rules``, else the
        resolution's (10 days, 6 months, ``following``).
    expense_lines : tuple of ExpenseLine, or text
        The P&L line(s) the series' expense is charged to (費用計上額及び科目名), each with a
        fixed share of the series' expense; the shares sum to exactly 1. Text is read by
        :func:`parse_expense_lines` (``売上原価:0.3;販売費及び一般管理費:0.7``, or one label).
        Empty (the default): all of it to 販売費及び一般管理費 (:data:`DEFAULT_EXPENSE_LINE`).

    Raises
    ------
    InputError
        For a blank name, a count or price out of range, dates out of order, or a window rule
        that is not one.
    """

    name: str
    allotment_date: dt.date
    rights_allotted: int
    shares_per_right: int
    exercise_price: float
    exercise_period_start: dt.date
    exercise_period_end: dt.date
    fair_value_per_share: float | None = None
    resolution_date: dt.date | None = None
    vesting_date: dt.date | None = None
    grant_year: GrantYear = GrantYear.UNVESTED
    rounding: Rounding = Rounding.PER_RIGHT_UP
    volatility: float | None = None
    term_years: float | None = None
    dividend_per_share: float | None = None
    risk_free_rate: float | None = None
    persons: str = ""
    conditions: str = ""
    rights_outstanding: int | None = None
    outstanding_as_of: dt.date | None = None
    illustrative: bool = False
    holder_window: int | None = None
    holder_window_unit: WindowUnit | None = None
    heir_window: int | None = None
    heir_window_unit: WindowUnit | None = None
    last_day_rule: LastDayRule | None = None
    expense_lines: tuple[ExpenseLine, ...] = ()

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        if not isinstance(self.name, str) or not self.name.strip():
            raise InputError(f"series name must be a non-blank text, got {self.name!r}")
        where = f"series {self.name}: "
        try:
            set_(self, "expense_lines", _expense_lines(self.expense_lines))
            for name in ("allotment_date", "exercise_period_start", "exercise_period_end"):
                set_(self, name, as_date(getattr(self, name), field=name))
            for name in ("resolution_date", "vesting_date", "outstanding_as_of"):
                if getattr(self, name) is not None:
                    set_(self, name, as_date(getattr(self, name), field=name))
            set_(
                self,
                "rights_allotted",
                _validate.integer("rights_allotted", self.rights_allotted, minimum=1),
            )
            set_(
                self,
                "shares_per_right",
                _validate.integer("shares_per_right", self.shares_per_right, minimum=1),
            )
            set_(self, "exercise_price", _validate.positive("exercise_price", self.exercise_price))
            if self.fair_value_per_share is not None:
                set_(
                    self,
                    "fair_value_per_share",
                    _validate.non_negative("fair_value_per_share", self.fair_value_per_share),
                )
            for name in ("volatility", "term_years", "dividend_per_share"):
                if getattr(self, name) is not None:
                    set_(self, name, _validate.non_negative(name, getattr(self, name)))
            if self.risk_free_rate is not None:
                set_(
                    self, "risk_free_rate", _validate.number("risk_free_rate", self.risk_free_rate)
                )
            set_(self, "grant_year", GrantYear.parse(self.grant_year, field="grant_year"))
            set_(self, "rounding", Rounding.parse(self.rounding, field="rounding"))
            for name in ("holder_window", "heir_window"):
                if getattr(self, name) is not None:
                    set_(self, name, _validate.integer(name, getattr(self, name), minimum=1))
            for name in ("holder_window_unit", "heir_window_unit"):
                if getattr(self, name) is not None:
                    set_(self, name, WindowUnit.parse(getattr(self, name), field=name))
            if self.last_day_rule is not None:
                set_(
                    self,
                    "last_day_rule",
                    LastDayRule.parse(self.last_day_rule, field="last_day_rule"),
                )
            if self.rights_outstanding is not None:
                set_(
                    self,
                    "rights_outstanding",
                    _validate.integer("rights_outstanding", self.rights_outstanding, minimum=0),
                )
            if (self.rights_outstanding is None) != (self.outstanding_as_of is None):
                raise InputError(
                    "rights_outstanding and outstanding_as_of must be given together, got "
                    f"{self.rights_outstanding!r} and {self.outstanding_as_of!r}"
                )
            for name in ("persons", "conditions"):
                if not isinstance(getattr(self, name), str):
                    raise InputError(f"{name} must be a text, got {getattr(self, name)!r}")
            _not_before(
                "exercise_period_start",
                self.exercise_period_start,
                "allotment_date",
                self.allotment_date,
            )
            _not_before(
                "exercise_period_end",
                self.exercise_period_end,
                "exercise_period_start",
                self.exercise_period_start,
            )
            if self.vesting_date is not None:
                _not_before(
                    "vesting_date", self.vesting_date, "allotment_date", self.allotment_date
                )
            if self.resolution_date is not None and self.resolution_date > self.allotment_date:
                raise InputError(
                    f"resolution_date must be on or before allotment_date "
                    f"({self.allotment_date.isoformat()}), got {self.resolution_date.isoformat()}"
                )
        except InputError as exc:
            raise InputError(where + str(exc)) from None

    @property
    def book_value_per_right(self) -> int:
        """Yen per right carried as stock acquisition rights: C x shares, rounded (clause (12)).

        0 when no fair value was booked.
        """
        if self.fair_value_per_share is None:
            return 0
        return per_right_amount(
            option_price=self.fair_value_per_share,
            shares_per_right=self.shares_per_right,
            rounding=self.rounding,
        )

    def window_rules(self, template: ExerciseRules | None = None) -> ExerciseRules:
        """The series' window rules: ``template`` (default the resolution's) with its own.

        Parameters
        ----------
        template : ExerciseRules, optional
            The register's rules (its holidays and the lengths a series does not set); None:
            the resolution's (10 days, 6 months, ``following``).

        Returns
        -------
        ExerciseRules
            Over the series' exercise period, with every rule the series sets replacing the
            template's.

        Examples
        --------
        >>> s = Series(name="7th", allotment_date="2017-07-14", rights_allotted=245,
        ...     shares_per_right=200, exercise_price=1, exercise_period_start="2017-07-15",
        ...     exercise_period_end="2047-07-14", holder_window=30)
        >>> rules = s.window_rules()
        >>> rules.holder_window, rules.holder_window_unit.value, rules.heir_window
        (30, 'days', 6)
        """
        base = template or ExerciseRules(
            exercise_period_start=self.exercise_period_start,
            exercise_period_end=self.exercise_period_end,
        )
        own = {name: getattr(self, name) for name in _WINDOW_FIELDS}
        return dataclasses.replace(
            base,
            exercise_period_start=self.exercise_period_start,
            exercise_period_end=self.exercise_period_end,
            **{k: v for k, v in own.items() if v is not None},
        )

    @property
    def vests_on(self) -> dt.date:
        """The day the rights count as vested for the checks: the vesting date, else allotment."""
        return self.vesting_date if self.vesting_date is not None else self.allotment_date


DEFAULT_EXPENSE_LINE = "販売費及び一般管理費"
"""The P&L line a series' expense is charged to when it sets none (E04105 prints only it)."""


@dataclass(frozen=True, slots=True)
class ExpenseLine:
    """A P&L line a series' expense is charged to, with its fixed share of that expense.

    Attributes
    ----------
    label : str
        The line as printed (売上原価, 研究開発費 (株式報酬費用)); non-blank, without ``:``
        or ``;`` (the separators of the text form).
    share : Fraction
        The line's share of the series' expense, 0 < share <= 1, exact (``0.3`` is 3/10).
    """

    label: str
    share: Fraction = Fraction(1)

    def __post_init__(self) -> None:
        if not isinstance(self.label, str) or not self.label.strip():
            raise InputError(f"expense_lines label must be a non-blank text, got {self.label!r}")
        if any(c in self.label for c in ":;"):
            raise InputError(
                f"expense_lines label must not hold ':' or ';' (the separators), got {self.label!r}"
            )
        object.__setattr__(self, "label", self.label.strip())
        share: object = self.share
        if isinstance(share, float) and math.isfinite(share):
            share = Fraction(repr(share))  # 0.3 is 3/10, as typed, not the binary double
        if isinstance(share, bool) or not isinstance(share, int | Fraction):
            raise InputError(
                f"expense_lines share of {self.label} must be a number, got {self.share!r}"
            )
        share = Fraction(share)
        if not 0 < share <= 1:
            raise InputError(
                f"expense_lines share of {self.label} must be > 0 and <= 1, got "
                f"{_share_text(share)}"
            )
        object.__setattr__(self, "share", share)


def _share_text(share: Fraction) -> str:
    """A share as a decimal when it ends (``0.3``), else as a fraction (``1/3``)."""
    if share.denominator == 1:
        return str(share.numerator)
    d = share.denominator
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    if d != 1:
        return f"{share.numerator}/{share.denominator}"
    digits = 0
    scaled = share
    while scaled.denominator != 1:
        scaled *= 10
        digits += 1
    sign = "-" if scaled < 0 else ""
    whole = str(abs(scaled.numerator)).rjust(digits + 1, "0")
    return f"{sign}{whole[:-digits]}.{whole[-digits:]}"


def parse_expense_lines(text: str) -> tuple[ExpenseLine, ...]:
    """The expense lines of a series from their text form.

    ``label`` (all of the expense to one line) or ``label:share;label:share;...``, each share a
    decimal (``0.3``) or a fraction (``1/3``), > 0, summing to exactly 1. Blank: ``()`` (the
    default line).

    Examples
    --------
    >>> lines = parse_expense_lines("売上原価:0.3;販売費及び一般管理費:0.7")
    >>> [(x.label, str(x.share)) for x in lines]
    [('売上原価', '3/10'), ('販売費及び一般管理費', '7/10')]
    """
    if not isinstance(text, str):
        raise InputError(f"expense_lines must be a text, got {text!r}")
    if not text.strip():
        return ()
    parts = text.split(";")
    if len(parts) == 1 and ":" not in text:
        return _expense_lines((ExpenseLine(text),))
    out = []
    for part in parts:
        label, colon, share = part.rpartition(":")
        if not colon:
            raise InputError(
                f"expense_lines must be one label, or label:share pairs separated by ';' "
                f"(売上原価:0.3;販売費及び一般管理費:0.7), got {text!r}"
            )
        try:
            value = Fraction(share.strip())
        except (ValueError, ZeroDivisionError):
            raise InputError(
                f"expense_lines share of {label.strip()} must be a decimal (0.3) or a fraction "
                f"(1/3), got {share.strip()!r}"
            ) from None
        out.append(ExpenseLine(label, value))
    return _expense_lines(tuple(out))


def expense_lines_text(lines: Sequence[ExpenseLine]) -> str:
    """The text form read by :func:`parse_expense_lines` (``""`` for the default)."""
    if len(lines) == 1 and lines[0].share == 1:
        return lines[0].label
    return ";".join(f"{x.label}:{_share_text(x.share)}" for x in lines)


def _expense_lines(value: object) -> tuple[ExpenseLine, ...]:
    """``value`` (text or lines) as checked lines: distinct labels, shares summing to 1."""
    if isinstance(value, str):
        return parse_expense_lines(value)
    if not isinstance(value, tuple | list) or not all(isinstance(x, ExpenseLine) for x in value):
        raise InputError(f"expense_lines must be a text or ExpenseLine items, got {value!r}")
    lines = tuple(value)
    if not lines:
        return ()
    labels = [x.label for x in lines]
    twice = next((x for x in labels if labels.count(x) > 1), None)
    if twice is not None:
        raise InputError(f"expense_lines names the line {twice} twice")
    total = sum((x.share for x in lines), Fraction(0))
    if total != 1:
        raise InputError(
            f"expense_lines shares must sum to exactly 1, got {_share_text(total)} "
            f"({expense_lines_text(lines)})"
        )
    return lines


def split_expense(amount: int, lines: Sequence[ExpenseLine]) -> tuple[int, ...]:
    """A series' expense (yen) split across its lines, whole yen summing exactly to ``amount``.

    Largest remainder (Hamilton) on the amount's size: each line gets the floor of
    ``|amount| x share``; the yen left over (fewer than the lines) go one each to the lines with
    the largest fractional parts, the earlier line first on a tie; the sign of ``amount`` is
    then applied to every line (a net reversal splits as the mirror image of the expense).

    Parameters
    ----------
    amount : int
        Yen, negative for a net reversal.
    lines : sequence of ExpenseLine
        The series' lines (shares summing to 1); empty: one line, the default.

    Returns
    -------
    tuple of int
        One amount per line, in the lines' order (``(amount,)`` for no lines).

    Examples
    --------
    >>> lines = parse_expense_lines("売上原価:1/3;研究開発費:1/3;販売費及び一般管理費:1/3")
    >>> split_expense(100, lines), split_expense(-100, lines)
    ((34, 33, 33), (-34, -33, -33))
    """
    if len(lines) <= 1:
        return (int(amount),)
    size = abs(int(amount))
    quotas = [size * x.share for x in lines]
    floors = [q.numerator // q.denominator for q in quotas]
    left = size - sum(floors)
    order = sorted(range(len(lines)), key=lambda i: (-(quotas[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    sign = -1 if amount < 0 else 1
    return tuple(sign * f for f in floors)


_WINDOW_FIELDS = (
    "holder_window",
    "holder_window_unit",
    "heir_window",
    "heir_window_unit",
    "last_day_rule",
)
"""The window rules a series may set for itself (:meth:`Series.window_rules`)."""


def _not_before(field_: str, value: dt.date, other: str, other_value: dt.date) -> None:
    if value < other_value:
        raise InputError(
            f"{field_} must be on or after {other} ({other_value.isoformat()}), "
            f"got {value.isoformat()}"
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class Event:
    """One event of the register (a row of ``events.csv``).

    Attributes
    ----------
    date : date
    series : str
        The series' name.
    kind : EventKind
        ``exercise``, ``lapse``, ``forfeit`` or ``cancel``.
    rights : int
        Rights concerned, >= 1 (whole rights only, clause (11)1)).
    share_price : float, optional
        Close on an exercise date, yen per share (for the average price at exercise).
    shares : int, optional
        Shares delivered on an exercise, as the share registry recorded them (checked).
    holder : str
        The holder's identifier ("" when not given).
    treasury_shares : int, optional
        Of the shares delivered on an exercise, how many were the company's own (treasury)
        shares rather than new shares; None or 0: all new shares (the default). All of them:
        treasury shares only; fewer: a mix (Ordinance on Company Accounting art. 17).
    treasury_cost : int, optional
        The book value (cost) of those treasury shares, yen; required with ``treasury_shares``
        >= 1, and only then.
    """

    date: dt.date
    series: str
    kind: EventKind
    rights: int
    share_price: float | None = None
    shares: int | None = None
    holder: str = ""
    treasury_shares: int | None = None
    treasury_cost: int | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "date", as_date(self.date, field="date"))
        if not isinstance(self.series, str) or not self.series.strip():
            raise InputError(f"series must be a non-blank text, got {self.series!r}")
        set_(self, "kind", EventKind.parse(self.kind, field="kind"))
        set_(self, "rights", _validate.integer("rights", self.rights, minimum=1))
        if self.share_price is not None:
            set_(self, "share_price", _validate.positive("share_price", self.share_price))
        if self.shares is not None:
            set_(self, "shares", _validate.integer("shares", self.shares, minimum=0))
        if not isinstance(self.holder, str):
            raise InputError(f"holder must be a text, got {self.holder!r}")
        for name in ("treasury_shares", "treasury_cost"):
            if getattr(self, name) is not None:
                set_(self, name, _validate.integer(name, getattr(self, name), minimum=0))
        check_treasury(self.kind, self.treasury_shares, self.treasury_cost)


def check_treasury(kind: EventKind, shares: int | None, cost: int | None) -> None:
    """Refuse treasury shares on an event that is not an exercise, or a count without a cost.

    Raises
    ------
    InputError
        Naming the field: ``treasury_shares`` on a lapse, ``treasury_cost`` missing for
        treasury shares delivered, or given for none.
    """
    delivered = bool(shares)
    if delivered and kind is not EventKind.EXERCISE:
        raise InputError(
            f"treasury_shares must be blank for a {kind.value} (only an exercise delivers "
            f"shares), got {shares}"
        )
    if delivered and cost is None:
        raise InputError(
            f"treasury_cost must be given with treasury_shares ({shares}): the book value of "
            "the treasury shares delivered, yen"
        )
    if not delivered and cost is not None:
        raise InputError(
            f"treasury_cost must be blank when no treasury shares are delivered, got {cost}"
        )


@dataclass(frozen=True, kw_only=True, slots=True, eq=False)
class EventTable:
    """Events column-wise: one numpy array per field, sorted by date (stable).

    Attributes
    ----------
    day : int64 array
        Days since 1970-01-01.
    series : int64 array
        Index into the register's series.
    kind : int64 array
        Index into ``tuple(EventKind)``.
    rights : int64 array
        Rights, >= 1.
    share_price : float64 array
        Yen per share; NaN when not given.
    shares : int64 array
        Shares delivered; -1 when not given.
    holder : int64 array
        Index into ``holders``; -1 when not given.
    holders : tuple of str
        The holders' identifiers.
    treasury_shares, treasury_cost : int64 arrays, optional
        Treasury shares delivered on an exercise and their book value, yen (see
        :class:`Event`); -1 when not given. Default: not given on any row.
    """

    day: IntArray
    series: IntArray
    kind: IntArray
    rights: IntArray
    share_price: FloatArray
    shares: IntArray
    holder: IntArray
    holders: tuple[str, ...] = ()
    treasury_shares: IntArray = field(default_factory=lambda: _NONE)
    treasury_cost: IntArray = field(default_factory=lambda: _NONE)

    def __post_init__(self) -> None:
        n = self.day.shape[0]
        for name in ("treasury_shares", "treasury_cost"):
            if getattr(self, name) is _NONE:
                object.__setattr__(self, name, np.full(n, -1, dtype=np.int64))
        for name in _EVENT_ARRAYS[1:]:
            if getattr(self, name).shape != (n,):
                raise InputError(
                    f"event column {name} must have {n} rows, got {getattr(self, name).shape}"
                )
        if n and int(self.rights.min()) < 1:
            raise InputError(f"rights must be >= 1, got {int(self.rights.min())}")
        if n and (int(self.kind.min()) < 0 or int(self.kind.max()) >= len(_KINDS)):
            raise InputError("kind must be one of " + ", ".join(k.value for k in _KINDS))
        given = self.treasury_shares > 0
        if n and bool((given & (self.kind != _EXERCISE)).any()):
            raise InputError("treasury_shares must be blank on an event that is not an exercise")
        if n and bool((given != (self.treasury_cost >= 0)).any()):
            raise InputError(
                "treasury_cost must be given exactly where treasury_shares is >= 1 (the book "
                "value of the treasury shares delivered)"
            )
        if n > 1 and bool(np.any(np.diff(self.day) < 0)):
            order = np.argsort(self.day, kind="stable")
            for name in _EVENT_ARRAYS:
                object.__setattr__(self, name, getattr(self, name)[order])

    @property
    def has_treasury(self) -> bool:
        """True when some exercise delivered treasury shares (layout 3 of the CSV files)."""
        return bool((self.treasury_shares > 0).any())

    def __len__(self) -> int:
        return int(self.day.shape[0])

    @classmethod
    def empty(cls) -> EventTable:
        """A table with no events."""
        i = np.zeros(0, dtype=np.int64)
        return cls(day=i, series=i, kind=i, rights=i, share_price=np.zeros(0), shares=i, holder=i)

    @classmethod
    def from_events(cls, events: Iterable[Event], series_names: Sequence[str]) -> EventTable:
        """Build the table from :class:`Event` rows; an unknown series is an error naming it."""
        index = {name: i for i, name in enumerate(series_names)}
        holders: dict[str, int] = {}
        rows: list[tuple[int, int, int, int, float, int, int, int, int]] = []
        for event in events:
            if not isinstance(event, Event):
                raise InputError(f"events must be Event rows, got {event!r}")
            if event.series not in index:
                raise InputError(
                    f"series {event.series}, {event.date.isoformat()}: unknown series "
                    "(rule: every event names a series of the register)"
                )
            who = holders.setdefault(event.holder, len(holders)) if event.holder else -1
            rows.append(
                (
                    day_number(event.date),
                    index[event.series],
                    _KIND_CODES[event.kind],
                    event.rights,
                    np.nan if event.share_price is None else event.share_price,
                    -1 if event.shares is None else event.shares,
                    who,
                    -1 if event.treasury_shares is None else event.treasury_shares,
                    -1 if event.treasury_cost is None else event.treasury_cost,
                )
            )
        if not rows:
            return cls.empty()
        cols = list(zip(*rows, strict=True))
        as_int = [np.asarray(c if i != 4 else (), dtype=np.int64) for i, c in enumerate(cols)]
        return cls(
            day=as_int[0],
            series=as_int[1],
            kind=as_int[2],
            rights=as_int[3],
            share_price=np.asarray(cols[4], dtype=np.float64),
            shares=as_int[5],
            holder=as_int[6],
            holders=tuple(holders),
            treasury_shares=as_int[7],
            treasury_cost=as_int[8],
        )

    def rows(self, series_names: Sequence[str]) -> Iterator[Event]:
        """The events as :class:`Event` rows, in date order."""
        for i in range(len(self)):
            price = float(self.share_price[i])
            shares = int(self.shares[i])
            who = int(self.holder[i])
            treasury, cost = int(self.treasury_shares[i]), int(self.treasury_cost[i])
            yield Event(
                date=day_from_number(int(self.day[i])),
                series=series_names[int(self.series[i])],
                kind=_KINDS[int(self.kind[i])],
                rights=int(self.rights[i]),
                share_price=None if np.isnan(price) else price,
                shares=None if shares < 0 else shares,
                holder="" if who < 0 else self.holders[who],
                treasury_shares=None if treasury < 0 else treasury,
                treasury_cost=None if cost < 0 else cost,
            )


@dataclass(frozen=True, kw_only=True, slots=True)
class Holder:
    """A holder's identifier and status (for the window check of clause (11))."""

    name: str
    status: HolderStatus


@dataclass(frozen=True, kw_only=True, slots=True, eq=False)
class Register:
    """Every series, their events, the company's corporate actions and restructurings.

    Attributes
    ----------
    series : tuple of Series
        Unique names.
    events : EventTable
        See :meth:`from_events` to build it from :class:`Event` rows.
    actions : tuple of CorporateAction
        The company's actions, shared by every series (each series applies only those after
        its allotment, clause (3)).
    restructurings : tuple of Restructuring
        The company's restructurings; each series' rights become the Restructured Company's on
        the effective date (clause (9)).
    holders : tuple of Holder
        Holder statuses, for the window check (optional).
    window_rules : ExerciseRules, optional
        The plan's window rules for that check (lengths, the last-day rule, holidays); its
        exercise period is ignored (each series' own is checked apart). Default: the
        resolution's (10 days, 6 months, a last day moved to the next business day).
    company : str
        The company's name, for the reports.
    """

    series: tuple[Series, ...]
    events: EventTable = field(default_factory=EventTable.empty)
    actions: tuple[CorporateAction, ...] = ()
    restructurings: tuple[Restructuring, ...] = ()
    holders: tuple[Holder, ...] = ()
    window_rules: ExerciseRules | None = None
    company: str = ""

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "series", tuple(self.series))
        if self.window_rules is not None and not isinstance(self.window_rules, ExerciseRules):
            raise InputError(f"window_rules must be ExerciseRules, got {self.window_rules!r}")
        set_(self, "actions", tuple(self.actions))
        set_(
            self,
            "restructurings",
            tuple(sorted(self.restructurings, key=lambda r: r.effective_date)),
        )
        set_(self, "holders", tuple(self.holders))
        if not self.series:
            raise InputError("series must list at least one series, got none")
        seen: set[str] = set()
        for item in self.series:
            if not isinstance(item, Series):
                raise InputError(f"series must be Series rows, got {item!r}")
            if item.name in seen:
                raise InputError(
                    f"series {item.name}: the name is given twice (rule: unique names)"
                )
            seen.add(item.name)
        for i, action in enumerate(self.actions):
            if not isinstance(action, CorporateAction):
                raise InputError(f"actions[{i}] must be a CorporateAction, got {action!r}")
        for i, deal in enumerate(self.restructurings):
            if not isinstance(deal, Restructuring):
                raise InputError(f"restructurings[{i}] must be a Restructuring, got {deal!r}")
        if len(self.events) and int(self.events.series.max()) >= len(self.series):
            raise InputError("events name a series index beyond the register's series")

    @classmethod
    def from_events(
        cls,
        *,
        series: Sequence[Series],
        events: Iterable[Event] = (),
        actions: Sequence[CorporateAction] = (),
        restructurings: Sequence[Restructuring] = (),
        holders: Sequence[Holder] = (),
        window_rules: ExerciseRules | None = None,
        company: str = "",
    ) -> Register:
        """A register from :class:`Event` rows (the table is built for you)."""
        names = [s.name for s in series]
        return cls(
            series=tuple(series),
            events=EventTable.from_events(events, names),
            actions=tuple(actions),
            restructurings=tuple(restructurings),
            holders=tuple(holders),
            window_rules=window_rules,
            company=company,
        )

    @property
    def names(self) -> tuple[str, ...]:
        """The series' names in register order."""
        return tuple(s.name for s in self.series)

    def event_rows(self) -> Iterator[Event]:
        """Every event as an :class:`Event` row, in date order."""
        return self.events.rows(self.names)

    def series_named(self, name: str) -> Series:
        """The series called ``name``; an InputError names an unknown one."""
        for item in self.series:
            if item.name == name:
                return item
        raise InputError(f"series must be one of the register's, got {name!r}")


# --- shares per right and the share basis ---------------------------------------------------


def shares_per_right_on(
    register: Register, series: Series, day: object, *, known_on: object | None = None
) -> int:
    """Shares per right of ``series`` on ``day`` as known on ``known_on`` (clauses (3), (9)).

    The company's actions after the allotment apply step by step
    (:func:`stockrights.adjustment.adjusted_shares_per_right`); on a restructuring's effective
    date the number becomes ``floor(shares before x share_ratio)``
    (:func:`stockrights.restructuring.map_to_restructured_company`), and the company's later
    actions (read as the Restructured Company's) apply to that number. An action that applies
    from the effective date itself applies after the restructuring.

    Returns 0 before the allotment.
    """
    when = as_date(day, field="day")
    known = when if known_on is None else as_date(known_on, field="known_on")
    if when < series.allotment_date:
        return 0
    shares = series.shares_per_right
    start = series.allotment_date
    for deal in register.restructurings:
        if deal.effective_date <= start or deal.effective_date > series.exercise_period_end:
            continue
        if when < deal.effective_date:
            break
        before = adjusted_shares_per_right(
            base_shares=shares,
            actions=register.actions,
            as_of=deal.effective_date - _ONE_DAY,
            allotment_date=start,
            known_on=known,
        ).shares_per_right
        shares = map_to_restructured_company(
            rights=1,
            shares_per_right=before,
            restructuring=deal,
            exercise_period_start=series.exercise_period_start,
            exercise_period_end=series.exercise_period_end,
            exercise_price=series.exercise_price,
        ).shares_per_right
        start = deal.effective_date - _ONE_DAY
    return adjusted_shares_per_right(
        base_shares=shares,
        actions=register.actions,
        as_of=when,
        allotment_date=start,
        known_on=known,
    ).shares_per_right


def shares_per_right_at(register: Register, day: object) -> IntArray:
    """Shares per right of every series on ``day`` (as known on it), in register order.

    Series whose number cannot differ (the same shares at allotment, the same actions and
    restructurings after their allotment) are computed once: clause (3) looks only at the
    actions after the allotment.
    """
    when = as_date(day, field="day")
    cache: dict[tuple[object, ...], int] = {}
    out = np.zeros(len(register.series), dtype=np.int64)
    for k, series in enumerate(register.series):
        if when < series.allotment_date:
            continue
        key = (
            series.shares_per_right,
            series.exercise_price,
            tuple(a for a in register.actions if a.scheduled_from() > series.allotment_date),
            tuple(
                r
                for r in register.restructurings
                if series.allotment_date < r.effective_date <= series.exercise_period_end
            ),
        )
        if key not in cache:
            cache[key] = shares_per_right_on(register, series, when)
        out[k] = cache[key]
    return out


def share_basis_factor(register: Register, day: object, *, known_on: object) -> float:
    """Shares today per share of ``day``: the product of the ratios applied after ``day``.

    Every corporate action (and restructuring share ratio) that applies after ``day`` and on or
    before ``known_on`` multiplies the factor; a price of ``day`` is restated to the basis of
    ``known_on`` by dividing by it (a 1:2 split halves a price). No rounding.
    """
    when = as_date(day, field="day")
    known = as_date(known_on, field="known_on")
    factor = 1.0
    for action in register.actions:
        start = action.applies_from(known_on=known)
        if start is not None and when < start <= known:
            factor *= action.ratio
    for deal in register.restructurings:
        if when < deal.effective_date <= known:
            factor *= deal.share_ratio
    return factor


def _breakpoints(register: Register) -> list[dt.date]:
    days: set[dt.date] = set()
    for action in register.actions:
        days.add(action.scheduled_from())
        if action.kind is ActionKind.CONDITIONAL_SPLIT and action.meeting_date is not None:
            days.add(action.meeting_date + _ONE_DAY)
    for deal in register.restructurings:
        days.add(deal.effective_date)
    return sorted(days)


def shares_per_right_steps(register: Register, series: Series) -> tuple[IntArray, IntArray]:
    """Shares per right of ``series`` as a step function of the day (as known on that day).

    Returns ``(days, values)``: the number on day ``d`` is ``values[k]`` for the last ``k`` with
    ``days[k] <= d`` (day numbers since 1970-01-01; the first day is the allotment).
    """
    days = [series.allotment_date] + [
        d for d in _breakpoints(register) if d > series.allotment_date
    ]
    values = [shares_per_right_on(register, series, d) for d in days]
    return np.asarray([day_number(d) for d in days], dtype=np.int64), np.asarray(
        values, dtype=np.int64
    )


# --- reconcile ----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class Problem:
    """One breach of a register rule.

    Attributes
    ----------
    series : str
    date : datetime.date
    rule : str
        ``outstanding``, ``exercise period``, ``vesting``, ``holder window``,
        ``shares delivered``, ``treasury shares``, ``control total`` or
        ``lapse not recorded``.
    message : str
        One line: ``series <name>, <date>: <what> (rule: <rule>)``.
    """

    series: str
    date: dt.date
    rule: str
    message: str


class ReconcileError(InputError):
    """A register breaks a rule; the message is the first problem's line (and how many more)."""


def _problem(series: str, day: dt.date, rule: str, what: str) -> Problem:
    return Problem(
        series=series,
        date=day,
        rule=rule,
        message=f"series {series}, {day.isoformat()}: {what} (rule: {rule})",
    )


def _series_arrays(register: Register) -> dict[str, IntArray]:
    s = register.series
    return {
        "allot": np.asarray([day_number(x.allotment_date) for x in s], dtype=np.int64),
        "start": np.asarray([day_number(x.exercise_period_start) for x in s], dtype=np.int64),
        "end": np.asarray([day_number(x.exercise_period_end) for x in s], dtype=np.int64),
        "vests": np.asarray([day_number(x.vests_on) for x in s], dtype=np.int64),
        "allotted": np.asarray([x.rights_allotted for x in s], dtype=np.int64),
    }


def _first(mask: npt.NDArray[np.bool_]) -> int | None:
    hits = np.flatnonzero(mask)
    return int(hits[0]) if hits.size else None


def reconcile(
    register: Register, *, as_of: object | None = None, limit: int = 100
) -> tuple[Problem, ...]:
    """Every breach of the register's rules (see the module docstring), at most ``limit``.

    Parameters
    ----------
    register : Register
    as_of : date, optional
        Also check that no rights are left outstanding in a series whose exercise period ended
        on or before this day (a lapse must be recorded).
    limit : int
        Stop after this many problems (the first problems, in rule then date order).

    Returns
    -------
    tuple of Problem
        Empty when the register reconciles.
    """
    ev = register.events
    names = register.names
    arr = _series_arrays(register)
    problems: list[Problem] = []
    sidx, day, rights = ev.series, ev.day, ev.rights
    is_ex = ev.kind == _EXERCISE

    # outstanding: cumulative removals per series never exceed the allotment
    if len(ev):
        order = np.lexsort((day, sidx))
        s_sorted, r_sorted = sidx[order], rights[order]
        cum = np.cumsum(r_sorted)
        starts = np.r_[0, np.flatnonzero(np.diff(s_sorted)) + 1]
        offsets = np.repeat(cum[starts] - r_sorted[starts], np.diff(np.r_[starts, len(order)]))
        running = cum - offsets
        over = running > arr["allotted"][s_sorted]
        k = _first(over)
        if k is not None:
            i = int(order[k])
            before = int(arr["allotted"][s_sorted[k]] - (running[k] - r_sorted[k]))
            problems.append(
                _problem(
                    names[int(sidx[i])],
                    day_from_number(int(day[i])),
                    "outstanding",
                    f"{_KINDS[int(ev.kind[i])].value} of {int(rights[i])} rights exceeds the "
                    f"{before} outstanding",
                )
            )

    # exercise period and allotment
    start, end, allot = arr["start"][sidx], arr["end"][sidx], arr["allot"][sidx]
    bad = (is_ex & ((day < start) | (day > end))) | (~is_ex & ((day < allot) | (day > end)))
    for i in np.flatnonzero(bad)[: limit - len(problems)]:
        s = register.series[int(sidx[i])]
        what = (
            f"exercise outside the exercise period {s.exercise_period_start.isoformat()} to "
            f"{s.exercise_period_end.isoformat()}"
            if is_ex[i]
            else f"{_KINDS[int(ev.kind[i])].value} outside {s.allotment_date.isoformat()} "
            f"(allotment) to {s.exercise_period_end.isoformat()} (end of the exercise period)"
        )
        problems.append(_problem(s.name, day_from_number(int(day[i])), "exercise period", what))

    # vesting
    has_vesting = np.asarray([s.vesting_date is not None for s in register.series], dtype=bool)
    early = is_ex & has_vesting[sidx] & (day < arr["vests"][sidx])
    for i in np.flatnonzero(early)[: max(0, limit - len(problems))]:
        s = register.series[int(sidx[i])]
        problems.append(
            _problem(
                s.name,
                day_from_number(int(day[i])),
                "vesting",
                f"exercise before the vesting date {s.vests_on.isoformat()}",
            )
        )

    problems += _window_problems(register, limit - len(problems))
    problems += _shares_problems(register, limit - len(problems))
    problems += _control_problems(register, arr)
    if as_of is not None:
        problems += _unrecorded_lapses(register, arr, as_date(as_of, field="as_of"))
    return tuple(problems[: max(limit, 0)])


def _window_problems(register: Register, limit: int) -> list[Problem]:
    ev = register.events
    if not register.holders or not len(ev) or limit <= 0:
        return []
    status = {h.name: h.status for h in register.holders}
    lo = min(s.exercise_period_start for s in register.series)
    hi = max(s.exercise_period_end for s in register.series)
    # the series that share window rules are checked together (most registers: one group),
    # each over the widest period (the period itself is checked apart)
    groups: dict[ExerciseRules, list[int]] = {}
    for k, series in enumerate(register.series):
        rules = dataclasses.replace(
            series.window_rules(register.window_rules),
            exercise_period_start=lo,
            exercise_period_end=hi,
        )
        groups.setdefault(rules, []).append(k)
    out: list[Problem] = []
    for rules, members in groups.items():
        mine = np.isin(ev.series, np.asarray(members, dtype=np.int64))
        out += _window_group_problems(register, rules, mine, status, limit - len(out))
    return out


def _window_group_problems(
    register: Register,
    rules: ExerciseRules,
    mine: npt.NDArray[np.bool_],
    status: dict[str, HolderStatus],
    limit: int,
) -> list[Problem]:
    """The exercises of the series in ``mine`` outside their holder's windows under ``rules``."""
    ev = register.events
    if limit <= 0:
        return []
    # each holder's windows once
    opens = np.full(len(ev.holders), 0, dtype=np.int64)
    closes = np.full(len(ev.holders), -1, dtype=np.int64)
    opens2 = np.full(len(ev.holders), 0, dtype=np.int64)
    closes2 = np.full(len(ev.holders), -1, dtype=np.int64)
    known = np.zeros(len(ev.holders), dtype=bool)
    for k, name in enumerate(ev.holders):
        if name not in status:
            continue
        known[k] = True
        windows = exercise_windows(status=status[name], rules=rules)
        for j, w in enumerate(windows[:2]):
            (opens if j == 0 else opens2)[k] = day_number(w.opens)
            (closes if j == 0 else closes2)[k] = day_number(w.closes)
    h = ev.holder
    has = mine & (ev.kind == _EXERCISE) & (h >= 0)
    hh = np.where(has, h, 0)
    inside = ((ev.day >= opens[hh]) & (ev.day <= closes[hh])) | (
        (ev.day >= opens2[hh]) & (ev.day <= closes2[hh])
    )
    bad = has & known[hh] & ~inside
    out = []
    for i in np.flatnonzero(bad)[:limit]:
        name = ev.holders[int(h[i])]
        when = day_from_number(int(ev.day[i]))
        windows = exercise_windows(status=status[name], rules=rules)
        shown = (
            ", ".join(f"{w.opens.isoformat()} to {w.closes.isoformat()}" for w in windows) or "none"
        )
        out.append(
            _problem(
                register.series[int(ev.series[i])].name,
                when,
                "holder window",
                f"exercise by holder {name} outside the holder's windows ({shown}, clause 11)",
            )
        )
    return out


def _shares_problems(register: Register, limit: int) -> list[Problem]:
    ev = register.events
    exercise = ev.kind == _EXERCISE
    recorded = exercise & (ev.shares >= 0)
    treasury = exercise & (ev.treasury_shares > 0)
    if not bool((recorded | treasury).any()) or limit <= 0:
        return []
    expected = shares_delivered(register)
    bad = recorded & (ev.shares != expected)
    too_many = treasury & (ev.treasury_shares > expected)
    out = []
    for i in np.flatnonzero(bad | too_many)[:limit]:
        rights = int(ev.rights[i])
        per = int(expected[i]) // rights
        name = register.series[int(ev.series[i])].name
        when = day_from_number(int(ev.day[i]))
        if bad[i]:
            out.append(
                _problem(
                    name,
                    when,
                    "shares delivered",
                    f"{int(ev.shares[i])} shares recorded for {rights} rights, expected "
                    f"{int(expected[i])} ({rights} x {per} shares per right, clause 3)",
                )
            )
        else:
            out.append(
                _problem(
                    name,
                    when,
                    "treasury shares",
                    f"{int(ev.treasury_shares[i])} treasury shares delivered exceed the "
                    f"{int(expected[i])} shares delivered ({rights} x {per} shares per right)",
                )
            )
    return out


def shares_delivered(register: Register) -> IntArray:
    """Shares delivered per event: rights x shares per right on the day (0 for non-exercises).

    Clause (3) step by step (:func:`shares_per_right_steps`); fractions never arise because the
    shares per right are whole at every step (clause (10)).
    """
    ev = register.events
    out = np.zeros(len(ev), dtype=np.int64)
    exercise = ev.kind == _EXERCISE
    for k, series in enumerate(register.series):
        mine = exercise & (ev.series == k)
        if not bool(mine.any()):
            continue
        days, values = shares_per_right_steps(register, series)
        pos = np.searchsorted(days, ev.day[mine], side="right") - 1
        out[mine] = values[pos] * ev.rights[mine]
    return out


def _removed_up_to(register: Register, day: IntArray) -> IntArray:
    """Rights removed (every kind) per series up to and including ``day[series]``."""
    ev = register.events
    mask = ev.day <= day[ev.series]
    return np.bincount(
        ev.series[mask], weights=ev.rights[mask], minlength=len(register.series)
    ).astype(np.int64)


def _control_problems(register: Register, arr: dict[str, IntArray]) -> list[Problem]:
    checked = [k for k, s in enumerate(register.series) if s.outstanding_as_of is not None]
    if not checked:
        return []
    when = np.zeros(len(register.series), dtype=np.int64)
    for k in checked:
        as_of = register.series[k].outstanding_as_of
        assert as_of is not None
        when[k] = day_number(as_of)
    removed = _removed_up_to(register, when)
    out = []
    for k in checked:
        s = register.series[k]
        computed = int(arr["allotted"][k] - removed[k]) if when[k] >= arr["allot"][k] else 0
        if computed != s.rights_outstanding:
            assert s.outstanding_as_of is not None
            out.append(
                _problem(
                    s.name,
                    s.outstanding_as_of,
                    "control total",
                    f"the registry's {s.rights_outstanding} rights outstanding differ from "
                    f"{computed} = {s.rights_allotted} allotted - {int(removed[k])} exercised, "
                    "lapsed, forfeited or cancelled",
                )
            )
    return out


def _unrecorded_lapses(
    register: Register, arr: dict[str, IntArray], as_of: dt.date
) -> list[Problem]:
    ended = arr["end"] < day_number(as_of)
    if not bool(ended.any()):
        return []
    removed = _removed_up_to(register, arr["end"])
    left = arr["allotted"] - removed
    out = []
    for k in np.flatnonzero(ended & (left > 0)):
        s = register.series[int(k)]
        out.append(
            _problem(
                s.name,
                s.exercise_period_end,
                "lapse not recorded",
                f"{int(left[k])} rights still outstanding when the exercise period ended",
            )
        )
    return out


def check_register(register: Register, *, as_of: object | None = None) -> None:
    """Raise :class:`ReconcileError` with the first problem's line when a rule is broken."""
    problems = reconcile(register, as_of=as_of)
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise ReconcileError(problems[0].message + more)
