"""The securities report's stock-option disclosures for a fiscal year, from the register.

For a fiscal year end, :func:`disclose` returns what the annual securities report prints:

- the note (ストック・オプション等関係): ① the number of options per series **in shares**, before
  vesting (beginning, granted, forfeited, vested, unvested balance) and after vesting
  (beginning, vested, exercised, lapsed, outstanding); ② unit prices (exercise price, average
  share price at exercise, fair value per share at grant); the valuation inputs of the year's
  grants; the expense for the year and the gain on lapsed rights;
- the 新株予約権等の状況 table per series at the year end;
- the journal for the year; the shares issuable at the year end (dilution).

Restatement (disclosure.md §2.2): every count is ``rights x shares per right at the year end``,
as if each split, consolidation and restructuring effective by the year end had happened before
the year began; the fair value per share is ``fair value at grant x shares per right at grant /
shares per right at the year end``; share prices at exercise are divided by the product of the
ratios applied after the exercise day. The exercise price per share is not restated by default:
clause (4) keeps it at 1 yen per share and lets the amount per right grow with the shares
(``restate_exercise_price=True`` restates it like the fair value, for plans whose price per
share is adjusted).

Routing (disclosure.md §1.3, §2.5), with ``y0`` the previous year end and ``y1`` this one, and
``V`` the vesting date:

- a series with a vesting date is unvested before ``V`` and vested from ``V``; a lapse,
  forfeiture or cancellation before ``V`` is 失効 of the unvested block, from ``V`` of the vested
  block; 権利確定 is the rights outstanding just before ``V`` when ``V`` falls in the year;
- without a vesting date and ``grant_year="vested"`` (variant B), ``V`` is the allotment date;
- without a vesting date and ``grant_year="unvested"`` (variant A, the default): in the grant
  year the grant stays unvested (付与 N, 失効 the year's lapses, 権利確定 the rights exercised in
  the year, 未確定残 the rest); in later years the series sits wholly in the vested block, so its
  vested 前期末 equals last year's 未確定残 plus 未行使残.

Arithmetic that always holds (and is checked before anything is returned): 未確定残 = 前期末 +
付与 - 失効 - 権利確定; 未行使残 = 前期末 + 権利確定 - 権利行使 - 失効.

Accounting (disclosure.md §4): the book value per right is the amount paid per right
(:attr:`stockrights.register.Series.book_value_per_right`). Expense: for a series with a vesting
date, the book value x (rights allotted - rights forfeited before vesting) spread evenly over
the days from allotment to vesting (cumulative amount rounded down to the yen, the remainder
falling in the vesting year); without one, all of it on the allotment date. Gain on lapsed rights
(新株予約権戻入益): book value x rights lapsed, forfeited or cancelled on or after ``V``.
Exercise: cash and book value to capital stock and reserve per exercise (or per series and
day); an exercise satisfied with treasury shares, wholly or in part, credits 自己株式 at cost and
the difference to その他資本剰余金, the capital increase applying only to the new shares' part
(:func:`exercise_lines`, art. 17). The amount tables print both years (the prior year is the
same rules run for the prior year end), in the unit of ``settings.amount_unit`` (:func:`in_unit`).

References
----------
ASBJ Statement No. 8, Guidance No. 11; Ordinance on Company Accounting art. 17;
``../shared/docs/disclosure.md`` (every section).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from stockrights import _validate
from stockrights.adjustment import CorporateAction, exercise_amount_per_right
from stockrights.dates import as_date
from stockrights.errors import InputError
from stockrights.exercise import capital_split
from stockrights.register import (
    DEFAULT_EXPENSE_LINE,
    EventKind,
    GrantYear,
    IntArray,
    Register,
    Series,
    check_register,
    day_from_number,
    day_number,
    share_basis_factor,
    shares_per_right_at,
    shares_per_right_steps,
    split_expense,
)
from stockrights.restructuring import Restructuring
from stockrights.rounding import ceil_yen, half_up_yen, snap

__all__ = [
    "ACCOUNTS",
    "AmountRounding",
    "AmountUnit",
    "AveragePriceWeighting",
    "CapitalRounding",
    "Disclosure",
    "DisclosureSettings",
    "EntryLine",
    "ExpenseByLine",
    "Fact",
    "JournalEntry",
    "MixRounding",
    "OptionCounts",
    "SeriesAccounting",
    "StatusRow",
    "TreasuryLoss",
    "UnitPrices",
    "ValuationInputs",
    "count_options",
    "disclose",
    "exercise_lines",
    "in_unit",
    "previous_year_end",
]

_EXERCISE = list(EventKind).index(EventKind.EXERCISE)


class AveragePriceWeighting(_validate.Option):
    """How 行使時平均株価 is averaged within one series (disclosure.md §2.7, unconfirmed)."""

    SHARES = "shares"
    """Weighted by the shares exercised (the default: the natural reading of Guidance No. 11)."""
    SIMPLE = "simple"
    """A plain average of the exercise-day prices, one per exercise."""


class MixRounding(_validate.Option):
    """How the new-share part of an exercise's consideration is rounded to the yen (a mix).

    Art. 17 of the Ordinance on Company Accounting multiplies the consideration (the rights'
    book value plus the cash paid) by the share-issue ratio (new shares / shares delivered); it
    does not say how a fraction of a yen is rounded (unconfirmed, disclosure.md §4). The treasury
    shares' part (自己株式対価額) is the rest, so the two always add up to the consideration.
    """

    DOWN = "down"
    """The new-share part rounded down (the default: the legal capital is not overstated)."""
    HALF_UP = "half_up"
    """Rounded half-up (四捨五入)."""
    UP = "up"
    """Rounded up."""


class TreasuryLoss(_validate.Option):
    """Where a loss on the treasury shares of a mixed exercise goes (自己株式処分差損)."""

    CAPITAL_FIRST = "capital_first"
    """Art. 17(1) item 5 (the default): the loss reduces the capital increase limit (not below
    zero) and only the rest reduces other capital surplus. With treasury shares only, the
    limit is zero and the whole loss goes to other capital surplus either way."""
    SURPLUS = "surplus"
    """The whole loss to other capital surplus (ASBJ Statement No. 1 para. 10 read alone); the
    capital increase is the new-share part undiminished."""


class AmountUnit(_validate.Option):
    """The unit of the note's amount tables (費用計上額, 失効益), as filers state it (§1.1)."""

    YEN = "yen"
    """円 (the default: every amount as the register books it)."""
    THOUSAND_YEN = "thousand_yen"
    """千円 (e.g. 3,394 千円, E02970)."""
    MILLION_YEN = "million_yen"
    """百万円 (e.g. 17 / 14 百万円, E03760)."""

    @property
    def divisor(self) -> int:
        """Yen per unit."""
        return {"yen": 1, "thousand_yen": 1_000, "million_yen": 1_000_000}[self.value]


class AmountRounding(_validate.Option):
    """How an amount is brought to the note's unit (unconfirmed: filers do not say)."""

    DOWN = "down"
    """切捨て toward zero (the default: the usual reading of 千円未満切捨て)."""
    HALF_UP = "half_up"
    """四捨五入, half away from zero."""


class CapitalRounding(_validate.Option):
    """Where capital stock is rounded up on exercise (disclosure.md §4, unconfirmed)."""

    PER_EXERCISE = "per_exercise"
    """Each exercise event is booked on its own (the default: one exercise notice, one entry)."""
    PER_DAY = "per_day"
    """The exercises of one series on one day are booked together."""


@dataclass(frozen=True, kw_only=True, slots=True)
class DisclosureSettings:
    """Where filers' practice differs or is unconfirmed: each choice, with its default.

    Attributes
    ----------
    consolidated : bool
        True (default): consolidated labels (前連結会計年度末); False: non-consolidated
        (前事業年度末) (disclosure.md §2.6). Labels only.
    fair_value_decimals : int
        Decimals of the restated fair value per share (and so of 発行価格), rounded half-up;
        default 2 (a fair value of 1.28 is printed by E03512; sen in 発行価格 are unconfirmed).
    average_price_decimals : int
        Decimals of 行使時平均株価, rounded half-up; default 0 (whole yen, as E31815 prints).
    average_price_weighting : AveragePriceWeighting
        ``shares`` (default) or ``simple``.
    capital_rounding : CapitalRounding
        ``per_exercise`` (default) or ``per_day``.
    offset_remuneration_claims : bool
        True (default): the allotment is booked as remuneration granted as a monetary claim and
        set off against the rights' payment (two entries; disclosure.md §4, jsd-69586); False:
        one entry, expense against stock acquisition rights.
    restate_exercise_price : bool
        False (default, clause (4): 1 yen per share whatever the shares per right); True:
        restate it like the fair value.
    mix_rounding : MixRounding
        An exercise delivering new and treasury shares: how the new-share part of the
        consideration is rounded to the yen (``down``, default; ``half_up``; ``up``).
    treasury_loss : TreasuryLoss
        A loss on the treasury shares of a mix: ``capital_first`` (default, art. 17(1) item 5)
        or ``surplus``.
    amount_unit : AmountUnit
        The unit of the note's expense and gain tables: ``yen`` (default), ``thousand_yen``,
        ``million_yen`` (printing only: every amount of the disclosure stays in yen).
    amount_rounding : AmountRounding
        How an amount is brought to that unit: ``down`` (default, toward zero) or ``half_up``.
    """

    consolidated: bool = True
    fair_value_decimals: int = 2
    average_price_decimals: int = 0
    average_price_weighting: AveragePriceWeighting = AveragePriceWeighting.SHARES
    capital_rounding: CapitalRounding = CapitalRounding.PER_EXERCISE
    offset_remuneration_claims: bool = True
    restate_exercise_price: bool = False
    mix_rounding: MixRounding = MixRounding.DOWN
    treasury_loss: TreasuryLoss = TreasuryLoss.CAPITAL_FIRST
    amount_unit: AmountUnit = AmountUnit.YEN
    amount_rounding: AmountRounding = AmountRounding.DOWN

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "amount_unit", AmountUnit.parse(self.amount_unit, field="amount_unit"))
        set_(
            self,
            "amount_rounding",
            AmountRounding.parse(self.amount_rounding, field="amount_rounding"),
        )
        set_(self, "mix_rounding", MixRounding.parse(self.mix_rounding, field="mix_rounding"))
        set_(self, "treasury_loss", TreasuryLoss.parse(self.treasury_loss, field="treasury_loss"))
        for name in ("fair_value_decimals", "average_price_decimals"):
            value = _validate.integer(name, getattr(self, name), minimum=0)
            if value > 6:
                raise InputError(f"{name} must be <= 6, got {value}")
            set_(self, name, value)
        set_(
            self,
            "average_price_weighting",
            AveragePriceWeighting.parse(
                self.average_price_weighting, field="average_price_weighting"
            ),
        )
        set_(
            self,
            "capital_rounding",
            CapitalRounding.parse(self.capital_rounding, field="capital_rounding"),
        )
        for name in ("consolidated", "offset_remuneration_claims", "restate_exercise_price"):
            if not isinstance(getattr(self, name), bool):
                raise InputError(f"{name} must be true or false, got {getattr(self, name)!r}")


def in_unit(amount: int, settings: DisclosureSettings) -> int:
    """An amount in yen brought to the note's unit (``settings.amount_unit``).

    Toward zero (``down``) or half away from zero (``half_up``), so a net reversal prints as
    the same figure with △: -1,720,600 yen is △1,720 千円 (E24158 prints △1,720 千円).

    Examples
    --------
    >>> in_unit(3_394_340, DisclosureSettings(amount_unit="thousand_yen"))
    3394
    """
    unit = settings.amount_unit.divisor
    size = abs(amount)
    if settings.amount_rounding is AmountRounding.DOWN:
        whole = size // unit
    else:
        whole = (2 * size + unit) // (2 * unit)
    return whole if amount >= 0 else -whole


def _round_half_up(value: float, decimals: int) -> float:
    """Round half-up (四捨五入) to ``decimals`` places, float-safe (via :func:`half_up_yen`)."""
    scale = float(10**decimals)
    return half_up_yen(value * scale) / scale


@dataclass(frozen=True, kw_only=True, slots=True)
class OptionCounts:
    """① ストック・オプションの数 of one series, in shares restated to the year end."""

    series: str
    unvested_beginning: int
    granted: int
    unvested_forfeited: int
    unvested_vested: int
    unvested_balance: int
    vested_beginning: int
    vested: int
    exercised: int
    vested_lapsed: int
    outstanding: int
    shares_per_right: int
    allotted: int = 0
    """Rights allotted x shares per right at the year end (株式の種類別の…数)."""

    def __post_init__(self) -> None:
        pre = (
            self.unvested_beginning + self.granted - self.unvested_forfeited - self.unvested_vested
        )
        post = self.vested_beginning + self.vested - self.exercised - self.vested_lapsed
        if (
            pre != self.unvested_balance
            or post != self.outstanding
            or self.vested != self.unvested_vested
        ):
            raise InputError(
                f"series {self.series}: the roll-forward must add up (未確定残 {pre}, "
                f"未行使残 {post}), got {self.unvested_balance} and {self.outstanding}"
            )


@dataclass(frozen=True, kw_only=True, slots=True)
class UnitPrices:
    """② 単価情報 of one series, yen per share restated to the year end (None prints '-')."""

    series: str
    exercise_price: float
    average_at_exercise: float | None
    fair_value_at_grant: float | None


@dataclass(frozen=True, kw_only=True, slots=True)
class ValuationInputs:
    """The valuation inputs of a grant of the year (公正な評価単価の見積方法)."""

    series: str
    technique: str
    volatility: float | None
    term_years: float | None
    dividend_per_share: float | None
    risk_free_rate: float | None


@dataclass(frozen=True, kw_only=True, slots=True)
class StatusRow:
    """One series of 新株予約権等の状況 at the year end (restated)."""

    series: str
    resolution_date: dt.date | None
    persons: str
    rights: int
    own_rights: int
    shares: int
    shares_per_right: int
    exercise_price: float
    exercise_amount_per_right: float
    exercise_period_start: dt.date
    exercise_period_end: dt.date
    issue_price: float
    capital_per_share: int
    conditions: str


@dataclass(frozen=True, kw_only=True, slots=True)
class SeriesAccounting:
    """Expense and gain of one series for the year, yen."""

    series: str
    expense: int
    lapse_gain: int
    book_value_per_right: int
    balance_end: int
    """Stock acquisition rights (新株予約権) carried at the year end for the series."""


@dataclass(frozen=True, kw_only=True, slots=True)
class ExpenseByLine:
    """One row of 費用計上額及び科目名: a P&L line and its expense, prior and current year, yen.

    Each series' expense of a year is split across the series' lines by
    :func:`stockrights.register.split_expense` (largest remainder, to the yen), and the lines of
    every series are added up by label; so the rows sum exactly to the year's expense.
    """

    label: str
    prior: int
    current: int


@dataclass(frozen=True, kw_only=True, slots=True)
class EntryLine:
    """One line of an entry: an account key (see :data:`ACCOUNTS`) and a debit or a credit."""

    account: str
    debit: int = 0
    credit: int = 0


ACCOUNTS = (
    "share_based_compensation",
    "remuneration_claims",
    "stock_acquisition_rights",
    "cash_and_deposits",
    "capital_stock",
    "capital_reserve",
    "gain_on_lapse",
    "treasury_stock",
    "other_capital_surplus",
)
"""The account keys of the journal (labels in the glossary and the register catalogue)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class JournalEntry:
    """One journal entry of the year.

    ``kind`` is ``allotment``, ``offset``, ``expense``, ``exercise`` or ``lapse``; ``rights``
    and ``shares`` are the rights and the (actual, not restated) shares concerned;
    ``treasury_shares`` of those shares were treasury shares (an exercise; 0: all new).
    """

    date: dt.date
    series: str
    kind: str
    rights: int
    shares: int
    lines: tuple[EntryLine, ...]
    treasury_shares: int = 0

    def __post_init__(self) -> None:
        debit = sum(line.debit for line in self.lines)
        credit = sum(line.credit for line in self.lines)
        if debit != credit:
            raise InputError(
                f"series {self.series}, {self.date}: journal must balance, got {debit} / {credit}"
            )


@dataclass(frozen=True, slots=True)
class Fact:
    """One number (or date, or text) of the disclosure: the tidy CSV row."""

    table: str
    series: str
    item: str
    value: object


@dataclass(frozen=True, kw_only=True, slots=True)
class Disclosure:
    """Everything the securities report prints on stock options for one fiscal year."""

    fiscal_year_end: dt.date
    previous_year_end: dt.date
    settings: DisclosureSettings
    counts: tuple[OptionCounts, ...]
    prices: tuple[UnitPrices, ...]
    valuations: tuple[ValuationInputs, ...]
    status: tuple[StatusRow, ...]
    accounting: tuple[SeriesAccounting, ...]
    journal: tuple[JournalEntry, ...]
    restatements: tuple[CorporateAction, ...]
    restructurings: tuple[Restructuring, ...]
    illustrative: tuple[str, ...] = field(default=())
    company: str = ""
    series_terms: tuple[Series, ...] = ()
    """The original terms of the series shown (for the contents table)."""
    expense_prior: int = 0
    """株式報酬費用 of the prior year (the same rules, the year before), yen."""
    lapse_gain_prior: int = 0
    """新株予約権戻入益 of the prior year, yen."""
    accounting_prior: tuple[SeriesAccounting, ...] = ()
    """The prior year's expense and gain per series (the same rules, run for the prior year
    end), for the series with an expense or a gain that year."""
    expense_by_line: tuple[ExpenseByLine, ...] = ()
    """The expense table, one row per P&L line (:func:`_expense_by_line`); empty: one row,
    販売費及び一般管理費, with ``expense_prior`` and ``expense``."""

    @property
    def expense_lines(self) -> tuple[ExpenseByLine, ...]:
        """The rows of 費用計上額及び科目名 (at least one: the default line when none is set)."""
        return self.expense_by_line or (
            ExpenseByLine(
                label=DEFAULT_EXPENSE_LINE, prior=self.expense_prior, current=self.expense
            ),
        )

    @property
    def expense(self) -> int:
        """株式報酬費用 of the year, yen (negative: a net reversal, printed with △)."""
        return sum(a.expense for a in self.accounting)

    @property
    def lapse_gain(self) -> int:
        """新株予約権戻入益 of the year, yen."""
        return sum(a.lapse_gain for a in self.accounting)

    @property
    def shares_issuable(self) -> int:
        """Shares issuable on the rights outstanding at the year end (vested and unvested)."""
        return sum(s.shares for s in self.status)

    def facts(self) -> tuple[Fact, ...]:
        """The disclosure as tidy rows ``(table, series, item, value)`` with stable keys."""
        out: list[Fact] = [
            Fact("period", "", "period.fiscal_year_end", self.fiscal_year_end),
            Fact("period", "", "period.previous_year_end", self.previous_year_end),
        ]
        for c in self.counts:
            for key, value in (
                ("options.unvested.beginning", c.unvested_beginning),
                ("options.unvested.granted", c.granted),
                ("options.unvested.forfeited", c.unvested_forfeited),
                ("options.unvested.vested", c.unvested_vested),
                ("options.unvested.balance", c.unvested_balance),
                ("options.vested.beginning", c.vested_beginning),
                ("options.vested.vested", c.vested),
                ("options.vested.exercised", c.exercised),
                ("options.vested.lapsed", c.vested_lapsed),
                ("options.vested.outstanding", c.outstanding),
                ("options.allotted", c.allotted),
            ):
                out.append(Fact("options", c.series, key, value))
        for p in self.prices:
            out.append(Fact("prices", p.series, "price.exercise", p.exercise_price))
            out.append(Fact("prices", p.series, "price.average_at_exercise", p.average_at_exercise))
            out.append(Fact("prices", p.series, "price.fair_value_at_grant", p.fair_value_at_grant))
        for v in self.valuations:
            out.append(Fact("valuation", v.series, "valuation.technique", v.technique))
            out.append(Fact("valuation", v.series, "valuation.volatility", v.volatility))
            out.append(Fact("valuation", v.series, "valuation.expected_term_years", v.term_years))
            out.append(
                Fact("valuation", v.series, "valuation.expected_dividend", v.dividend_per_share)
            )
            out.append(Fact("valuation", v.series, "valuation.risk_free_rate", v.risk_free_rate))
        for a in self.accounting:
            out.append(Fact("accounting", a.series, "accounting.expense", a.expense))
            out.append(Fact("accounting", a.series, "accounting.lapse_gain", a.lapse_gain))
            out.append(Fact("accounting", a.series, "accounting.balance_end", a.balance_end))
        out.append(Fact("accounting", "", "accounting.expense", self.expense))
        out.append(Fact("accounting", "", "accounting.expense_prior", self.expense_prior))
        out.append(Fact("accounting", "", "accounting.lapse_gain_prior", self.lapse_gain_prior))
        out.append(Fact("accounting", "", "accounting.lapse_gain", self.lapse_gain))
        for a in self.accounting_prior:
            out.append(Fact("accounting", a.series, "accounting.expense_prior", a.expense))
            out.append(Fact("accounting", a.series, "accounting.lapse_gain_prior", a.lapse_gain))
        if any(x.label != DEFAULT_EXPENSE_LINE for x in self.expense_lines):
            for x in self.expense_lines:
                key = f"accounting.expense_by_line.{x.label}"
                out.append(Fact("accounting", "", key, x.current))
                out.append(
                    Fact("accounting", "", key.replace("expense", "expense_prior", 1), x.prior)
                )
        for s in self.status:
            items: tuple[tuple[str, object], ...] = (
                ("status.rights", s.rights),
                ("status.own_rights", s.own_rights),
                ("status.shares", s.shares),
                ("status.shares_per_right", s.shares_per_right),
                ("status.exercise_price", s.exercise_price),
                ("status.exercise_amount_per_right", s.exercise_amount_per_right),
                ("status.exercise_start", s.exercise_period_start),
                ("status.exercise_end", s.exercise_period_end),
                ("status.issue_price", s.issue_price),
                ("status.capital_per_share", s.capital_per_share),
            )
            out += [Fact("status", s.series, key, value) for key, value in items]
        for n, e in enumerate(self.journal, start=1):
            out.append(Fact("journal", e.series, f"journal.{n}.date", e.date))
            out.append(Fact("journal", e.series, f"journal.{n}.kind", e.kind))
            if e.treasury_shares:
                out.append(
                    Fact("journal", e.series, f"journal.{n}.treasury_shares", e.treasury_shares)
                )
            for line in e.lines:
                side, amount = ("debit", line.debit) if line.debit else ("credit", line.credit)
                out.append(Fact("journal", e.series, f"journal.{n}.{line.account}.{side}", amount))
        for s in self.status:
            out.append(Fact("dilution", s.series, "dilution.shares_issuable", s.shares))
        out.append(Fact("dilution", "", "dilution.shares_issuable", self.shares_issuable))
        for n, action in enumerate(self.restatements, start=1):
            out.append(Fact("restatement", "", f"restatement.{n}.kind", action.kind.value))
            out.append(Fact("restatement", "", f"restatement.{n}.ratio", action.ratio))
            out.append(
                Fact("restatement", "", f"restatement.{n}.applies_from", action.scheduled_from())
            )
        for n, deal in enumerate(self.restructurings, start=1):
            out.append(Fact("restatement", "", f"restructuring.{n}.kind", deal.kind.value))
            out.append(Fact("restatement", "", f"restructuring.{n}.share_ratio", deal.share_ratio))
            out.append(
                Fact("restatement", "", f"restructuring.{n}.effective_date", deal.effective_date)
            )
        return tuple(out)


def previous_year_end(fiscal_year_end: dt.date) -> dt.date:
    """The same day a year earlier (29 February -> 28 February)."""
    try:
        return fiscal_year_end.replace(year=fiscal_year_end.year - 1)
    except ValueError:
        return fiscal_year_end.replace(year=fiscal_year_end.year - 1, day=28)


def _bincount(index: IntArray, weights: IntArray, n: int) -> IntArray:
    return np.bincount(index, weights=weights, minlength=n).astype(np.int64)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False)
class _Roll:
    """The roll-forward of every series (rights per series, and the restated counts)."""

    counts: tuple[OptionCounts, ...]
    spr_end: IntArray
    r1: IntArray
    allot: IntArray
    granted_year: np.ndarray
    shown: np.ndarray
    exercised_in_year: np.ndarray


def _roll_forward(register: Register, y0d: dt.date, y1d: dt.date) -> _Roll:
    y0, y1 = day_number(y0d), day_number(y1d)
    series = register.series
    n = len(series)
    ev = register.events
    sidx, day, rights, kind = ev.series, ev.day, ev.rights, ev.kind

    allot = np.asarray([day_number(s.allotment_date) for s in series], dtype=np.int64)
    allotted = np.asarray([s.rights_allotted for s in series], dtype=np.int64)
    vests = np.asarray([day_number(s.vests_on) for s in series], dtype=np.int64)
    variant_a = np.asarray(
        [s.vesting_date is None and s.grant_year is GrantYear.UNVESTED for s in series], dtype=bool
    )

    def removed(mask: np.ndarray) -> IntArray:
        return _bincount(sidx[mask], rights[mask], n)

    is_ex = kind == _EXERCISE
    in_year = (day > y0) & (day <= y1)
    r0 = np.where(allot <= y0, allotted - removed(day <= y0), 0)
    r1 = np.where(allot <= y1, allotted - removed(day <= y1), 0)
    ex_year = removed(in_year & is_ex)
    nonex_year = removed(in_year & ~is_ex)
    pre_v = day < vests[sidx]
    nonex_pre = removed(in_year & ~is_ex & pre_v)
    nonex_post = nonex_year - nonex_pre
    before_v = removed(pre_v)
    granted_year = (allot > y0) & (allot <= y1)

    # the generic routing (vesting date, or variant B with V = allotment)
    granted = np.where(granted_year, allotted, 0)
    ub = np.where((allot <= y0) & (vests > y0), r0, 0)
    vest = np.where((vests > y0) & (vests <= y1), allotted - before_v, 0)
    ue = np.where((allot <= y1) & (vests > y1), r1, 0)
    vb = np.where(vests <= y0, r0, 0)
    out = np.where(vests <= y1, r1, 0)
    ul, vl = nonex_pre, nonex_post
    # variant A: grant year unvested; later years wholly vested
    a_grant = variant_a & granted_year
    a_later = variant_a & (allot <= y0)
    ub = np.where(variant_a, 0, ub)
    ul = np.where(a_grant, nonex_year, np.where(variant_a, 0, ul))
    vest = np.where(a_grant, ex_year, np.where(variant_a, 0, vest))
    ue = np.where(a_grant, r1, np.where(variant_a, 0, ue))
    vb = np.where(a_later, r0, np.where(variant_a, 0, vb))
    vl = np.where(a_later, nonex_year, np.where(variant_a, 0, vl))
    out = np.where(a_later, r1, np.where(variant_a, 0, out))

    spr_end = shares_per_right_at(register, y1d)
    shown = (allot <= y1) & ((r0 > 0) | granted_year | (ex_year + nonex_year > 0))
    counts = tuple(
        OptionCounts(
            series=series[k].name,
            unvested_beginning=int(ub[k] * spr_end[k]),
            granted=int(granted[k] * spr_end[k]),
            unvested_forfeited=int(ul[k] * spr_end[k]),
            unvested_vested=int(vest[k] * spr_end[k]),
            unvested_balance=int(ue[k] * spr_end[k]),
            vested_beginning=int(vb[k] * spr_end[k]),
            vested=int(vest[k] * spr_end[k]),
            exercised=int(ex_year[k] * spr_end[k]),
            vested_lapsed=int(vl[k] * spr_end[k]),
            outstanding=int(out[k] * spr_end[k]),
            shares_per_right=int(spr_end[k]),
            allotted=int(allotted[k] * spr_end[k]),
        )
        for k in range(n)
        if shown[k]
    )

    return _Roll(
        counts=counts,
        spr_end=spr_end,
        r1=r1,
        allot=allot,
        granted_year=granted_year,
        shown=shown,
        exercised_in_year=in_year & is_ex,
    )


def _years(
    fiscal_year_end: object, previous_fiscal_year_end: object | None
) -> tuple[dt.date, dt.date]:
    y1d = as_date(fiscal_year_end, field="fiscal_year_end")
    y0d = (
        previous_year_end(y1d)
        if previous_fiscal_year_end is None
        else as_date(previous_fiscal_year_end, field="previous_fiscal_year_end")
    )
    if y0d >= y1d:
        raise InputError(
            f"previous_fiscal_year_end must be before fiscal_year_end ({y1d.isoformat()}), "
            f"got {y0d.isoformat()}"
        )
    return y0d, y1d


def count_options(
    register: Register, *, fiscal_year_end: object, previous_fiscal_year_end: object | None = None
) -> tuple[OptionCounts, ...]:
    """① ストック・オプションの数 alone, restated to the year end (no check, no other table).

    The counting :func:`disclose` does, for callers that want only the roll-forward (and for the
    benchmark against a pandas groupby). Run :func:`stockrights.register.check_register` first:
    the counts of a register that does not reconcile mean nothing.
    """
    y0d, y1d = _years(fiscal_year_end, previous_fiscal_year_end)
    return _roll_forward(register, y0d, y1d).counts


def disclose(
    register: Register,
    *,
    fiscal_year_end: object,
    previous_fiscal_year_end: object | None = None,
    settings: DisclosureSettings | None = None,
) -> Disclosure:
    """The stock-option disclosures of the fiscal year ending ``fiscal_year_end``.

    Parameters
    ----------
    register : Register
        Checked first (:func:`stockrights.register.check_register`, with lapses required once a
        series' exercise period has ended by the year end).
    fiscal_year_end : date
    previous_fiscal_year_end : date, optional
        Default: the same day a year earlier.
    settings : DisclosureSettings, optional

    Returns
    -------
    Disclosure

    Raises
    ------
    ReconcileError
        When the register breaks a rule (the message names the series, date and rule).
    InputError
        For a bad date, or a year with nothing to disclose (before the first allotment, or
        after every series has ended with its lapses recorded): rather than tables of zeros.
    """
    y0d, y1d = _years(fiscal_year_end, previous_fiscal_year_end)
    opts = settings if settings is not None else DisclosureSettings()
    check_register(register, as_of=y1d)
    y0, y1 = day_number(y0d), day_number(y1d)
    series = register.series
    n = len(series)
    roll = _roll_forward(register, y0d, y1d)
    counts, spr_end, r1, allot = roll.counts, roll.spr_end, roll.r1, roll.allot
    granted_year, shown = roll.granted_year, roll.shown

    prices = tuple(
        _unit_prices(register, k, y1d, int(spr_end[k]), opts, roll.exercised_in_year)
        for k in range(n)
        if shown[k]
    )
    valuations = tuple(
        ValuationInputs(
            series=s.name,
            technique="black_scholes",
            volatility=s.volatility,
            term_years=s.term_years,
            dividend_per_share=s.dividend_per_share,
            risk_free_rate=s.risk_free_rate,
        )
        for k, s in enumerate(series)
        if granted_year[k] and s.fair_value_per_share is not None
    )
    status = tuple(
        _status_row(series[k], int(r1[k]), int(spr_end[k]), opts)
        for k in range(n)
        if allot[k] <= y1 and r1[k] > 0
    )
    accounting, journal = _accounting(register, y0, y1, opts)
    prior, _ = _accounting(
        register, day_number(previous_year_end(y0d)), y0, opts, with_journal=False
    )
    visible = {c.series for c in counts}
    accounting = tuple(a for a in accounting if a.series in visible or a.expense or a.lapse_gain)
    first = min((series[k].allotment_date for k in range(n) if shown[k]), default=y1d)
    restatements = tuple(
        a
        for a in sorted(register.actions, key=lambda a: (a.scheduled_from(), a.order or 0))
        if (start := a.applies_from(known_on=y1d)) is not None and first < start <= y1d
    )
    deals = tuple(r for r in register.restructurings if first < r.effective_date <= y1d)
    expense_prior = sum(a.expense for a in prior)
    lapse_gain_prior = sum(a.lapse_gain for a in prior)
    by_line = _expense_by_line(register, accounting, prior)
    if not (counts or accounting or journal or expense_prior or lapse_gain_prior):
        raise InputError(_nothing_to_disclose(register, y0d, y1d))
    return Disclosure(
        fiscal_year_end=y1d,
        previous_year_end=y0d,
        settings=opts,
        counts=counts,
        prices=prices,
        valuations=valuations,
        status=status,
        accounting=accounting,
        journal=journal,
        restatements=restatements,
        restructurings=deals,
        illustrative=tuple(
            c.series for c in counts if register.series_named(c.series).illustrative
        ),
        company=register.company,
        series_terms=tuple(series[k] for k in range(n) if shown[k]),
        expense_prior=expense_prior,
        lapse_gain_prior=lapse_gain_prior,
        accounting_prior=tuple(a for a in prior if a.expense or a.lapse_gain),
        expense_by_line=by_line,
    )


def _expense_by_line(
    register: Register,
    accounting: Sequence[SeriesAccounting],
    prior: Sequence[SeriesAccounting],
) -> tuple[ExpenseByLine, ...]:
    """The expense table by P&L line, both years, from each series' expense and its lines.

    Rows in order of first appearance: the series in the register's order, each series' lines
    in its own order, counting only series with an expense (or a reversal) in either year.
    Empty when every such series charges the default line (the table is then the totals).
    """
    current = {a.series: a.expense for a in accounting}
    before = {a.series: a.expense for a in prior}
    rows: dict[str, list[int]] = {}
    for s in register.series:
        amounts = (before.get(s.name, 0), current.get(s.name, 0))
        if not any(amounts):
            continue
        labels = [x.label for x in s.expense_lines] or [DEFAULT_EXPENSE_LINE]
        for year, amount in enumerate(amounts):
            for label, part in zip(labels, split_expense(amount, s.expense_lines), strict=True):
                rows.setdefault(label, [0, 0])[year] += part
    if list(rows) in ([], [DEFAULT_EXPENSE_LINE]):
        return ()
    return tuple(ExpenseByLine(label=k, prior=v[0], current=v[1]) for k, v in rows.items())


def _nothing_to_disclose(register: Register, y0d: dt.date, y1d: dt.date) -> str:
    """The one line that says why a fiscal year has no stock options to disclose."""
    series = register.series
    if not series:
        return (
            f"fiscal_year_end {y1d.isoformat()}: the register holds no series; nothing to disclose"
        )
    first = min(series, key=lambda s: s.allotment_date)
    if first.allotment_date > y1d:
        return (
            f"fiscal_year_end {y1d.isoformat()}: no series had been allotted by then (the "
            f"first, {first.name}, on {first.allotment_date.isoformat()}); nothing to disclose"
        )
    return (
        f"fiscal_year_end {y1d.isoformat()}: no rights were outstanding in the fiscal year from "
        f"{(y0d + dt.timedelta(days=1)).isoformat()} (every series allotted by then had all its "
        "rights exercised, lapsed, forfeited or cancelled before it); nothing to disclose"
    )


def _restated_fair_value(s: Series, spr_end: int, opts: DisclosureSettings) -> float | None:
    if s.fair_value_per_share is None or spr_end == 0:
        return None
    return _round_half_up(
        s.fair_value_per_share * s.shares_per_right / spr_end, opts.fair_value_decimals
    )


def _restated_exercise_price(s: Series, spr_end: int, opts: DisclosureSettings) -> float:
    if not opts.restate_exercise_price or spr_end == 0:
        return s.exercise_price
    return _round_half_up(s.exercise_price * s.shares_per_right / spr_end, opts.fair_value_decimals)


def _unit_prices(
    register: Register,
    k: int,
    y1d: dt.date,
    spr_end: int,
    opts: DisclosureSettings,
    mask: np.ndarray,
) -> UnitPrices:
    s = register.series[k]
    ev = register.events
    mine = mask & (ev.series == k)
    average: float | None = None
    if bool(mine.any()):
        days = ev.day[mine]
        price = ev.share_price[mine]
        if bool(np.isnan(price).any()):
            i = int(np.flatnonzero(np.isnan(price))[0])
            raise InputError(
                f"series {s.name}, {day_from_number(int(days[i])).isoformat()}: share_price must "
                "be given for an exercise (rule: the average price at exercise needs the close)"
            )
        unique = np.unique(days)
        factor = {
            int(d): share_basis_factor(register, day_from_number(int(d)), known_on=y1d)
            for d in unique
        }
        restated = price / np.asarray([factor[int(d)] for d in days])
        if opts.average_price_weighting is AveragePriceWeighting.SHARES:
            weights = ev.rights[mine].astype(np.float64)
            average = float(np.dot(restated, weights) / weights.sum())
        else:
            average = float(restated.mean())
        average = _round_half_up(average, opts.average_price_decimals)
    return UnitPrices(
        series=s.name,
        exercise_price=_restated_exercise_price(s, spr_end, opts),
        average_at_exercise=average,
        fair_value_at_grant=_restated_fair_value(s, spr_end, opts),
    )


def _status_row(s: Series, rights: int, spr_end: int, opts: DisclosureSettings) -> StatusRow:
    price = _restated_exercise_price(s, spr_end, opts)
    fair = _restated_fair_value(s, spr_end, opts) or 0.0
    issue = _round_half_up(price + fair, max(opts.fair_value_decimals, 2))
    return StatusRow(
        series=s.name,
        resolution_date=s.resolution_date,
        persons=s.persons,
        rights=rights,
        own_rights=0,
        shares=rights * spr_end,
        shares_per_right=spr_end,
        exercise_price=price,
        exercise_amount_per_right=exercise_amount_per_right(
            exercise_price=s.exercise_price, shares_per_right=spr_end
        ),
        exercise_period_start=s.exercise_period_start,
        exercise_period_end=s.exercise_period_end,
        issue_price=issue,
        capital_per_share=ceil_yen(issue / 2),
        conditions=s.conditions,
    )


def _cumulative_expense(s: Series, rights_expected: int, upto: int) -> int:
    """Expense booked for ``s`` from allotment to the end of day ``upto``, yen (rounded down)."""
    allot = day_number(s.allotment_date)
    if upto < allot:
        return 0
    total = s.book_value_per_right * rights_expected
    if s.vesting_date is None:
        return total
    span = day_number(s.vesting_date) - allot
    if span <= 0:
        return total
    return total * min(upto - allot, span) // span


def _accounting(
    register: Register, y0: int, y1: int, opts: DisclosureSettings, *, with_journal: bool = True
) -> tuple[tuple[SeriesAccounting, ...], tuple[JournalEntry, ...]]:
    ev = register.events
    out: list[SeriesAccounting] = []
    journal: list[JournalEntry] = []
    kinds = list(EventKind)
    for k, s in enumerate(register.series):
        mine = ev.series == k
        day, rights, kind = ev.day[mine], ev.rights[mine], ev.kind[mine]
        is_ex = kind == _EXERCISE
        vests = day_number(s.vests_on)
        forfeited_pre = (
            ~is_ex & (day < vests) if s.vesting_date is not None else np.zeros_like(is_ex)
        )
        bvpr = s.book_value_per_right

        lost = [int(rights[forfeited_pre & (day <= upto)].sum()) for upto in (y0, y1)]
        cum0 = _cumulative_expense(s, s.rights_allotted - lost[0], y0)
        cum1 = _cumulative_expense(s, s.rights_allotted - lost[1], y1)
        gains_mask = ~is_ex & ~forfeited_pre
        in_year = (day > y0) & (day <= y1)
        gain = bvpr * int(rights[gains_mask & in_year].sum())
        used = bvpr * int(rights[~forfeited_pre & (day <= y1)].sum())
        out.append(
            SeriesAccounting(
                series=s.name,
                expense=cum1 - cum0,
                lapse_gain=gain,
                book_value_per_right=bvpr,
                balance_end=cum1 - used,
            )
        )
        allot = day_number(s.allotment_date)
        if y0 < allot <= y1 and s.vesting_date is None and cum1 - cum0 != 0:
            amount = bvpr * s.rights_allotted
            shares = s.rights_allotted * s.shares_per_right
            head = (s.allotment_date, s.name)
            if opts.offset_remuneration_claims:
                claims = ("remuneration_claims", amount)
                journal.append(
                    _entry(
                        *head,
                        "allotment",
                        s.rights_allotted,
                        shares,
                        ("share_based_compensation", amount),
                        claims,
                    )
                )
                journal.append(
                    _entry(
                        *head,
                        "offset",
                        s.rights_allotted,
                        shares,
                        claims,
                        ("stock_acquisition_rights", amount),
                    )
                )
            else:
                journal.append(
                    _entry(
                        *head,
                        "allotment",
                        s.rights_allotted,
                        shares,
                        ("share_based_compensation", amount),
                        ("stock_acquisition_rights", amount),
                    )
                )
        elif s.vesting_date is not None and cum1 != cum0:
            amount = cum1 - cum0
            pair = (
                (("share_based_compensation", amount), ("stock_acquisition_rights", amount))
                if amount > 0
                else (("stock_acquisition_rights", -amount), ("share_based_compensation", -amount))
            )
            journal.append(_entry(day_from_number(y1), s.name, "expense", 0, 0, *pair))
        if not with_journal:
            continue
        steps, values = shares_per_right_steps(register, s)
        spr = values[np.maximum(np.searchsorted(steps, day, side="right") - 1, 0)]
        treasury = np.maximum(ev.treasury_shares[mine], 0), np.maximum(ev.treasury_cost[mine], 0)
        journal += _exercise_entries(s, day, rights, spr, treasury, in_year & is_ex, opts)
        for i in np.flatnonzero(in_year & gains_mask):
            amount = bvpr * int(rights[i])
            if amount == 0:
                continue
            when = day_from_number(int(day[i]))
            count = int(rights[i])
            journal.append(
                _entry(
                    when,
                    s.name,
                    kinds[int(kind[i])].value,
                    count,
                    count * int(spr[i]),
                    ("stock_acquisition_rights", amount),
                    ("gain_on_lapse", amount),
                )
            )
    order = {name: k for k, name in enumerate(register.names)}
    journal.sort(key=lambda e: (e.date, order[e.series]))
    return tuple(out), tuple(journal)


def _entry(
    when: dt.date,
    series: str,
    kind: str,
    rights: int,
    shares: int,
    debit: tuple[str, int],
    credit: tuple[str, int],
) -> JournalEntry:
    return JournalEntry(
        date=when,
        series=series,
        kind=kind,
        rights=rights,
        shares=shares,
        lines=(
            EntryLine(account=debit[0], debit=debit[1]),
            EntryLine(account=credit[0], credit=credit[1]),
        ),
    )


def _exercise_entries(
    s: Series,
    day: IntArray,
    rights: IntArray,
    spr: IntArray,
    treasury: tuple[IntArray, IntArray],
    mask: np.ndarray,
    opts: DisclosureSettings,
) -> list[JournalEntry]:
    """One entry per exercise (or per day): cash and book value to capital, or to treasury stock.

    New shares only: the split of the upper limit is :func:`stockrights.exercise.capital_split`
    (clause (6)). Treasury shares delivered: :func:`exercise_lines`.
    """
    t_shares, t_cost = treasury
    groups: list[tuple[int, int, int, int, int]] = []
    if opts.capital_rounding is CapitalRounding.PER_EXERCISE:
        groups = [
            (int(day[i]), int(rights[i]), int(spr[i]), int(t_shares[i]), int(t_cost[i]))
            for i in np.flatnonzero(mask)
        ]
    else:
        days = day[mask]
        for d in np.unique(days):
            same = days == d
            groups.append(
                (
                    int(d),
                    int(rights[mask][same].sum()),
                    int(spr[mask][same][0]),
                    int(t_shares[mask][same].sum()),
                    int(t_cost[mask][same].sum()),
                )
            )
    per_right: dict[int, float] = {}
    out = []
    for d, count, shares_per_right, from_treasury, cost in groups:
        when = day_from_number(d)
        if shares_per_right not in per_right:
            per_right[shares_per_right] = exercise_amount_per_right(
                exercise_price=s.exercise_price, shares_per_right=shares_per_right
            )
        cash_float = snap(per_right[shares_per_right] * count)
        if not cash_float.is_integer():
            raise InputError(
                f"series {s.name}, {when.isoformat()}: the cash paid must be whole yen "
                f"(exercise price x shares x rights), got {cash_float!r}"
            )
        shares = count * shares_per_right
        lines = exercise_lines(
            cash=int(cash_float),
            book_value=s.book_value_per_right * count,
            shares=shares,
            treasury_shares=from_treasury,
            treasury_cost=cost,
            settings=opts,
        )
        out.append(
            JournalEntry(
                date=when,
                series=s.name,
                kind="exercise",
                rights=count,
                shares=shares,
                lines=lines,
                treasury_shares=from_treasury,
            )
        )
    return out


def exercise_lines(
    *,
    cash: int,
    book_value: int,
    shares: int,
    treasury_shares: int = 0,
    treasury_cost: int = 0,
    settings: DisclosureSettings | None = None,
) -> tuple[EntryLine, ...]:
    """The lines of an exercise entry: new shares, treasury shares, or a mix.

    With ``T = cash + book_value`` (the consideration: the exercise cash plus the rights' book
    value) and the share-issue ratio ``f = (shares - treasury_shares) / shares``:

    - the new-share part ``N = T x f`` (rounded to the yen per ``settings.mix_rounding``) and the
      treasury part (自己株式対価額) ``P = T - N``;
    - the treasury difference ``P - treasury_cost``: a gain (自己株式処分差益) is credited to
      other capital surplus; a loss (差損) with ``treasury_loss="capital_first"`` first reduces
      the capital increase limit (art. 17(1) item 5, not below zero), the rest is debited to
      other capital surplus; with ``"surplus"`` all of it is debited there;
    - the capital increase limit goes to capital stock (half, rounded up, clause (6)) and
      capital reserve (:func:`stockrights.exercise.capital_split`).

    Dr 現金預金 + Dr 新株予約権 (+ Dr その他資本剰余金 for a loss) / Cr 自己株式 (cost) +
    Cr 資本金 + Cr 資本準備金 (+ Cr その他資本剰余金 for a gain); lines of zero are left out.
    With no treasury shares this is exactly Dr 現金預金 + Dr 新株予約権 / Cr 資本金 + Cr 資本準備金.

    Parameters
    ----------
    cash, book_value : int
        Yen paid on exercise and the book value of the rights exercised.
    shares : int
        Shares delivered, >= 1.
    treasury_shares : int
        Of them, treasury shares (0 to ``shares``).
    treasury_cost : int
        Book value (cost) of those treasury shares, yen.
    settings : DisclosureSettings, optional

    Returns
    -------
    tuple of EntryLine

    References
    ----------
    Ordinance on Company Accounting art. 17(1)-(2); ASBJ Statement No. 1 paras. 9-11;
    ``../shared/docs/disclosure.md`` §4 ("Treasury shares delivered").

    Examples
    --------
    101 shares, fair value 1,500 a share, 1 yen a share: T = 151,500 + 101 = 151,601; treasury
    cost 120,000: gain 31,601.

    >>> [(x.account, x.debit, x.credit) for x in exercise_lines(
    ...     cash=101, book_value=151_500, shares=101, treasury_shares=101, treasury_cost=120_000)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('cash_and_deposits', 101, 0), ('stock_acquisition_rights', 151500, 0),
     ('treasury_stock', 0, 120000), ('other_capital_surplus', 0, 31601)]
    """
    opts = settings if settings is not None else DisclosureSettings()
    if not 0 <= treasury_shares <= shares:
        raise InputError(
            f"treasury_shares must be from 0 to the {shares} shares delivered, "
            f"got {treasury_shares}"
        )
    total = cash + book_value
    new = shares - treasury_shares
    if opts.mix_rounding is MixRounding.DOWN:
        new_part = total * new // shares
    elif opts.mix_rounding is MixRounding.UP:
        new_part = -(-total * new // shares)
    else:
        new_part = (2 * total * new + shares) // (2 * shares)
    difference = (total - new_part) - treasury_cost if treasury_shares else 0
    limit = new_part
    if difference < 0 and opts.treasury_loss is TreasuryLoss.CAPITAL_FIRST:
        absorbed = min(-difference, new_part)
        limit -= absorbed
        difference += absorbed
    capital = capital_split(upper_limit=limit)
    lines = (
        EntryLine(account="cash_and_deposits", debit=cash),
        EntryLine(account="stock_acquisition_rights", debit=book_value),
        EntryLine(account="other_capital_surplus", debit=max(-difference, 0)),
        EntryLine(account="treasury_stock", credit=treasury_cost if treasury_shares else 0),
        EntryLine(account="capital_stock", credit=capital.capital_stock),
        EntryLine(account="capital_reserve", credit=capital.capital_reserve),
        EntryLine(account="other_capital_surplus", credit=max(difference, 0)),
    )
    return tuple(line for line in lines if line.debit or line.credit)
