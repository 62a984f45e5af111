"""Where the market inputs come from: S, sigma, r and q derived from raw data, with the trail.

A valuation an auditor can re-perform carries each market input back to its data. This module
derives the four figures of clause (12) with the core's own functions and keeps everything each
computation used:

- S: :class:`stockrights.prices.SharePriceLookup` (the close on the valuation date, or the base
  price for the next trading day, and the date of the figure used);
- sigma: :class:`stockrights.volatility.VolatilityEstimate` (window, frequency, observations,
  splits, ddof, annualisation factor);
- r: :class:`RateDerivation` (the curve, the tenors and yields used, the interpolation weights,
  the compounding convention);
- q: :class:`DividendDerivation` (the dividend as declared, its fiscal year and record date, the
  splits that restate it, S).

:func:`derive_market_inputs` puts them together in a :class:`stockrights.terms.MarketInputs`
whose ``derivation`` is a :class:`MarketDerivation`; ``Valuation.explain()`` then lists every step.
A figure typed in by hand has no derivation and is explained as "entered: <source>".

References
----------
Resolution (IIJ 7th series, 2017), clauses (12)-2 (S), (12)-5 (sigma), (12)-6 (r), (12)-7 (q).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from stockrights import _validate
from stockrights.adjustment import CorporateAction
from stockrights.dates import as_date
from stockrights.dividends import dividend_yield, restate_dividend_per_share, restated_dividend
from stockrights.errors import InputError
from stockrights.prices import SharePriceLookup, Split, _parse_splits, share_price_lookup
from stockrights.rates import Compounding, _curve, rate_for_term
from stockrights.sentences import Sentence, say
from stockrights.terms import MarketInputs
from stockrights.volatility import (
    Frequency,
    MissingClose,
    VolatilityEstimate,
    historical_volatility_estimate,
)

__all__ = [
    "DividendDerivation",
    "MarketDerivation",
    "RateDerivation",
    "derive_dividend_yield",
    "derive_market_inputs",
    "derive_rate",
]


@dataclass(frozen=True, kw_only=True, slots=True)
class RateDerivation:
    """The risk-free rate r for a term, and how it was read off the curve (clause (12)-6).

    Attributes
    ----------
    term_years : float
        T, years.
    curve_tenors, curve_yields : tuple of float
        The whole curve given (years; decimals as quoted).
    tenors_used, yields_used : tuple of float
        The one or two curve points the rate is taken from (one when T is a tenor of the curve
        or lies outside it with ``extrapolate``).
    weights : tuple of float
        The weight of each point used, summing to 1:
        ``w_hi = (T - t_lo) / (t_hi - t_lo)``, ``w_lo = 1 - w_hi``.
    quoted_yield : float
        ``sum(w_i y_i)``, the yield at T as quoted (decimal).
    compounding : Compounding
        ``as_quoted`` (r is the quoted yield) or ``continuous`` (``r = 2 ln(1 + y/2)``).
    extrapolated : bool
        True when T lay outside the curve and the nearest end was used.
    rate : float
        r, decimal per year, as :func:`stockrights.rates.rate_for_term` returns it.
    """

    term_years: float
    curve_tenors: tuple[float, ...]
    curve_yields: tuple[float, ...]
    tenors_used: tuple[float, ...]
    yields_used: tuple[float, ...]
    weights: tuple[float, ...]
    quoted_yield: float
    compounding: Compounding
    extrapolated: bool
    rate: float


@dataclass(frozen=True, kw_only=True, slots=True)
class DividendDerivation:
    """The dividend yield q = D / S and the dividend behind it (clause (12)-7).

    Attributes
    ----------
    declared_dividend : float
        D as declared, yen per share on the record date's share basis.
    fiscal_year : str or Sentence
        The fiscal year the dividend was paid for, as text ("FY ended March 2017"), or as a
        sentence that reads in either language (``say("explain.q.fiscal_year_ended", ...)``).
    record_date : datetime.date
        The dividend's record date.
    as_of : datetime.date
        The date whose share basis D is restated on (the valuation date).
    splits_applied : tuple of (datetime.date, float)
        The splits effective after the record date and on or before ``as_of``, with ratios.
    restated_dividend : float
        D on the ``as_of`` basis, yen per share (``declared / product of ratios``).
    share_price : float
        S, yen per share.
    dividend_yield : float
        q = restated_dividend / share_price, decimal per year.
    """

    declared_dividend: float
    fiscal_year: str | Sentence
    record_date: dt.date
    as_of: dt.date
    splits_applied: tuple[Split, ...]
    restated_dividend: float
    share_price: float
    dividend_yield: float


@dataclass(frozen=True, kw_only=True, slots=True)
class MarketDerivation:
    """The derivations behind the market inputs; ``None`` where a figure was entered by hand.

    Attributes
    ----------
    share_price : SharePriceLookup or None
    volatility : VolatilityEstimate or None
    risk_free_rate : RateDerivation or None
    dividend_yield : DividendDerivation or None
    sources : tuple of (name, Sentence)
        The source of each derived input as a sentence ("derived from the price series (clause
        12-2)"), keyed by the MarketInputs field; its English is the field's ``*_source``.
    """

    share_price: SharePriceLookup | None = None
    volatility: VolatilityEstimate | None = None
    risk_free_rate: RateDerivation | None = None
    dividend_yield: DividendDerivation | None = None
    sources: tuple[tuple[str, Sentence], ...] = ()

    def source(self, name: str) -> Sentence | None:
        """The source of the derived input ``name`` as a sentence; None when it was entered."""
        return dict(self.sources).get(name)

    def derived_values(self) -> dict[str, float]:
        """The figure each derivation gives, keyed by the MarketInputs field it fills."""
        out: dict[str, float] = {}
        if self.share_price is not None:
            out["share_price"] = self.share_price.share_price
        if self.volatility is not None:
            out["volatility"] = self.volatility.volatility
        if self.risk_free_rate is not None:
            out["risk_free_rate"] = self.risk_free_rate.rate
        if self.dividend_yield is not None:
            out["dividend_yield"] = self.dividend_yield.dividend_yield
        return out


def derive_rate(
    *,
    tenors_years: Any,
    yields: Any,
    term_years: float,
    compounding: Compounding | str = Compounding.AS_QUOTED,
    extrapolate: bool = False,
) -> RateDerivation:
    """The rate of :func:`stockrights.rates.rate_for_term`, with the points and weights used.

    Parameters and errors are those of :func:`stockrights.rates.rate_for_term`, which computes
    the rate; this function adds the bracketing tenors and their weights for the explanation.

    Examples
    --------
    >>> d = derive_rate(tenors_years=[10, 20], yields=[0.001, 0.006], term_years=12)
    >>> d.tenors_used, d.weights, round(d.rate, 10)
    ((10.0, 20.0), (0.8, 0.2), 0.002)
    """
    rate = rate_for_term(
        tenors_years=tenors_years,
        yields=yields,
        term_years=term_years,
        compounding=compounding,
        extrapolate=extrapolate,
    )
    tenors, values = _curve(tenors_years, yields)
    term = float(term_years)
    mode = Compounding.parse(compounding, field="compounding")
    hi = int(np.searchsorted(tenors, term, side="left"))
    extrapolated = term < tenors[0] or term > tenors[-1]
    if extrapolated or tenors[min(hi, tenors.size - 1)] == term:
        i = min(hi, tenors.size - 1)
        used: tuple[int, ...] = (i,)
        weights: tuple[float, ...] = (1.0,)
    else:
        lo = hi - 1
        upper = (term - tenors[lo]) / (tenors[hi] - tenors[lo])
        used = (lo, hi)
        weights = (1.0 - float(upper), float(upper))
    quoted = sum(w * float(values[i]) for w, i in zip(weights, used, strict=True))
    return RateDerivation(
        term_years=term,
        curve_tenors=tuple(tenors.tolist()),
        curve_yields=tuple(values.tolist()),
        tenors_used=tuple(float(tenors[i]) for i in used),
        yields_used=tuple(float(values[i]) for i in used),
        weights=weights,
        quoted_yield=quoted,
        compounding=mode,
        extrapolated=bool(extrapolated),
        rate=rate,
    )


def derive_dividend_yield(
    *,
    dividend_per_share: float,
    record_date: object,
    share_price: float,
    as_of: object,
    splits: Iterable[Any] = (),
    fiscal_year: str | Sentence = "",
    actions: Iterable[CorporateAction] | None = None,
) -> DividendDerivation:
    """The dividend yield q = D / S, D restated for splits after its record date (clause (12)-7).

    D is restated by :func:`stockrights.dividends.restated_dividend` and divided by S with
    :func:`stockrights.dividends.dividend_yield`; parameters and errors are theirs. With
    ``actions`` (the company's table of corporate actions, instead of ``splits``), each action
    restates D by the table's rule and ``splits_applied`` lists (effective date, ratio) of those
    that did.

    Examples
    --------
    >>> d = derive_dividend_yield(dividend_per_share=27, record_date="2017-03-31",
    ...     share_price=2000, as_of="2017-07-14", fiscal_year="FY ended March 2017")
    >>> d.restated_dividend, d.dividend_yield
    (27.0, 0.0135)
    """
    if not isinstance(fiscal_year, str | Sentence):
        raise InputError(f"fiscal_year must be a text, got {fiscal_year!r}")
    recorded = as_date(record_date, field="record_date")
    basis = as_date(as_of, field="as_of")
    if actions is not None:
        found = restated_dividend(
            dividend_per_share=dividend_per_share, record_date=recorded, as_of=basis,
            actions=actions,
        )  # fmt: skip
        restated = found.dividend_per_share
        applied = tuple(
            (step.action.legal_effective_date, step.action.ratio)
            for step in found.steps
            if step.applied
        )
    else:
        split_list = _parse_splits(splits)
        restated = restate_dividend_per_share(
            dividend_per_share=dividend_per_share,
            record_date=record_date,
            splits=split_list,
            as_of=as_of,
        )
        applied = tuple(s for s in split_list if recorded < s[0] <= basis)
    return DividendDerivation(
        declared_dividend=_validate.non_negative("dividend_per_share", dividend_per_share),
        fiscal_year=fiscal_year,
        record_date=recorded,
        as_of=basis,
        splits_applied=applied,
        restated_dividend=restated,
        share_price=_validate.positive("share_price", share_price),
        dividend_yield=dividend_yield(dividend_per_share=restated, share_price=share_price),
    )


def derive_market_inputs(
    *,
    dates: Any,
    closes: Any,
    valuation_date: object,
    window_start: object,
    tenors_years: Any,
    yields: Any,
    term_years: float,
    dividend_per_share: float,
    dividend_record_date: object,
    dividend_fiscal_year: str | Sentence = "",
    splits: Iterable[Any] = (),
    base_prices: Mapping[Any, Any] | None = None,
    frequency: Frequency | str = Frequency.WEEKLY,
    missing: MissingClose | str = MissingClose.ERROR,
    compounding: Compounding | str = Compounding.AS_QUOTED,
    trading_days: Any | None = None,
    price_source: str = "",
    rate_source: str = "",
    dividend_source: str = "",
    illustrative: bool = False,
    actions: Iterable[CorporateAction] | None = None,
    entered: Mapping[str, tuple[float, str]] | None = None,
) -> MarketInputs:
    """The market inputs of clause (12), each derived from its data, with the derivation kept.

    - S: :func:`stockrights.prices.share_price_lookup` on ``valuation_date`` (clause (12)-2);
    - sigma: :func:`stockrights.volatility.historical_volatility_estimate` over
      ``[window_start, valuation_date]`` with ``splits`` (clause (12)-5);
    - r: :func:`derive_rate` at ``term_years`` (clause (12)-6);
    - q: :func:`derive_dividend_yield` with D restated to ``valuation_date``'s share basis and
      divided by S (clause (12)-7).

    Parameters
    ----------
    dates, closes
        The daily price series as traded (see :mod:`stockrights.prices`).
    valuation_date : date, datetime, ISO text or Excel serial
        The allotment date: the date of S and the end of the volatility window.
    window_start : date, datetime, ISO text or Excel serial
        First day of the volatility window.
    tenors_years, yields
        The JGB curve (see :mod:`stockrights.rates`).
    term_years : float
        T, years.
    dividend_per_share : float
        D as declared, yen per share.
    dividend_record_date : date, datetime, ISO text or Excel serial
        Its record date.
    dividend_fiscal_year : str or Sentence
        The fiscal year of the dividend, as text or as a sentence (read in either language).
    splits : sequence of (effective_date, ratio)
        Splits in the price series (they restate older closes and the dividend). One list of
        dates cannot serve both (the price series changes basis on the ex-rights date, the
        dividend on the effective date): prefer ``actions``.
    actions : sequence of CorporateAction, optional
        The company's table of corporate actions, instead of ``splits``: the volatility restates
        closes from each action's ex-rights date, the dividend by the table's rule
        (:mod:`stockrights.dividends`).
    base_prices : mapping of date to float, optional
        Base prices for the clause (12)-2 fallback.
    frequency, missing
        As in :func:`stockrights.volatility.historical_volatility_estimate`.
    compounding : Compounding or str
        As in :func:`stockrights.rates.rate_for_term`.
    trading_days : sequence of dates, optional
        The trading calendar (default XTKS).
    price_source, rate_source, dividend_source : str
        Where the price series, the curve and the dividend come from (a file, a sheet, a notice).
    illustrative : bool
        True when the data are made up (an example): every output says so.
    entered : mapping of input name to (value, source), optional
        The inputs typed in rather than derived, keyed ``share_price``, ``volatility``,
        ``risk_free_rate`` or ``dividend_yield``: each is used as given, its source kept as
        written (``explain`` prints "entered: <source>"), and its data are neither read nor
        needed (a derived q divides D by the entered S).

    Returns
    -------
    MarketInputs
        With ``derivation`` set (``None`` for each entered input).

    Raises
    ------
    InputError, SeriesError, OutOfRangeError
        As the functions called raise them; the message names the field.
    """
    split_list = _parse_splits(splits)
    if actions is not None and split_list:
        raise InputError(
            "splits must be left out when actions is given (one table of corporate actions), "
            "got both"
        )
    typed = _entered(entered)
    day = as_date(valuation_date, field="valuation_date")
    lookup = estimate = rate = dividend = None
    if "share_price" not in typed:
        lookup = share_price_lookup(
            dates=dates, closes=closes, on=day, base_prices=base_prices, trading_days=trading_days
        )
    if "volatility" not in typed:
        estimate = historical_volatility_estimate(
            dates=dates,
            closes=closes,
            start=window_start,
            end=day,
            frequency=frequency,
            splits=None if actions is not None else split_list,
            missing=missing,
            trading_days=trading_days,
            actions=actions,
        )
    if "risk_free_rate" not in typed:
        rate = derive_rate(
            tenors_years=tenors_years, yields=yields, term_years=term_years, compounding=compounding
        )
    share_price = typed["share_price"][0] if lookup is None else lookup.share_price
    if "dividend_yield" not in typed:
        dividend = derive_dividend_yield(
            dividend_per_share=dividend_per_share,
            record_date=dividend_record_date,
            share_price=share_price,
            as_of=day,
            splits=split_list,
            fiscal_year=dividend_fiscal_year,
            actions=actions,
        )
    series = price_source or say("derived.price_series")
    sources = {
        "share_price": say("derived.from", data=series, item=2),
        "volatility": say("derived.from", data=series, item=5),
        "risk_free_rate": say(
            "derived.from", data=rate_source or say("derived.yield_curve"), item=6
        ),
        "dividend_yield": say(
            "derived.dividend", data=dividend_source or say("derived.the_dividend")
        ),
    }
    derived = {
        "share_price": (share_price, str(sources["share_price"])),
        "volatility": (estimate.volatility if estimate else 0.0, str(sources["volatility"])),
        "risk_free_rate": (rate.rate if rate else 0.0, str(sources["risk_free_rate"])),
        "dividend_yield": (
            dividend.dividend_yield if dividend else 0.0,
            str(sources["dividend_yield"]),
        ),
    }
    used = {**derived, **typed}
    return MarketInputs(
        share_price=used["share_price"][0],
        volatility=used["volatility"][0],
        risk_free_rate=used["risk_free_rate"][0],
        dividend_yield=used["dividend_yield"][0],
        dividend_per_share=dividend.restated_dividend if dividend else None,
        share_price_source=used["share_price"][1],
        volatility_source=used["volatility"][1],
        risk_free_rate_source=used["risk_free_rate"][1],
        dividend_yield_source=used["dividend_yield"][1],
        illustrative=illustrative,
        derivation=MarketDerivation(
            share_price=lookup,
            volatility=estimate,
            risk_free_rate=rate,
            dividend_yield=dividend,
            sources=tuple((name, said) for name, said in sources.items() if name not in typed),
        ),
    )


_ENTERABLE = ("share_price", "volatility", "risk_free_rate", "dividend_yield")


def _entered(entered: Mapping[str, tuple[float, str]] | None) -> dict[str, tuple[float, str]]:
    """Check the typed inputs of :func:`derive_market_inputs`: known names, finite numbers."""
    out: dict[str, tuple[float, str]] = {}
    for name, (value, source) in (entered or {}).items():
        if name not in _ENTERABLE:
            raise InputError(f"entered must name one of {', '.join(_ENTERABLE)}, got {name!r}")
        number = _validate.number(name, value)
        out[name] = (number, str(source).strip() or "(source not stated)")
    return out
