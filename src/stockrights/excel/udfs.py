"""The worksheet functions (UDFs) of stockrights, for classic xlwings and xlwings Lite.

One module, used unchanged by

- classic xlwings on Windows: ``UDF Modules`` = ``stockrights.excel.udfs``, then "Import
  Functions" (the Python names, ``SAR_...``, become the VBA/Excel names);
- xlwings Lite: ``main.py`` does ``from stockrights.excel.udfs import *`` (the upper-cased name is
  the Excel name, the same text);
- the headless workbook engine: :data:`UDFS` lists the plain functions, :func:`registered_udfs`
  too, and :func:`stockrights.excel.registry.udf_info` gives each one's declaration.

Every function only converts its arguments (:mod:`stockrights.excel.converters`), calls the core
once and returns a number, a text, a boolean, a date or a range of them. There is no math here.
A bad input gives a cell text such as ``#VALUE! volatility must be >= 0 (got -0.2)`` (a real error
value under Lite); see :mod:`stockrights.excel.boundary`.

Conventions, as in the core: money in yen (per share unless the name says per right), time in
years, rates, yields and volatilities as decimals (a percent-formatted cell arrives as a decimal;
the text ``"35%"`` is read as 0.35). Dates may be date cells, Excel serial numbers or ISO text.

Examples
--------
The published 1-yen grant JP-GOGIN-2014 (``../shared/cases``): 677 yen per share.

>>> SAR_RIGHT_VALUE(716, 1, 3.6, "27.034%", 0.0009, 0.01536, 1)
677
>>> SAR_BS_PRICE(716, 1, 3.6, -0.2, 0.0009, 0.01536)
'#VALUE! volatility must be >= 0 (got -0.2)'
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable
from typing import Any

from stockrights.adjustment import (
    ActionKind,
    CorporateAction,
    SharesPerRight,
    adjusted_shares_per_right,
    exercise_amount_per_right,
)
from stockrights.derivation import derive_market_inputs
from stockrights.dividends import dividend_yield, restate_dividend_per_share
from stockrights.errors import InputError
from stockrights.excel.converters import (
    TableKey,
    cells_of,
    is_blank,
    table_key,
    to_date,
    to_date_vector,
    to_flag,
    to_integer,
    to_number,
    to_number_vector,
    to_option,
    to_optional_date,
    to_optional_date_vector,
    to_optional_number,
    to_rows,
    to_table,
    to_text,
)
from stockrights.excel.registry import udf
from stockrights.exercise import ExerciseResult, capital_split, exercise_rights
from stockrights.glossary import Lang
from stockrights.prices import adjust_for_splits, share_price_lookup, tse_trading_days
from stockrights.pricing import (
    bsm_call_price,
    bsm_greeks,
    implied_volatility_interval,
)
from stockrights.rates import Compounding, rate_for_term
from stockrights.restructuring import (
    Restructuring,
    RestructuringKind,
    map_to_restructured_company,
    may_acquire_without_contribution,
)
from stockrights.rounding import Rounding, per_right_amount
from stockrights.sentences import option_words, say
from stockrights.valuation import provenance_lines, rights_within_budget, value_right
from stockrights.volatility import (
    Frequency,
    MissingClose,
    VolatilityEstimate,
    historical_volatility_estimate,
)
from stockrights.windows import (
    ExerciseRules,
    HolderStatus,
    LastDayRule,
    can_exercise,
    exercise_windows,
)

__all__ = [
    "SAR_ADJUSTED_CLOSES",
    "SAR_ADJUSTMENT_STEPS",
    "SAR_BS_PRICE",
    "SAR_CAN_EXERCISE",
    "SAR_CAPITAL_RESERVE",
    "SAR_CAPITAL_SPLIT",
    "SAR_CAPITAL_STOCK",
    "SAR_DIVIDEND_YIELD",
    "SAR_EXERCISE",
    "SAR_EXERCISE_AMOUNT",
    "SAR_EXERCISE_WINDOW",
    "SAR_EXPLAIN",
    "SAR_EX_RIGHTS_DATES",
    "SAR_GREEKS",
    "SAR_HIST_VOL",
    "SAR_IMPLIED_VOL",
    "SAR_JGB_RATE",
    "SAR_MAX_RIGHTS",
    "SAR_MAY_ACQUIRE",
    "SAR_RESTATED_DIVIDEND",
    "SAR_RESTRUCTURED",
    "SAR_RIGHT_AMOUNT",
    "SAR_RIGHT_VALUE",
    "SAR_SHARES_PER_RIGHT",
    "SAR_SHARE_PRICE",
    "SAR_TRADING_DAYS",
    "SAR_VOL_OBSERVATIONS",
    "UDFS",
    "registered_udfs",
]

# Argument help shared by the functions that take the same input (one text per glossary name).
_S = "S: share price, yen per share, > 0 (the close on the valuation date, clause 12-2)."
_X = "X: exercise price, yen per share, > 0 (1 yen for these rights, clause 4)."
_T = "T: expected remaining period, years, >= 0 (15 in the resolution, clause 12-4)."
_SIGMA = "sigma: volatility, decimal per year (0.35 or 35%), 0 to 2."
_R = "r: risk-free rate, decimal per year, continuously compounded (0.0035 or 0.35%), -2% to 10%."
_Q = "q: dividend yield, decimal per year (0.0135 or 1.35%), 0 to 20%; enter 0 for none."
_SHARES = "Shares per right, a whole number >= 1 (200 in the resolution, clause 3)."
_ROUNDING = (
    "Optional. per_right_up (default: C x shares, fraction of a yen up, clause 12), "
    "per_share_up or per_share_half_up."
)
_ROUNDING_DEFAULT = Rounding.PER_RIGHT_UP.value
_AS_QUOTED = Compounding.AS_QUOTED.value
_WEEKLY = Frequency.WEEKLY.value
_MISSING_ERROR = MissingClose.ERROR.value
_FOLLOWING = LastDayRule.FOLLOWING.value
_PRICE_DOCS = {
    "share_price": _S,
    "exercise_price": _X,
    "term_years": _T,
    "volatility": _SIGMA,
    "risk_free_rate": _R,
    "dividend_yield": _Q,
}

_EN = Lang.EN.value
_LANGUAGE = 'Optional. "en" (default) or "ja": the language of the reasons and notes it spills.'


def _language(value: Any) -> Lang:
    """The ``language`` argument: ``en`` (default, also for a blank cell) or ``ja``, any case."""
    text = to_option(value, field="language", default=_EN)
    try:
        return Lang(text.lower())
    except ValueError:
        raise InputError(f"language must be one of en, ja, got {value!r}") from None


def _market(
    share_price: Any,
    exercise_price: Any,
    term_years: Any,
    volatility: Any,
    risk_free_rate: Any,
    dividend_yield: Any,
) -> dict[str, float]:
    """The six Black-Scholes inputs as keyword arguments of the core (converted, not checked)."""
    return {
        "share_price": to_number(share_price, field="share_price"),
        "exercise_price": to_number(exercise_price, field="exercise_price"),
        "term_years": to_number(term_years, field="term_years"),
        "volatility": to_number(volatility, field="volatility"),
        "risk_free_rate": to_number(risk_free_rate, field="risk_free_rate"),
        "dividend_yield": to_number(dividend_yield, field="dividend_yield"),
    }


# --- pricing and valuation (clause 12) ------------------------------------------------------


@udf(docs=_PRICE_DOCS)
def SAR_BS_PRICE(
    share_price: Any,
    exercise_price: Any,
    term_years: Any,
    volatility: Any,
    risk_free_rate: Any,
    dividend_yield: Any,
) -> Any:
    """Option price per share C, Black-Scholes with dividend yield (clause 12), yen, unrounded.

    C = S e^(-qT) N(d) - X e^(-rT) N(d - sigma sqrt T).
    """
    return bsm_call_price(
        **_market(
            share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield
        )
    )


@udf(
    docs={
        "option_price": "C: option price per share, yen, unrounded (e.g. SAR_BS_PRICE).",
        "shares_per_right": _SHARES,
        "rounding": _ROUNDING,
    }
)
def SAR_RIGHT_AMOUNT(
    option_price: Any, shares_per_right: Any, rounding: Any = _ROUNDING_DEFAULT
) -> Any:
    """Amount paid per right in whole yen: C x shares per right, rounded by the mode (clause 12).

    Default: fraction of a yen rounded up.
    """
    return per_right_amount(
        option_price=to_number(option_price, field="option_price"),
        shares_per_right=to_integer(shares_per_right, field="shares_per_right"),
        rounding=to_option(rounding, field="rounding", default=_ROUNDING_DEFAULT),
    )


@udf(docs={**_PRICE_DOCS, "shares_per_right": _SHARES, "rounding": _ROUNDING})
def SAR_RIGHT_VALUE(
    share_price: Any,
    exercise_price: Any,
    term_years: Any,
    volatility: Any,
    risk_free_rate: Any,
    dividend_yield: Any,
    shares_per_right: Any,
    rounding: Any = _ROUNDING_DEFAULT,
) -> Any:
    """Amount paid per right in whole yen from the six inputs (clause 12).

    Black-Scholes C per share x shares per right, rounded (default: fraction of a yen up).
    """
    return value_right(
        **_market(
            share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield
        ),
        shares_per_right=to_integer(shares_per_right, field="shares_per_right"),
        rounding=to_option(rounding, field="rounding", default=_ROUNDING_DEFAULT),
    ).per_right_amount


_CHAIN_DOCS = {
    "valuation_date": "Optional. The allotment date. Given with the data below, the table starts "
    "with each input traced back to its data (the date of S, the volatility window, the tenors "
    "and weights of r, the dividend behind q).",
    "window_start": "Optional. With valuation_date: First day of the volatility window.",
    "dates": "Optional. With valuation_date: Trading days of the price series.",
    "closes": "Optional. With valuation_date: Closes as traded, one per date.",
    "splits": "Optional. Split table, 2 columns: effective_date, ratio (restates older closes "
    "and the dividend).",
    "base_prices": "Optional. Base prices, 2 columns: trading day, base price (clause 12-2).",
    "tenors_years": "Optional. With valuation_date: JGB curve tenors, years.",
    "yields": "Optional. With valuation_date: JGB yield at each tenor, decimal, as quoted.",
    "dividend_per_share": "Optional. With valuation_date: Dividend per share as declared, yen.",
    "dividend_record_date": "Optional. With valuation_date: Record date of that dividend.",
    "frequency": "Optional. weekly (default), daily or monthly.",
    "share_price_source": "Optional. Where a typed S came from (blank: derived from the data).",
    "volatility_source": "Optional. Where a typed sigma came from (blank: derived from the data).",
    "risk_free_rate_source": "Optional. Where a typed r came from (blank: derived from the curve).",
    "dividend_yield_source": "Optional. Where a typed q came from (blank: derived from D / S).",
}


@udf(
    docs={
        **_PRICE_DOCS,
        "shares_per_right": _SHARES,
        "rounding": _ROUNDING,
        "detail": "Optional. FALSE (default): two columns, name and value. "
        "TRUE: four columns, name, value, unit and note.",
        **_CHAIN_DOCS,
        "language": _LANGUAGE,
    },
    ranges=("dates", "closes", "splits", "base_prices", "tenors_years", "yields"),
    spills=True,
)
def SAR_EXPLAIN(
    share_price: Any,
    exercise_price: Any,
    term_years: Any,
    volatility: Any,
    risk_free_rate: Any,
    dividend_yield: Any,
    shares_per_right: Any,
    rounding: Any = _ROUNDING_DEFAULT,
    detail: Any = False,
    valuation_date: Any = None,
    window_start: Any = None,
    dates: Any = None,
    closes: Any = None,
    splits: Any = None,
    base_prices: Any = None,
    tenors_years: Any = None,
    yields: Any = None,
    dividend_per_share: Any = None,
    dividend_record_date: Any = None,
    frequency: Any = _WEEKLY,
    share_price_source: Any = None,
    volatility_source: Any = None,
    risk_free_rate_source: Any = None,
    dividend_yield_source: Any = None,
    language: Any = _EN,
) -> Any:
    """Every step from the six inputs to the amount per right (d, N(d), discount factors, C...).

    Spills name and value to re-perform (clause 12); with the data, each input first (a *_source
    marks one as entered); language "ja": values, units, notes in Japanese.
    """
    lang = _language(language)
    inputs = _market(
        share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield
    )
    right = value_right(
        **inputs,
        shares_per_right=to_integer(shares_per_right, field="shares_per_right"),
        rounding=to_option(rounding, field="rounding", default=_ROUNDING_DEFAULT),
    )
    lines = right.explain()
    if not is_blank(valuation_date):
        sources = {
            "share_price": share_price_source,
            "volatility": volatility_source,
            "risk_free_rate": risk_free_rate_source,
            "dividend_yield": dividend_yield_source,
        }
        entered = {
            name: (inputs[name], to_text(source, field=f"{name}_source"))
            for name, source in sources.items()
            if not is_blank(source)
        }
        prices_needed = not {"share_price", "volatility"} <= entered.keys()
        dividend_needed = "dividend_yield" not in entered
        market = derive_market_inputs(
            dates=to_date_vector(dates, field="dates") if prices_needed else [],
            closes=to_number_vector(closes, field="closes") if prices_needed else [],
            valuation_date=to_date(valuation_date, field="valuation_date"),
            window_start=to_date(window_start, field="window_start")
            if "volatility" not in entered
            else None,
            tenors_years=to_number_vector(tenors_years, field="tenors_years")
            if "risk_free_rate" not in entered
            else [],
            yields=to_number_vector(yields, field="yields")
            if "risk_free_rate" not in entered
            else [],
            term_years=inputs["term_years"],
            dividend_per_share=to_number(dividend_per_share, field="dividend_per_share")
            if dividend_needed
            else 0.0,
            dividend_record_date=to_date(dividend_record_date, field="dividend_record_date")
            if dividend_needed
            else None,
            **_splits(splits),
            base_prices=_base_prices(base_prices) if "share_price" not in entered else None,
            frequency=to_option(frequency, field="frequency", default=_WEEKLY),
            entered=entered,
        )
        for name in ("share_price", "volatility", "risk_free_rate", "dividend_yield"):
            derived = getattr(market, name)
            if not math.isclose(inputs[name], derived, rel_tol=1e-12, abs_tol=1e-15):
                raise InputError(
                    f"{name} must be the value its data give ({derived!r}), got {inputs[name]!r}"
                    f" (or state its source in {name}_source when it was typed in)"
                )
        lines = provenance_lines(market) + lines
    if to_flag(detail, field="detail"):
        return [[ln.label, ln.value_in(lang), ln.unit_in(lang), ln.note_in(lang)] for ln in lines]
    return [[ln.label, ln.value_in(lang)] for ln in lines]


@udf(docs=_PRICE_DOCS, spills=True)
def SAR_GREEKS(
    share_price: Any,
    exercise_price: Any,
    term_years: Any,
    volatility: Any,
    risk_free_rate: Any,
    dividend_yield: Any,
) -> Any:
    """Greeks of the price per share; spills name and value: delta, gamma, vega, theta, rho, q-rho.

    vega, rho per 1.00 of sigma, r, q; theta per year.
    """
    greeks = bsm_greeks(
        **_market(
            share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield
        )
    )
    return [
        ["delta", greeks.delta],
        ["gamma", greeks.gamma],
        ["vega", greeks.vega],
        ["theta", greeks.theta],
        ["rho", greeks.rho],
        ["dividend_rho", greeks.dividend_rho],
    ]


@udf(
    docs={
        "option_price": "C: observed option price per share, yen, >= 0.",
        "share_price": _S,
        "exercise_price": _X,
        "term_years": "T: years, > 0.",
        "risk_free_rate": _R,
        "dividend_yield": _Q,
        "price_tick": "Optional. The step the price was rounded to, yen (default 1: whole yen; "
        "0.0001 for 4 decimals; 0 for an exact price).",
        "volatility_tolerance": "Optional. Widest range of volatilities accepted, decimal "
        "(default 0.01, one point); wider is #NUM!.",
    },
    spills=True,
)
def SAR_IMPLIED_VOL(
    option_price: Any,
    share_price: Any,
    exercise_price: Any,
    term_years: Any,
    risk_free_rate: Any,
    dividend_yield: Any,
    price_tick: Any = 1.0,
    volatility_tolerance: Any = 0.01,
) -> Any:
    """Volatilities consistent with the price to its tick; spills low, mid, high (decimals).

    #NUM! when no volatility reproduces it, or when the range is wider than the tolerance (a
    1-yen right priced to the yen says almost nothing about volatility).
    """
    inputs = {
        "option_price": to_number(option_price, field="option_price"),
        "share_price": to_number(share_price, field="share_price"),
        "exercise_price": to_number(exercise_price, field="exercise_price"),
        "term_years": to_number(term_years, field="term_years"),
        "risk_free_rate": to_number(risk_free_rate, field="risk_free_rate"),
        "dividend_yield": to_number(dividend_yield, field="dividend_yield"),
        "price_tick": to_number(price_tick, field="price_tick", default=1.0),
    }
    interval = implied_volatility_interval(
        **inputs,
        volatility_tolerance=to_number(
            volatility_tolerance, field="volatility_tolerance", default=0.01
        ),
    )
    return [[interval.low, interval.mid, interval.high]]


@udf(
    docs={
        "budget": "Budget in yen, >= 0.",
        "per_right_amount": "Amount paid per right, whole yen >= 1 (e.g. SAR_RIGHT_VALUE).",
    }
)
def SAR_MAX_RIGHTS(budget: Any, per_right_amount: Any) -> Any:
    """Largest whole number of rights whose total amount stays within the budget in yen.

    floor(budget / amount per right).
    """
    return rights_within_budget(
        budget=to_number(budget, field="budget"),
        per_right_amount=to_integer(per_right_amount, field="per_right_amount"),
    )


# --- market inputs: share price, volatility, rate, dividend yield (clause 12-2 to 12-7) -----


_DATES = "Trading days of the price series: a row or column of dates or Excel serials, increasing."
_CLOSES = "Closing prices, yen per share, one per date (same length as dates), > 0."
_SPLITS = (
    "Optional. The corporate-action table of SAR_SHARES_PER_RIGHT (7-8 columns; ex-rights dates "
    "from record dates, TSE settlement), or 2 columns: ex_rights_date, ratio (2 for a 1:2 split)."
)
_TRADING_DAYS = (
    "Optional. Trading calendar as a row or column of dates; blank: the Tokyo Stock Exchange "
    "(XTKS, the holiday table shipped with stockrights)."
)


def _splits(value: Any, field: str = "splits") -> dict[str, Any]:
    """A split range as the core's keyword: ``actions`` (3 to 8 columns) or ``splits`` (2).

    The corporate-action table (kind, ratio, record_date, effective_date, meeting_date, order,
    description, ex_rights_date; later columns may be left off) is recognised by its width
    (3 columns or more, or a header row starting with 'kind'); 2 columns are the older pairs
    (effective_date, ratio), the date being the first day quoted on the new basis.
    """
    table = to_table(value, field=field)
    first = table[0][0] if table else None
    is_header = isinstance(first, str) and first.strip().lower() == _ACTION_COLUMNS[0]
    if table and (len(table[0]) >= 3 or is_header):
        return {"actions": _actions(value, field=field)}
    return {
        "splits": [
            (
                to_date(row[0], field=f"{field} row {i} effective_date"),
                to_number(row[1], field=f"{field} row {i} ratio"),
            )
            for i, row in enumerate(
                to_rows(value, field=field, columns=("effective_date", "ratio")), start=1
            )
        ]
    }


def _base_prices(value: Any) -> dict[dt.date, float] | None:
    """A base-price table (date, base_price) as the core's mapping; blank -> None."""
    rows = to_rows(value, field="base_prices", columns=("date", "base_price"))
    if not rows:
        return None
    return {
        to_date(row[0], field=f"base_prices row {i} date"): to_number(
            row[1], field=f"base_prices row {i} base_price"
        )
        for i, row in enumerate(rows, start=1)
    }


@udf(
    docs={
        "dates": _DATES,
        "closes": _CLOSES,
        "on_date": "The valuation date (the allotment date, clause 13).",
        "base_prices": "Optional. Base prices, 2 columns: trading day, base price (yen). Used when "
        "there is no close on on_date: the base price for the next trading day (clause 12-2).",
        "trading_days": _TRADING_DAYS,
        "detail": "Optional. FALSE (default): the price. TRUE: a row of price, source "
        "(close or next_day_base_price) and the date it comes from.",
    },
    ranges=("dates", "closes", "base_prices", "trading_days"),
)
def SAR_SHARE_PRICE(
    dates: Any,
    closes: Any,
    on_date: Any,
    base_prices: Any = None,
    trading_days: Any = None,
    detail: Any = False,
) -> Any:
    """Share price S on a date (clause 12-2), yen per share.

    The close that day; without one, the base price for the next trading day.
    """
    found = share_price_lookup(
        dates=to_date_vector(dates, field="dates"),
        closes=to_number_vector(closes, field="closes"),
        on=to_date(on_date, field="on_date"),
        base_prices=_base_prices(base_prices),
        trading_days=to_optional_date_vector(trading_days, field="trading_days"),
    )
    if to_flag(detail, field="detail", default=False):
        return [[found.share_price, found.source.value, found.source_date]]
    return found.share_price


@udf(
    docs={"dates": _DATES, "closes": _CLOSES, "splits": _SPLITS.replace("Optional. ", "")},
    ranges=("dates", "closes", "splits"),
    spills=True,
)
def SAR_ADJUSTED_CLOSES(dates: Any, closes: Any, splits: Any) -> Any:
    """Closes restated on the latest share basis (divided by the ratio of every later split).

    Spills one column, one value per date. A split counts from its ex-rights date.
    """
    adjusted = adjust_for_splits(
        dates=to_date_vector(dates, field="dates"),
        closes=to_number_vector(closes, field="closes"),
        **_splits(splits),
    )
    return [[value] for value in adjusted.tolist()]


@udf(
    docs={
        "start_date": "First day of the window.",
        "end_date": "Last day of the window (on or after start_date).",
    },
    spills=True,
)
def SAR_TRADING_DAYS(start_date: Any, end_date: Any) -> Any:
    """Trading days of the Tokyo Stock Exchange in the window, both ends included; spills a column.

    Calendar: XTKS, the holiday table shipped with stockrights (from exchange_calendars).
    """
    days = tse_trading_days(
        start=to_date(start_date, field="start_date"), end=to_date(end_date, field="end_date")
    )
    return [[day] for day in days]


_VOL_DOCS = {
    "dates": _DATES,
    "closes": _CLOSES + " As traded: give splits to adjust.",
    "window_start": "First day of the window (2 Dec 2005 in the resolution, clause 12-5).",
    "window_end": "Last day of the window (the allotment date), on or after window_start.",
    "frequency": "Optional. weekly (default: last trading day of each Monday-Sunday week), daily "
    "or monthly.",
    "splits": _SPLITS,
    "missing": "Optional. No close on an observation day: error (default), last_in_period (the "
    "period's last earlier close) or skip.",
    "periods_per_year": "Optional. Annualisation factor; blank: 52 weekly, 252 daily, 12 monthly.",
    "trading_days": _TRADING_DAYS,
    "detect_splits": "Optional. TRUE (default): a return that looks like an unadjusted split is "
    "an error. FALSE: accept it as a real move.",
}
_VOL_RANGES = ("dates", "closes", "splits", "trading_days")


def _volatility(
    dates: Any,
    closes: Any,
    window_start: Any,
    window_end: Any,
    frequency: Any,
    splits: Any,
    missing: Any,
    periods_per_year: Any,
    trading_days: Any,
    detect_splits: Any,
) -> VolatilityEstimate:
    return historical_volatility_estimate(
        dates=to_date_vector(dates, field="dates"),
        closes=to_number_vector(closes, field="closes"),
        start=to_date(window_start, field="window_start"),
        end=to_date(window_end, field="window_end"),
        frequency=to_option(frequency, field="frequency", default=_WEEKLY),
        periods_per_year=to_optional_number(periods_per_year, field="periods_per_year"),
        **_splits(splits),
        missing=to_option(missing, field="missing", default=_MISSING_ERROR),
        detect_splits=to_flag(detect_splits, field="detect_splits", default=True),
        trading_days=to_optional_date_vector(trading_days, field="trading_days"),
    )


@udf(docs=_VOL_DOCS, ranges=_VOL_RANGES)
def SAR_HIST_VOL(
    dates: Any,
    closes: Any,
    window_start: Any,
    window_end: Any,
    frequency: Any = _WEEKLY,
    splits: Any = None,
    missing: Any = _MISSING_ERROR,
    periods_per_year: Any = None,
    trading_days: Any = None,
    detect_splits: Any = True,
) -> Any:
    """Historical volatility sigma (clause 12-5), decimal per year.

    Sample stdev of the log returns of the closes on the last trading day of each week, x sqrt(52).
    """
    return _volatility(
        dates,
        closes,
        window_start,
        window_end,
        frequency,
        splits,
        missing,
        periods_per_year,
        trading_days,
        detect_splits,
    ).volatility


@udf(docs=_VOL_DOCS, ranges=_VOL_RANGES, spills=True)
def SAR_VOL_OBSERVATIONS(
    dates: Any,
    closes: Any,
    window_start: Any,
    window_end: Any,
    frequency: Any = _WEEKLY,
    splits: Any = None,
    missing: Any = _MISSING_ERROR,
    periods_per_year: Any = None,
    trading_days: Any = None,
    detect_splits: Any = True,
) -> Any:
    """The observations behind SAR_HIST_VOL, for the audit trail.

    Spills a header and one row per observation: date, close, split-adjusted close, log return.
    """
    estimate = _volatility(
        dates,
        closes,
        window_start,
        window_end,
        frequency,
        splits,
        missing,
        periods_per_year,
        trading_days,
        detect_splits,
    )
    returns = ("", *estimate.log_returns)
    rows: list[list[Any]] = [["date", "close", "adjusted_close", "log_return"]]
    rows += [
        [day, close, adjusted, ret]
        for day, close, adjusted, ret in zip(
            estimate.observation_dates,
            estimate.closes,
            estimate.adjusted_closes,
            returns,
            strict=True,
        )
    ]
    return rows


@udf(
    docs={
        "dividend_per_share": "D: dividend per share for the last fiscal year, yen, >= 0, on the "
        "share basis of share_price (see SAR_RESTATED_DIVIDEND).",
        "share_price": _S,
    }
)
def SAR_DIVIDEND_YIELD(dividend_per_share: Any, share_price: Any) -> Any:
    """Dividend yield q = D / S (clause 12-7), decimal per year."""
    return dividend_yield(
        dividend_per_share=to_number(dividend_per_share, field="dividend_per_share"),
        share_price=to_number(share_price, field="share_price"),
    )


@udf(
    docs={
        "dividend_per_share": "D as declared, yen per share at its record date, >= 0.",
        "record_date": "Record date of the dividend.",
        "splits": "The corporate-action table of SAR_SHARES_PER_RIGHT (7-8 columns), or 2 "
        "columns: effective_date (in law), ratio (2 for a 1:2 split).",
        "as_of": "The date of the share price D is compared with (the valuation date).",
    },
    ranges=("splits",),
)
def SAR_RESTATED_DIVIDEND(
    dividend_per_share: Any, record_date: Any, splits: Any, as_of: Any
) -> Any:
    """Dividend per share restated on the share basis of as_of, yen per share.

    D divided by the ratio of every split effective after its record date and ex-rights by as_of.
    """
    return restate_dividend_per_share(
        dividend_per_share=to_number(dividend_per_share, field="dividend_per_share"),
        record_date=to_date(record_date, field="record_date"),
        as_of=to_date(as_of, field="as_of"),
        **_splits(splits),
    )


@udf(
    docs={
        "tenors_years": "Curve tenors, years to maturity, > 0, increasing (a row or column).",
        "yields": "JGB yield at each tenor, decimal (0.0035 or 0.35%), one per tenor.",
        "term_years": "T: the expected remaining period, years, > 0 (15 in clause 12-4).",
        "compounding": "Optional. as_quoted (default: the yield as published) or continuous "
        "(2 ln(1 + y/2)).",
        "extrapolate": "Optional. FALSE (default): a term outside the curve is #N/A. TRUE: the "
        "yield of the nearest end.",
    },
    ranges=("tenors_years", "yields"),
)
def SAR_JGB_RATE(
    tenors_years: Any,
    yields: Any,
    term_years: Any,
    compounding: Any = _AS_QUOTED,
    extrapolate: Any = False,
) -> Any:
    """Risk-free rate r for the term (clause 12-6), decimal per year.

    The JGB yield at that tenor, linearly interpolated between the curve's tenors.
    """
    return rate_for_term(
        tenors_years=to_number_vector(tenors_years, field="tenors_years"),
        yields=to_number_vector(yields, field="yields"),
        term_years=to_number(term_years, field="term_years"),
        compounding=to_option(compounding, field="compounding", default=_AS_QUOTED),
        extrapolate=to_flag(extrapolate, field="extrapolate", default=False),
    )


# --- administration: adjustments, exercise, windows, restructuring (clauses 3 to 11) --------

_ACTION_COLUMNS = (
    "kind",
    "ratio",
    "record_date",
    "effective_date",
    "meeting_date",
    "order",
    "description",
    "ex_rights_date",
)


def _actions(value: Any, field: str = "actions") -> list[CorporateAction]:
    """The corporate-action table as CorporateAction objects; a message names the bad row.

    A register calls SAR_SHARES_PER_RIGHT on every row with the same table: a table already
    converted (the same cells, of the same types) is not converted again (:func:`_actions_of`).
    """
    key = table_key(value)
    if key is None:
        return _convert_actions(value, field)
    return list(_actions_of(key, field))


@functools.lru_cache(maxsize=16)
def _actions_of(key: TableKey, field: str) -> tuple[CorporateAction, ...]:
    """The converted table of a :func:`table_key` (a pure function of the cells: memoised)."""
    return tuple(_convert_actions(cells_of(key), field))


def _convert_actions(value: Any, field: str) -> list[CorporateAction]:
    out = []
    for i, row in enumerate(to_rows(value, field=field, columns=_ACTION_COLUMNS), start=1):
        kind, ratio, record, effective, meeting, order, description, ex_rights = row
        where = f"{field} row {i}"
        kind_text = to_option(kind, field=f"{where} kind")
        ratio_value = to_number(ratio, field=f"{where} ratio")
        record_day = to_optional_date(record, field=f"{where} record_date")
        effective_day = to_optional_date(effective, field=f"{where} effective_date")
        meeting_day = to_optional_date(meeting, field=f"{where} meeting_date")
        order_value = None if is_blank(order) else to_integer(order, field=f"{where} order")
        text = to_text(description, field=f"{where} description", default="")
        ex_rights_day = to_optional_date(ex_rights, field=f"{where} ex_rights_date")
        try:
            out.append(
                CorporateAction(
                    kind=ActionKind.parse(kind_text, field="kind"),
                    ratio=ratio_value,
                    record_date=record_day,
                    effective_date=effective_day,
                    meeting_date=meeting_day,
                    order=order_value,
                    description=text,
                    ex_rights_date=ex_rights_day,
                )
            )
        except InputError as exc:
            raise type(exc)(f"{where} {exc}") from None
    return out


_ACTION_DOCS = {
    "base_shares": "Shares per right at allotment, whole number >= 1 (200, clause 3).",
    "actions": "Corporate actions: kind (split, consolidation, conditional_split, other), ratio "
    "(after/before), record_date, effective_date, meeting_date, order, description, optional "
    "ex_rights_date.",
    "as_of": "The date the number is wanted for, on or after allotment_date.",
    "allotment_date": "Allotment date of the series (14 Jul 2017, clause 13): only later "
    "actions adjust.",
    "known_on": "Optional. The date the actions are seen from (blank: as_of); matters for a "
    "conditional split pending its meeting.",
}


def _shares_per_right(
    base_shares: Any, actions: Any, as_of: Any, allotment_date: Any, known_on: Any
) -> SharesPerRight:
    return adjusted_shares_per_right(
        base_shares=to_integer(base_shares, field="base_shares"),
        actions=_actions(actions),
        as_of=to_date(as_of, field="as_of"),
        allotment_date=to_date(allotment_date, field="allotment_date"),
        known_on=to_optional_date(known_on, field="known_on"),
    )


@udf(docs=_ACTION_DOCS, ranges=("actions",))
def SAR_SHARES_PER_RIGHT(
    base_shares: Any, actions: Any, as_of: Any, allotment_date: Any, known_on: Any = None
) -> Any:
    """Shares per right on a date after splits and consolidations (clause 3).

    Each action after the allotment multiplies by its ratio, fractions rounded down at each step.
    """
    return _shares_per_right(base_shares, actions, as_of, allotment_date, known_on).shares_per_right


_STEP_COLUMNS = ("status", "kind", "ratio", "applies_from", "before", "unrounded", "after", "note")


@udf(docs={**_ACTION_DOCS, "language": _LANGUAGE}, ranges=("actions",), spills=True)
def SAR_ADJUSTMENT_STEPS(
    base_shares: Any,
    actions: Any,
    as_of: Any,
    allotment_date: Any,
    known_on: Any = None,
    language: Any = _EN,
) -> Any:
    """The audit trail of SAR_SHARES_PER_RIGHT.

    Spills a header and one row per action: status, kind, ratio, applies_from, before, unrounded,
    after, rule (with the ex-rights date) or reason.
    """
    lang = _language(language)
    result = _shares_per_right(base_shares, actions, as_of, allotment_date, known_on)
    rows: list[list[Any]] = [[say(f"steps.{column}")(lang) for column in _STEP_COLUMNS]]
    rows += [
        [
            say("steps.applied")(lang),
            option_words(step.action.kind, lang),
            step.action.ratio,
            step.applies_from,
            step.before,
            step.unrounded,
            step.after,
            step.note(lang),
        ]
        for step in result.steps
    ]
    not_applied = say("steps.not_applied")(lang)
    rows += [
        [
            not_applied,
            option_words(skip.action.kind, lang),
            skip.action.ratio,
            "",
            "",
            "",
            "",
            skip.why(lang),
        ]
        for skip in result.not_applied
    ]
    return rows


_EX_RIGHTS_COLUMNS = (
    "steps.kind",
    "steps.ratio",
    "ex_rights.record_date",
    "ex_rights.last_cum_rights_date",
    "ex_rights.ex_rights_date",
    "ex_rights.settlement",
    "steps.note",
)


@udf(
    docs={"actions": _ACTION_DOCS["actions"], "language": _LANGUAGE},
    ranges=("actions",),
    spills=True,
)
def SAR_EX_RIGHTS_DATES(actions: Any, language: Any = _EN) -> Any:
    """The market's dates of each split or consolidation in the table (the price series' basis).

    Spills a header and one row per action: kind, ratio, record date, last cum-rights day,
    ex-rights date, settlement, note.
    """
    lang = _language(language)
    rows: list[list[Any]] = [[say(column)(lang) for column in _EX_RIGHTS_COLUMNS]]
    for action in _actions(actions):
        if not action.changes_share_basis:
            continue
        kind = option_words(action.kind, lang)
        found, note = action.ex_rights_explained()
        if found is None:
            rows.append([kind, action.ratio, action.record_date, "", "", "", note(lang)])
            continue
        cycle = (
            option_words(found.source, lang)
            if found.settlement_cycle is None
            else (f"T+{found.settlement_cycle}")
        )
        rows.append(
            [
                kind,
                action.ratio,
                action.record_date,
                found.last_cum_rights_date,
                found.ex_rights_date,
                cycle,
                note(lang),
            ]
        )
    return rows


@udf(
    docs={
        "exercise_price": "Yen per share, > 0 (1 yen, clause 4).",
        "shares_per_right": "Shares per right after adjustments (SAR_SHARES_PER_RIGHT), >= 0.",
    }
)
def SAR_EXERCISE_AMOUNT(exercise_price: Any, shares_per_right: Any) -> Any:
    """Amount paid on exercising one right (clause 4): exercise price x shares per right, yen."""
    return exercise_amount_per_right(
        exercise_price=to_number(exercise_price, field="exercise_price"),
        shares_per_right=to_integer(shares_per_right, field="shares_per_right"),
    )


_EXERCISE_DOCS = {
    "rights": "Rights exercised, a whole number >= 1 (no partial exercise, clause 11-1).",
    "shares_per_right": "Shares per right on the exercise date (SAR_SHARES_PER_RIGHT), >= 1.",
    "book_value_per_right": "Yen per right carried as stock acquisition rights: the amount paid "
    "per right at allotment (SAR_RIGHT_VALUE), whole yen >= 0.",
    "exercise_price": "Optional. Yen per share, > 0 (default 1, clause 4).",
}


def _exercise(
    rights: Any, shares_per_right: Any, book_value_per_right: Any, exercise_price: Any
) -> ExerciseResult:
    return exercise_rights(
        rights=to_integer(rights, field="rights"),
        shares_per_right=to_integer(shares_per_right, field="shares_per_right"),
        book_value_per_right=to_number(book_value_per_right, field="book_value_per_right"),
        exercise_price=to_number(exercise_price, field="exercise_price", default=1.0),
    )


@udf(docs=_EXERCISE_DOCS, spills=True)
def SAR_EXERCISE(
    rights: Any, shares_per_right: Any, book_value_per_right: Any, exercise_price: Any = 1.0
) -> Any:
    """An exercise booked (clauses 4, 6, 10).

    Spills name and value: shares delivered, cash paid, upper limit, capital stock (half, rounded
    up), capital reserve.
    """
    result = _exercise(rights, shares_per_right, book_value_per_right, exercise_price)
    return [
        ["shares delivered", result.shares_delivered],
        ["cash paid (yen)", result.cash_paid],
        ["upper limit of the capital increase (yen)", result.upper_limit],
        ["capital stock (yen)", result.capital_stock],
        ["capital reserve (yen)", result.capital_reserve],
    ]


@udf(docs=_EXERCISE_DOCS)
def SAR_CAPITAL_STOCK(
    rights: Any, shares_per_right: Any, book_value_per_right: Any, exercise_price: Any = 1.0
) -> Any:
    """Increase in capital stock on an exercise (clause 6-1), yen.

    Half of the upper limit (cash paid + book value of the rights), fraction of a yen rounded up.
    """
    return _exercise(rights, shares_per_right, book_value_per_right, exercise_price).capital_stock


@udf(docs=_EXERCISE_DOCS)
def SAR_CAPITAL_RESERVE(
    rights: Any, shares_per_right: Any, book_value_per_right: Any, exercise_price: Any = 1.0
) -> Any:
    """Increase in capital reserve on an exercise (clause 6-2), yen.

    The upper limit (cash paid + book value of the rights) less the capital stock.
    """
    return _exercise(rights, shares_per_right, book_value_per_right, exercise_price).capital_reserve


@udf(
    docs={
        "upper_limit": "Upper limit of the capital increase (Ordinance on Company Accounting, "
        "art. 17(1)), whole yen >= 0.",
    },
    spills=True,
)
def SAR_CAPITAL_SPLIT(upper_limit: Any) -> Any:
    """Split an upper limit of a capital increase into capital stock and capital reserve (clause 6).

    Spills name and value: upper limit, capital stock (half, rounded up), capital reserve.
    """
    split = capital_split(upper_limit=to_number(upper_limit, field="upper_limit"))
    return [
        ["upper limit of the capital increase (yen)", split.upper_limit],
        ["capital stock (yen)", split.capital_stock],
        ["capital reserve (yen)", split.capital_reserve],
    ]


_WINDOW_DOCS = {
    "exercise_period_start": "First day of the exercise period (15 Jul 2017, clause 5).",
    "exercise_period_end": "Last day of the exercise period (14 Jul 2047, clause 5).",
    "position_lost_on": "Optional. The day the holder ceased to be a director or executive "
    "officer; blank while in office.",
    "died_on": "Optional. The holder's date of death; blank if alive.",
    "inherited_on": "Optional. The day the one heir inherited the rights (clause 11-3).",
    "heir_died_on": "Optional. The heir's date of death; from then nobody may exercise.",
    "last_day_rule": "Optional. A last day that is not a business day: following (default: the "
    "next business day, Civil Code art. 142), preceding or no_move (if the plan says so).",
    "holidays": "Optional. Non-business weekdays for last_day_rule; blank: the TSE calendar.",
    "language": _LANGUAGE,
}


def _status_and_rules(
    exercise_period_start: Any,
    exercise_period_end: Any,
    position_lost_on: Any,
    died_on: Any,
    inherited_on: Any,
    heir_died_on: Any,
    last_day_rule: Any,
    holidays: Any,
) -> tuple[HolderStatus, ExerciseRules]:
    status = HolderStatus(
        position_lost_on=to_optional_date(position_lost_on, field="position_lost_on"),
        died_on=to_optional_date(died_on, field="died_on"),
        inherited_on=to_optional_date(inherited_on, field="inherited_on"),
        heir_died_on=to_optional_date(heir_died_on, field="heir_died_on"),
    )
    holiday_list = to_optional_date_vector(holidays, field="holidays")
    rules = ExerciseRules(
        exercise_period_start=to_date(exercise_period_start, field="exercise_period_start"),
        exercise_period_end=to_date(exercise_period_end, field="exercise_period_end"),
        last_day_rule=LastDayRule.parse(
            to_option(last_day_rule, field="last_day_rule", default=_FOLLOWING),
            field="last_day_rule",
        ),
        holidays=None if holiday_list is None else tuple(holiday_list),
    )
    return status, rules


@udf(docs=_WINDOW_DOCS, ranges=("holidays",), spills=True)
def SAR_EXERCISE_WINDOW(
    exercise_period_start: Any,
    exercise_period_end: Any,
    position_lost_on: Any = None,
    died_on: Any = None,
    inherited_on: Any = None,
    heir_died_on: Any = None,
    last_day_rule: Any = _FOLLOWING,
    holidays: Any = None,
    language: Any = _EN,
) -> Any:
    """Windows in which the holder or the heir may exercise (clauses 5, 11-2, 11-3).

    Spills one row per window: who, first day, last day, basis.
    """
    lang = _language(language)
    status, rules = _status_and_rules(
        exercise_period_start,
        exercise_period_end,
        position_lost_on,
        died_on,
        inherited_on,
        heir_died_on,
        last_day_rule,
        holidays,
    )
    windows = exercise_windows(status=status, rules=rules)
    if not windows:
        return say("window.none")(lang)
    return [
        [option_words(w.exerciser, lang), w.opens, w.closes, w.reckoning(lang)] for w in windows
    ]


@udf(
    docs={"exercise_date": "The day of the exercise.", **_WINDOW_DOCS},
    ranges=("holidays",),
    spills=True,
)
def SAR_CAN_EXERCISE(
    exercise_date: Any,
    exercise_period_start: Any,
    exercise_period_end: Any,
    position_lost_on: Any = None,
    died_on: Any = None,
    inherited_on: Any = None,
    heir_died_on: Any = None,
    last_day_rule: Any = _FOLLOWING,
    holidays: Any = None,
    language: Any = _EN,
) -> Any:
    """Whether the rights may be exercised on the date (clauses 5, 11).

    Spills a row: TRUE or FALSE, and the reason.
    """
    lang = _language(language)
    status, rules = _status_and_rules(
        exercise_period_start,
        exercise_period_end,
        position_lost_on,
        died_on,
        inherited_on,
        heir_died_on,
        last_day_rule,
        holidays,
    )
    verdict = can_exercise(
        status=status, exercise_date=to_date(exercise_date, field="exercise_date"), rules=rules
    )
    return [[verdict.allowed, verdict.why(lang)]]


_KINDS = ", ".join(kind.value for kind in RestructuringKind)


@udf(
    docs={
        "rights": "Remaining (unexercised) rights, a whole number >= 1.",
        "shares_per_right": "Shares per right just before the effective date (clause 3), >= 1.",
        "kind": f"Kind of restructuring: {_KINDS}.",
        "effective_date": "The day it takes effect (for an incorporation-type merger or demerger "
        "or a share transfer: the day the new company is established).",
        "share_ratio": "Shares of the Restructured Company per share of the company, > 0.",
        "exercise_period_start": "Original first day of the exercise period (clause 5).",
        "exercise_period_end": "Original last day of the exercise period (clause 5).",
        "exercise_price": "Optional. Yen per share of the Restructured Company (default 1).",
        "language": _LANGUAGE,
    },
    spills=True,
)
def SAR_RESTRUCTURED(
    rights: Any,
    shares_per_right: Any,
    kind: Any,
    effective_date: Any,
    share_ratio: Any,
    exercise_period_start: Any,
    exercise_period_end: Any,
    exercise_price: Any = 1.0,
    language: Any = _EN,
) -> Any:
    """Rights of the Restructured Company delivered for the remaining rights (clause 9).

    Spills name and value: rights, shares per right (rounded down), amount per right, period.
    """
    lang = _language(language)
    deal = Restructuring(
        kind=RestructuringKind.parse(to_option(kind, field="kind"), field="kind"),
        effective_date=to_date(effective_date, field="effective_date"),
        share_ratio=to_number(share_ratio, field="share_ratio"),
    )
    new = map_to_restructured_company(
        rights=to_integer(rights, field="rights"),
        shares_per_right=to_integer(shares_per_right, field="shares_per_right"),
        restructuring=deal,
        exercise_period_start=to_date(exercise_period_start, field="exercise_period_start"),
        exercise_period_end=to_date(exercise_period_end, field="exercise_period_end"),
        exercise_price=to_number(exercise_price, field="exercise_price", default=1.0),
    )
    rows: list[tuple[str, Any]] = [
        ("rights", new.rights),
        ("shares_per_right_before", new.shares_per_right_before),
        ("unrounded", new.unrounded_shares_per_right),
        ("shares_per_right", new.shares_per_right),
        ("exercise_price", new.exercise_price),
        ("exercise_amount_per_right", new.exercise_amount_per_right),
        ("exercise_period_start", new.exercise_period_start),
        ("exercise_period_end", new.exercise_period_end),
        ("effective_date_rule", deal.kind.effective_date_sentence(lang)),
    ]
    return [[say(f"restructured.{key}")(lang), value] for key, value in rows]


@udf(
    docs={
        "kind": f"Kind of restructuring: {_KINDS}.",
        "effective_date": "The day the restructuring takes effect.",
        "approved_on": "The day its approval was resolved; leave the cell blank while it is not.",
        "as_of": "The date asked about.",
        "language": _LANGUAGE,
    },
    spills=True,
)
def SAR_MAY_ACQUIRE(
    kind: Any, effective_date: Any, approved_on: Any, as_of: Any, language: Any = _EN
) -> Any:
    """Whether the company may acquire the rights for nothing on the date (clause 8).

    Spills a row: TRUE or FALSE, and the reason.
    """
    lang = _language(language)
    deal = Restructuring(
        kind=RestructuringKind.parse(to_option(kind, field="kind"), field="kind"),
        effective_date=to_date(effective_date, field="effective_date"),
        share_ratio=1.0,  # not used by clause 8; the constructor needs a valid ratio
        approved_on=to_optional_date(approved_on, field="approved_on"),
    )
    verdict = may_acquire_without_contribution(
        restructuring=deal, as_of=to_date(as_of, field="as_of")
    )
    return [[verdict.allowed, verdict.why(lang)]]


UDFS: tuple[Callable[..., Any], ...] = (
    SAR_BS_PRICE,
    SAR_RIGHT_AMOUNT,
    SAR_RIGHT_VALUE,
    SAR_EXPLAIN,
    SAR_GREEKS,
    SAR_IMPLIED_VOL,
    SAR_MAX_RIGHTS,
    SAR_SHARE_PRICE,
    SAR_ADJUSTED_CLOSES,
    SAR_TRADING_DAYS,
    SAR_HIST_VOL,
    SAR_VOL_OBSERVATIONS,
    SAR_DIVIDEND_YIELD,
    SAR_RESTATED_DIVIDEND,
    SAR_JGB_RATE,
    SAR_SHARES_PER_RIGHT,
    SAR_ADJUSTMENT_STEPS,
    SAR_EX_RIGHTS_DATES,
    SAR_EXERCISE_AMOUNT,
    SAR_EXERCISE,
    SAR_CAPITAL_STOCK,
    SAR_CAPITAL_RESERVE,
    SAR_CAPITAL_SPLIT,
    SAR_EXERCISE_WINDOW,
    SAR_CAN_EXERCISE,
    SAR_RESTRUCTURED,
    SAR_MAY_ACQUIRE,
)
"""Every worksheet function of this module, in the order the README lists them."""


def registered_udfs() -> tuple[Callable[..., Any], ...]:
    """Every worksheet function of this module (the same tuple as :data:`UDFS`)."""
    return UDFS
