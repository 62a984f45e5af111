"""Black-Scholes-Merton value of a European call with a continuous dividend yield.

Conventions (all functions in this module):

- ``share_price`` S and ``exercise_price`` X in yen per share; ``term_years`` T in years;
- ``volatility`` sigma, ``risk_free_rate`` r and ``dividend_yield`` q are decimals per year
  (0.27 for 27 %), r and q continuously compounded;
- results are yen per share.

The formula is the one printed in clause (12) of the resolution::

    C = S e^(-qT) N(d) - X e^(-rT) N(d - sigma sqrt(T))
    d = (ln(S / X) + (r - q + sigma^2 / 2) T) / (sigma sqrt(T))

When ``sigma sqrt(T)`` is 0 (zero volatility or zero term) the price is its limit, the discounted
intrinsic value ``max(S e^(-qT) - X e^(-rT), 0)``: legal, not an error.

References
----------
Resolution (IIJ 7th series, 2017), clause (12). R. C. Merton, "Theory of rational option
pricing", Bell J. Econ. 4 (1973). J. C. Hull, *Options, Futures, and Other Derivatives*, 10th ed.,
ch. 17 (dividend yield) and ch. 19 (Greeks). E. G. Haug, *The Complete Guide to Option Pricing
Formulas*, 2nd ed., §1.1.6 (generalised Black-Scholes and its Greeks).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from stockrights import _validate
from stockrights.bounds import BOUNDS, check_bound
from stockrights.errors import InputError, NotComputableError

__all__ = [
    "BsmBreakdown",
    "Greeks",
    "ImpliedVolatility",
    "bsm_breakdown",
    "bsm_call_price",
    "bsm_greeks",
    "implied_volatility",
    "implied_volatility_interval",
]

FloatOrArray = float | npt.NDArray[np.float64]

_SQRT2 = math.sqrt(2.0)
_INV_SQRT2 = 1.0 / _SQRT2
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
# The plausibility bounds (stockrights.bounds): outside them a value is a percent typed as a number.
_MAX_VOLATILITY = BOUNDS["volatility"].high
_MIN_RATE, _MAX_RATE = BOUNDS["risk_free_rate"].low, BOUNDS["risk_free_rate"].high
_MAX_DIVIDEND_YIELD = BOUNDS["dividend_yield"].high
_IDENTIFIABLE_WIDTH = 0.01  # one volatility point
_PLAIN = (float, int)  # exact types taking the fast scalar path (bool and numpy excluded)
_INF = math.inf  # (a module constant: one look-up on the hot path, not two)


@functools.cache
def _ndtr() -> Callable[[Any], Any]:
    """``scipy.special.ndtr``, the standard normal CDF of an array, imported on first use.

    Importing scipy.special costs 0.1-0.25 s of a process start, which a process that prices no
    array (a register refresh, the scalar path, a trading-day question) need not pay. Cached:
    each array call costs one cache look-up, never an import.
    """
    from scipy.special import ndtr

    out: Callable[[Any], Any] = ndtr
    return out


def _norm_cdf(x: float) -> float:
    """Standard normal CDF for a float, via erfc (accurate in both tails)."""
    return 0.5 * math.erfc(-x / _SQRT2)


_RULES: tuple[tuple[str, str | None], ...] = (
    ("share_price", "> 0"),
    ("exercise_price", "> 0"),
    ("term_years", ">= 0"),
    ("volatility", ">= 0"),
    ("risk_free_rate", None),  # negative rates are legal
    ("dividend_yield", ">= 0"),
)
"""The sign rule of each input, in argument order: one table for the scalar and array checks."""

_SCALAR_CHECKS = {"> 0": _validate.positive, ">= 0": _validate.non_negative, None: _validate.number}


def _check_scalars(*values: Any) -> tuple[float, float, float, float, float, float]:
    """Validate the six inputs (argument order of :func:`bsm_call_price`) as floats."""
    S, X, T, sigma, r, q = (
        _SCALAR_CHECKS[rule](field, value)
        for (field, rule), value in zip(_RULES, values, strict=True)
    )
    _check_units(sigma, r, q)
    return S, X, T, sigma, r, q


def _check_units(sigma: Any, r: Any, q: Any) -> None:
    """Reject rates and volatilities outside their plausibility bounds (27 for 27 %)."""
    check_bound("volatility", sigma)
    check_bound("risk_free_rate", r)
    check_bound("dividend_yield", q)


def _check_arrays(*values: Any) -> tuple[npt.NDArray[np.float64], ...]:
    """Validate the six inputs (argument order of :func:`bsm_call_price`) as broadcast arrays."""
    S, X, T, sigma, r, q = (
        _validate.finite_array(field, value, rule=rule)
        for (field, rule), value in zip(_RULES, values, strict=True)
    )
    _check_units(sigma, r, q)
    try:
        return tuple(np.broadcast_arrays(S, X, T, sigma, r, q))
    except ValueError:
        shapes = ", ".join(str(np.shape(a)) for a in (S, X, T, sigma, r, q))
        raise InputError(f"inputs must broadcast to one shape, got shapes {shapes}") from None


@overload
def bsm_call_price(
    *,
    share_price: float,
    exercise_price: float,
    term_years: float,
    volatility: float,
    risk_free_rate: float,
    dividend_yield: float = 0.0,
) -> float: ...
@overload
def bsm_call_price(
    *,
    share_price: FloatOrArray,
    exercise_price: FloatOrArray,
    term_years: FloatOrArray,
    volatility: FloatOrArray,
    risk_free_rate: FloatOrArray,
    dividend_yield: FloatOrArray = 0.0,
) -> FloatOrArray: ...
def bsm_call_price(
    *,
    share_price: Any,
    exercise_price: Any,
    term_years: Any,
    volatility: Any,
    risk_free_rate: Any,
    dividend_yield: Any = 0.0,
) -> Any:
    """Option price per share C of a European call, Black-Scholes with a dividend yield.

    ``C = S e^(-qT) N(d) - X e^(-rT) N(d - sigma sqrt(T))``,
    ``d = (ln(S/X) + (r - q + sigma^2/2) T) / (sigma sqrt(T))``.

    Parameters
    ----------
    share_price : float or array_like
        S, yen per share, > 0.
    exercise_price : float or array_like
        X, yen per share, > 0 (1 for the stock-compensation rights of the resolution).
    term_years : float or array_like
        T, years, >= 0.
    volatility : float or array_like
        sigma, decimal per year, 0 <= sigma <= 2.
    risk_free_rate : float or array_like
        r, decimal per year, continuously compounded, -0.02 <= r <= 0.10 (negative rates are
        legal).
    dividend_yield : float or array_like
        q, decimal per year, continuously compounded, 0 <= q <= 0.20. Default 0.

        The upper and lower limits are the plausibility bounds of :mod:`stockrights.bounds`
        (what a company listed in Japan can meet); outside them the value is almost surely a
        percent typed as a number and the error says "did you mean ... %?".

    Returns
    -------
    float or numpy.ndarray
        Yen per share, unrounded. A float when every argument is a number; an array of the
        broadcast shape when any argument is an array or list.

    Raises
    ------
    InputError
        For a non-number, NaN or infinity, or a value outside its range or bound (the message
        names it).

    References
    ----------
    Resolution, clause (12); Hull (10th ed.), eq. 17.4; Haug (2007) §1.1.6.

    Examples
    --------
    Haug (1998), as in QuantLib's test suite (published 2.1334):

    >>> round(bsm_call_price(share_price=60, exercise_price=65, term_years=0.25,
    ...                      volatility=0.3, risk_free_rate=0.08), 4)
    2.1334
    """
    # Fast path for plain floats/ints inside every range: no numpy, no per-field calls.
    # Anything else (NaN, out of range, text, arrays) is validated first; scalars then share the
    # one formula below, arrays go to the numpy kernel.
    if not (
        type(share_price) in _PLAIN
        and type(exercise_price) in _PLAIN
        and type(term_years) in _PLAIN
        and type(volatility) in _PLAIN
        and type(risk_free_rate) in _PLAIN
        and type(dividend_yield) in _PLAIN
        and 0.0 < share_price < _INF
        and 0.0 < exercise_price < _INF
        and 0.0 <= term_years < _INF
        and 0.0 <= volatility <= _MAX_VOLATILITY
        and _MIN_RATE <= risk_free_rate <= _MAX_RATE
        and 0.0 <= dividend_yield <= _MAX_DIVIDEND_YIELD
    ):
        if not _validate.is_scalar(
            share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield
        ):
            return _price_arrays(
                *_check_arrays(
                    share_price,
                    exercise_price,
                    term_years,
                    volatility,
                    risk_free_rate,
                    dividend_yield,
                )
            )
        share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield = (
            _check_scalars(
                share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield
            )
        )
    try:
        share_pv = share_price * math.exp(-dividend_yield * term_years)
        strike_pv = exercise_price * math.exp(-risk_free_rate * term_years)
        vol_sqrt_t = volatility * math.sqrt(term_years)
        if vol_sqrt_t == 0.0:
            return max(share_pv - strike_pv, 0.0)
        d = (
            math.log(share_price / exercise_price)
            + (risk_free_rate - dividend_yield + 0.5 * volatility * volatility) * term_years
        ) / vol_sqrt_t
    except OverflowError:  # an int beyond the float range passed the fast checks: name it
        _check_scalars(
            share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield
        )
        raise
    # N(x) = erfc(-x / sqrt 2) / 2, inlined: this is the hot path of every scalar price.
    return 0.5 * (
        share_pv * math.erfc(-d * _INV_SQRT2) - strike_pv * math.erfc((vol_sqrt_t - d) * _INV_SQRT2)
    )


def _price_arrays(
    S: npt.NDArray[np.float64],
    X: npt.NDArray[np.float64],
    T: npt.NDArray[np.float64],
    sigma: npt.NDArray[np.float64],
    r: npt.NDArray[np.float64],
    q: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """The formula of :func:`bsm_call_price` on validated, broadcast arrays."""
    share_pv = S * np.exp(-q * T)
    strike_pv = X * np.exp(-r * T)
    vol_sqrt_t = sigma * np.sqrt(T)
    degenerate = vol_sqrt_t == 0.0
    ndtr = _ndtr()
    if not degenerate.any():  # the usual case: no masking needed
        d = (np.log(S / X) + (r - q + 0.5 * sigma * sigma) * T) / vol_sqrt_t
        price: npt.NDArray[np.float64] = share_pv * ndtr(d) - strike_pv * ndtr(d - vol_sqrt_t)
        return price
    safe = np.where(degenerate, 1.0, vol_sqrt_t)
    d = (np.log(S / X) + (r - q + 0.5 * sigma * sigma) * T) / safe
    price = share_pv * ndtr(d) - strike_pv * ndtr(d - safe)
    result: npt.NDArray[np.float64] = np.where(
        degenerate, np.maximum(share_pv - strike_pv, 0.0), price
    )
    return result


@dataclass(frozen=True, kw_only=True, slots=True)
class BsmBreakdown:
    """Every intermediate value of one Black-Scholes price, in the order it is computed.

    Attributes are floats in the units of :func:`bsm_call_price`. ``d`` and ``d_minus``
    (``d - sigma sqrt(T)``) are the two arguments of N; when ``sigma sqrt(T)`` is 0 they are
    +/-inf (the limit) and the price is the discounted intrinsic value.
    """

    share_price: float
    exercise_price: float
    term_years: float
    volatility: float
    risk_free_rate: float
    dividend_yield: float
    sqrt_term: float
    vol_sqrt_term: float
    log_moneyness: float
    d: float
    d_minus: float
    n_d: float
    n_d_minus: float
    dividend_discount: float
    rate_discount: float
    share_term: float
    exercise_term: float
    option_price: float


def bsm_breakdown(
    *,
    share_price: float,
    exercise_price: float,
    term_years: float,
    volatility: float,
    risk_free_rate: float,
    dividend_yield: float = 0.0,
) -> BsmBreakdown:
    """Compute the price of :func:`bsm_call_price` and keep every intermediate value.

    Returns
    -------
    BsmBreakdown
        ``option_price == share_term - exercise_term`` where
        ``share_term = S e^(-qT) N(d)`` and ``exercise_term = X e^(-rT) N(d - sigma sqrt T)``.
        Its ``option_price`` equals :func:`bsm_call_price` for the same inputs.

    References
    ----------
    Resolution, clause (12).
    """
    S, X, T, sigma, r, q = _check_scalars(
        share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield
    )
    sqrt_t = math.sqrt(T)
    vol_sqrt_t = sigma * sqrt_t
    log_m = math.log(S / X)
    dq = math.exp(-q * T)
    dr = math.exp(-r * T)
    if vol_sqrt_t == 0.0:
        forward_gap = S * dq - X * dr
        d = math.inf if forward_gap > 0 else -math.inf
        d_minus = d
    else:
        d = (log_m + (r - q + 0.5 * sigma * sigma) * T) / vol_sqrt_t
        d_minus = d - vol_sqrt_t
    n_d = _norm_cdf(d)
    n_d_minus = _norm_cdf(d_minus)
    share_term = S * dq * n_d
    exercise_term = X * dr * n_d_minus
    return BsmBreakdown(
        share_price=S,
        exercise_price=X,
        term_years=T,
        volatility=sigma,
        risk_free_rate=r,
        dividend_yield=q,
        sqrt_term=sqrt_t,
        vol_sqrt_term=vol_sqrt_t,
        log_moneyness=log_m,
        d=d,
        d_minus=d_minus,
        n_d=n_d,
        n_d_minus=n_d_minus,
        dividend_discount=dq,
        rate_discount=dr,
        share_term=share_term,
        exercise_term=exercise_term,
        option_price=share_term - exercise_term,
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class Greeks:
    """Sensitivities of the call price per share (floats, or arrays of the broadcast shape).

    Attributes
    ----------
    delta : dC/dS, yen per yen of share price: ``e^(-qT) N(d)``.
    gamma : d2C/dS2, per yen: ``e^(-qT) n(d) / (S sigma sqrt T)``.
    vega : dC/dsigma, yen per 1.00 of volatility (divide by 100 for one volatility point):
        ``S e^(-qT) n(d) sqrt T``.
    theta : dC/dt, yen per year of calendar time passing (divide by 365 for one day):
        ``-S e^(-qT) n(d) sigma / (2 sqrt T) - r X e^(-rT) N(d2) + q S e^(-qT) N(d)``.
    rho : dC/dr, yen per 1.00 of rate (divide by 100 for one point): ``X T e^(-rT) N(d2)``.
    dividend_rho : dC/dq, yen per 1.00 of dividend yield: ``-S T e^(-qT) N(d)``.

    Where ``sigma sqrt(T)`` is 0 the values are the limits: gamma and vega are 0 (inf exactly at
    the forward money), the others follow the intrinsic value.
    """

    delta: FloatOrArray
    gamma: FloatOrArray
    vega: FloatOrArray
    theta: FloatOrArray
    rho: FloatOrArray
    dividend_rho: FloatOrArray


def bsm_greeks(
    *,
    share_price: Any,
    exercise_price: Any,
    term_years: Any,
    volatility: Any,
    risk_free_rate: Any,
    dividend_yield: Any = 0.0,
) -> Greeks:
    """Analytic Greeks of :func:`bsm_call_price` (units in :class:`Greeks`).

    Parameters are those of :func:`bsm_call_price`, scalars or arrays.

    References
    ----------
    Hull (10th ed.), Table 19.6 (dividend-yield Greeks); Haug (2007) §2.1.
    """
    scalar = _validate.is_scalar(
        share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield
    )
    S, X, T, sigma, r, q = _check_arrays(
        share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield
    )
    dq = np.exp(-q * T)
    dr = np.exp(-r * T)
    sqrt_t = np.sqrt(T)
    vol_sqrt_t = sigma * sqrt_t
    degenerate = vol_sqrt_t == 0.0
    safe = np.where(degenerate, 1.0, vol_sqrt_t)
    gap = S * dq - X * dr
    # Degenerate limit: d -> +inf in the money, -inf out of it, 0 exactly at the forward money.
    d = np.where(
        degenerate,
        np.where(gap > 0, np.inf, np.where(gap < 0, -np.inf, 0.0)),
        (np.log(S / X) + (r - q + 0.5 * sigma * sigma) * T) / safe,
    )
    d2 = np.where(degenerate, d, d - safe)
    ndtr = _ndtr()
    nd, nd2 = ndtr(d), ndtr(d2)
    pdf = np.where(
        np.isinf(d), 0.0, _INV_SQRT_2PI * np.exp(-0.5 * np.where(np.isinf(d), 0, d) ** 2)
    )
    atm_degenerate = degenerate & (gap == 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        gamma = np.where(degenerate, 0.0, dq * pdf / (S * safe))
        time_decay = np.where(
            sqrt_t == 0.0, 0.0, -S * dq * pdf * sigma / (2.0 * np.where(sqrt_t == 0, 1, sqrt_t))
        )
    gamma = np.where(atm_degenerate, np.inf, gamma)
    vega = np.where(atm_degenerate, np.inf, S * dq * pdf * sqrt_t)
    theta = time_decay - r * X * dr * nd2 + q * S * dq * nd
    greeks = {
        "delta": dq * nd,
        "gamma": gamma,
        "vega": vega,
        "theta": theta,
        "rho": X * T * dr * nd2,
        "dividend_rho": -S * T * dq * nd,
    }
    if scalar:
        return Greeks(**{k: float(v) for k, v in greeks.items()})
    return Greeks(**greeks)


@dataclass(frozen=True, kw_only=True, slots=True)
class ImpliedVolatility:
    """The volatilities consistent with an option price known only to its precision.

    Attributes
    ----------
    low, mid, high : float
        Volatilities, decimals per year: ``low`` and ``high`` reproduce the lowest and highest
        prices the given one can stand for, ``mid`` the given price itself; ``low <= mid <=
        high``. An end at 0 or at the volatility bound (2.00) means "that far or beyond".
    price_low, price_high : float
        The price interval, yen per share: ``option_price`` minus and plus one ``price_tick``
        (or ``price_tolerance`` for an exact price), the lower end clipped at 0.
    """

    low: float
    mid: float
    high: float
    price_low: float
    price_high: float

    @property
    def width(self) -> float:
        """``high - low``: how much volatility the price's precision leaves open."""
        return self.high - self.low


def implied_volatility_interval(
    *,
    option_price: float,
    share_price: float,
    exercise_price: float,
    term_years: float,
    risk_free_rate: float,
    dividend_yield: float = 0.0,
    price_tick: float = 1.0,
    price_tolerance: float = 1e-6,
    volatility_tolerance: float | None = None,
) -> ImpliedVolatility:
    """Every volatility at which :func:`bsm_call_price` matches a price known to ``price_tick``.

    A published price is rounded (to the yen, here the default ``price_tick=1.0``); the true
    price may be anywhere within one tick of it, whether it was rounded to the nearest, up or
    down. Since the call price rises with volatility, the volatilities consistent with the
    price form the interval ``[sigma(p - tick), sigma(p + tick)]``, each end found by Brent's
    method to 1e-12 and clipped to ``[0, 2]`` (the volatility bound of
    :mod:`stockrights.bounds`).

    Parameters
    ----------
    option_price : float
        Observed price per share, yen, >= 0.
    share_price, exercise_price, term_years, risk_free_rate, dividend_yield
        As in :func:`bsm_call_price`; ``term_years`` must be > 0 here.
    price_tick : float
        Yen, >= 0: the step the price was rounded to (1.0 for a whole yen, 0.01 for sen,
        0.0001 for a price printed to four decimals). 0 means the price is exact; then
        ``price_tolerance`` is the half-width.
    price_tolerance : float
        Yen, > 0: the half-width for an exact price (numerical agreement). Default 1e-6.
    volatility_tolerance : float, optional
        Decimal, > 0: if given, an interval wider than this is refused (see Raises).

    Returns
    -------
    ImpliedVolatility

    Raises
    ------
    InputError
        For invalid inputs.
    NotComputableError
        When no volatility in ``[0, 2]`` reproduces any price of the interval: the whole
        interval lies below the discounted intrinsic value or above the price at sigma = 2;
        or, with ``volatility_tolerance``, when ``high - low`` exceeds it (the price is
        insensitive to volatility at its precision; the message gives the interval).

    References
    ----------
    R. Brent, *Algorithms for Minimization without Derivatives* (1973), ch. 4;
    Hull (10th ed.) §15.11.

    Examples
    --------
    Haug's 2.1334, published to four decimals, comes from sigma = 0.30:

    >>> iv = implied_volatility_interval(option_price=2.1334, share_price=60, exercise_price=65,
    ...                                  term_years=0.25, risk_free_rate=0.08, price_tick=1e-4)
    >>> round(iv.low, 4), round(iv.mid, 4), round(iv.high, 4)
    (0.2999, 0.3, 0.3001)
    """
    price = _validate.non_negative("option_price", option_price)
    tick = _validate.non_negative("price_tick", price_tick)
    tol = _validate.positive("price_tolerance", price_tolerance)
    width_limit = (
        None
        if volatility_tolerance is None
        else _validate.positive("volatility_tolerance", volatility_tolerance)
    )
    S, X, T, _, r, q = _check_scalars(
        share_price, exercise_price, term_years, 0.0, risk_free_rate, dividend_yield
    )
    if T == 0.0:
        raise InputError("term_years must be > 0 for an implied volatility, got 0.0")
    half_width = tick if tick > 0.0 else tol

    def price_at(sigma: float) -> float:
        return bsm_call_price(
            share_price=S,
            exercise_price=X,
            term_years=T,
            volatility=sigma,
            risk_free_rate=r,
            dividend_yield=q,
        )

    lower = price_at(0.0)
    upper = price_at(_MAX_VOLATILITY)
    price_low, price_high = max(price - half_width, 0.0), price + half_width
    if price_high < lower:
        raise NotComputableError(
            f"option_price must be >= the discounted intrinsic value {lower:.6f}, got {price!r}: "
            "no volatility reproduces it"
        )
    if price_low > upper:
        raise NotComputableError(
            f"option_price must be <= {upper:.6f} (the price at volatility {_MAX_VOLATILITY:g}), "
            f"got {price!r}: no volatility reproduces it"
        )

    # Imported here, not at module load: scipy.optimize costs ~0.3 s of every process start
    # (the command line, the Excel server, a workbook refresh) and only this function needs it.
    from scipy.optimize import brentq

    def solve(target: float) -> float:
        # C rises with sigma, so the sigma where C == target is unique (ends clipped to [0, 2]).
        if target <= lower:
            return 0.0
        if target >= upper:
            return _MAX_VOLATILITY
        return float(brentq(lambda s: price_at(s) - target, 0.0, _MAX_VOLATILITY, xtol=1e-12))

    interval = ImpliedVolatility(
        low=solve(price_low),
        mid=solve(price),
        high=solve(price_high),
        price_low=price_low,
        price_high=price_high,
    )
    if width_limit is not None and interval.width > width_limit:
        precision = f"known to {tick:g} yen (price_tick)" if tick > 0.0 else f"within {tol:g} yen"
        raise NotComputableError(
            f"option_price {price!r} {precision} is insensitive to volatility: every volatility "
            f"from {interval.low:.4f} to {interval.high:.4f} reproduces it, wider than "
            f"{width_limit:g}"
        )
    return interval


def implied_volatility(
    *,
    option_price: float,
    share_price: float,
    exercise_price: float,
    term_years: float,
    risk_free_rate: float,
    dividend_yield: float = 0.0,
    price_tolerance: float = 1e-6,
    price_tick: float = 1.0,
    volatility_tolerance: float = _IDENTIFIABLE_WIDTH,
) -> float:
    """Volatility at which :func:`bsm_call_price` equals ``option_price``, if the price says.

    The call price rises with volatility from the discounted intrinsic value
    ``L = max(S e^(-qT) - X e^(-rT), 0)`` (sigma = 0) towards ``S e^(-qT)``. For a 1-yen
    right that whole range is narrower than ``X e^(-rT)``, i.e. below one yen: a price rounded to
    the yen then says almost nothing about volatility (at S = 2000, X = 1, T = 15 a price to the
    yen fits every volatility from 0 to 2). This function therefore takes the price's precision
    ``price_tick`` (default 1.0: a price rounded to the yen, as prices are published) and

    - finds the interval of volatilities consistent with it
      (:func:`implied_volatility_interval`);
    - raises :class:`NotComputableError` when that interval is wider than
      ``volatility_tolerance`` (default 0.01, one volatility point): any single answer would be
      arbitrary; the message gives the interval;
    - raises :class:`NotComputableError` when no volatility in [0, 2] reproduces the price;
    - otherwise returns the volatility that reproduces ``option_price`` itself (Brent, 1e-12).

    For an exact price (a model price, a price to many decimals) pass ``price_tick=0``; then
    ``price_tolerance`` (yen) is the precision, as before.

    Parameters
    ----------
    option_price : float
        Observed price per share, yen, >= 0.
    share_price, exercise_price, term_years, risk_free_rate, dividend_yield
        As in :func:`bsm_call_price`; ``term_years`` must be > 0 here.
    price_tolerance : float
        Yen; the precision of an exact price (``price_tick=0``). Default 1e-6.
    price_tick : float
        Yen, >= 0: the step the price was rounded to. Default 1.0.
    volatility_tolerance : float
        Decimal, > 0: the widest interval of consistent volatilities accepted. Default 0.01.

    Returns
    -------
    float
        Volatility, decimal per year.

    Raises
    ------
    InputError
        For invalid inputs.
    NotComputableError
        For the cases listed above; the message says which.

    References
    ----------
    R. Brent, *Algorithms for Minimization without Derivatives* (1973), ch. 4;
    Hull (10th ed.) §15.11.
    """
    return implied_volatility_interval(
        option_price=option_price,
        share_price=share_price,
        exercise_price=exercise_price,
        term_years=term_years,
        risk_free_rate=risk_free_rate,
        dividend_yield=dividend_yield,
        price_tick=price_tick,
        price_tolerance=price_tolerance,
        volatility_tolerance=volatility_tolerance,
    ).mid
