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
A bad input gives a cell text such as ``#VALUE! volatility must be > 0 (got -0.2)`` (a real error
value under Lite); see :mod:`stockrights.excel.boundary`.

Conventions, as in the core: money in yen (per share unless the name says per right), time in
years, rates, yields and volatilities as decimals (a percent-formatted cell arrives as a decimal;
the text ``"35%"`` is read as 0.35). Dates may be date cells, Excel serial numbers or ISO text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from stockrights.excel.converters import to_flag, to_integer, to_number, to_text
from stockrights.excel.registry import udf
from stockrights.pricing import bsm_call_price, bsm_greeks, implied_volatility
from stockrights.rounding import Rounding, per_right_amount
from stockrights.valuation import rights_within_budget, value_right

__all__ = [
    "SAR_BS_PRICE",
    "SAR_EXPLAIN",
    "SAR_GREEKS",
    "SAR_IMPLIED_VOL",
    "SAR_MAX_RIGHTS",
    "SAR_RIGHT_AMOUNT",
    "SAR_RIGHT_VALUE",
    "UDFS",
    "registered_udfs",
]

# Argument help shared by the functions that take the same input (one text per glossary name).
_S = "S: share price, yen per share, > 0 (the close on the valuation date, clause 12-2)."
_X = "X: exercise price, yen per share, > 0 (1 yen for these rights, clause 4)."
_T = "T: expected remaining period, years, >= 0 (15 in the resolution, clause 12-4)."
_SIGMA = "sigma: volatility, decimal per year (0.35 or 35%), 0 to 5."
_R = "r: risk-free rate, decimal per year, continuously compounded (0.0035 or 0.35%)."
_Q = "q: dividend yield, decimal per year (0.0135 or 1.35%); enter 0 for none."
_SHARES = "Shares per right, a whole number >= 1 (200 in the resolution, clause 3)."
_ROUNDING = (
    "Optional. per_right_up (default: C x shares, fraction of a yen up, clause 12), "
    "per_share_up or per_share_half_up."
)
_ROUNDING_DEFAULT = Rounding.PER_RIGHT_UP.value
_PRICE_DOCS = {
    "share_price": _S,
    "exercise_price": _X,
    "term_years": _T,
    "volatility": _SIGMA,
    "risk_free_rate": _R,
    "dividend_yield": _Q,
}


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
def SAR_BS_PRICE(  # noqa: N802
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
def SAR_RIGHT_AMOUNT(  # noqa: N802
    option_price: Any, shares_per_right: Any, rounding: Any = _ROUNDING_DEFAULT
) -> Any:
    """Amount paid per right in whole yen: C x shares per right, rounded by the mode (clause 12).

    Default: fraction of a yen rounded up.
    """
    return per_right_amount(
        option_price=to_number(option_price, field="option_price"),
        shares_per_right=to_integer(shares_per_right, field="shares_per_right"),
        rounding=to_text(rounding, field="rounding", default=_ROUNDING_DEFAULT),
    )


@udf(docs={**_PRICE_DOCS, "shares_per_right": _SHARES, "rounding": _ROUNDING})
def SAR_RIGHT_VALUE(  # noqa: N802
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
        rounding=to_text(rounding, field="rounding", default=_ROUNDING_DEFAULT),
    ).per_right_amount


@udf(
    docs={
        **_PRICE_DOCS,
        "shares_per_right": _SHARES,
        "rounding": _ROUNDING,
        "detail": "Optional. FALSE (default): two columns, name and value. "
        "TRUE: four columns, name, value, unit and note.",
    },
    spills=True,
)
def SAR_EXPLAIN(  # noqa: N802
    share_price: Any,
    exercise_price: Any,
    term_years: Any,
    volatility: Any,
    risk_free_rate: Any,
    dividend_yield: Any,
    shares_per_right: Any,
    rounding: Any = _ROUNDING_DEFAULT,
    detail: Any = False,
) -> Any:
    """Every step from the six inputs to the amount per right (d, N(d), discount factors, C...).

    Spills two columns, name and value, for an auditor to re-perform (clause 12).
    """
    right = value_right(
        **_market(
            share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield
        ),
        shares_per_right=to_integer(shares_per_right, field="shares_per_right"),
        rounding=to_text(rounding, field="rounding", default=_ROUNDING_DEFAULT),
    )
    if to_flag(detail, field="detail"):
        return [[ln.label, ln.value, ln.unit, ln.note] for ln in right.explain()]
    return [[ln.label, ln.value] for ln in right.explain()]


@udf(docs=_PRICE_DOCS, spills=True)
def SAR_GREEKS(  # noqa: N802
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
    }
)
def SAR_IMPLIED_VOL(  # noqa: N802
    option_price: Any,
    share_price: Any,
    exercise_price: Any,
    term_years: Any,
    risk_free_rate: Any,
    dividend_yield: Any,
) -> Any:
    """Volatility (decimal) at which Black-Scholes gives the option price.

    #NUM! when no volatility reproduces it, or when the price hardly depends on volatility (deep in
    the money, as 1-yen rights are).
    """
    return implied_volatility(
        option_price=to_number(option_price, field="option_price"),
        share_price=to_number(share_price, field="share_price"),
        exercise_price=to_number(exercise_price, field="exercise_price"),
        term_years=to_number(term_years, field="term_years"),
        risk_free_rate=to_number(risk_free_rate, field="risk_free_rate"),
        dividend_yield=to_number(dividend_yield, field="dividend_yield"),
    )


@udf(
    docs={
        "budget": "Budget in yen, >= 0.",
        "per_right_amount": "Amount paid per right, whole yen >= 1 (e.g. SAR_RIGHT_VALUE).",
    }
)
def SAR_MAX_RIGHTS(budget: Any, per_right_amount: Any) -> Any:  # noqa: N802
    """Largest whole number of rights whose total amount stays within the budget in yen.

    floor(budget / amount per right).
    """
    return rights_within_budget(
        budget=to_number(budget, field="budget"),
        per_right_amount=to_integer(per_right_amount, field="per_right_amount"),
    )


UDFS: tuple[Callable[..., Any], ...] = (
    SAR_BS_PRICE,
    SAR_RIGHT_AMOUNT,
    SAR_RIGHT_VALUE,
    SAR_EXPLAIN,
    SAR_GREEKS,
    SAR_IMPLIED_VOL,
    SAR_MAX_RIGHTS,
)
"""Every worksheet function of this module, in the order the README lists them."""


def registered_udfs() -> tuple[Callable[..., Any], ...]:
    """Every worksheet function of this module (the same tuple as :data:`UDFS`)."""
    return UDFS
