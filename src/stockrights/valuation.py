"""Terms + market inputs -> the amount paid per right, with every intermediate value.

This is where the pricing model (:mod:`stockrights.pricing`), the rounding rule
(:mod:`stockrights.rounding`) and the grant's terms (:mod:`stockrights.terms`) meet. A valuation
can always explain itself line by line (``explain()``), in the order an auditor re-performs it by
hand: inputs with their sources, ``d``, ``N(d)``, the discount factors, the option price per share,
the unrounded product, the rounding applied and the totals per category.

References
----------
Resolution, clauses (12) to (15). ASBJ Implementation Guidance No. 11
(ストック・オプション等に関する会計基準の適用指針), for the disclosure note's items.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from stockrights import _validate
from stockrights.derivation import DividendDerivation, RateDerivation
from stockrights.glossary import Lang
from stockrights.prices import PriceSource, SharePriceLookup, Split
from stockrights.pricing import BsmBreakdown, bsm_breakdown
from stockrights.rounding import Rounding, ceil_yen, half_up_yen, per_right_amount
from stockrights.sentences import Joined, Sentence, say, unit_words
from stockrights.terms import GrantTerms, MarketInputs
from stockrights.volatility import VolatilityEstimate

__all__ = [
    "CategoryValue",
    "ExplainLine",
    "RightValuation",
    "Valuation",
    "format_value",
    "provenance_lines",
    "rights_within_budget",
    "value_grant",
    "value_right",
]

Value = float | int | str | dt.date


@dataclass(frozen=True, slots=True, init=False)
class ExplainLine:
    """One line of an explanation: a label, its value, the unit and how it was obtained.

    Built as ``ExplainLine(label=..., value=..., unit=..., note=...)``. A value or note given as a
    :class:`~stockrights.sentences.Sentence` is kept as such (``value_said``, ``note_said``) and
    rendered in either language by :meth:`value_in` and :meth:`note_in`; ``value`` and ``note``
    are the English, as they have always been. The label stays English in both (a key the
    faces translate); the unit is rendered by :meth:`unit_in`
    (:func:`stockrights.sentences.unit_words`).

    Attributes
    ----------
    label : str
        What the line is (``"sigma: window"``).
    value_said : number, text, date or Sentence
        The value; a sentence when it is words.
    unit : str
        The unit in English (``"yen/share"``), blank for none.
    note_said : Sentence or str
        How the value was obtained; a plain text only for a formula or a text that is the same
        in both languages (``"D / S"``).
    """

    label: str
    value_said: Value | Sentence
    unit: str
    note_said: Sentence | str

    def __init__(
        self,
        *,
        label: str,
        value: Value | Sentence,
        unit: str = "",
        note: Sentence | str = "",
    ) -> None:
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "value_said", value)
        object.__setattr__(self, "unit", unit)
        object.__setattr__(self, "note_said", note)

    @property
    def value(self) -> Value:
        """The value (a sentence as its English text)."""
        return self.value_in(Lang.EN)

    @property
    def note(self) -> str:
        """The note in English."""
        return self.note_in(Lang.EN)

    def value_in(self, lang: Lang | str) -> Value:
        """The value, a sentence rendered in ``lang`` (``"en"`` or ``"ja"``)."""
        said = self.value_said
        return said(lang) if isinstance(said, Sentence) else said

    def note_in(self, lang: Lang | str) -> str:
        """The note in ``lang`` (``"en"`` or ``"ja"``)."""
        said = self.note_said
        return said(lang) if isinstance(said, Sentence) else said

    def unit_in(self, lang: Lang | str) -> str:
        """The unit in ``lang`` (``"en"`` or ``"ja"``)."""
        return unit_words(self.unit, lang)


@dataclass(frozen=True, kw_only=True, slots=True)
class RightValuation:
    """The price of one right: the Black-Scholes breakdown and the rounded amount per right.

    Attributes
    ----------
    breakdown : BsmBreakdown
        Every intermediate value of the price per share.
    shares_per_right : int
        Shares per right the price is multiplied by.
    rounding : Rounding
        The rounding rule applied.
    unrounded_per_right : float
        ``option_price x shares_per_right`` in yen, before rounding.
    per_right_amount : int
        Yen per right after rounding (clause (12)).
    """

    breakdown: BsmBreakdown
    shares_per_right: int
    rounding: Rounding
    unrounded_per_right: float
    per_right_amount: int

    @property
    def option_price(self) -> float:
        """Option price per share C, yen, unrounded."""
        return self.breakdown.option_price

    def explain(self) -> tuple[ExplainLine, ...]:
        """Every step from the six inputs to the per-right amount, in computation order."""
        b = self.breakdown
        line = ExplainLine
        lines = [
            line(label="S share price", value=b.share_price, unit="yen/share"),
            line(label="X exercise price", value=b.exercise_price, unit="yen/share"),
            line(label="T expected remaining period", value=b.term_years, unit="years"),
            line(label="sigma volatility", value=b.volatility, unit="decimal/year"),
            line(label="r risk-free rate", value=b.risk_free_rate, unit="decimal/year"),
            line(label="q dividend yield", value=b.dividend_yield, unit="decimal/year"),
            line(label="sqrt(T)", value=b.sqrt_term),
            line(label="sigma sqrt(T)", value=b.vol_sqrt_term),
            line(label="ln(S/X)", value=b.log_moneyness),
            line(label="d", value=b.d, note=say("explain.note.d")),
            line(label="d - sigma sqrt(T)", value=b.d_minus),
            line(label="N(d)", value=b.n_d, note=say("explain.note.normal_cdf")),
            line(label="N(d - sigma sqrt(T))", value=b.n_d_minus),
            line(label="e^(-qT)", value=b.dividend_discount),
            line(label="e^(-rT)", value=b.rate_discount),
            line(label="S e^(-qT) N(d)", value=b.share_term, unit="yen/share"),
            line(label="X e^(-rT) N(d - sigma sqrt(T))", value=b.exercise_term, unit="yen/share"),
            line(label="C option price per share", value=b.option_price, unit="yen/share"),
            line(label="shares per right", value=self.shares_per_right, unit="shares"),
        ]
        if self.rounding is Rounding.PER_RIGHT_UP:
            lines.append(
                line(
                    label="C x shares per right (unrounded)",
                    value=self.unrounded_per_right,
                    unit="yen/right",
                )
            )
        elif self.rounding is Rounding.PER_SHARE_UP:
            lines.append(
                line(label="C rounded up", value=ceil_yen(b.option_price), unit="yen/share")
            )
        else:
            lines.append(
                line(label="C rounded half-up", value=half_up_yen(b.option_price), unit="yen/share")
            )
        lines.append(
            line(
                label="rounding",
                value=say("explain.words", words=self.rounding),
                note=say(f"explain.rounding.{self.rounding.value}"),
            ),
        )
        lines.append(line(label="amount per right", value=self.per_right_amount, unit="yen/right"))
        return tuple(lines)


def format_value(value: Value) -> str:
    """An explain value as text: full precision for floats, ISO dates, thousands for ints."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:.12g}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# --- provenance: each market input back to its data ---------------------------------------------


def _splits(splits: tuple[Split, ...]) -> Joined:
    return Joined(tuple(say("explain.split", day=day, ratio=ratio) for day, ratio in splits), "; ")


def _share_price_lines(found: SharePriceLookup) -> list[ExplainLine]:
    if found.source is PriceSource.CLOSE:
        rule = say("explain.s.close", on=found.on)
        why = say("explain.s.close_why")
    else:
        rule = say("explain.s.base_price", day=found.source_date)
        why = say("explain.s.base_price_why", on=found.on)
    return [
        ExplainLine(label="S: figure used", value=rule, note=why),
        ExplainLine(label="S: date of the figure", value=found.source_date),
        ExplainLine(label="S: derived", value=found.share_price, unit="yen/share"),
    ]


def _volatility_lines(est: VolatilityEstimate) -> list[ExplainLine]:
    line = ExplainLine
    returns = est.log_returns
    mean = math.fsum(returns) / len(returns)
    squares = math.fsum((r - mean) ** 2 for r in returns)
    stdev = math.sqrt(squares / (len(returns) - est.ddof))
    first, last = est.observation_dates[0], est.observation_dates[-1]
    lines = [
        line(
            label="sigma: window",
            value=say("explain.sigma.window", start=est.start, end=est.end),
            note=say("explain.sigma.window_why"),
        ),
        line(
            label="sigma: frequency",
            value=say("explain.words", words=est.frequency),
            note=say("explain.sigma.frequency_why"),
        ),
        line(label="sigma: observations", value=est.n_observations, unit="closes"),
        line(
            label="sigma: first observation",
            value=first,
            note=say(
                "explain.sigma.observation",
                close=est.closes[0],
                adjusted=est.adjusted_closes[0],
            ),
        ),
        line(
            label="sigma: last observation",
            value=last,
            note=say(
                "explain.sigma.observation",
                close=est.closes[-1],
                adjusted=est.adjusted_closes[-1],
            ),
        ),
        line(
            label="sigma: splits applied",
            value=say("explain.words", words=_splits(est.splits)),
            note=say("explain.sigma.splits_why"),
        ),
    ]
    if est.substitutions or est.skipped:
        lines.append(
            line(
                label="sigma: missing closes",
                value=say("explain.words", words=est.missing_close),
                note=say(
                    "explain.sigma.missing_why",
                    substituted=len(est.substitutions),
                    skipped=len(est.skipped),
                ),
            )
        )
    lines += [
        line(
            label="sigma: log returns",
            value=est.n_returns,
            unit="returns",
            note=say("explain.sigma.returns_why"),
        ),
        line(label="sigma: mean log return", value=mean),
        line(label="sigma: sum of squared deviations", value=squares),
        line(
            label="sigma: ddof",
            value=est.ddof,
            note=say("explain.sigma.sample") if est.ddof == 1 else "",
        ),
        line(
            label="sigma: standard deviation of log returns",
            value=stdev,
            note=say("explain.sigma.stdev_why"),
        ),
        line(
            label="sigma: annualisation factor",
            value=est.periods_per_year,
            unit="periods/year",
            note=say("explain.sigma.factor_why"),
        ),
        line(label="sigma: derived", value=est.volatility, unit="decimal/year"),
    ]
    return lines


def _points(tenors: tuple[float, ...], values: tuple[float, ...]) -> Sentence:
    points = tuple(
        say("explain.r.point", tenor=t, value=v) for t, v in zip(tenors, values, strict=True)
    )
    return say("explain.words", words=Joined(points))


def _rate_lines(rate: RateDerivation) -> list[ExplainLine]:
    line = ExplainLine
    if rate.compounding.value == "continuous":
        conversion = say("explain.r.continuous")
    else:
        conversion = say("explain.r.as_quoted")
    curve = say(
        "explain.r.curve",
        count=len(rate.curve_tenors),
        first=rate.curve_tenors[0],
        last=rate.curve_tenors[-1],
    )
    return [
        line(label="r: curve", value=curve, unit="years", note=say("explain.r.curve_why")),
        line(
            label="r: tenors and yields used",
            value=_points(rate.tenors_used, rate.yields_used),
            note=say("explain.r.flat") if rate.extrapolated else "",
        ),
        line(
            label="r: interpolation weights",
            value=_points(rate.tenors_used, rate.weights),
            note="w_hi = (T - t_lo) / (t_hi - t_lo), w_lo = 1 - w_hi",
        ),
        line(label="r: yield at T (as quoted)", value=rate.quoted_yield, unit="decimal/year"),
        line(
            label="r: compounding",
            value=say("explain.words", words=rate.compounding),
            note=conversion,
        ),
        line(label="r: derived", value=rate.rate, unit="decimal/year"),
    ]


def _dividend_lines(div: DividendDerivation) -> list[ExplainLine]:
    line = ExplainLine
    return [
        line(
            label="q: dividend per share declared",
            value=div.declared_dividend,
            unit="yen/share",
            note=say(
                "explain.q.declared_why",
                fiscal_year=div.fiscal_year or say("explain.q.no_fiscal_year"),
                record=div.record_date,
            ),
        ),
        line(
            label="q: splits restating the dividend",
            value=say("explain.words", words=_splits(div.splits_applied)),
            note=say("explain.q.splits_why", record=div.record_date, as_of=div.as_of),
        ),
        line(label="q: dividend per share restated", value=div.restated_dividend, unit="yen/share"),
        line(label="q: S", value=div.share_price, unit="yen/share"),
        line(label="q: derived", value=div.dividend_yield, unit="decimal/year", note="D / S"),
    ]


def _source(source: str) -> Sentence | str:
    """A source as typed, or the sentence saying none was stated (blank, or the core's words)."""
    not_stated = say("explain.source_not_stated")
    return not_stated if not source or source == str(not_stated) else source


def provenance_lines(market: MarketInputs) -> tuple[ExplainLine, ...]:
    """Each market input back to its data, or "entered: <source>" when it was typed in.

    For a derived S: the figure used (close or next-day base price) and its date; sigma: the
    window, frequency, observations, first and last observation, splits with ratios and dates,
    the returns, their mean and sum of squared deviations, ddof, annualisation factor; r: the
    curve, tenors and yields used, interpolation weights, compounding; q: the dividend declared,
    its fiscal year and record date, the splits restating it, the restated dividend and S.
    """
    m, d = market, market.derivation
    derived: tuple[list[ExplainLine] | None, ...] = (
        _share_price_lines(d.share_price) if d and d.share_price else None,
        _volatility_lines(d.volatility) if d and d.volatility else None,
        _rate_lines(d.risk_free_rate) if d and d.risk_free_rate else None,
        _dividend_lines(d.dividend_yield) if d and d.dividend_yield else None,
    )
    entered = (
        ("S", m.share_price, "yen/share", m.share_price_source),
        ("sigma", m.volatility, "decimal/year", m.volatility_source),
        ("r", m.risk_free_rate, "decimal/year", m.risk_free_rate_source),
        ("q", m.dividend_yield, "decimal/year", m.dividend_yield_source),
    )
    out: list[ExplainLine] = []
    for lines, (symbol, value, unit, source) in zip(derived, entered, strict=True):
        if lines is not None:
            out += lines
        else:
            note = say("explain.entered", source=_source(source))
            out.append(ExplainLine(label=f"{symbol}: entered", value=value, unit=unit, note=note))
    return tuple(out)


def value_right(
    *,
    share_price: float,
    exercise_price: float,
    term_years: float,
    volatility: float,
    risk_free_rate: float,
    dividend_yield: float = 0.0,
    shares_per_right: int,
    rounding: Rounding | str = Rounding.PER_RIGHT_UP,
) -> RightValuation:
    """Price one right: Black-Scholes per share (clause (12)) x shares per right, rounded.

    Parameters
    ----------
    share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield
        As in :func:`stockrights.pricing.bsm_call_price` (yen, years, decimals).
    shares_per_right : int
        Shares per right, >= 1.
    rounding : Rounding or str
        See :func:`stockrights.rounding.per_right_amount`; default ``per_right_up``.

    Returns
    -------
    RightValuation

    Examples
    --------
    The 1-yen grant of JP-GOGIN-2014 (``../shared/cases``), published 677 yen per share:

    >>> value_right(share_price=716, exercise_price=1, term_years=3.6, volatility=0.27034,
    ...             risk_free_rate=0.0009, dividend_yield=0.01536, shares_per_right=1
    ...             ).per_right_amount
    677
    """
    shares = _validate.integer("shares_per_right", shares_per_right, minimum=1)
    mode = Rounding.parse(rounding, field="rounding")
    breakdown = bsm_breakdown(
        share_price=share_price,
        exercise_price=exercise_price,
        term_years=term_years,
        volatility=volatility,
        risk_free_rate=risk_free_rate,
        dividend_yield=dividend_yield,
    )
    return RightValuation(
        breakdown=breakdown,
        shares_per_right=shares,
        rounding=mode,
        unrounded_per_right=breakdown.option_price * shares,
        per_right_amount=per_right_amount(
            option_price=breakdown.option_price, shares_per_right=shares, rounding=mode
        ),
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class CategoryValue:
    """Totals for one category of the allotment table (clause (15))."""

    category: str
    persons: int
    rights: int
    shares: int
    amount: int


@dataclass(frozen=True, kw_only=True, slots=True)
class Valuation:
    """A grant valued on its allotment date: per right, per category and in total.

    Attributes
    ----------
    terms : GrantTerms
    market : MarketInputs
    right : RightValuation
        The price of one right.
    categories : tuple of CategoryValue
        Rights, shares and total amount (rights x per-right amount, yen) per category.
    """

    terms: GrantTerms
    market: MarketInputs
    right: RightValuation
    categories: tuple[CategoryValue, ...]

    @property
    def per_right_amount(self) -> int:
        """Yen per right (clause (12))."""
        return self.right.per_right_amount

    @property
    def option_price(self) -> float:
        """Option price per share C, yen, unrounded."""
        return self.right.option_price

    @property
    def total_rights(self) -> int:
        """Rights allotted over all categories."""
        return sum(c.rights for c in self.categories)

    @property
    def total_shares(self) -> int:
        """Shares deliverable on all allotted rights."""
        return sum(c.shares for c in self.categories)

    @property
    def total_amount(self) -> int:
        """Total amount paid (offset against remuneration claims), yen."""
        return sum(c.amount for c in self.categories)

    @property
    def fair_value_per_share(self) -> float:
        """Per-right amount / shares per right: the fair value per share disclosed, yen."""
        return self.per_right_amount / self.right.shares_per_right

    def explain(self) -> tuple[ExplainLine, ...]:
        """Every value of the valuation, in the order an auditor re-performs it."""
        t, m = self.terms, self.market
        line = ExplainLine
        lines: list[ExplainLine] = []
        if m.illustrative:
            lines.append(
                line(
                    label="NOTE",
                    value="ILLUSTRATIVE market inputs: not the published valuation",
                    note="share price, volatility and rate are examples, not market data",
                )
            )
        lines += [
            line(label="series", value=t.series_name),
            line(label="allotment date (valuation date)", value=t.allotment_date),
            line(
                label="payment date", value=t.payment_date or t.allotment_date, note="clause (14)"
            ),
            line(label="source of S", value=m.share_price_source or "(not stated)"),
            line(label="source of sigma", value=m.volatility_source or "(not stated)"),
            line(label="source of r", value=m.risk_free_rate_source or "(not stated)"),
            line(label="source of q", value=m.dividend_yield_source or "(not stated)"),
        ]
        lines += provenance_lines(m)
        lines += self.right.explain()
        for c in self.categories:
            lines.append(
                line(
                    label=f"{c.category}: total amount",
                    value=c.amount,
                    unit="yen",
                    note=f"{c.persons} persons, {c.rights} rights, {c.shares} shares",
                )
            )
        lines += [
            line(label="total rights", value=self.total_rights, unit="rights"),
            line(label="maximum rights", value=t.maximum_rights, unit="rights", note="clause (2)"),
            line(label="total shares", value=self.total_shares, unit="shares"),
            line(label="total amount", value=self.total_amount, unit="yen"),
        ]
        return tuple(lines)

    def disclosure_note(self) -> tuple[ExplainLine, ...]:
        """The valuation items of the securities report's note (ストック・オプション等関係).

        Volatility, expected remaining period, expected dividend (yen per share), risk-free rate,
        fair value per share and per right, and the issue price per share (exercise price + fair
        value per share).
        """
        t, m = self.terms, self.market
        dividend = (
            m.dividend_per_share
            if m.dividend_per_share is not None
            else m.dividend_yield * m.share_price
        )
        line = ExplainLine
        lines = [
            line(label="株価変動性 share price volatility", value=m.volatility, unit="decimal"),
            line(label="予想残存期間 expected remaining period", value=t.term_years, unit="years"),
            line(label="予想配当 expected dividend", value=dividend, unit="yen/share"),
            line(label="無リスク利子率 risk-free rate", value=m.risk_free_rate, unit="decimal"),
            line(
                label="公正な評価単価 fair value per share",
                value=self.fair_value_per_share,
                unit="yen/share",
            ),
            line(label="1個当たり fair value per right", value=self.per_right_amount, unit="yen"),
            line(
                label="発行価格 issue price per share",
                value=t.exercise_price + self.fair_value_per_share,
                unit="yen/share",
                note="exercise price + fair value per share",
            ),
        ]
        if m.illustrative:
            lines.insert(
                0, line(label="NOTE", value="ILLUSTRATIVE market inputs: not for disclosure")
            )
        return tuple(lines)


def value_grant(terms: GrantTerms, market: MarketInputs) -> Valuation:
    """Value a grant on its allotment date: per right, per category and in total.

    The number of rights allotted is checked against the maximum when ``terms`` is built
    (:class:`stockrights.errors.LimitError`).

    Parameters
    ----------
    terms : GrantTerms
    market : MarketInputs

    Returns
    -------
    Valuation

    References
    ----------
    Resolution, clauses (12) (amount per right), (13)-(15) (allotment).
    """
    right = value_right(
        share_price=market.share_price,
        exercise_price=terms.exercise_price,
        term_years=terms.term_years,
        volatility=market.volatility,
        risk_free_rate=market.risk_free_rate,
        dividend_yield=market.dividend_yield,
        shares_per_right=terms.shares_per_right,
        rounding=terms.rounding,
    )
    categories = tuple(
        CategoryValue(
            category=a.category,
            persons=a.persons,
            rights=a.rights,
            shares=a.rights * terms.shares_per_right,
            amount=a.rights * right.per_right_amount,
        )
        for a in terms.allotments
    )
    return Valuation(terms=terms, market=market, right=right, categories=categories)


def rights_within_budget(*, budget: float, per_right_amount: int) -> int:
    """The largest whole number of rights whose total amount stays within a yen budget.

    ``floor(budget / per_right_amount)``, exact in integers (a budget of exactly n amounts
    gives n).

    Parameters
    ----------
    budget : float
        Yen, >= 0.
    per_right_amount : int
        Yen per right, a whole number >= 1.

    Examples
    --------
    >>> rights_within_budget(budget=1_000_000, per_right_amount=326_489)
    3
    """
    money = _validate.non_negative("budget", budget)
    amount = _validate.integer("per_right_amount", per_right_amount, minimum=1)
    return int(money) // amount
